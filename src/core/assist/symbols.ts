/**
 * Every name of a document with the source range of each place that writes it: the dialect's
 * symbols (parameters, steps, nodes, streams…) plus the YAML anchors every dialect has. Built
 * once per parsed document (the document service keeps one parse per version) and sorted by
 * position, so the name under a cursor is a binary search away.
 *
 * Usage: `located(dialect, parsed).at(offset)` → the symbol and the use under the cursor.
 */
import { isAlias, visit, type Node } from 'yaml';
import type { Dialect } from '../contracts/dialect';
import type { ParsedDocument } from '../contracts/document';
import type { DocSymbol, NameUse } from '../contracts/symbols';
import { placeRange } from '../document/scalarSource';
import { pathAtOffset } from '../document/paths';
import type { Path } from '../contracts/path';

export interface LocatedUse {
  symbol: DocSymbol;
  use: NameUse;
  /** The name's characters in the source, or undefined when its value cannot be mapped exactly (a folded block, escapes). */
  range: [number, number] | undefined;
}

export interface LocatedSymbols {
  symbols: DocSymbol[];
  /** The use whose name contains `offset` (its end included, as a cursor right after a name is still on it). */
  at(offset: number): LocatedUse | undefined;
  /** Every use of `symbol`, located. */
  usesOf(symbol: DocSymbol): LocatedUse[];
}

/** Characters an anchor name cannot have (YAML 1.2 ns-anchor-char: no white space, no flow indicators). */
const NOT_ANCHOR = /[\s,[\]{}]/;

/**
 * The document's anchors with their aliases: `&name` defines, each `*name` after it (and before
 * the next `&name`) uses. Ranges cover the name without its sign.
 */
export function anchorSymbols(parsed: ParsedDocument): DocSymbol[] {
  const text = parsed.text;
  const out: DocSymbol[] = [];
  // Most files have no anchor: do not walk every node to find none.
  if (!text.includes('&')) return out;
  const current = new Map<string, DocSymbol>();
  const events: { at: number; run: () => void }[] = [];
  visit(parsed.doc, {
    Node(_key, node: Node) {
      if (isAlias(node)) {
        const range = node.range;
        if (!range) return;
        const name = node.source;
        events.push({
          at: range[0],
          run: () => current.get(name)?.uses.push({ place: { in: 'text', range: [range[0] + 1, range[0] + 1 + name.length] }, definition: false }),
        });
        return;
      }
      const anchor = node.anchor;
      if (!anchor || !node.range) return;
      // The anchor is written before the node's own range (with a tag and spaces or a line break between).
      const at = text.lastIndexOf(`&${anchor}`, node.range[0]);
      if (at < 0 || !NOT_ANCHOR.test(text[at + 1 + anchor.length] ?? ' ')) return;
      events.push({
        at,
        run: () => {
          const symbol: DocSymbol = {
            id: `anchor:${at}`,
            kind: 'anchor',
            name: anchor,
            container: 'YAML anchor',
            uses: [{ place: { in: 'text', range: [at + 1, at + 1 + anchor.length] }, definition: true }],
            refuse: (to) => refuseAnchor(to, anchor, out),
          };
          current.set(anchor, symbol);
          out.push(symbol);
        },
      });
    },
  });
  events.sort((a, b) => a.at - b.at).forEach((e) => e.run());
  return out;
}

function refuseAnchor(to: string, from: string, all: DocSymbol[]): string | undefined {
  if (to === '') return 'An anchor needs a name';
  if (NOT_ANCHOR.test(to)) return 'An anchor name cannot contain white space or any of , [ ] { }';
  if (to !== from && all.some((s) => s.name === to)) return `The anchor &${to} already exists: its aliases would change what they repeat`;
  return undefined;
}

const cache = new WeakMap<ParsedDocument, { dialect: Dialect; located: LocatedSymbols }>();

/**
 * The symbols of a well-formed document: those `located` keeps for it when it has been asked, or
 * built afresh and not kept (an empty list for a text with errors).
 */
export function symbolsOf(dialect: Dialect, parsed: ParsedDocument): DocSymbol[] {
  const hit = cache.get(parsed);
  if (hit && hit.dialect === dialect) return hit.located.symbols;
  return parsed.ok ? [...(dialect.symbols?.(parsed) ?? []), ...anchorSymbols(parsed)] : [];
}

/** Whether `path` is `prefix` (the first `length` segments of it). */
function samePath(path: Path, prefix: Path, length: number): boolean {
  if (path.length !== length) return false;
  for (let i = 0; i < length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/**
 * The symbols of a well-formed document (an empty set for a text with errors). Source ranges are
 * found only for what is asked: the uses written in the value (or key) at the cursor, then the
 * uses of that one symbol — a 5,000-line file has thousands of uses, and placing each costs a
 * walk from the root; even indexing them by path costs more than one scan per question.
 */
export function located(dialect: Dialect, parsed: ParsedDocument): LocatedSymbols {
  const hit = cache.get(parsed);
  if (hit && hit.dialect === dialect) return hit.located;
  const symbols = symbolsOf(dialect, parsed);
  const ranges = new Map<NameUse, [number, number] | undefined>();
  const place = (symbol: DocSymbol, use: NameUse): LocatedUse => {
    if (!ranges.has(use)) ranges.set(use, placeRange(parsed, use.place));
    return { symbol, use, range: ranges.get(use) };
  };
  const contains = (u: LocatedUse, offset: number) => u.range !== undefined && u.range[0] <= offset && offset <= u.range[1];
  const result: LocatedSymbols = {
    symbols,
    at(offset) {
      for (const symbol of symbols) {
        for (const use of symbol.uses) if (use.place.in === 'text' && contains(place(symbol, use), offset)) return place(symbol, use);
      }
      // The value (or key) at the cursor, and the keys above it: a key's own path is its value's.
      const path = pathAtOffset(parsed.doc, offset);
      for (let depth = path.length; depth >= 0; depth--) {
        for (const symbol of symbols) {
          for (const use of symbol.uses) {
            if (use.place.in === 'text' || !samePath(use.place.path, path, depth)) continue;
            const u = place(symbol, use);
            if (contains(u, offset)) return u;
          }
        }
      }
      return undefined;
    },
    usesOf(symbol) {
      return symbol.uses.map((use) => place(symbol, use));
    },
  };
  cache.set(parsed, { dialect, located: result });
  return result;
}
