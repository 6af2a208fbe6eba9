import type { ChangeEvent } from 'react';
import { detectDialect, dialectById, dialects } from '../core/dialects';
import { downloadDocument, readDocumentFile } from './files';
import { useDocument, useDocumentStore } from './StoreContext';

export function Toolbar() {
  const store = useDocumentStore();
  const fileName = useDocument((s) => s.fileName);
  const notice = useDocument((s) => s.notice);
  const dialectId = useDocument((s) => s.dialectId);
  const dialectChoice = useDocument((s) => s.dialectChoice);

  async function onOpen(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = await readDocumentFile(file);
    if (!result.ok) {
      store.getState().setNotice(`Could not open ${file.name}: ${result.reason}`);
      return;
    }
    store.getState().load(result.text, file.name, detectDialect(file.name, result.text));
  }

  return (
    <header className="toolbar">
      <h1 className="brand">Pipewright</h1>
      <span className="file-name" title="Current file">
        {fileName}
      </span>
      <label className="button file-button">
        Open file
        <input type="file" className="visually-hidden" accept=".yaml,.yml,text/yaml,application/yaml,application/x-yaml,text/plain" onChange={onOpen} />
      </label>
      <button type="button" className="button" onClick={() => downloadDocument(store.getState().fileName, store.getState().text)}>
        Download
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
