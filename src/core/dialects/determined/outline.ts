/**
 * A Determined experiment config's outline: its top-level sections in order, each with a short
 * detail (the searcher's name, the image, the slots, the entrypoint...), and the hyperparameters
 * with the nested ones inside their nesting map (detail: the hyperparameter's `type`, `value` for
 * a plain one, `nested` for a nesting map). Only the hyperparameters have children: the other
 * sections are single items.
 *
 * Each item's range runs from its key to the end of its value (trailing blank lines left out);
 * its selection is the key. A child's range lies inside its parent's, so the chain of items
 * containing the cursor is the breadcrumb (`hyperparameters › conv › filters`).
 *
 * Usage: `determinedOutline(parsed)` → OutlineItem[]
 */
import { isMapping } from '../../guards';
import type { Document, Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { OutlineItem, SymbolKind } from '../../contracts/symbols';
import { namedPairs, rangeOfPath } from '../../document/paths';
import { hyperparameterTree, type HparamEntry } from './symbols';

const MAX_DETAIL = 40;

/** One line of at most MAX_DETAIL characters. */
function short(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

/** The key of the value at `path` through the end of the value, without the blank lines after it. */
function entryRanges(doc: Document.Parsed, text: string, path: Path): { range: [number, number]; selection: [number, number] } {
  const key = rangeOfPath(doc, path, 'key');
  let end = Math.max(key[1], rangeOfPath(doc, path, 'value')[1]);
  while (end > key[0] && /\s/.test(text[end - 1])) end--;
  // A list item has no key: its "key" is the item itself, trimmed the same way.
  return { range: [key[0], end], selection: [key[0], Math.min(key[1], end)] };
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function countLeaves(entries: HparamEntry[]): number {
  return entries.reduce((n, e) => n + (e.kind === 'nested' ? countLeaves(e.children) : 1), 0);
}

/** What a section is in a few words, from its value. */
function sectionDetail(key: string, value: unknown, hparams: HparamEntry[]): string | undefined {
  if (key === 'hyperparameters') return plural(countLeaves(hparams), 'hyperparameter');
  if (key === 'searcher') return isMapping(value) && typeof value.name === 'string' ? value.name : undefined;
  if (key === 'environment' && isMapping(value)) {
    const image = value.image;
    if (typeof image === 'string') return short(image);
    if (isMapping(image)) return `${Object.keys(image).join('/')} images`;
    return undefined;
  }
  if (key === 'resources' && isMapping(value)) {
    const slots = value.slots_per_trial;
    return typeof slots === 'number' ? `${plural(slots, 'slot')} per trial` : undefined;
  }
  if (key === 'checkpoint_storage' && isMapping(value)) return typeof value.type === 'string' ? value.type : undefined;
  if (key === 'entrypoint' && Array.isArray(value)) return short(value.map(String).join(' '));
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') && key === 'labels' ? short(value.join(', ')) : plural(value.length, 'item');
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return short(String(value));
}

function hparamItems(parsed: ParsedDocument, entries: HparamEntry[]): OutlineItem[] {
  return entries.map((e) => ({
    name: e.name,
    detail: e.kind,
    kind: 'hyperparameter' as SymbolKind,
    ...entryRanges(parsed.doc, parsed.text, e.path),
    children: hparamItems(parsed, e.children),
  }));
}

/** The top-level sections, the hyperparameters nested inside theirs. */
export function determinedOutline(parsed: ParsedDocument): OutlineItem[] {
  if (!parsed.ok) return [];
  const config = isMapping(parsed.value) ? parsed.value : {};
  const hparams = hyperparameterTree(parsed);
  return namedPairs(parsed.doc.contents as Node | null).map(({ key }) => ({
    name: key,
    detail: sectionDetail(key, config[key], hparams),
    kind: 'section' as SymbolKind,
    ...entryRanges(parsed.doc, parsed.text, [key]),
    children: key === 'hyperparameters' ? hparamItems(parsed, hparams) : [],
  }));
}
