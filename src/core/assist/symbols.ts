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

export interface LocatedUse {
  symbol: DocSymbol;
  use: NameUse;
  /** The name's characters in the source, or undefined when its value cannot be mapped exactly (a folded block, escapes). */
  range: [number, number] | undefined;
}

export interface LocatedSymbols {
  symbols: DocSymbol[];
  /** Every use of every symbol. */
  uses: LocatedUse[];
  /** The use whose name contains `offset` (its end included, as a cursor right after a name is still on it). */
  at(offset: number): LocatedUse | undefined;
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

/** The symbols of a well-formed document, located; an empty set for a text with errors. */
export function located(dialect: Dialect, parsed: ParsedDocument): LocatedSymbols {
  const hit = cache.get(parsed);
  if (hit && hit.dialect === dialect) return hit.located;
  const symbols = parsed.ok ? [...(dialect.symbols?.(parsed) ?? []), ...anchorSymbols(parsed)] : [];
  const uses: LocatedUse[] = symbols.flatMap((symbol) => symbol.uses.map((use) => ({ symbol, use, range: placeRange(parsed, use.place) })));
  const placed = uses.filter((u): u is LocatedUse & { range: [number, number] } => u.range !== undefined).sort((a, b) => a.range[0] - b.range[0]);
  const result: LocatedSymbols = {
    symbols,
    uses,
    at(offset) {
      // The last use starting at or before the offset; names never overlap.
      let lo = 0;
      let hi = placed.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (placed[mid].range[0] <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const use = found >= 0 ? placed[found] : undefined;
      return use && offset <= use.range[1] ? use : undefined;
    },
  };
  cache.set(parsed, { dialect, located: result });
  return result;
}
