/**
 * Text → yaml Document (+LineCounter) → plain JS value, with every problem of the reading
 * itself (syntax, aliases, duplicate keys) as a Diagnostic with a range.
 *
 * Usage: `const parsed = parseText(text, { version: '1.1' }); parsed.value; parsed.diagnostics`
 */
import { Composer, isMap, isPair, isSeq, LineCounter, parseDocument, visit, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions, type Document, type Node, type Pair, type Tags, type YAMLError, type YAMLMap } from 'yaml';
import type { Diagnostic, LocatedDiagnostic, Severity } from '../contracts/diagnostics';
import type { ParsedDocument, YamlOptions } from '../contracts/document';
import { BlockComposition, type NodeClasses } from './blockCompose';
import { blockTokens } from './blockTokens';
import { misplacedItem } from './misplacedItem';
import { pyyaml11Tags } from './pyyaml11';

/** The code of duplicate-key findings, which (like the value) exist only for text that parses. */
export const DUPLICATE_KEY = 'duplicate-key';
/** The code of a key that is a list or mapping: also found only in text that parses. */
export const COLLECTION_KEY = 'collection-key';

/** More aliases than this while building the value means an alias bomb, not a config. */
export const MAX_ALIAS_COUNT = 1000;

const MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'Tab characters cannot indent YAML — use spaces',
  MULTIPLE_DOCS: 'A second YAML document starts here (after `---`) — the file must hold one document',
  BAD_INDENT: 'Bad indentation — this line does not line up with the lines around it',
  BLOCK_AS_IMPLICIT_KEY: 'A nested block cannot be a key — check the indentation and the `:` of the line above',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line — check for a missing `:` or a wrong indentation',
  UNEXPECTED_TOKEN: 'Unexpected text — check the indentation and the punctuation here',
  RESOURCE_EXHAUSTION: 'The document nests too deeply to be read — no real config needs this many levels',
};

/** MISSING_CHAR covers unrelated mistakes: what is missing, by the library's own message. */
const MISSING: [RegExp, string][] = [
  [/^Missing closing .?quote/, 'Unclosed quote — add the closing quote'],
  [/must be sufficiently indented and end with a/, 'Unclosed bracket — add the closing bracket'],
  [/^Implicit map keys need to be followed by map values/, 'This line is not `key: value` like the lines around it — add the missing `:`, or fix its indentation'],
  [/^Missing , or : between/, 'Missing `,` or `:` between the entries inside the brackets'],
  [/^Missing , between/, 'Missing `,` between the items inside the brackets'],
  [/^Missing space after :/, 'Missing space after `:` inside the braces'],
  [/^Sequence item without - indicator/, 'A list item must start with `- `'],
  [/^Comments must be separated/, 'A `#` comment needs a space before it'],
  [/^Tags and anchors must be separated/, 'A tag or an anchor needs a space after it'],
];

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function describeYamlError(err: YAMLError): string {
  const original = firstLine(err.message);
  const own = err.code === 'MISSING_CHAR' ? MISSING.find(([re]) => re.test(original))?.[1] : MESSAGES[err.code];
  return own ? `${own} (${original})` : original;
}

/**
 * An unclosed quote or bracket is reported where the text ends, often far below the mistake;
 * find the quoted scalar or flow collection that runs up to that point and point at its opener.
 */
function unclosedOpener(doc: Document.Parsed, pos: number): { at: number; char: string } | undefined {
  let found: { at: number; char: string } | undefined;
  const check = (node: { range?: [number, number, number] | null }, char: string) => {
    const r = node.range;
    if (r && r[0] < pos && r[1] <= pos && r[1] >= pos - 1) found = { at: r[0], char };
  };
  visit(doc, {
    Scalar(_k, n) {
      if (n.type === 'QUOTE_DOUBLE') check(n, '"');
      else if (n.type === 'QUOTE_SINGLE') check(n, "'");
    },
    Seq(_k, n) {
      if (n.flow) check(n, '[');
    },
    Map(_k, n) {
      if (n.flow) check(n, '{');
    },
  });
  return found;
}

function yamlDiagnostic(doc: Document.Parsed, err: YAMLError, severity: Severity, textLength: number): Diagnostic {
  const start = Math.min(err.pos[0], textLength);
  const end = Math.min(Math.max(err.pos[1], start), textLength);
  if (err.code === 'MISSING_CHAR' || err.code === 'BAD_INDENT') {
    const opener = unclosedOpener(doc, start);
    if (opener) {
      return {
        severity,
        message: `Unclosed ${opener.char} — it opens here and is never closed (${firstLine(err.message)})`,
        path: [],
        range: [opener.at, opener.at + 1],
        source: 'yaml',
      };
    }
  }
  return { severity, message: describeYamlError(err), path: [], range: [start, end], source: 'yaml' };
}

/** Codes the reader gives a `- ` line that does not line up with its list. */
const ITEM_LINE_CODES = new Set<YAMLError['code']>(['MISSING_CHAR', 'BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN']);

/**
 * The reader's errors, except that the several it gives one misplaced list item (a `- ` line
 * indented unlike its list) become one finding at that line saying so; a real unclosed quote or
 * bracket stays reported at its opener.
 */
function readingErrors(doc: Document.Parsed, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const misplaced = new Set<number>();
  for (const err of doc.errors) {
    const d = yamlDiagnostic(doc, err, 'error', text.length);
    const item = ITEM_LINE_CODES.has(err.code) && !d.message.startsWith('Unclosed ') ? misplacedItem(text, Math.min(err.pos[0], text.length)) : undefined;
    if (!item) out.push(d);
    else if (!misplaced.has(item.lineStart)) {
      misplaced.add(item.lineStart);
      out.push({ severity: 'error', message: item.message, path: [], range: item.range, source: 'yaml' });
    }
  }
  return out;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Whether a mapping names some key twice: nearly every mapping does not, and this asks nothing else of it. */
function repeatsAKey(map: YAMLMap): boolean {
  const items = map.items;
  const n = items.length;
  if (n < 2) return false;
  // A config's mappings have a handful of keys: comparing each pair beats building a set.
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      const name = keyText(items[i].key);
      if (name === undefined) continue;
      for (let j = 0; j < i; j++) if (keyText(items[j].key) === name) return true;
    }
    return false;
  }
  const names = items.map((p) => keyText(p.key)).filter((name) => name !== undefined);
  return new Set(names).size < names.length;
}

/** A key by its text, as repeatedKeys names them (`1` and `"1"` are the same key there); undefined for a key without a value. */
function keyText(key: unknown): string | undefined {
  const k = key as { value?: unknown } | null;
  return k && typeof k === 'object' && 'value' in k ? (typeof k.value === 'string' ? k.value : String(k.value)) : undefined;
}

/**
 * The repeated keys of one mapping. Where the platform refuses a repeat (severity error), the
 * finding is on each later occurrence; where it keeps the later value silently, on each
 * occurrence it ignores, naming the one it uses. `text` gives the line numbers.
 */
function repeatedKeys(map: YAMLMap, severity: Severity, text: string): Diagnostic[] {
  const byName = new Map<string, [number, number][]>();
  for (const pair of map.items) {
    const k = pair.key as { value?: unknown; range?: [number, number, number] } | null;
    if (!k || typeof k !== 'object' || !('value' in k) || !k.range) continue;
    // `<<` (a Symbol where merge keys are read) merges; repeating it merges more, loses nothing.
    if (typeof k.value === 'symbol' || k.value === '<<') continue;
    const name = String(k.value);
    byName.set(name, [...(byName.get(name) ?? []), [k.range[0], k.range[1]]]);
  }
  const found: Diagnostic[] = [];
  for (const [name, ranges] of byName) {
    if (ranges.length < 2) continue;
    const times = ranges.length === 2 ? 'twice' : `${ranges.length} times`;
    const flagged = severity === 'error' ? ranges.slice(1) : ranges.slice(0, -1);
    const other = severity === 'error' ? ranges[0] : ranges[ranges.length - 1];
    const message =
      severity === 'error'
        ? `\`${name}\` is given ${times} (first at line ${lineOf(text, other[0])}); the platform refuses a file with a repeated key — keep one of them`
        : `\`${name}\` is given ${times}; the platform uses the ${ranges.length === 2 ? 'later' : 'last'} value (line ${lineOf(text, other[0])}) and ignores this one`;
    for (const range of flagged) found.push({ severity, message, path: [], range, source: 'yaml', code: DUPLICATE_KEY });
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/** The repeated keys of every mapping in `doc` (or under a node of one), whose ranges are offsets into `text`. */
export function duplicateKeyDiagnostics(doc: Document | Node | null, severity: Severity, text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Map(_key, map) {
      if (repeatsAKey(map)) found.push(...repeatedKeys(map, severity, text));
    },
  });
  return found;
}

/**
 * A key that is itself a list or a mapping (`? [a, b]`, `{a: 1}: x`): no config names a field
 * that way, and its value ends up under the key's text. Our own finding, in place of the
 * library's console warning when the value is built.
 */
function collectionKey(pair: Pair, text: string): Diagnostic | undefined {
  const key = pair.key;
  if (!(isMap(key) || isSeq(key)) || !key.range) return undefined;
  const source = text.slice(key.range[0], key.range[1]).trim().replace(/\s+/g, ' ');
  return {
    severity: 'warning',
    message: `This key is a ${isMap(key) ? 'mapping' : 'list'}, which no config uses as a name: the value would be filed under the key written out as text (\`${source}\`) — write the key as plain text`,
    path: [],
    range: [key.range[0], key.range[1]],
    source: 'yaml',
    code: COLLECTION_KEY,
  };
}

/**
 * The repeated keys and the collection keys of a well-formed document, in one walk of it. Every
 * node of a 50,000-line file is passed, so the walk is our own: the library's `visit` copies the
 * path of every collection it enters.
 */
function keyDiagnostics(doc: Document.Parsed, severity: Severity, text: string): Diagnostic[] {
  const repeated: Diagnostic[] = [];
  const collections: Diagnostic[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      if (repeatsAKey(node)) repeated.push(...repeatedKeys(node, severity, text));
      for (const pair of node.items) walk(pair);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    } else if (isPair(node)) {
      const d = collectionKey(node, text);
      if (d) collections.push(d);
      walk(node.key);
      walk(node.value);
    }
  };
  walk(doc.contents);
  return [...repeated, ...collections];
}

function firstAliasRange(doc: Document.Parsed): [number, number] {
  let range: [number, number] = [0, 0];
  visit(doc, {
    Alias(_k, node) {
      if (node.range) range = [node.range[0], node.range[1]];
      return visit.BREAK;
    },
  });
  return range;
}

/**
 * Deeper nesting than this is refused before parsing: the parser recurses per level, and a
 * hostile document of 100,000 `[` would exhaust the stack (in V8 that can kill the whole worker).
 */
export const MAX_NESTING = 200;

/**
 * A cheap upper bound of the nesting depth: open flow brackets plus, per line, the indentation
 * and the compact `- - -` sequence starts. Returns the offset where MAX_NESTING is passed, or -1.
 */
function tooDeepAt(text: string): number {
  let flow = 0;
  let quote = 0;
  let lineStart = true;
  let block = 0;
  // By character code: indexing the text would make a one-character string per character.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CH.newline) {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (c === CH.space || (c === CH.dash && text.charCodeAt(i + 1) === CH.space)) {
        block++;
        if (block + flow > MAX_NESTING) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === CH.backslash && quote === CH.doubleQuote) i++;
    } else if ((c === CH.doubleQuote || c === CH.singleQuote) && flow > 0) quote = c;
    else if (c === CH.hash && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === CH.openBracket || c === CH.openBrace) {
      if (++flow + block > MAX_NESTING) return i;
    } else if (c === CH.closeBracket || c === CH.closeBrace) flow = Math.max(0, flow - 1);
  }
  return -1;
}

const CH = { newline: 10, space: 32, dash: 45, backslash: 92, doubleQuote: 34, singleQuote: 39, hash: 35, openBracket: 91, closeBracket: 93, openBrace: 123, closeBrace: 125 } as const;

/** A LineCounter for a text without parsing it (line starts at 0 and after each newline). */
export function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

function refuseTooDeep(text: string, at: number): ParsedDocument {
  const lineCounter = countLines(text);
  return {
    text,
    doc: parseDocument(''),
    lineCounter,
    value: undefined,
    ok: false,
    diagnostics: [
      {
        severity: 'error',
        message: `The document nests more than ${MAX_NESTING} levels deep here — it is not read further (no real config needs this many levels)`,
        path: [],
        range: [at, at + 1],
        source: 'yaml',
      },
    ],
  };
}

/**
 * The Document, value and findings of `text` read with a dialect's YAML options. `nodes`: the
 * classes the quick path makes nodes of (the IncrementalParser's kept nodes; the library's by
 * default).
 */
export function parseText(text: string, options: YamlOptions, nodes?: NodeClasses): ParsedDocument {
  const deep = tooDeepAt(text);
  if (deep >= 0) return refuseTooDeep(text, deep);
  const { doc, lineCounter, quick } = readDocument(text, nodes, {
    version: options.version,
    customTags: options.version === '1.1' ? (tags: Tags) => pyyaml11Tags(tags) : undefined,
    merge: options.mergeKeys ?? options.version === '1.1',
    prettyErrors: false,
    uniqueKeys: false,
    keepSourceTokens: false,
    // A key that is a list or mapping is reported as our own finding (collectionKey);
    // at the default level the library would also print its own warning to stderr on toJS().
    logLevel: 'error',
  });
  const diagnostics: Diagnostic[] = [...readingErrors(doc, text), ...doc.warnings.map((e) => yamlDiagnostic(doc, e, 'warning', text.length))];
  const ok = doc.errors.length === 0;
  let value: unknown = undefined;
  if (ok) {
    diagnostics.push(...keyDiagnostics(doc, options.duplicateKeys, text));
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      diagnostics.push({
        severity: 'error',
        message: /alias/i.test(why)
          ? `Too many alias expansions (an "alias bomb") — the file is not read further. (${why})`
          : `The document cannot be read: ${why}`,
        path: [],
        range: firstAliasRange(doc),
        source: 'yaml',
      });
      return { text, doc, lineCounter, value: undefined, ok: false, diagnostics };
    }
  }
  const parsed: ParsedDocument = { text, doc, lineCounter, value, ok, diagnostics };
  if (quick) parsed.plainScalarsOnOneLine = true;
  return parsed;
}

/**
 * The library's parseDocument, with its Lexer and Parser skipped when the text is in the block
 * subset `blockTokens` reads (most configs), and its Composer too when `BlockComposition`
 * composes the tokens (item by item as they are read): the same Document, in about a quarter of
 * the time. `quick`: the block reader read it.
 */
function readDocument(text: string, nodes: NodeClasses | undefined, options: ParseOptions & DocumentOptions & SchemaOptions): { doc: Document.Parsed; lineCounter: LineCounter; quick: boolean } {
  const composition = new BlockComposition(options, nodes);
  const tokens = blockTokens(text, composition.settle);
  // The line index is always the text's own line starts: the library's LineCounter misses the
  // line breaks inside a quoted scalar that a syntax error leaves open (`a: "x` … `"1"` then a
  // line break), so every problem below one would be placed a line too high.
  if (!tokens) return { doc: parseDocument(text, options), lineCounter: countLines(text), quick: false };
  // Outside what composeBlock composes (a shape the Composer reports as an error), the library's
  // Composer gets all the tokens: read again, since those handed over are not among them.
  const doc =
    composition.document(tokens) ?? (new Composer(options).compose(blockTokens(text) as CST.Token[], true, text.length).next().value as Document.Parsed);
  return { doc, lineCounter: countLines(text), quick: true };
}

/** Attach 1-based line/column positions for people and the CLI. */
export function locate(parsed: Pick<ParsedDocument, 'lineCounter'>, d: Diagnostic): LocatedDiagnostic {
  const s = parsed.lineCounter.linePos(d.range[0]);
  const e = parsed.lineCounter.linePos(d.range[1]);
  return { ...d, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
