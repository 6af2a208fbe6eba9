/**
 * The edit engine's vocabulary: what a caller asks for (an EditIntent), what it gets back (an
 * EditPlan) and the one error it throws. Apart from the machinery so that the form, the store and
 * the graph can speak intents without loading the planner's internals into their types.
 */
import type { Path } from '../../contracts/path';
import type { EditIntent, TextEdit } from '../../contracts/change';

export type { EditIntent };


export interface EditPlan {
  /** Offsets refer to the text the plan was made for, as applyTextEdits expects. */
  edits: TextEdit[];
  /** Where the written scalar's source (or the renamed key) sits in the NEW text. */
  valueRange?: [number, number];
  /** The written scalar's style. */
  style?: string;
}

/** The intent cannot be applied to this document; the message says why in a person's words. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/** A path as people read it: `parameters[0].default`. */
export function formatPath(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('') || 'the document';
}

/**
 * An edit as the planner makes it: it still knows where the written scalar sits inside its
 * `insert`, so the plan can tell the form where the new value is without searching the text.
 */
export interface PlannedEdit extends TextEdit {
  /** The Leaf's position inside `insert`. */
  leaf?: [number, number];
  /** The Leaf's style. */
  style?: string;
}

/** Drop no-op edits, strip Leaf markers, and place the Leaf in the new text. */
export function finish(planned: PlannedEdit[]): EditPlan {
  const all = [...planned].sort((a, b) => a.offset - b.offset);
  let valueRange: [number, number] | undefined;
  let style: string | undefined;
  let shift = 0;
  for (const e of all) {
    if (e.leaf) {
      valueRange = [e.offset + shift + e.leaf[0], e.offset + shift + e.leaf[1]];
      style = e.style;
    }
    shift += e.insert.length - e.length;
  }
  const edits = all.filter((e) => e.length || e.insert).map(({ offset, length, insert }) => ({ offset, length, insert }));
  return { edits, ...(valueRange ? { valueRange } : {}), ...(style ? { style } : {}) };
}
