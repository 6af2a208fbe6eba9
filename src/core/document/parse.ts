/**
 * Text → yaml Document (+LineCounter) → plain JS value, with every problem of the reading
 * itself (syntax, aliases, duplicate keys) as a Diagnostic with a range.
 *
 * Usage: `const parsed = parseText(text, { version: '1.1' }); parsed.value; parsed.diagnostics`
 */
import { LineCounter, parseDocument, visit, type Document, type Tags, type YAMLError } from 'yaml';
import type { Diagnostic, LocatedDiagnostic, Severity } from '../contracts/diagnostics';
import type { ParsedDocument, YamlOptions } from '../contracts/document';
import { pyyaml11Tags } from './pyyaml11';

/** The code of duplicate-key findings, which (like the value) exist only for text that parses. */
export const DUPLICATE_KEY = 'duplicate-key';

/** More aliases than this while building the value means an alias bomb, not a config. */
export const MAX_ALIAS_COUNT = 1000;

const MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'Tab characters cannot indent YAML — use spaces',
  MULTIPLE_DOCS: 'A second YAML document starts here (after `---`) — the file must hold one document',
  BAD_INDENT: 'Bad indentation — this line does not line up with the lines around it',
  MISSING_CHAR: 'Unclosed quote or bracket — add the missing closing character',
  BLOCK_AS_IMPLICIT_KEY: 'A nested block cannot be a key — check the indentation and the `:` of the line above',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line — check for a missing `:` or a wrong indentation',
  UNEXPECTED_TOKEN: 'Unexpected text — check the indentation and the punctuation here',
  RESOURCE_EXHAUSTION: 'The document nests too deeply to be read — no real config needs this many levels',
};

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function describeYamlError(err: YAMLError): string {
  const own = MESSAGES[err.code];
  const original = firstLine(err.message);
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

function duplicateKeyDiagnostics(doc: Document.Parsed, severity: Severity): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, true>();
      for (const pair of map.items) {
        const k = pair.key as { value?: unknown; range?: [number, number, number] } | null;
        if (!k || typeof k !== 'object' || !('value' in k)) continue;
        const name = String(k.value);
        if (name === '<<') continue;
        if (seen.has(name) && k.range) {
          found.push({
            severity,
            message: `Duplicate key "${name}" — only the last one counts; remove or rename one of them`,
            path: [],
            range: [k.range[0], k.range[1]],
            source: 'yaml',
            code: DUPLICATE_KEY,
          });
        }
        seen.set(name, true);
      }
    },
  });
  return found;
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
  let quote = '';
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || (c === '-' && text[i + 1] === ' ')) {
        block++;
        if (block + flow > MAX_NESTING) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if ((c === '"' || c === "'") && flow > 0) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === '[' || c === '{') {
      if (++flow + block > MAX_NESTING) return i;
    } else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
  }
  return -1;
}

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

export function parseText(text: string, options: YamlOptions): ParsedDocument {
  const deep = tooDeepAt(text);
  if (deep >= 0) return refuseTooDeep(text, deep);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: options.version,
    customTags: options.version === '1.1' ? (tags: Tags) => pyyaml11Tags(tags) : undefined,
    merge: options.mergeKeys ?? options.version === '1.1',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    keepSourceTokens: false,
  });
  const diagnostics: Diagnostic[] = [
    ...doc.errors.map((e) => yamlDiagnostic(doc, e, 'error', text.length)),
    ...doc.warnings.map((e) => yamlDiagnostic(doc, e, 'warning', text.length)),
  ];
  const ok = doc.errors.length === 0;
  let value: unknown = undefined;
  if (ok) {
    diagnostics.push(...duplicateKeyDiagnostics(doc, options.duplicateKeys));
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
  return { text, doc, lineCounter, value, ok, diagnostics };
}

/** Attach 1-based line/column positions for people and the CLI. */
export function locate(parsed: Pick<ParsedDocument, 'lineCounter'>, d: Diagnostic): LocatedDiagnostic {
  const s = parsed.lineCounter.linePos(d.range[0]);
  const e = parsed.lineCounter.linePos(d.range[1]);
  return { ...d, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
