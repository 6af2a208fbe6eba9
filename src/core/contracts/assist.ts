/**
 * Plain data of the editor assistance (completion, hover, quick fixes): what the Monaco providers
 * receive from the core and what a dialect's optional `assist` hooks take and return.
 */
import type { JsonSchema } from './schema';
import type { ParsedDocument } from './document';
import type { Path } from './path';

export type CompletionKind = 'key' | 'value' | 'snippet' | 'reference';

export interface Completion {
  label: string;
  kind: CompletionKind;
  /** The type, shown beside the label (e.g. `string`, `object`, `enum`). */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /** Snippet syntax (`${1:placeholder}`, `${2|a,b|}`), already indented for the place it goes. */
  insertText: string;
  /** Offsets in the text to replace with `insertText` (end exclusive). */
  range: [number, number];
  sortText: string;
  preselect?: boolean;
  /** Text the editor filters by when it differs from the label (e.g. `step` for `- step:`). */
  filterText?: string;
}

export interface Hover {
  range: [number, number];
  markdown: string;
}

/** Where in the document the cursor is, as completion and hover need it. */
export interface AssistContext {
  text: string;
  offset: number;
  /**
   * `key`: a key goes here (into the mapping at `path`); `item`: a new list item goes here (into
   * the sequence at `path`, the line has no `- ` yet); `value`: the value at `path` is being typed.
   */
  kind: 'key' | 'value' | 'item';
  path: Path;
  /** The range the typed word occupies (what a completion replaces), and its text up to the cursor. */
  word: [number, number];
  prefix: string;
  /** For `key`: the line already has a `:` after the word (accepting a key then inserts the name only). */
  hasColon: boolean;
  /** Text to put before an inserted value (a space right after a bare `key:`). */
  lead: string;
  /** Column of the key or value being typed (where the children of a new block are indented from). */
  column: number;
  /** The document's indentation unit (spaces). */
  indentUnit: string;
  /** Keys already in the mapping at `path` (kind `key`). */
  existingKeys: string[];
  /** For `value`: whether the cursor is in a block, quoted or plain scalar of the original text. */
  inString: boolean;
  /** The document as parsed (the probe text when the cursor line did not parse as it is). */
  parsed: ParsedDocument;
  /** The document's plain value with the probe placeholder removed (undefined if unreadable). */
  value: unknown;
  /** YAML version the runtime reads with. */
  version: '1.1' | '1.2';
}

/** What a dialect hook sees: the context and the flattened schema at its path. */
export interface AssistHookInput {
  ctx: AssistContext;
  schema: JsonSchema | undefined;
}

export interface AssistHooks {
  /** Extra completions for the place (they are merged with the schema's, duplicates by label dropped). */
  completions?(input: AssistHookInput): Completion[];
  /** A hover for the place, or undefined to let the generic one speak. */
  hover?(input: AssistHookInput): Hover | undefined;
  /** Whole-item snippets offered where a new item of the sequence at `ctx.path` goes. */
  snippets?(input: AssistHookInput): Completion[];
}
