/**
 * The names of a document by meaning: what a dialect's `symbols` hook returns (a parameter, a
 * step, a pipeline node, a stream — each with the places that name it) and what its `outline`
 * hook returns (the document's structure for the quick outline and the breadcrumb). Plain data;
 * `core/assist/navigate.ts` answers go to definition, references, highlights and rename from it.
 */
import type { Path } from './path';

export type SymbolKind =
  | 'step'
  | 'task'
  | 'pipeline'
  | 'node'
  | 'endpoint'
  | 'deployment'
  | 'parameter'
  | 'input'
  | 'output'
  | 'environment-variable'
  | 'hyperparameter'
  | 'stream'
  | 'hook'
  | 'section'
  | 'anchor';

/**
 * Where a name is written:
 * - `value`: characters `from`..`to` (end exclusive) of the TEXT value at `path` — the whole
 *   value for `name: train` (0..5), a part for `{parameter:epochs}` inside a command or the
 *   node part of an edge's `train.output.model`;
 * - `key`: the mapping key whose value is at `path` (a Determined hyperparameter, an emloop
 *   `eval.<stream>` key);
 * - `text`: a raw range of the source (an anchor's `&name` or an alias's `*name`, without the sign).
 */
export type NamePlace =
  | { in: 'value'; path: Path; from: number; to: number }
  | { in: 'key'; path: Path }
  | { in: 'text'; range: [number, number] };

export interface NameUse {
  place: NamePlace;
  /** True where the name is defined (a step's `name:`), false where it is used. */
  definition: boolean;
}

export interface DocSymbol {
  /** Unique within the document, stable while the name and its container stay (e.g. `parameter:train:epochs`). */
  id: string;
  kind: SymbolKind;
  name: string;
  /** Where it belongs, for people: `step train`, `pipeline main`. */
  container?: string;
  /** Every place writing this name, definitions first. A symbol has at least one definition. */
  uses: NameUse[];
  /**
   * Why `to` cannot be the new name here (empty, taken by a sibling, not valid where the name is
   * used), or undefined when it can. Called before anything changes.
   */
  refuse(to: string): string | undefined;
  /** When nothing uses the definition and that is worth a hint (an unused parameter): why, in words. */
  unused?: string;
}

export interface OutlineItem {
  /** What the item is called in the outline (`train`, `parameters`, `learning_rate`). */
  name: string;
  /** Shown beside the name (`step`, `execution node`, `float`). */
  detail?: string;
  kind: SymbolKind;
  /** The whole item (its key and value), end exclusive. */
  range: [number, number];
  /** The part to select and reveal (the name), inside `range`. */
  selection: [number, number];
  children: OutlineItem[];
}
