/**
 * Positions in the raw text, and the document's layout habits. The planner edits the original
 * text by offsets (that is how comments, quoting and spacing elsewhere survive), so these helpers
 * answer "where does this line start or end" without splitting the text into lines; the layout
 * makes inserted lines look like the file's own (indentation, `- ` gap, quotes, CRLF).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';

// Text positions: offsets only, lines end with \n or \r\n. YAML's blanks are space and tab only.

export function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

export function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

export class Text {
  constructor(readonly s: string) {}
  get length(): number {
    return this.s.length;
  }
  lineStart(p: number): number {
    return this.s.lastIndexOf('\n', p - 1) + 1;
  }
  /** Offset of the line break ending the line that holds `p` (before a \r), or the text's end. */
  lineEnd(p: number): number {
    const i = this.s.indexOf('\n', p);
    if (i < 0) return this.s.length;
    return this.s[i - 1] === '\r' ? i - 1 : i;
  }
  /** Just past the line break of the line holding `p` (or the text's end). */
  afterLine(p: number): number {
    const i = this.s.indexOf('\n', p);
    return i < 0 ? this.s.length : i + 1;
  }
  /** Like afterLine for a content end `e` (exclusive): block scalars already end past their line break. */
  linesEnd(e: number): number {
    return e > 0 && this.s[e - 1] === '\n' ? e : this.afterLine(e);
  }
  /** Like lineEnd for a content end `e`: the line break of the line holding the character before `e`. */
  lineEndBefore(e: number): number {
    if (e > 0 && this.s[e - 1] === '\n') return this.s[e - 2] === '\r' ? e - 2 : e - 1;
    return this.lineEnd(e);
  }
  col(p: number): number {
    return p - this.lineStart(p);
  }
  /** Skip spaces, line breaks and comments. */
  skipBlank(p: number): number {
    const s = this.s;
    while (p < s.length) {
      const c = s[p];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') p++;
      else if (c === '#') p = this.lineEnd(p);
      else break;
    }
    return p;
  }
  /** Skip anchors and tags (`&a !!str`) after `p` on the same line; returns the end of the last one. */
  skipProps(p: number): number {
    for (;;) {
      let q = p;
      while (this.s[q] === ' ' || this.s[q] === '\t') q++;
      if (this.s[q] !== '&' && this.s[q] !== '!') return p;
      while (q < this.s.length && !/[\s,\]}]/.test(this.s[q])) q++;
      p = q;
    }
  }
  /** Walk back from `p` over anchors and tags written before it on the same line. */
  propsBefore(p: number): number {
    const before = this.s.slice(this.lineStart(p), p);
    const m = /(?<=^|[\s[{,])(?:[&!][^\s,[\]{}]*[ \t]+)+$/.exec(before);
    return m ? p - m[0].length : p;
  }
  isBlankBetween(a: number, b: number): boolean {
    return /^[ \t]*$/.test(this.s.slice(a, b));
  }
  /**
   * Removing the last lines of a text without a final newline starts here instead of at line
   * start `p`: just after the last non-blank character, so the text still ends without one.
   */
  tailStart(p: number): number {
    // YAML's blanks only (a trailing no-break space is content).
    return this.s.slice(0, p).replace(/[ \t\r\n]+$/, '').length;
  }
  endsWithNewline(): boolean {
    return this.s.length === 0 || this.s.endsWith('\n');
  }
}

// ---------------------------------------------------------------------------------------------
// The document's habits, used for new lines.

export interface Layout {
  eol: string;
  /** Indentation of a nested mapping below its key. */
  unit: number;
  /** Indentation of a block sequence below its key (0 for `key:\n- a`). */
  seqIndent: number;
  /** Spaces after `-` before an item's content. */
  gap: number;
  quote: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  /**
   * Aliases, explicit `? keys`, collection keys or document markers: rare in configs and full of
   * corner cases, so plans for such documents are checked by reading the result back.
   */
  exotic: boolean;
}

function mostCommon(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  for (const [k, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && k < best)) best = k;
  return best;
}

const layouts = new WeakMap<ParsedDocument, Layout>();

export function layoutOf(parsed: ParsedDocument): Layout {
  const cached = layouts.get(parsed);
  if (cached) return cached;
  const t = new Text(parsed.text);
  const units = new Map<number, number>();
  const seqIndents = new Map<number, number>();
  const gaps = new Map<number, number>();
  const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
  let single = 0;
  let double = 0;
  let exotic = /^(?:---|\.\.\.|%)/m.test(parsed.text);
  const blankAt = (i: number) => {
    const c = t.s.charCodeAt(i);
    return c === 32 || c === 9 || (c !== 10 && /\s/.test(t.s[i]));
  };
  // Whether the key starting at `at` follows a `?` on its line (an explicit key).
  const explicitKey = (at: number) => {
    let i = at - 1;
    while (i >= 0 && blankAt(i)) i--;
    return t.s[i] === '?';
  };
  // Every node once, parents first, as yaml's `visit` goes — which would also build a frozen path
  // array per node: at 50,000 lines that was most of a form's first keystroke (planned in the worker).
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      const key = node.key as Node | null;
      const v = node.value as Node | null;
      // Read once: a kept entry's node makes a new array on each read of its range.
      const keyAt = key?.range?.[0];
      const valueAt = v?.range?.[0];
      if (key && !isScalar(key)) exotic = true;
      if (keyAt !== undefined && explicitKey(keyAt)) exotic = true;
      if (keyAt !== undefined && valueAt !== undefined && t.lineStart(valueAt) > keyAt) {
        const d = t.col(valueAt) - t.col(keyAt);
        if (isMap(v) && !v.flow && d > 0) bump(units, d);
        if (isSeq(v) && !v.flow && d >= 0) bump(seqIndents, d);
      }
      walk(key);
      walk(v);
    } else if (isMap(node)) {
      for (const pair of node.items) walk(pair);
    } else if (isSeq(node)) {
      const at = node.flow ? undefined : node.range?.[0];
      const firstAt = (node.items[0] as Node | null)?.range?.[0];
      if (at !== undefined && firstAt !== undefined) {
        const between = t.s.slice(at + 1, firstAt);
        if (/^ +$/.test(between)) bump(gaps, between.length);
      }
      for (const item of node.items) walk(item);
    } else if (isScalar(node)) {
      if (node.type === 'QUOTE_SINGLE') single++;
      else if (node.type === 'QUOTE_DOUBLE') double++;
    } else if (isAlias(node)) exotic = true;
  };
  walk(parsed.doc.contents);
  const unit = mostCommon(units) ?? 2;
  const firstBreak = parsed.text.indexOf('\n');
  const layout: Layout = {
    eol: firstBreak > 0 && parsed.text[firstBreak - 1] === '\r' ? '\r\n' : '\n',
    unit,
    seqIndent: mostCommon(seqIndents) ?? unit,
    gap: mostCommon(gaps) ?? 1,
    quote: single > double ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE',
    exotic,
  };
  layouts.set(parsed, layout);
  return layout;
}
