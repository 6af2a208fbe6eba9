/**
 * The open documents as tabs: one per document, its file name, a mark when a disk file has
 * unsaved changes; arrow keys move between tabs. "Close" beside them closes the active one
 * (a tab list holds only tabs, so the button is not inside it).
 */
import { useStore } from 'zustand';
import type { KeyboardEvent } from 'react';
import { isUnsaved, type OpenDocument } from '../store/workspace';
import { useWorkspace, useWorkspaceStore } from '../store/react';

export const tabId = (id: string) => `tab-${id}`;
export const PANEL_ID = 'document-panel';

export function Tabs() {
  const docs = useWorkspace((s) => s.docs);
  const activeId = useWorkspace((s) => s.activeId);
  const ws = useWorkspaceStore();
  const onKeyDown = (e: KeyboardEvent) => {
    const index = docs.findIndex((d) => d.id === activeId);
    const to = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? docs.length - 1 : -2;
    if (to === -2) return;
    e.preventDefault();
    const next = docs[(to + docs.length) % docs.length];
    ws.getState().activate(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };
  const active = docs.find((d) => d.id === activeId);
  return (
    <div className="tab-strip">
      <div className="tabs" role="tablist" aria-label="Open documents" onKeyDown={onKeyDown}>
        {docs.map((doc) => (
          <Tab key={doc.id} doc={doc} active={doc.id === activeId} />
        ))}
      </div>
      {active && <CloseButton key={active.id} doc={active} />}
    </div>
  );
}

function CloseButton({ doc }: { doc: OpenDocument }) {
  const ws = useWorkspaceStore();
  const fileName = useStore(doc.store, (s) => s.fileName);
  const close = () => {
    if (isUnsaved(doc) && !window.confirm(`${fileName} has unsaved changes. Close it anyway?`)) return;
    ws.getState().close(doc.id);
  };
  return (
    <button type="button" className="small-button tab-close" aria-label={`Close ${fileName}`} title={`Close ${fileName}`} onClick={close}>
      Close
    </button>
  );
}

function Tab({ doc, active }: { doc: OpenDocument; active: boolean }) {
  const ws = useWorkspaceStore();
  const fileName = useStore(doc.store, (s) => s.fileName);
  const unsaved = useStore(doc.store, (s) => isUnsaved(doc, s));
  return (
    <button
        type="button"
        role="tab"
        id={tabId(doc.id)}
        aria-selected={active}
        aria-controls={PANEL_ID}
        tabIndex={active ? 0 : -1}
        className={`tab${active ? ' active' : ''}`}
        title={unsaved ? `${fileName} — unsaved changes` : fileName}
        onClick={() => ws.getState().activate(doc.id)}
      >
        {fileName}
        {unsaved && (
          <span className="tab-unsaved">
            <span aria-hidden="true"> ●</span>
            <span className="visually-hidden"> (unsaved changes)</span>
          </span>
        )}
    </button>
  );
}
