/**
 * Go to definition, find references, highlights and rename at a cursor, from the document's
 * symbols (`./symbols.ts`). Rename writes only the characters of each use, in the quoting the
 * use already has; where that would read back differently (a name that needs quotes in a plain
 * value, an escape in a double-quoted one) or the value's source does not map exactly (a folded
 * block), that one value is re-written by the edit engine instead. The result is checked by
 * reading it back: every renamed value must read exactly the old value with the name replaced.
 *
 * Usage:
 *   navigateAt(dialect, parsed, offset)                 → { name, kind, definitions, references } | null
 *   prepareRename(dialect, parsed, offset)              → { range, name } | { refuse }
 *   planRename(dialect, parsed, offset, 'lr')           → { edits } (throws EditError with the reason)
 */
import { isScalar, type Node } from 'yaml';
import type { TextEdit } from '../contracts/change';
import type { Dialect } from '../contracts/dialect';
import type { ParsedDocument } from '../contracts/document';
import type { Path } from '../contracts/path';
import type { DocSymbol, NamePlace, SymbolKind } from '../contracts/symbols';
import { EditError, planEdit, type EditIntent } from '../document/edit';
import { parseText } from '../document/parse';
import { locatePath } from '../document/paths';
import { applyTextEdits } from '../document/textEdits';
import { located, symbolsOf, type LocatedUse } from './symbols';

export interface Navigation {
  name: string;
  kind: SymbolKind;
  /** The name under the cursor. */
  at: [number, number];
  definitions: [number, number][];
  /** The uses that are not definitions. */
  references: [number, number][];
}

/** The symbol under the cursor with where it is defined and used; null when the cursor is on no name. */
export function navigateAt(dialect: Dialect, parsed: ParsedDocument, offset: number): Navigation | null {
  const hit = located(dialect, parsed).at(offset);
  if (!hit?.range) return null;
  const uses = located(dialect, parsed).usesOf(hit.symbol);
  const ranges = (definition: boolean) => uses.filter((u) => u.use.definition === definition && u.range).map((u) => u.range!);
  return { name: hit.symbol.name, kind: hit.symbol.kind, at: hit.range, definitions: ranges(true), references: ranges(false) };
}

/** The name a rename at the cursor would change, or why nothing can be renamed there. */
export function prepareRename(dialect: Dialect, parsed: ParsedDocument, offset: number): { range: [number, number]; name: string } | { refuse: string } {
  if (!parsed.ok) return { refuse: 'The text has errors; fix them before renaming' };
  const hit = located(dialect, parsed).at(offset);
  if (!hit?.range) return { refuse: 'There is no name here that can be renamed (a step, parameter, input, node, stream, anchor…)' };
  return { range: hit.range, name: hit.symbol.name };
}

/** A value (or key) holding one or more uses, with what it must read as after the rename. */
interface Holder {
  place: NamePlace;
  uses: LocatedUse[];
  expected: string;
}

function holderKey(place: NamePlace): string {
  return place.in === 'text' ? `text:${place.range[0]}` : `${place.in}:${JSON.stringify(place.path)}`;
}

function currentText(parsed: ParsedDocument, place: NamePlace): string | undefined {
  if (place.in === 'text') return parsed.text.slice(place.range[0], place.range[1]);
  const found = locatePath(parsed.doc, place.path);
  if (found.depth !== place.path.length) return undefined;
  const node = (place.in === 'key' ? found.pair?.key : found.node) as Node | undefined;
  return isScalar(node) ? String(node.value) : undefined;
}

/** The new value of a holder: every use's characters replaced, from the last one back. */
function renamedValue(parsed: ParsedDocument, place: NamePlace, uses: LocatedUse[], to: string): string {
  const old = currentText(parsed, place) ?? '';
  if (place.in !== 'value') return to;
  const parts = uses.map((u) => u.use.place as Extract<NamePlace, { in: 'value' }>).sort((a, b) => b.from - a.from);
  return parts.reduce((text, p) => text.slice(0, p.from) + to + text.slice(p.to), old);
}

/**
 * Whether the holder reads as expected in the renamed text, where renamed keys have moved the
 * paths through them (an emloop `eval.valid` key and its own `stream_names` items).
 */
function reads(parsed: ParsedDocument, holder: Holder, keys: Holder[], edits: TextEdit[]): boolean {
  if (!parsed.ok) return false;
  const place = holder.place;
  if (place.in === 'text') {
    const start = moved(place.range[0], edits);
    return parsed.text.slice(start, start + holder.expected.length) === holder.expected;
  }
  const path = place.path.map((seg, i) => {
    const moved = keys.find((k) => k.place.in === 'key' && k.place.path.length === i + 1 && place.path.slice(0, i + 1).every((s, j) => s === (k.place as { path: Path }).path[j]));
    return moved ? moved.expected : seg;
  });
  return currentText(parsed, { ...place, path }) === holder.expected;
}

/**
 * The edits that rename the symbol at `offset` to `to`: every definition and use, as one change.
 * Throws EditError, before anything changes, when `to` is refused or the result would not read back.
 */
export function planRename(dialect: Dialect, parsed: ParsedDocument, offset: number, to: string): { edits: TextEdit[] } {
  if (!parsed.ok) throw new EditError('The text has errors; fix them before renaming');
  const hit = located(dialect, parsed).at(offset);
  if (!hit) throw new EditError('There is no name here that can be renamed');
  return renameSymbol(dialect, parsed, hit.symbol, to);
}

/** Per version: the value paths (as JSON) defining a name that is used elsewhere, with how often. */
const useCounts = new WeakMap<ParsedDocument, { dialect: Dialect; counts: Map<string, number> }>();

/**
 * How many places (not definitions) use the name the value at `path` defines: 0 when it defines
 * none. A form asks this of every name field it shows, so the answers for one version are kept —
 * only for the names in use, not the symbol table itself: that table is kept for go to definition
 * and rename, which ask for places again and again, and is 3 MB at 50,000 lines.
 */
export function usesOfDefinition(dialect: Dialect, parsed: ParsedDocument, path: Path): number {
  let hit = useCounts.get(parsed);
  if (!hit || hit.dialect !== dialect) {
    const counts = new Map<string, number>();
    // The first symbol defined at a path answers for it (as symbolDefinedAt finds it).
    const seen = new Set<string>();
    for (const symbol of symbolsOf(dialect, parsed)) {
      const uses = symbol.uses.filter((u) => !u.definition).length;
      for (const u of symbol.uses) {
        if (!u.definition || u.place.in !== 'value') continue;
        const key = JSON.stringify(u.place.path);
        if (!seen.has(key) && uses > 0) counts.set(key, uses);
        seen.add(key);
      }
    }
    hit = { dialect, counts };
    useCounts.set(parsed, hit);
  }
  return hit.counts.get(JSON.stringify(path)) ?? 0;
}

/** The symbol whose definition is the value at `path` (a form's name field), if any. */
export function symbolDefinedAt(dialect: Dialect, parsed: ParsedDocument, path: Path): DocSymbol | undefined {
  const key = JSON.stringify(path);
  return located(dialect, parsed).symbols.find((s) => s.uses.some((u) => u.definition && u.place.in === 'value' && JSON.stringify(u.place.path) === key));
}

export function renameSymbol(dialect: Dialect, parsed: ParsedDocument, symbol: DocSymbol, to: string): { edits: TextEdit[] } {
  const refusal = symbol.refuse(to);
  if (refusal) throw new EditError(refusal);
  if (to === symbol.name) return { edits: [] };

  const holders = new Map<string, Holder>();
  for (const u of located(dialect, parsed).usesOf(symbol)) {
    const key = holderKey(u.use.place);
    const h = holders.get(key) ?? { place: u.use.place, uses: [], expected: '' };
    h.uses.push(u);
    holders.set(key, h);
  }
  for (const h of holders.values()) h.expected = renamedValue(parsed, h.place, h.uses, to);

  // First choice: only the name's characters, where every use of the holder maps onto the source.
  const exact = [...holders.values()].filter((h) => h.uses.every((u) => u.range));
  const direct = (hs: Holder[]) => hs.flatMap((h) => h.uses.map((u) => ({ offset: u.range![0], length: u.range![1] - u.range![0], insert: to })));
  const options = dialect.yaml;
  const all = [...holders.values()];
  const keys = all.filter((h) => h.place.in === 'key');
  const tried = sorted(direct(exact));
  const trial = parseText(applyTextEdits(parsed.text, tried), options);
  // A holder that read back wrong is re-written whole; the exact edits of the others stay.
  const keep = exact.filter((h) => reads(trial, h, keys.filter((k) => exact.includes(k)), tried));
  const rewrite = all.filter((h) => !keep.includes(h));
  if (rewrite.some((h) => h.place.in === 'text')) throw new EditError(`"${to}" cannot be written as an anchor name here`);

  // Values first, then keys from the deepest: a renamed key would move the paths below it.
  const pathOf = (h: Holder) => (h.place as { path: Path }).path;
  const values = rewrite.filter((h) => h.place.in === 'value');
  const keyed = rewrite.filter((h) => h.place.in === 'key').sort((a, b) => pathOf(b).length - pathOf(a).length);
  const intents: EditIntent[] = [
    ...values.map((h): EditIntent => ({ kind: 'set', path: pathOf(h), value: h.expected, as: 'string' })),
    ...keyed.map((h): EditIntent => ({ kind: 'renameKey', path: pathOf(h), to: h.expected })),
  ];
  const edits = sorted([...direct(keep), ...(intents.length ? planEdit(parsed, { kind: 'batch', intents }, { version: options.version }).edits : [])]);
  const after = parseText(applyTextEdits(parsed.text, edits), options);
  if (all.some((h) => !reads(after, h, keys, edits))) {
    throw new EditError(`Renaming to "${to}" would change how the file reads elsewhere — rename it in the text`);
  }
  return { edits };
}

/** Where `offset` of the old text is after `edits` (none of which covers it). */
function moved(offset: number, edits: TextEdit[]): number {
  return edits.reduce((at, e) => (e.offset < offset ? at + e.insert.length - e.length : at), offset);
}

function sorted(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.offset - b.offset);
}
