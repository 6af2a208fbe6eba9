/**
 * Lists swallowed by a plain value: YAML folds the lines below a plain scalar into its text when
 * they are indented deeper than the key (or the `- `) it belongs to, so
 *
 *     image: python:3.6          environment_variables:
 *       - printenv                 - A=A
 *       - python --version            - B=B
 *
 * read as `image: "python:3.6 - printenv - python --version"` and as the one variable
 * `"A=A - B=B"`. The file is valid, it just means something else. Each such value gets a warning
 * at the first swallowed `- ` line saying what happened, and a fix when one is safe: a list item
 * indented like its siblings, or (for a mapping value) the lines put under the required key the
 * mapping lacks and that takes a list (a step's `command`). A fix is kept only if the text it
 * makes parses and the value ends where its first line ends.
 *
 * (A swallowed `key: value` line is a syntax error, not a silent change: the reader reports it.)
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ParsedDocument } from '../contracts/document';
import type { Diagnostic, Fix } from '../contracts/diagnostics';
import type { TextEdit } from '../contracts/change';
import type { Path } from '../contracts/path';
import type { JsonSchema } from '../contracts/schema';
import { locatePath } from '../document/paths';
import { applyTextEdits } from '../document/textEdits';
import { Text } from '../document/edit/text';
import { EntryMemo } from '../document/entryMemo';
import { schemaAtPath } from './schemaAtPath';

export const SWALLOWED_LIST = 'swallowed-list';

/** Where a plain scalar sits: under a key (with the key's column) or as a list item (with its dash's column). */
type Holder = { kind: 'key'; key: string; keyStart: number; map: Path } | { kind: 'item'; dash: number; list: Path };

interface Line {
  /** Offset of the line's first character, of its first non-blank one, and of its end (inside the scalar). */
  start: number;
  content: number;
  end: number;
}

/** Where a plain scalar sits, as the walk finds it (the path and the dash are worked out only for a value of several lines). */
type Place = { kind: 'key'; key: string; keyStart: number } | { kind: 'item'; itemStart: number };

export function swallowedLists(parsed: ParsedDocument, schema: JsonSchema): Diagnostic[] {
  // Nothing can be swallowed where no plain value goes on to a second line.
  if (parsed.plainScalarsOnOneLine) return [];
  const found: Diagnostic[] = [];
  const text = new Text(parsed.text);
  // One path, extended and shortened as the walk goes: every scalar of a 50,000-line file is visited.
  const path: (string | number)[] = [];
  const walk = (node: unknown, place: Place | undefined) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        path.push(key);
        walk(pair.value, node.flow ? undefined : { kind: 'key', key, keyStart: pair.key.range[0] });
        path.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const r = (item as Node | null)?.range;
        path.push(i);
        walk(item, r && !node.flow ? { kind: 'item', itemStart: r[0] } : undefined);
        path.pop();
      });
    } else if (isScalar(node) && node.type === 'PLAIN' && node.range && place) {
      const [from, to] = node.range;
      const nl = parsed.text.indexOf('\n', from);
      if (nl < 0 || nl >= to) return;
      const here = [...path];
      const parent = here.slice(0, -1);
      let holder: Holder;
      if (place.kind === 'key') holder = { ...place, map: parent };
      else {
        const dash = parsed.text.lastIndexOf('-', place.itemStart - 1);
        if (dash < 0) return;
        holder = { kind: 'item', dash, list: parent };
      }
      const d = examine(parsed, schema, text, from, to, here, holder);
      if (d) found.push(d);
    }
  };
  const root = parsed.doc.contents;
  const entries = Array.isArray(parsed.value) ? parsed.value : undefined;
  if (!isSeq(root) || root.flow || !entries || entries.length !== root.items.length) {
    walk(root, undefined);
    return found;
  }
  // A list file (valohai.yaml): each entry's findings are its own, kept while its text is unchanged.
  root.items.forEach((item, i) => {
    const r = (item as Node | null)?.range;
    const run = () => {
      const before = found.length;
      path.push(i);
      walk(item, r ? { kind: 'item', itemStart: r[0] } : undefined);
      path.pop();
      return found.splice(before);
    };
    const entry = entries[i];
    found.push(...(typeof entry === 'object' && entry !== null ? memoFor(schema).findings(parsed, i, entry, run) : run()));
  });
  return found;
}

/** Per schema: detection checks one reading against several dialects. */
const memos = new WeakMap<JsonSchema, EntryMemo>();
function memoFor(schema: JsonSchema): EntryMemo {
  let memo = memos.get(schema);
  if (!memo) memos.set(schema, (memo = new EntryMemo()));
  return memo;
}

function examine(parsed: ParsedDocument, schema: JsonSchema, text: Text, from: number, to: number, path: Path, holder: Holder): Diagnostic | undefined {
  const source = parsed.text.slice(from, to);
  if (!source.includes('\n')) return undefined;
  const lines: Line[] = [];
  for (let start = text.afterLine(from); start < to; start = text.afterLine(start)) {
    let content = start;
    while (parsed.text[content] === ' ' || parsed.text[content] === '\t') content++;
    lines.push({ start, content, end: Math.min(text.lineEnd(start), to) });
  }
  const first = lines.findIndex((l) => /^-( |$)/.test(parsed.text.slice(l.content, l.end)));
  if (first < 0) return undefined;
  const moved = lines.slice(first);
  const at = moved[0];
  const reads = source.replace(/\s*\n\s*/g, ' ');
  const firstLine = parsed.text.slice(from, text.lineEnd(from)).trimEnd();
  const message =
    holder.kind === 'item'
      ? `This line continues the list item above, which reads "${reads}": a \`- \` indented deeper than its item's own \`- \` is part of that item's text. To make it an item of its own, indent it like the item above.`
      : `This line continues the value of \`${holder.key}\`, which reads "${reads}": a \`- \` inside a plain value is text, not a list item. To make a list, put the items under a key of their own, indented below it.`;
  const d: Diagnostic = { severity: 'warning', message, path, range: [at.content, at.end], source: 'lint', code: SWALLOWED_LIST };
  const fix = holder.kind === 'item' ? reindentItems(parsed, text, moved, holder) : underMissingKey(parsed, schema, text, moved, holder);
  if (fix && keepsFirstLine(parsed.text, fix.edits, path, firstLine)) d.fixes = [fix];
  return d;
}

/** Shift the swallowed lines left (or right) so the first `- ` lines up with the item's own dash. */
function reindentItems(parsed: ParsedDocument, text: Text, moved: Line[], holder: { dash: number }): Fix | undefined {
  const target = text.col(holder.dash);
  const shift = target - text.col(moved[0].content);
  const edits: TextEdit[] = [];
  for (const l of moved) {
    const col = text.col(l.content) + shift;
    if (col < target) return undefined;
    edits.push({ offset: l.start, length: l.content - l.start, insert: ' '.repeat(col) });
  }
  const count = moved.filter((l) => /^-( |$)/.test(parsed.text.slice(l.content, l.end))).length;
  return { title: count > 1 ? `Make these ${count} lines list items of their own` : 'Make this line a list item of its own', edits };
}

/** Put the swallowed lines under the first required key the mapping lacks that takes a list. */
function underMissingKey(parsed: ParsedDocument, schema: JsonSchema, text: Text, moved: Line[], holder: { keyStart: number; map: Path }): Fix | undefined {
  const mapSchema = schemaAtPath(schema, parsed.value, holder.map);
  const map = locatePath(parsed.doc, holder.map).node;
  if (!mapSchema || !isMap(map)) return undefined;
  const present = new Set(map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  const required = Array.isArray(mapSchema.required) ? (mapSchema.required as string[]) : [];
  const key = required.find((k) => !present.has(k) && takesList(schemaAtPath(schema, parsed.value, [...holder.map, k])));
  if (!key) return undefined;
  const pad = text.col(holder.keyStart);
  const base = text.col(moved[0].content);
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  for (const [i, l] of moved.entries()) {
    const col = pad + 2 + text.col(l.content) - base;
    if (col < pad + 2) return undefined;
    const lead = i === 0 ? `${' '.repeat(pad)}${key}:${eol}` : '';
    edits.push({ offset: l.start, length: l.content - l.start, insert: lead + ' '.repeat(col) });
  }
  return { title: `Put these lines under \`${key}:\``, edits };
}

function takesList(s: JsonSchema | undefined): boolean {
  if (!s) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('array')) return true;
  const branches = [...((s.anyOf as JsonSchema[] | undefined) ?? []), ...((s.oneOf as JsonSchema[] | undefined) ?? [])];
  return branches.some((b) => b.type === 'array' || (Array.isArray(b.type) && b.type.includes('array')));
}

/** The fixed text parses, and the value at `path` is now just its first line. */
function keepsFirstLine(source: string, edits: TextEdit[], path: Path, firstLine: string): boolean {
  const fixed = applyTextEdits(source, edits);
  const doc = parseDocument(fixed);
  if (doc.errors.length > 0) return false;
  const node = locatePath(doc, path).node;
  return isScalar(node) && !!node.range && fixed.slice(node.range[0], node.range[1]) === firstLine;
}
