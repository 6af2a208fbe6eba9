/**
 * A quick reader for the block-style YAML that configs are written in, straight into the yaml
 * library's concrete syntax tree (CST): the very tokens its Parser would give, so the library's
 * Composer builds the same Document — nodes, ranges, comments, errors — from them.
 *
 * Why: the library's Lexer and Parser are generators that hand every lexeme through several
 * `yield*` levels and classify it by its text; on a 50,000-line file they took about 290 ms of
 * the 580 an `analyze` cost in Node. This reader goes line by line with character codes (about
 * 30 ms there); `CstBuilder` groups its tokens as the Parser does.
 *
 * It reads a subset: block mappings and sequences; plain and quoted scalars on one line; flow
 * sequences and mappings of such scalars on one line; literal and folded block scalars without
 * an indentation digit; comments, blank lines and one leading `---`. For anything else —
 * nested or multi-line flow collections, anchors, aliases, tags, explicit keys, directives and
 * further documents, tabs, a carriage return that does not end a line (or line ends of both
 * kinds), a byte order mark, a scalar that goes on to the next line, an indented or missing
 * first line, and the shapes the Parser reads as errors — it
 * answers `undefined` and the caller uses the library's own Parser. So it never changes what a
 * file means; the tests compare its tokens with the Parser's on every config we have, on the
 * YAML test suite, and on generated and randomly edited documents.
 *
 * Usage: `const tokens = blockTokens(text) ?? [...new Parser().parse(text)]`.
 */
import type { CST } from 'yaml';
import { CstBuilder, UNSUPPORTED, unsupported, type Settle, type TokenType } from './cstBuilder';

type CollectionItem = CST.CollectionItem;

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const BRACKET = 91;
const BRACE = 123;
const FLOW_INDICATOR = new Set([COMMA, BRACKET, 93, BRACE, 125]);

/** Characters that cannot start a plain scalar here, or start something outside the subset. */
const NOT_PLAIN_START = new Set('[]{}&*!|>%@`,\'"#?:'.split('').map((c) => c.charCodeAt(0)));

/**
 * The library's Parser tokens for `text`, or undefined when the text is outside the subset.
 * With `settle`, each item of the document's top collection is handed to it as soon as it is
 * final, with its positions in `text`, and the tokens returned lack those items (see CstBuilder).
 */
export function blockTokens(text: string, settle?: Settle): CST.Token[] | undefined {
  if (/[\t\uFEFF]/.test(text)) return undefined;
  const crlf = text.includes('\r');
  const lf = crlf ? text.replaceAll('\r\n', '\n') : text;
  // A CR is read only as half of a CRLF line end, in a text whose every line ends so.
  const breaks = crlf ? lineBreaks(lf) : [];
  if (crlf && (lf.includes('\r') || breaks.length !== text.length - lf.length)) return undefined;
  try {
    const move = crlf ? toCrlf(breaks) : undefined;
    // A CRLF text's items are moved before they are handed on (the collection itself at the end, with the rest).
    const handOn: Settle | undefined = settle && move ? (collection, index, offset) => (move.token(collection.items[index]), settle(collection, index, move.offset(offset))) : settle;
    const tokens = new BlockReader(lf, handOn).read();
    if (move) for (const t of tokens) move.token(t);
    return tokens;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

/**
 * Makes the tokens of a text's LF version (its line feeds at `breaks`) those of the text itself,
 * whose lines all end in CRLF (as files saved on Windows do): every position is one further per
 * line break before it, and a line break's source is `\r\n`, in a block scalar's source too.
 * The Parser reads a CRLF as one line break in the same places, so nothing else differs (the
 * tests compare both on every text they read). `token` moves one token, or one collection item,
 * with all it holds; `offset` tells where an LF text's offset is in the CRLF text.
 */
function toCrlf(breaks: readonly number[]): { token: (t: CST.Token | CollectionItem) => void; offset: (offset: number) => number } {
  // Tokens mostly come in text order: the breaks before each are counted on from the last one's.
  let before = 0;
  const moved = (offset: number) => {
    while (before < breaks.length && breaks[before] < offset) before++;
    while (before > 0 && breaks[before - 1] >= offset) before--;
    return offset + before;
  };
  const tokenList = (list: readonly CST.Token[] | undefined) => {
    if (list) for (const t of list) token(t);
  };
  const item = (it: CollectionItem) => {
    tokenList(it.start);
    token(it.key);
    tokenList(it.sep);
    token(it.value);
  };
  const token = (t: CST.Token | CollectionItem['key'] | undefined): void => {
    if (!t) return;
    t.offset = moved(t.offset);
    switch (t.type) {
      case 'newline':
        t.source = '\r\n';
        break;
      case 'block-scalar':
        tokenList(t.props);
        t.source = t.source.replaceAll('\n', '\r\n');
        break;
      case 'document':
        tokenList(t.start);
        token(t.value);
        tokenList(t.end);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (t.type === 'flow-collection') token(t.start);
        for (const it of t.items) item(it);
        if (t.type === 'flow-collection') tokenList(t.end);
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        tokenList(t.end);
        break;
    }
  };
  // One offset alone (a collection's start, asked again with each of its items): the breaks before it found by halving.
  const offset = (at: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (breaks[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return at + lo;
  };
  return { token: (t) => ('type' in t ? token(t) : item(t)), offset };
}

/** Where the text's line feeds are. */
function lineBreaks(text: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) at.push(i);
  return at;
}

/** The text's lines, scanned by character code into tokens for the builder. */
class BlockReader {
  private readonly cst: CstBuilder;

  constructor(
    private readonly text: string,
    settle?: Settle,
  ) {
    this.cst = new CstBuilder(settle);
  }

  read(): CST.Token[] {
    const t = this.text;
    const n = t.length;
    let document = false;
    let p = 0;
    while (p < n) {
      const lineStart = p;
      let q = p;
      while (t.charCodeAt(q) === SPACE) q++;
      const c = t.charCodeAt(q);
      const content = q < n && c !== NEWLINE && c !== HASH;
      if (content && q === p && (t.startsWith('---', p) || t.startsWith('...', p) || c === 37 /* % */)) {
        // Only a `---` that opens the one document, alone on its line, is read here.
        if (document || !t.startsWith('---', p) || !this.emptyAt(p + 3)) unsupported();
        document = true;
        this.cst.openDocument(p);
        this.cst.emit('doc-start', p, '---');
        p = this.spaces(p + 3);
        p = this.lineEnd(t.charCodeAt(p) === HASH ? this.comment(p) : p);
        continue;
      }
      if (content && !document) {
        // The first line with content opens the document; one starting indented is left to the Parser.
        if (q > p) unsupported();
        document = true;
        this.cst.openDocument(p);
      }
      if (q > p) this.cst.emit('space', p, t.slice(p, q));
      p = q;
      if (p >= n) break;
      if (c === NEWLINE) {
        this.cst.emit('newline', p, '\n');
        p++;
      } else if (c === HASH) {
        p = this.lineEnd(this.comment(p));
      } else {
        p = this.content(p, lineStart);
      }
    }
    if (!document) unsupported();
    return this.cst.finish();
  }

  /** A line's content from `p`: sequence indicators, then a key and its value, or a value. */
  private content(p: number, lineStart: number): number {
    const t = this.text;
    let holder = -1; // the column of what holds a value on this line: the last dash or the key
    while (t.charCodeAt(p) === DASH && this.emptyAt(p + 1)) {
      holder = p - lineStart;
      this.cst.emit('seq-item-ind', p, '-');
      p = this.spaces(p + 1);
    }
    if (p >= t.length) return p;
    const c = t.charCodeAt(p);
    if (c === NEWLINE || c === HASH) return this.lineEnd(c === HASH ? this.comment(p) : p);
    if (c === 124 /* | */ || c === 62 /* > */ || c === BRACKET || c === BRACE) {
      if (holder < 0) unsupported();
      return c === BRACKET || c === BRACE ? this.flowCollection(p, holder) : this.blockScalar(p, holder);
    }
    const end = this.scalarEnd(p);
    if (t.charCodeAt(end) === COLON && this.emptyAt(end + 1)) {
      this.cst.emit(this.scalarType(p), p, t.slice(p, end));
      this.cst.emit('map-value-ind', end, ':');
      return this.value(this.spaces(end + 1), p - lineStart);
    }
    if (holder < 0) unsupported(); // a scalar alone at the top, or a continuation line
    return this.scalarValue(p, end, holder);
  }

  /** What follows a key's `:` on its line. */
  private value(p: number, keyColumn: number): number {
    const t = this.text;
    if (p >= t.length) return p;
    const c = t.charCodeAt(p);
    if (c === NEWLINE || c === HASH) return this.lineEnd(c === HASH ? this.comment(p) : p);
    if (c === DASH && this.emptyAt(p + 1)) unsupported(); // a sequence on the key's line
    if (c === 124 || c === 62) return this.blockScalar(p, keyColumn);
    if (c === BRACKET || c === BRACE) return this.flowCollection(p, keyColumn);
    const end = this.scalarEnd(p);
    if (t.charCodeAt(end) === COLON) unsupported(); // `a: b: c`
    return this.scalarValue(p, end, keyColumn);
  }

  /** A scalar value from `p` to `end`, what trails it on its line, and the line's end. */
  private scalarValue(p: number, end: number, holder: number): number {
    this.cst.emit(this.scalarType(p), p, this.text.slice(p, end));
    return this.valueEnd(end, holder);
  }

  /**
   * A flow collection on one line, holding scalars only: `[a, "b"]`, `{k: v, k2: v2}`, `[]`, `{}`.
   * Nested collections, pairs in a sequence, keys without `:` and lines broken inside are left to
   * the Parser.
   */
  private flowCollection(p: number, holder: number): number {
    const t = this.text;
    const map = t.charCodeAt(p) === BRACE;
    const closer = map ? 125 /* } */ : 93; /* ] */
    this.cst.emit(map ? 'flow-map-start' : 'flow-seq-start', p, t[p]);
    p = this.spaces(p + 1);
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === closer) {
        this.cst.emit(map ? 'flow-map-end' : 'flow-seq-end', p, t[p]);
        return this.valueEnd(p + 1, holder);
      }
      if (c === COMMA) {
        this.cst.emit('comma', p, ',');
        p = this.spaces(p + 1);
        continue;
      }
      p = this.flowScalar(p);
      if (t.charCodeAt(p) === COLON && this.emptyAt(p + 1)) {
        if (!map) unsupported(); // a pair inside a sequence
        this.cst.emit('map-value-ind', p, ':');
        p = this.spaces(p + 1);
        const d = t.charCodeAt(p);
        if (d !== COMMA && d !== closer) p = this.flowScalar(p);
      } else if (map) unsupported(); // a key without a value
    }
  }

  /** A scalar inside a flow collection, and the spaces after it. */
  private flowScalar(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (p >= t.length || c === NEWLINE) unsupported(); // a line break inside
    if (c === DASH && (this.emptyAt(p + 1) || FLOW_INDICATOR.has(t.charCodeAt(p + 1)))) unsupported(); // `[-]`: an indicator
    const end = this.scalarEnd(p, true);
    this.cst.emit(this.scalarType(p), p, t.slice(p, end));
    return this.spaces(end);
  }

  /** After a value: spaces, a comment, and the line's end. */
  private valueEnd(end: number, holder: number): number {
    const t = this.text;
    let q = end;
    while (t.charCodeAt(q) === SPACE) q++;
    if (q > end) this.cst.emit('space', end, t.slice(end, q));
    const c = t.charCodeAt(q);
    if (c === HASH) {
      if (q === end) unsupported(); // `'a'#b`: a comment needs a space before it
      return this.lineEnd(this.comment(q));
    }
    if (q < t.length && c !== NEWLINE) unsupported(); // something else after the value (a quoted scalar or a collection)
    // A plain scalar goes on when the next line with content is indented past its holder; a
    // quoted one followed by such a line is an error. Both are the Parser's to read.
    if (q < t.length && this.nextContentIndent(q + 1) > holder) unsupported();
    return this.lineEnd(q);
  }

  /** The indentation of the next line that is neither blank nor a comment (-1 for none). */
  private nextContentIndent(p: number): number {
    const t = this.text;
    while (p < t.length) {
      let q = p;
      while (t.charCodeAt(q) === SPACE) q++;
      const c = t.charCodeAt(q);
      if (c === HASH) return -1;
      if (q < t.length && c !== NEWLINE) return q - p;
      p = q + 1;
    }
    return -1;
  }

  /**
   * The end of the scalar starting at `p` (exclusive): a quoted one's closing quote, or a plain
   * one's last character. In a flow collection (`inFlow`) a plain scalar also stops before `,`,
   * brackets and braces, and before a `:` they follow.
   */
  private scalarEnd(p: number, inFlow = false): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 /* " */) {
      for (let i = p + 1; i < t.length; i++) {
        const d = t.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) return i + 1;
        else if (d === NEWLINE) break;
      }
      unsupported(); // closes on a later line, or never
    }
    if (c === 39 /* ' */) {
      for (let i = p + 1; i < t.length; i++) {
        const d = t.charCodeAt(i);
        if (d === 39) {
          if (t.charCodeAt(i + 1) === 39) i++;
          else return i + 1;
        } else if (d === NEWLINE) break;
      }
      unsupported();
    }
    if (NOT_PLAIN_START.has(c)) unsupported(); // nesting and comments among them
    // A plain scalar stops before `: `, ` #` and the line's end; trailing spaces are not part of it.
    let end = p;
    for (let i = p; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === NEWLINE || (inFlow && FLOW_INDICATOR.has(d))) break;
      if (d === SPACE) {
        if (t.charCodeAt(i + 1) === HASH) break;
      } else if (d === COLON && (this.emptyAt(i + 1) || (inFlow && FLOW_INDICATOR.has(t.charCodeAt(i + 1))))) {
        // `key  :` (spaces before the colon) is read by the Parser with a space token between.
        if (end !== i) unsupported();
        return i;
      } else end = i + 1;
    }
    return end;
  }

  private scalarType(p: number): TokenType {
    const c = this.text.charCodeAt(p);
    return c === 34 ? 'double-quoted-scalar' : c === 39 ? 'single-quoted-scalar' : 'scalar';
  }

  /** A `|` or `>` header at `p`, its line, and the lines of its text. */
  private blockScalar(p: number, holder: number): number {
    const t = this.text;
    let i = p + 1;
    let keep = false;
    for (let c = t.charCodeAt(i); c === 43 /* + */ || c === DASH; c = t.charCodeAt(++i)) keep ||= c === 43;
    if (!this.emptyAt(i)) unsupported(); // an indentation digit, or text against the header
    this.cst.emit('block-scalar-header', p, t.slice(p, i));
    i = this.spaces(i);
    if (t.charCodeAt(i) === HASH) i = this.comment(i);
    if (t.charCodeAt(i) !== NEWLINE) unsupported(); // a header on the last line
    this.cst.emit('newline', i, '\n');
    const start = i + 1;
    const end = this.blockScalarEnd(start, holder + 1, keep);
    this.cst.blockScalarText(t.slice(start, end));
    return end;
  }

  /**
   * Where a block scalar's text ends (exclusive), the way the library's Lexer decides it: the
   * first line with content sets the indentation (at least `minIndent`); the text goes on over
   * lines indented that far and blank lines; then, unless `+` keeps them, trailing blank lines
   * that are not longer than that indentation are left out.
   */
  private blockScalarEnd(start: number, minIndent: number, keep: boolean): number {
    const t = this.text;
    const n = t.length;
    let nl = start - 1;
    let indent = 0;
    for (let i = start; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) indent++;
      else if (c === NEWLINE) {
        nl = i;
        indent = 0;
      } else break;
    }
    if (indent >= minIndent) {
      do {
        let k = nl + 1;
        while (t.charCodeAt(k) === SPACE) k++;
        if (t.charCodeAt(k) !== NEWLINE && k - (nl + 1) < indent) break;
        nl = t.indexOf('\n', k);
      } while (nl !== -1);
      if (nl === -1) nl = n;
    }
    if (!keep) {
      for (;;) {
        let j = nl - 1;
        const lastChar = j;
        while (t.charCodeAt(j) === SPACE) j--;
        if (t.charCodeAt(j) === NEWLINE && j >= start && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    return Math.min(nl + 1, n);
  }

  private emptyAt(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return i >= this.text.length || c === SPACE || c === NEWLINE;
  }

  /** Spaces from `p` as one token; the position after them. */
  private spaces(p: number): number {
    let q = p;
    while (this.text.charCodeAt(q) === SPACE) q++;
    if (q > p) this.cst.emit('space', p, this.text.slice(p, q));
    return q;
  }

  /** A comment from `p` to the line's end (its trailing spaces included, as the Lexer has them). */
  private comment(p: number): number {
    let q = this.text.indexOf('\n', p);
    if (q < 0) q = this.text.length;
    this.cst.emit('comment', p, this.text.slice(p, q));
    return q;
  }

  /** The newline at `p`, if the text has one there; the next line's start. */
  private lineEnd(p: number): number {
    if (p >= this.text.length) return p;
    if (this.text.charCodeAt(p) !== NEWLINE) unsupported();
    this.cst.emit('newline', p, '\n');
    return p + 1;
  }
}
