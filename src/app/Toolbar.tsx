import { useState, type ChangeEvent } from 'react';
import { dialectById, dialects } from '../core/dialects';
import { openFileInTab, openFolder, saveActive } from './fileActions';
import { canPickFolder, pickFolder } from './projectFolder';
import { downloadDocument } from './files';
import { shareUrl } from './share';
import { SECRET_IN_FILE } from '../core/contracts/diagnostics';
import { useDocument, useDocumentStore, useWorkspaceStore } from '../store/react';

const templates = dialects.flatMap((d) => (d.templates ?? []).map((t) => ({ ...t, dialectId: d.id, group: d.label })));

export function Toolbar() {
  const store = useDocumentStore();
  const ws = useWorkspaceStore();
  const notice = useDocument((s) => s.notice);
  const dialectId = useDocument((s) => s.dialectId);
  const dialectChoice = useDocument((s) => s.dialectChoice);
  const [link, setLink] = useState<string | null>(null);

  async function onOpen(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) await openFileInTab(ws, file);
  }

  async function onOpenFolder() {
    try {
      const folder = await pickFolder();
      if (folder) await openFolder(ws, folder);
    } catch (e) {
      store.getState().setNotice(`Could not open the folder: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function onTemplate(e: ChangeEvent<HTMLSelectElement>) {
    const t = templates[Number(e.currentTarget.value)];
    e.currentTarget.value = '';
    if (t) ws.getState().open({ text: t.text, fileName: t.fileName, dialectId: t.dialectId, source: 'new' });
  }

  async function onShare() {
    const { fileName, text, dialectId: id, analysis } = store.getState();
    const secrets = analysis.diagnostics.filter((d) => d.code === SECRET_IN_FILE);
    if (secrets.length > 0) {
      const lines = [...new Set(secrets.map((d) => d.line))].join(', ');
      const question = `${fileName} holds what looks like ${secrets.length === 1 ? 'a secret' : `${secrets.length} secrets`} (line ${lines}). A share link carries the whole text: anyone with the link can read it. Share anyway?`;
      if (!window.confirm(question)) return;
    }
    try {
      const url = await shareUrl(location.href, { fileName, dialectId: id, text });
      setLink(url);
      await navigator.clipboard?.writeText(url).catch(() => {});
    } catch (e) {
      setLink(null);
      store.getState().setNotice(`Could not share ${fileName}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <header className="toolbar">
      <h1 className="brand">Pipewright</h1>
      <label className="button file-button">
        Open file
        <input type="file" multiple className="visually-hidden" accept=".yaml,.yml,text/yaml,application/yaml,application/x-yaml,text/plain" onChange={onOpen} />
      </label>
      {canPickFolder() && (
        <button type="button" className="button" onClick={() => void onOpenFolder()}>
          Open folder
        </button>
      )}
      <select className="field-input toolbar-select" aria-label="New from template" value="" onChange={onTemplate}>
        <option value="">New from template…</option>
        {dialects.map((d) => (
          <optgroup key={d.id} label={d.label}>
            {templates.map((t, i) =>
              t.dialectId === d.id ? (
                <option key={t.title} value={String(i)}>
                  {t.title}
                </option>
              ) : null,
            )}
          </optgroup>
        ))}
      </select>
      <button type="button" className="button" title="Save (Ctrl+S)" aria-keyshortcuts="Control+S" onClick={() => void saveActive(ws)}>
        Save
      </button>
      <button type="button" className="button" onClick={() => downloadDocument(store.getState().fileName, store.getState().text)}>
        Download
      </button>
      <button type="button" className="button" onClick={() => void onShare()}>
        Share
      </button>
      <span className="dialect-picker">
        <label htmlFor="dialect-select">Dialect</label>
        <select
          id="dialect-select"
          className="field-input"
          value={dialectId}
          aria-describedby="dialect-choice"
          onChange={(e) => {
            const d = dialectById(e.currentTarget.value);
            if (d) store.getState().setDialect(d);
          }}
        >
          {dialects.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        <span id="dialect-choice" className="dialect-choice">
          {dialectChoice === 'detected' ? 'detected' : 'chosen'}
        </span>
      </span>
      {link && (
        <p className="notice share-notice" role="status">
          <label htmlFor="share-link">Share link (copied; the document travels in the link, never to a server)</label>
          <input id="share-link" className="field-input" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="link-button" onClick={() => setLink(null)}>
            Dismiss
          </button>
        </p>
      )}
      {notice && (
        <p className="notice" role="alert">
          {notice}
          <button type="button" className="link-button" onClick={() => store.getState().setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
    </header>
  );
}
