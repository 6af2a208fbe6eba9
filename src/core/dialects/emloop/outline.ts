/**
 * An emloop config.yaml's outline: its sections in order — `dataset` and `model` with their class,
 * `hooks` with each hook (named by its class, without the module), `main_loop` with the streams it
 * runs, `eval` with each stream's block and that block's own sections (its hooks inside) — and the
 * legacy `predict:` section outlined like an eval block, marked as ignored.
 *
 * Each item's range runs from its key (a hook: from its name) to the end of its value, trailing
 * blank lines left out; its selection is the key or the hook's name. A child's range lies inside
 * its parent's, so the chain of items containing the cursor is the breadcrumb
 * (`eval › predict › hooks › InferenceLoggingHook`).
 *
 * Usage: `emloopOutline(parsed)` → OutlineItem[]
 */
import { isMapping, valueAt } from '../../guards';
import type { Document, Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import type { OutlineItem } from '../../contracts/symbols';
import { namedPairs, rangeOfPath } from '../../document/paths';
import { hookItems } from './symbols';

const MAX_DETAIL = 40;

function short(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The key (or a list item) at `path` through the end of its value, without the blank lines after it. */
function entryRanges(doc: Document.Parsed, text: string, path: Path): { range: [number, number]; selection: [number, number] } {
  const key = rangeOfPath(doc, path, 'key');
  let end = Math.max(key[1], rangeOfPath(doc, path, 'value')[1]);
  while (end > key[0] && /\s/.test(text[end - 1])) end--;
  // A list item has no key: its "key" is the item itself, trimmed the same way.
  return { range: [key[0], end], selection: [key[0], Math.min(key[1], end)] };
}

/** The plain value at `path` (as emloop reads it, merge keys applied), or undefined. */

function hookOutline(parsed: ParsedDocument, path: Path): OutlineItem[] {
  const items = hookItems(parsed, path).filter((hook) => hook.name !== '');
  return items.map((hook) => {
    const dot = hook.name.lastIndexOf('.');
    const detail = hook.info ? hook.info.package : dot > 0 ? hook.name.slice(0, dot) : undefined;
    const { range, selection } = entryRanges(parsed.doc, parsed.text, hook.path);
    const nameRange = hook.nameAt === 'key' ? rangeOfPath(parsed.doc, [...hook.path, hook.name], 'key') : selection;
    return { name: hook.name.slice(dot + 1), detail, kind: 'hook' as const, range, selection: nameRange, children: [] };
  });
}

/** What a section is in a few words. */
function sectionDetail(key: string, value: unknown, topLevel: boolean): string | undefined {
  if ((key === 'dataset' || key === 'model') && isMapping(value)) return typeof value.class === 'string' ? short(value.class) : undefined;
  if (key === 'hooks' && Array.isArray(value)) return plural(value.length, 'hook');
  if (key === 'main_loop' && isMapping(value)) {
    // The streams it runs: at the top level the training stream is "train" unless named; an eval
    // block's main_loop replaces only what it writes.
    const written = typeof value.train_stream_name === 'string' ? value.train_stream_name : undefined;
    const train = written ?? (topLevel ? 'train' : undefined);
    const extra = Array.isArray(value.extra_streams) ? value.extra_streams.filter((s): s is string => typeof s === 'string') : [];
    const streams = [...(train === undefined ? [] : [train]), ...extra];
    return streams.length > 0 ? short(streams.join(', ')) : undefined;
  }
  if (key === 'eval' && isMapping(value)) return plural(Object.keys(value).length, 'stream');
  if (key === 'stream_names' && Array.isArray(value)) return short(value.map(String).join(', '));
  if (Array.isArray(value)) return plural(value.length, 'item');
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return short(String(value));
}

/** The sections of a mapping at `at` (the file, an eval block, the legacy predict section). */
function sections(parsed: ParsedDocument, node: unknown, at: Path): OutlineItem[] {
  return namedPairs(node).map(({ key, pair }) => {
    const path = [...at, key];
    const value = valueAt(parsed.value, path);
    const item: OutlineItem = {
      name: key,
      detail: sectionDetail(key, value, at.length === 0),
      kind: 'section',
      ...entryRanges(parsed.doc, parsed.text, path),
      children: [],
    };
    if (key === 'hooks') item.children = hookOutline(parsed, path);
    else if (at.length === 0 && key === 'eval') item.children = evalStreams(parsed, pair.value, path);
    else if (at.length === 0 && key === 'predict') {
      item.detail = 'ignored by emloop 0.2 (belongs in eval.predict)';
      item.children = sections(parsed, pair.value, path);
    }
    return item;
  });
}

function evalStreams(parsed: ParsedDocument, node: unknown, at: Path): OutlineItem[] {
  return namedPairs(node).map(({ key, pair }) => {
    const path = [...at, key];
    const block = valueAt(parsed.value, path);
    const names = isMapping(block) && Array.isArray(block.stream_names) ? block.stream_names.map(String) : undefined;
    return {
      name: key,
      detail: names ? short(`streams ${names.join(', ')}`) : undefined,
      kind: 'stream' as const,
      ...entryRanges(parsed.doc, parsed.text, path),
      children: sections(parsed, pair.value, path),
    };
  });
}

/** The sections of the file in order, hooks and eval streams inside theirs. */
export function emloopOutline(parsed: ParsedDocument): OutlineItem[] {
  if (!parsed.ok) return [];
  return sections(parsed, parsed.doc.contents as Node | null, []);
}
