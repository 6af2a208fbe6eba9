/**
 * The language of change: every change to a document is a batch of text edits with an origin
 * saying who made it. Views, the store and the document service all speak it.
 */

export interface TextEdit {
  offset: number;
  /** Number of characters replaced (0 for a pure insertion). */
  length: number;
  insert: string;
}

/** Who made a change; 'dialect' changes no text (the document is read as another dialect). */
export type EditOrigin = 'init' | 'editor' | 'file' | 'form' | 'dialect';
