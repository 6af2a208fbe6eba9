/**
 * Which document the page shows first: the saved session's active one (or its first), or on a
 * first visit the example. The entry (main.tsx) shows it in the first editor before the app is
 * loaded, and the app (start.tsx) opens the same one: both ask here.
 */
import { example } from '../core/dialects/valohai/example';
import type { SavedDocument, SavedSession } from './persistence';

/** The example a first visit opens, and its dialect. */
export const firstVisit = { ...example, dialectId: 'valohai' };

export function firstDocument(saved: SavedSession): { saved: SavedDocument | undefined; text: string; cursor: number } {
  const doc = saved.docs.find((d) => d.id === saved.activeId) ?? saved.docs[0];
  return doc ? { saved: doc, text: doc.text, cursor: doc.cursor } : { saved: undefined, text: firstVisit.text, cursor: 0 };
}

/** Where this tab keeps the token of the folder `pipewright open` serves (for its reloads). */
export const FOLDER_TOKEN_KEY = 'pipewright-folder-token';

/**
 * Whether the app may show a document other than `firstDocument`'s first, or another layout: a
 * shared document's link, or a folder `pipewright open` serves (its files beside the editor).
 * The page then waits for the app to draw its first screen.
 */
export const mayShowAnotherFirst = (hash: string, tabStorage: Pick<Storage, 'getItem'>) =>
  hash.startsWith('#share=') || hash.startsWith('#folder=') || tabStorage.getItem(FOLDER_TOKEN_KEY) !== null;
