/**
 * One Monaco model per open document, kept while the document is open: switching tabs swaps the
 * editor's model, so each document keeps its own undo history, cursor and scroll position.
 */
import type { DocumentStore } from '../store/documentStore';
import { monaco } from './monaco';

interface Entry {
  model: monaco.editor.ITextModel;
  view: monaco.editor.ICodeEditorViewState | null;
}

const entries = new Map<DocumentStore, Entry>();

/** The document's model, created from its text the first time. */
export function modelFor(store: DocumentStore): { model: monaco.editor.ITextModel; view: monaco.editor.ICodeEditorViewState | null; fresh: boolean } {
  const known = entries.get(store);
  if (known) return { ...known, fresh: false };
  const entry: Entry = { model: monaco.editor.createModel(store.getState().text, 'yaml'), view: null };
  entries.set(store, entry);
  return { ...entry, fresh: true };
}

/** The document shows `model`, made before its store (the first editor's, firstEditor.ts). */
export function adoptModel(store: DocumentStore, model: monaco.editor.ITextModel): void {
  entries.set(store, { model, view: null });
}

/** Remember where the editor was in this document (its tab is being left). */
export function keepViewState(store: DocumentStore, view: monaco.editor.ICodeEditorViewState | null): void {
  const entry = entries.get(store);
  if (entry) entry.view = view;
}

/** Drop the models of documents that are no longer open. */
export function releaseModels(open: readonly DocumentStore[]): void {
  for (const [store, entry] of entries) {
    if (open.includes(store)) continue;
    entry.model.dispose();
    entries.delete(store);
  }
}
