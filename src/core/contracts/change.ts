/**
 * The language of change: every change to a document is a batch of text edits with an origin
 * saying who made it. Views, the store and the document service all speak it.
 */

import type { Path } from './path';

export interface TextEdit {
  offset: number;
  /** Number of characters replaced (0 for a pure insertion). */
  length: number;
  insert: string;
}

/**
 * Who made a change: the first text ('init'), typing ('editor'), opening a file ('file'), the
 * form ('form'), the pipeline graph ('graph'). 'dialect' (read as another dialect), 'rename'
 * (saved under another name) and 'project' (the code beside it was read again) change no text,
 * only how it is read.
 */
export type EditOrigin = 'init' | 'editor' | 'file' | 'form' | 'graph' | 'dialect' | 'rename' | 'project';

/** The views that change the text by asking for an intent rather than typing it. */
export type IntentOrigin = Extract<EditOrigin, 'form' | 'graph'>;

/** The type a form field writes; `undefined` means "from the JS value" (5 → integer, 0.5 → float). */
export type ScalarType = 'string' | 'integer' | 'float' | 'boolean' | 'null';

/** What a caller asks the edit engine (`document/edit`) for; paths are the value's keys and indices. */
export type EditIntent =
  /** Replace the value at `path`; creates the missing key (and missing parent mappings) when absent. */
  | { kind: 'set'; path: Path; value: unknown; as?: ScalarType; /** what the person typed, kept when it reads back as `value` (e.g. `1.0e-3`) */ literal?: string }
  /** Remove a mapping key with its value, or a sequence item: exactly its lines (block) or its element and one comma (flow). */
  | { kind: 'delete'; path: Path }
  /**
   * Insert an item into the sequence at `path` (append without index); creates the sequence if
   * absent or null. `flow` writes a collection on one line (`[a, b]`), as short edge lists are.
   */
  | { kind: 'insert'; path: Path; index?: number; value: unknown; flow?: boolean }
  /** Move the sequence item at `path` (last segment = its index) to index `to`, its lines verbatim. */
  | { kind: 'move'; path: Path; to: number }
  /** Rename a mapping key, keeping everything else. */
  | { kind: 'renameKey'; path: Path; to: string }
  /**
   * Several intents as ONE change (one undo step): each is planned on the text the ones before it
   * leave, so later paths see earlier changes (delete items from the highest index down).
   */
  | { kind: 'batch'; intents: EditIntent[] };
