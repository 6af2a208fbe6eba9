/**
 * Cursor → place in the document. The cursor is mostly on text that does not parse yet (an
 * empty line, a half-typed key, `key:` with nothing after), so the place is found by PROBING:
 * the cursor's line is replaced by one that parses (`__pw__: 0` as a key, `key: __pw__` as a
 * value), the probe text is parsed (an IncrementalParser the caller keeps warm re-reads one
 * top-level entry only) and the path of the placeholder is the place. When no probe lands, the
 * lines above are walked up by indentation.
 *
 * Usage: `cursorContext(text, offset, { yaml: dialect.yaml, parser })` → `{ kind: 'key', path: [0, 'step'], ... }`
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { IncrementalParser } from '../document/incremental';
import { parseText } from '../document/parse';
import type { ParsedDocument, YamlOptions } from '../contracts/document';
import { locatePath, pathAtOffset } from '../document/paths';
import type { Path } from '../contracts/path';
import { valueAt } from '../guards';
import type { AssistContext } from '../contracts/assist';

export const PLACEHOLDER = '__pw__';

export interface ContextOptions {
  yaml: YamlOptions;
  /** Kept by the caller across keystrokes: a probe then costs one entry's parse. */
  parser?: IncrementalParser;
  /** The parse of `text` itself, when the caller has it (used inside block and quoted scalars). */
  parsed?: ParsedDocument;
}

interface Line {
  start: number;
  end: number;
  text: string;
  col: number;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end, text: text.slice(start, end), col: offset - start };
}

/** The smallest step by which content columns grow from one line to the next (2 by default). */
export function indentUnitOf(text: string): string {
  let unit = Infinity;
  let prev = -1;
  // The first 2,000 lines are enough, and splitting a long file to read them is not.
  for (let start = 0, scanned = 0; start < text.length && scanned < 2000; scanned++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    start = end + 1;
    const m = /^( *)((?:- +)*)(\S)/.exec(line);
    if (!m || m[3] === '#') continue;
    const col = m[1].length + m[2].length;
    if (prev >= 0 && col > prev) unit = Math.min(unit, col - prev);
    prev = col;
  }
  return ' '.repeat(Number.isFinite(unit) && unit >= 1 && unit <= 8 ? unit : 2);
}

function parse(text: string, options: ContextOptions): ParsedDocument {
  return options.parser ? options.parser.parse(text) : parseText(text, options.yaml);
}

/** A copy of `value` without `path` (containers along the path are copied, parse caches stay intact). */
function without(value: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  if (value === null || typeof value !== 'object') return value;
  const [seg, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (typeof seg === 'number' && seg < copy.length) {
      if (rest.length === 0) copy.splice(seg, 1);
      else copy[seg] = without(copy[seg], rest);
    }
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[String(seg)];
  else if (String(seg) in copy) copy[String(seg)] = without(copy[String(seg)], rest);
  return copy;
}

/**
 * The plain value even while some other line is broken: the reader recovers around errors, and
 * completion still needs the names defined elsewhere in the file.
 */
export function lenientValue(parsed: ParsedDocument): unknown {
  if (parsed.value !== undefined || parsed.ok) return parsed.value;
  // Quietly: a broken document can hold mapping keys that are collections, which the reader warns about.
  const options = parsed.doc.options;
  const level = options.logLevel;
  options.logLevel = 'error';
  try {
    return parsed.doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  } finally {
    options.logLevel = level;
  }
}

function keysOf(parsed: ParsedDocument, path: Path): string[] {
  const found = locatePath(parsed.doc, path);
  if (found.depth < path.length || !isMap(found.node)) return [];
  return found.node.items
    .map((p) => (isScalar(p.key) ? String(p.key.value) : undefined))
    .filter((k): k is string => k !== undefined && k !== PLACEHOLDER);
}

const KEY = /^((?:[^\s#:'"[\]{}&*!|>%@`-]|-(?=\S))(?:[^:#]|:(?=\S))*?|"[^"]*"|'[^']*')[ \t]*:(?=\s|$)/;

/** The column where an unclosed `[` on the line starts before `col`, and how many items precede the cursor. */
function openFlow(line: string, col: number): { bracket: number; index: number } | undefined {
  let depth = 0;
  let bracket = -1;
  let index = 0;
  let quote = '';
  for (let i = 0; i < col; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return undefined;
    if ((c === '"' || c === "'") && depth > 0) quote = c;
    else if (c === '[') {
      if (depth++ === 0) {
        bracket = i;
        index = 0;
      }
    } else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 1) index++;
  }
  return depth === 1 ? { bracket, index } : undefined;
}

interface Probe {
  line: string;
  /** Column of the placeholder in the probe line. */
  at: number;
}

function runProbe(text: string, line: Line, probe: Probe, options: ContextOptions): { parsed: ParsedDocument; path: Path } {
  const probeText = text.slice(0, line.start) + probe.line + text.slice(line.end);
  const parsed = parse(probeText, options);
  // One character into the placeholder: at its first character a previous sibling ending there would win.
  return { parsed, path: pathAtOffset(parsed.doc, line.start + probe.at + 1) };
}

function isPlaceholderValue(parsed: ParsedDocument, path: Path): boolean {
  const found = locatePath(parsed.doc, path);
  return found.depth === path.length && isScalar(found.node) && found.node.value === PLACEHOLDER;
}

/** The word around the cursor: key/value characters (letters, digits, `-_./:{}` …), up to a space or `:`+space. */
function wordAround(line: Line, from: number, stopAtColon: boolean): [number, number] {
  const isWord = (c: string | undefined) => c !== undefined && !/[\s,[\]]/.test(c) && !(stopAtColon && c === ':');
  let s = line.col;
  while (s > from && isWord(line.text[s - 1])) s--;
  let e = line.col;
  while (e < line.text.length && isWord(line.text[e])) e++;
  return [line.start + s, line.start + e];
}

/**
 * Where the cursor is: what kind of thing goes there, at which path, and what it replaces.
 * Undefined in comments and where no place can be made out.
 */
export function cursorContext(text: string, offset: number, options: ContextOptions): AssistContext | undefined {
  const line = lineAt(text, offset);
  const before = line.text.slice(0, line.col);
  const head = /^(\s*)((?:-[ \t]+)*)/.exec(line.text)!;
  const indent = head[1].length;
  const keyStart = indent + head[2].length;
  if (/^\s*#/.test(before) || /\s#/.test(before.slice(keyStart))) return undefined;
  const version = options.yaml.version;
  const indentUnit = indentUnitOf(text);
  const base = { text, offset, indentUnit, version, hasColon: false, lead: '', inString: false };

  // Inside a block or quoted scalar of the original text: the original parse knows the place.
  const original = options.parsed ?? parse(text, options);
  {
    const path = pathAtOffset(original.doc, offset);
    const node = locatePath(original.doc, path).node as Node | null | undefined;
    if (isScalar(node) && node.range && node.type !== 'PLAIN' && offset > node.range[0] && offset < node.range[1]) {
      const firstLineEnd = text.indexOf('\n', node.range[0]);
      const blockHeader = (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && offset <= firstLineEnd;
      if (!blockHeader) {
        const word = wordAround(line, 0, false);
        return {
          ...base,
          kind: 'value',
          path,
          word,
          prefix: text.slice(word[0], offset),
          column: line.col,
          existingKeys: [],
          inString: true,
          parsed: original,
          value: lenientValue(original),
        };
      }
    }
  }

  const rest = line.text.slice(keyStart);
  const keyMatch = KEY.exec(rest);
  const colonCol = keyMatch ? keyStart + keyMatch[0].length : -1;

  // A flow list on this line (`- [a, b` or `key: [a, b`): the item under the cursor.
  const flow = openFlow(line.text, line.col);
  if (flow) {
    const probe: Probe = {
      line: `${line.text.slice(0, flow.bracket)}[${'0, '.repeat(flow.index)}${PLACEHOLDER}]`,
      at: flow.bracket + 1 + 3 * flow.index,
    };
    const { parsed, path } = runProbe(text, line, probe, options);
    if (!isPlaceholderValue(parsed, path)) return undefined;
    let s = line.col;
    while (s > flow.bracket + 1 && !/[,\s[]/.test(line.text[s - 1])) s--;
    let e = line.col;
    while (e < line.text.length && !/[,\]\s]/.test(line.text[e])) e++;
    return {
      ...base,
      kind: 'value',
      path,
      word: [line.start + s, line.start + e],
      prefix: line.text.slice(s, line.col),
      column: s,
      existingKeys: [],
      inString: true,
      parsed,
      value: without(lenientValue(parsed), path),
    };
  }

  if (keyMatch && line.col >= colonCol) {
    // A value: `key: |` with the cursor after it.
    let valueStart = colonCol;
    while (valueStart < line.text.length && /[ \t]/.test(line.text[valueStart])) valueStart++;
    const lead = valueStart === colonCol && line.col === colonCol ? ' ' : '';
    const commentAt = line.text.slice(valueStart).search(/(^|\s)#/);
    const valueEnd = commentAt < 0 ? line.text.trimEnd().length : valueStart + commentAt;
    const probeLine = `${line.text.slice(0, colonCol)} ${PLACEHOLDER}`;
    const { parsed, path } = runProbe(text, line, { line: probeLine, at: colonCol + 1 }, options);
    if (!isPlaceholderValue(parsed, path)) return undefined;
    const start = Math.min(valueStart, line.col);
    return {
      ...base,
      kind: 'value',
      path,
      lead,
      word: [line.start + start, line.start + Math.max(valueEnd, line.col)],
      prefix: line.text.slice(start, line.col),
      column: start,
      existingKeys: [],
      parsed,
      value: without(lenientValue(parsed), path),
    };
  }

  // A key, or a new list item.
  const blank = rest.trim() === '';
  const hasColon = keyMatch !== null;
  const word = wordAround(line, keyStart, true);
  const prefix = text.slice(word[0], offset);
  const lineIndent = blank && head[2] === '' ? Math.max(line.col, indent) : indent;
  const tryKey = (pad: string): AssistContext | undefined => {
    const probeLine = `${pad}${PLACEHOLDER}:`;
    const { parsed, path } = runProbe(text, line, { line: probeLine, at: pad.length }, options);
    if (path[path.length - 1] !== PLACEHOLDER || parsed.diagnostics.some((d) => d.severity === 'error' && d.range[0] >= line.start && d.range[0] <= line.start + probeLine.length)) {
      return undefined;
    }
    const container = path.slice(0, -1);
    const item = /-[ \t]*$/.test(pad) && head[2] === '';
    return {
      ...base,
      kind: item ? 'item' : 'key',
      path: item ? container.slice(0, -1) : container,
      hasColon,
      word: item ? [line.start + Math.min(lineIndent, word[0] - line.start), word[1]] : word,
      prefix,
      column: item ? lineIndent : pad.length,
      existingKeys: item ? [] : keysOf(parsed, container),
      parsed,
      value: without(lenientValue(parsed), path),
    };
  };
  const ownPad = head[2] !== '' ? line.text.slice(0, keyStart) : ' '.repeat(lineIndent);
  const found = tryKey(ownPad) ?? (head[2] === '' ? tryKey(`${' '.repeat(lineIndent)}- `) : undefined);
  if (found) return found;
  // Walk up: the indentations of the lines above that are less indented than the cursor.
  const tried = new Set([lineIndent]);
  let pos = line.start - 1;
  for (let steps = 0; pos > 0 && steps < 200 && tried.size < 5; steps++) {
    const s = text.lastIndexOf('\n', pos - 1) + 1;
    const m = /^( *)((?:- +)*)(\S)/.exec(text.slice(s, pos));
    pos = s - 1;
    if (!m || m[3] === '#') continue;
    const col = m[1].length + m[2].length;
    for (const c of [col, m[1].length]) {
      if (c >= lineIndent || tried.has(c)) continue;
      tried.add(c);
      const again = tryKey(' '.repeat(c)) ?? tryKey(`${' '.repeat(c)}- `);
      if (again) return again;
    }
    if (m[1].length === 0) break;
  }
  return undefined;
}

/** The value at `path` of the context's document (placeholder removed). */
export function contextValue(ctx: AssistContext, path: Path = ctx.path): unknown {
  return valueAt(ctx.value, path);
}

/** The sequence node at a path of the context's document, if there is one. */
export function isSequenceAt(ctx: AssistContext, path: Path): boolean {
  const found = locatePath(ctx.parsed.doc, path);
  return found.depth === path.length && isSeq(found.node);
}
