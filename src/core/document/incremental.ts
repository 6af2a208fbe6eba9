/**
 * Re-parsing only what changed. A config is a list (or mapping) of top-level entries, each
 * starting at column 0; an edit touches one of them. The parser cuts the text at those starts,
 * parses each entry alone (cached by its text), shifts the cached nodes to where they now sit,
 * and joins them into one Document with absolute ranges — the same Document, value and
 * diagnostics a full parse gives, for a fraction of the work on a 5,000-line file.
 *
 * Whenever the cut might not be faithful — anchors and aliases (they reach across entries),
 * directives and document markers, any entry that does not parse on its own, entries that are
 * not all list items or all mapping keys — it parses the whole text instead.
 *
 * Usage: `const parser = new IncrementalParser(dialect.yaml); parser.parse(text)` on every version.
 */
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Document, type Node, type Schema } from 'yaml';
import type { Diagnostic } from '../contracts/diagnostics';
import { COLLECTION_KEY, countLines, DUPLICATE_KEY, duplicateKeyDiagnostics, parseText } from './parse';
import type { ParsedDocument, YamlOptions } from '../contracts/document';
import { StringPool } from './stringPool';
import { keepNode, keptNodeClasses, moveNode, rangedNodes } from './keptNodes';

/** Below this many entries a full parse is as quick as bookkeeping. */
const MIN_CHUNKS = 8;

/** Anchors, aliases, directives and document markers make entries depend on each other. */
const ENTANGLED = /(?:^|[\s[\]{},])[&*][^\s[\]{},]|^(?:---|\.\.\.|%)/m;

/**
 * One entry, parsed alone. Only what joining needs is kept — not the entry's own Document, its
 * options and its line index: 6,250 of those were 16 MB of a 50,000-line file's worker.
 */
interface Chunk {
  /** The length of its text (the text itself is the document's, from `offset`). */
  length: number;
  /** The entry's root collection (null for a piece that holds only comments). */
  root: Node | null;
  value: unknown;
  ok: boolean;
  /** Its errors stay inside it (see containedErrors): false means the whole text must be parsed. */
  usable: boolean;
  diagnostics: readonly Diagnostic[];
  commentBefore: string | null;
  /** Its plain scalars are all on one line (see ParsedDocument.plainScalarsOnOneLine); a piece of comments has none. */
  oneLine: boolean;
  /** Where the chunk's nodes are currently shifted to. */
  offset: number;
  /** What moveNode moves, gathered the first time the chunk moves after it was placed (see keptNodes). */
  ranges?: object[];
}

/**
 * Syntax errors that stay inside their entry: the reader recovers at the next line, so a full
 * parse reports exactly these and reads the following entries the same. Unclosed quotes and
 * brackets (MISSING_CHAR, BAD_INDENT) can swallow what follows and need the full parse.
 */
const LOCAL_ERRORS = new Set([
  'BAD_DQ_ESCAPE',
  'BAD_PROP_ORDER',
  'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY',
  'KEY_OVER_1024_CHARS',
  'MULTILINE_IMPLICIT_KEY',
  'MULTIPLE_TAGS',
  'NON_STRING_KEY',
  'TAB_AS_INDENT',
  'TAG_RESOLVE_FAILED',
  'UNEXPECTED_TOKEN',
]);

/**
 * Also, the entry's root collection must still hold all of the entry: when an error closes it
 * early, a full parse reads everything after it — the following entries too — as stray text.
 * And no error may run to the entry's end: a quote opened after a complete value (`"1""`) is an
 * unexpected token whose text goes on until a closing quote, in the next entries of the whole text.
 */
function containedErrors(p: ParsedDocument): boolean {
  if (p.doc.errors.length === 0 || !p.doc.errors.every((e) => LOCAL_ERRORS.has(e.code) && !/in YAML stream/.test(e.message))) return false;
  const end = p.text.length - (/\r?\n$/.exec(p.text)?.[0].length ?? 0);
  if (p.doc.errors.some((e) => e.pos[1] >= end)) return false;
  const root = p.doc.contents as Node | null;
  return !!root?.range && root.range[2] >= lastContentEnd(p.text);
}

/** The end of the last line that is neither blank nor only a comment. */
function lastContentEnd(text: string): number {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '' && !line.startsWith('#')) return start + text.slice(start, end).trimEnd().length;
    end = start - 1;
  }
  return 0;
}

/**
 * Start offsets of the top-level entries in text[from, to): `from`, then every column-0 line that
 * is not blank or a comment (none when the range is empty).
 */
export function chunkStarts(text: string, from = 0, to = text.length): number[] {
  const starts = from < to ? [from] : [];
  const re = /\n(?=[^\s#])/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index + 1 < to; m = re.exec(text)) starts.push(m.index + 1);
  return starts;
}

/** What an entry without findings keeps: one shared empty list, not a list of its own each. */
const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/**
 * Move a chunk's nodes to `offset`. Typing near the top of a 50,000-line file moves every entry
 * below it: a flat list of its nodes makes that one tight loop, half the time of a walk of the
 * tree. An entry read just now is placed without keeping the list: a file that is only read never
 * needs it (6,250 lists were 0.6 MB of a 50,000-line file), and an entry that moved once (an edit
 * above it) keeps one for the next time.
 */
function moveChunk(chunk: Chunk, offset: number, fresh = false): void {
  const delta = offset - chunk.offset;
  chunk.offset = offset;
  if (delta === 0) return;
  const ranged = chunk.ranges ?? rangedNodes(chunk.root);
  // Of exactly its length (pushing leaves room for more).
  if (!fresh) chunk.ranges ??= ranged.slice();
  for (const r of ranged) moveNode(r, delta);
}

/** Whether an entry starts at `offset`: at a column-0 line that is not blank or a comment (or at 0). */
function startsEntry(text: string, offset: number): boolean {
  return offset === 0 || (text[offset - 1] === '\n' && offset < text.length && !/[\s#]/.test(text[offset]));
}

/**
 * How many of the last version's entries begin the new text unchanged, at the same place, with an
 * entry still starting after the last of them. Entries are contiguous, so this is where the two
 * texts stop agreeing, found by halving: each probe compares only the text between the entries
 * already known to agree and the probed one (a dozen slices for 6,250 entries, not one per entry).
 */
function unchangedBefore(old: Chunk[], oldText: string, text: string): number {
  let lo = 0;
  let hi = old.length;
  let agreeTo = 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const end = old[mid - 1].offset + old[mid - 1].length;
    if (end <= text.length && text.slice(agreeTo, end) === oldText.slice(agreeTo, end)) {
      lo = mid;
      agreeTo = end;
    } else hi = mid - 1;
  }
  // Every earlier boundary lies inside the agreeing text; the last one's next character may not.
  const end = lo > 0 ? old[lo - 1].offset + old[lo - 1].length : 0;
  return lo > 0 && end !== text.length && !startsEntry(text, end) ? lo - 1 : lo;
}

/**
 * The first of the last version's entries from which on every entry ends the new text unchanged,
 * moved by the change in length (none before `from`, where the unchanged start ends), each still
 * starting an entry. Found by halving, like unchangedBefore.
 */
function unchangedAfter(old: Chunk[], oldText: string, text: string, before: number, from: number): number {
  const delta = text.length - oldText.length;
  let lo = before;
  let hi = old.length;
  let agreeFrom = oldText.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const start = old[mid].offset;
    if (start + delta >= from && text.slice(start + delta, agreeFrom + delta) === oldText.slice(start, agreeFrom)) {
      hi = mid;
      agreeFrom = start;
    } else lo = mid + 1;
  }
  // Every later boundary lies inside the agreeing text; the first one's previous character may not.
  if (hi === old.length) return hi;
  const at = old[hi].offset + delta;
  return (hi > 0 ? startsEntry(text, at) : at === 0) ? hi : hi + 1;
}

/** A 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The last version's entries an edit may bring back, found by their text. Keyed by a hash of the
 * text, not by the text: Chromium keeps one shared copy of every string used as a Map key, so a
 * text used as one stops being a slice of the document and becomes a copy of its own — every
 * entry of a newly opened 50,000-line file was, 1.6 MB.
 */
class EntryPool {
  private byHash = new Map<number, Chunk[]>();
  private texts = new Map<Chunk, string>();

  /** `text`: the chunk's text in the version it was last part of. */
  add(chunk: Chunk, text: string): void {
    const h = hashOf(text);
    const list = this.byHash.get(h);
    if (list) list.push(chunk);
    else this.byHash.set(h, [chunk]);
    this.texts.set(chunk, text);
  }

  /** An entry whose text is `text`, taken out of the pool. */
  take(text: string): Chunk | undefined {
    if (this.byHash.size === 0) return undefined;
    const list = this.byHash.get(hashOf(text));
    const i = list ? list.findIndex((c) => this.texts.get(c) === text) : -1;
    return i < 0 ? undefined : list!.splice(i, 1)[0];
  }
}

/** The last version parsed piece by piece: its text and its entries in order. */
interface LastParse {
  text: string;
  chunks: Chunk[];
}

export class IncrementalParser {
  private last: LastParse | null = null;
  /** The schema every kept entry's collections share (see keepNode). */
  private schema: Schema | undefined;
  /** One copy of each string the kept entries repeat (see keepNode). */
  private readonly strings = new StringPool({ ownCopies: true });

  constructor(private readonly options: YamlOptions) {}

  parse(text: string): ParsedDocument {
    const chunks = this.last ? this.reuse(this.last, text) : this.cutWhole(text);
    if (chunks === null) return this.full(text);
    // Entries must all be list items or all mapping keys, in block style, like the whole file.
    const roots = chunks.map((c) => c.root);
    const seq = roots.every((r, i) => (isSeq(r) && !r.flow) || (i === 0 && r === null));
    const map = roots.every((r, i) => (isMap(r) && !r.flow) || (i === 0 && r === null));
    if (!seq && !map) return this.full(text);
    this.last = { text, chunks };

    const ok = chunks.every((c) => c.ok);
    const doc = parseDocument('', { version: this.options.version }) as Document.Parsed;
    const contents = seq ? new YAMLSeq(doc.schema) : new YAMLMap(doc.schema);
    const value: unknown[] | Record<string, unknown> = seq ? [] : {};
    const diagnostics: Diagnostic[] = [];
    const firstContent = chunks.find((c) => c.root !== null);
    for (const c of chunks) {
      const root = c.root as YAMLSeq | YAMLMap | null;
      if (root) (contents.items as unknown[]).push(...root.items);
      if (!ok) {
        // No value while the text does not parse, as with a full parse.
      } else if (Array.isArray(value)) value.push(...((c.value as unknown[] | null) ?? []));
      else Object.assign(value, c.value ?? {});
      for (const d of c.diagnostics) {
        // Repeated keys are found over the joined document below: their messages name lines of
        // the whole text (and a full parse of text with errors reports none).
        if (d.code === DUPLICATE_KEY) continue;
        // Keys that are lists or mappings are found only in text that parses: none while another entry does not.
        if (!ok && d.code === COLLECTION_KEY) continue;
        diagnostics.push({ ...d, range: [d.range[0] + c.offset, d.range[1] + c.offset] });
      }
    }
    const lastContent = [...chunks].reverse().find((c) => c.root !== null);
    const first = firstContent?.root?.range;
    const last = lastContent?.root?.range;
    contents.range = [first?.[0] ?? 0, last?.[1] ?? text.length, last?.[2] ?? text.length];
    doc.contents = contents as Document.Parsed['contents'];
    doc.range = [0, text.length, text.length];
    doc.commentBefore = chunks[0].commentBefore;
    if (ok) diagnostics.push(...this.repeatedKeys(doc, chunks, text));
    const joined: ParsedDocument = { text, doc, lineCounter: countLines(text), value: ok ? value : undefined, ok, diagnostics };
    if (chunks.every((c) => c.oneLine)) joined.plainScalarsOnOneLine = true;
    return joined;
  }

  /**
   * Repeated keys with lines of the whole text: in a list file only entries that hold one are
   * searched again (their nodes already sit where they are now); a mapping file may repeat a
   * top-level key across entries, so it is searched whole.
   */
  private repeatedKeys(doc: Document.Parsed, chunks: Chunk[], text: string): Diagnostic[] {
    const severity = this.options.duplicateKeys;
    if (isMap(doc.contents)) return duplicateKeyDiagnostics(doc, severity, text);
    return chunks.filter((c) => c.diagnostics.some((d) => d.code === DUPLICATE_KEY)).flatMap((c) => duplicateKeyDiagnostics(c.root, severity, text));
  }

  /** Every entry of a text seen for the first time (null: it must be parsed whole). */
  private cutWhole(text: string): Chunk[] | null {
    if (ENTANGLED.test(text)) return null;
    const starts = chunkStarts(text);
    if (starts.length < MIN_CHUNKS) return null;
    return this.piecesOf(text, starts, text.length, new EntryPool());
  }

  /**
   * The entries of the next version of the last text. An edit touches a few entries in the
   * middle: those before it are the same text at the same place, those after it the same text
   * shifted by the change in length. Both are found by halving over the entries, comparing the
   * text where they must be (unchangedBefore, unchangedAfter); only what lies between is cut and
   * parsed again, reusing an entry of the last version's middle when its text comes back.
   */
  private reuse(last: LastParse, text: string): Chunk[] | null {
    const old = last.chunks;
    const before = unchangedBefore(old, last.text, text);
    const from = before > 0 ? old[before - 1].offset + old[before - 1].length : 0;
    const delta = text.length - last.text.length;
    const after = unchangedAfter(old, last.text, text, before, from);
    const to = after < old.length ? old[after].offset + delta : text.length;
    // What lies between may hold anchors or document markers now (a window around it, so none is cut).
    if (ENTANGLED.test(text.slice(Math.max(0, from - 3), Math.min(text.length, to + 3)))) return null;
    const starts = chunkStarts(text, from, to);
    if (before + starts.length + (old.length - after) < MIN_CHUNKS) return null;
    const pool = new EntryPool();
    for (const c of old.slice(before, after)) pool.add(c, last.text.slice(c.offset, c.offset + c.length));
    const middle = this.piecesOf(text, starts, to, pool);
    if (middle === null) return null;
    const moved = old.slice(after);
    for (const c of moved) moveChunk(c, c.offset + delta);
    return [...old.slice(0, before), ...middle, ...moved];
  }

  /** The entries starting at `starts`, the last ending at `end`: from `pool` when their text is there. */
  private piecesOf(text: string, starts: number[], end: number, pool: EntryPool): Chunk[] | null {
    const chunks: Chunk[] = [];
    for (let i = 0; i < starts.length; i++) {
      const offset = starts[i];
      const piece = text.slice(offset, i + 1 < starts.length ? starts[i + 1] : end);
      const reused = pool.take(piece);
      const chunk = reused ?? this.chunkOf(piece);
      if (!chunk.usable) return null;
      moveChunk(chunk, offset, !reused);
      chunks.push(chunk);
    }
    return chunks;
  }

  /**
   * An entry read from `text`, a piece of the document. What it keeps holds no string cut from
   * the text (see keepNode and the pool's own copies): a kept entry would otherwise hold on to the
   * whole text of the version it was read from — after an edit, a second copy of the document.
   */
  private chunkOf(text: string): Chunk {
    const parsed = parseText(text, this.options, keptNodeClasses);
    this.schema ??= parsed.doc.schema;
    const root = keepNode(parsed.doc.contents, this.schema, this.strings) as Node | null;
    // Its strings are the scalars' own: the same pool's copies.
    const value = this.strings.value(parsed.value);
    const diagnostics = parsed.diagnostics.length > 0 ? parsed.diagnostics : NO_DIAGNOSTICS;
    const commentBefore = parsed.doc.commentBefore == null ? parsed.doc.commentBefore : this.strings.string(parsed.doc.commentBefore);
    return { length: text.length, root, value, ok: parsed.ok, usable: parsed.ok || containedErrors(parsed), diagnostics, commentBefore, oneLine: parsed.plainScalarsOnOneLine === true || root === null, offset: 0 };
  }

  private full(text: string): ParsedDocument {
    this.last = null;
    return parseText(text, this.options);
  }
}
