/**
 * Words for schema messages: what a JSON type is called, how a found value is described, and
 * how a place in the document is named — so every message reads the same way.
 *
 * Usage: `` `${keyLabel(path)} must be ${expectedTypes(['string'])}, not ${describeValue(true)}` ``
 *        → `"image" must be text, not a boolean (true)`
 */
import type { Path } from '../contracts/path';

const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'empty',
};

/** `['string', 'array']` → `text or a list`. */
export function expectedTypes(types: string | string[]): string {
  const list = Array.isArray(types) ? types : [types];
  // "a number or a whole number" says nothing more than "a number".
  const shown = list.includes('number') ? list.filter((t) => t !== 'integer') : list;
  return joinWords(
    shown.map((t) => TYPE_NOUNS[t] ?? t),
    'or',
  );
}

/** `['a', 'b', 'c']` → `a, b and c` (or `a, b or c`). */
export function joinWords(words: string[], conjunction: 'and' | 'or' = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** A short, quoted rendering of a scalar for messages; long text is cut. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(cut);
  }
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return 'nothing';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

/** What the value found is, for "must be X, not Y": `a boolean (true)`, `text ("abc")`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'string') return `text (${showValue(value)})`;
  if (value instanceof Date) return `a date (${value.toISOString().replace(/T00:00:00\.000Z$/, '')})`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

/** The JSON type ajv would see for a value. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function parentKey(path: Path): string | undefined {
  for (let i = path.length - 2; i >= 0; i--) {
    if (typeof path[i] === 'string') return String(path[i]);
  }
  return undefined;
}

function itemLabel(path: Path, quote: boolean): string {
  const index = Number(path[path.length - 1]) + 1;
  const parent = path.length >= 2 ? path[path.length - 2] : undefined;
  if (typeof parent === 'string') return `item ${index} of ${quote ? `"${parent}"` : parent}`;
  if (parent === undefined) return `item ${index}`;
  const outer = parentKey(path);
  return outer ? `item ${index} in ${quote ? `"${outer}"` : outer}` : `item ${index}`;
}

/** The value at `path` as the subject of a message: `"image"`, `item 2 of "nodes"`, `the document`. */
export function keyLabel(path: Path): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  return typeof last === 'number' ? itemLabel(path, true) : `"${last}"`;
}

/** A mapping at `path` named as a thing: `step`, `item 2 of nodes`, `the document`. */
export function nounLabel(path: Path): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  return typeof last === 'number' ? itemLabel(path, false) : String(last);
}

/** Messages start with the subject; only "the document" needs a capital at the start. */
export function sentence(text: string): string {
  return text.startsWith('the document') ? `T${text.slice(1)}` : text;
}
