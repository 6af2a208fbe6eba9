/**
 * The first document's editor, made before the rest of the page. The entry (main.tsx) creates it
 * in the page's static first screen (index.html) as soon as Monaco is evaluated, so the browser
 * paints the text without waiting for React, the stores and the app to be evaluated and drawn.
 * The app then takes it over, the same editor with its model, undo history, cursor and focus,
 * instead of making its own (`takeFirstModel` in start, `takeFirstEditor` in YamlEditor).
 *
 * Usage: `createFirstEditor(frame, text, cursor)`; later `adoptModel(store, takeFirstModel())`.
 */
import { monaco } from './monaco';
import { editorOptions, systemColorScheme } from './options';

export interface FirstEditor {
  editor: monaco.editor.IStandaloneCodeEditor;
  model: monaco.editor.ITextModel;
  /** The element Monaco was created in (and watches for its size): moved whole into the app's view. */
  frame: HTMLElement;
}

let first: FirstEditor | null = null;
let modelTaken = false;

export function createFirstEditor(frame: HTMLElement, text: string, cursor: number): void {
  const model = monaco.editor.createModel(text, 'yaml');
  const editor = monaco.editor.create(frame, editorOptions(model, systemColorScheme()));
  if (cursor > 0 && cursor <= text.length) {
    // A restored session: the cursor where it was.
    const pos = model.getPositionAt(cursor);
    editor.setPosition(pos);
    editor.revealPositionInCenter(pos);
  }
  first = { editor, model, frame };
  modelTaken = false;
}

/** The first editor's model, for the document it shows (once; null when there is none). */
export function takeFirstModel(): monaco.editor.ITextModel | null {
  if (!first || modelTaken) return null;
  modelTaken = true;
  return first.model;
}

/** The first editor, for the view that shows its model (once; null for any other model). */
export function takeFirstEditor(model: monaco.editor.ITextModel): FirstEditor | null {
  if (first?.model !== model) return null;
  const taken = first;
  first = null;
  return taken;
}

/** The first editor is not wanted (the app shows another document first): it goes, with its model unless that was taken. */
export function dropFirstEditor(): void {
  if (!first) return;
  first.editor.dispose();
  if (!modelTaken) first.model.dispose();
  first.frame.remove();
  first = null;
}
