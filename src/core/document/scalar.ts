/**
 * JS value → YAML scalar source that the runtime reads back as exactly that value AND type,
 * under the dialect's YAML version ('1.1' = PyYAML's rules, '1.2' = the core schema).
 *
 * Every candidate source is checked by reading it back with the same reader the editor uses
 * (`parseText`'s scalar rules), so the quoting rules below are a preference order, never a guess about
 * correctness: a plain `yes`, `1e-3` (1.2), `2020-01-01` (1.1), `a: b`, `# x`, `[x` or `*x`
 * fails the read-back and falls through to a quoted form.
 *
 * Usage:
 *   renderScalar('yes', { version: '1.1', style: 'PLAIN' })        → { source: '"yes"', style: 'QUOTE_DOUBLE' }
 *   renderScalar(0.001, { version: '1.1', as: 'float' })            → { source: '0.001', style: 'PLAIN' }
 *   readTyped('1e-3', 'float', '1.1')                                → { ok: true, value: 0.001, literal: '1.0e-3' }
 */
import { isMap, isScalar, isSeq, parseDocument, type Scalar, type Tags } from 'yaml';
import { pyKind, pyyaml11Tags } from './pyyaml11';
import type { ScalarType } from '../contracts/change';

export type YamlVersion = '1.1' | '1.2';
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export type { ScalarType };
/** What the runtime makes of a scalar: Python's types for 1.1, the core schema's tags for 1.2. */
export type ScalarKind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'other';

export interface RenderScalarOptions {
  version: YamlVersion;
  /** The style of the node being replaced; kept when the new value allows it. */
  style?: ScalarStyle | string;
  as?: ScalarType;
  /** Column of a block scalar's content lines (default 2). */
  indent?: number;
  /** 'flow' inside `[...]`/`{...}`: stricter plain rules, no block scalars. Default 'block'. */
  context?: 'block' | 'flow';
  /** An implicit mapping key: one line, no block scalars. */
  key?: boolean;
  /** Source to keep when it reads back as exactly the value (what the person typed, e.g. `1.0e-3`). */
  literal?: string;
  /** Quotes for a string that cannot stay plain (default double: it can hold anything). */
  quote?: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  /** Line break inside block scalars (the document's EOL). */
  eol?: string;
  /**
   * Whether a line break follows the scalar in the text (false at the end of a file without a
   * final newline): a `|` block keeps its final newline only when one follows.
   */
  trailingNewline?: boolean;
}

export interface RenderedScalar {
  source: string;
  style: ScalarStyle;
}

/** Characters that must not appear raw in plain or single-quoted scalars (PyYAML reads NEL/LS/PS as line breaks). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
/** PyYAML stops a plain scalar inside flow collections at these, where the 1.2 reader may not. */
const FLOW_UNSAFE = /[:?,[\]{}#]/;
/**
 * Quoted under both versions although our reader takes them as strings: other readers of the
 * same version do not (ruamel.yaml resolves timestamps and `1_000` under 1.2 too).
 */
const AMBIGUOUS = /^\d{4}-\d\d?-\d\d?(?:$|[Tt ])|^[-+]?\.?[0-9][0-9_]*_[0-9_.]*(?:[eE][-+]?[0-9]+)?$/;

// ---------------------------------------------------------------------------------------------
// Reading back

/** The kind of a parsed scalar node under `version`; `source` is its text (for 1.2 int vs float). */
export function kindOf(node: Scalar, version: YamlVersion, source: string): ScalarKind {
  if (version === '1.1') return pyKind(node);
  const v = node.value;
  if (typeof v === 'string') return 'str';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') {
    // The core schema's int tags; everything else numeric is a float (`1e5`, `.5`, `.inf`).
    return node.type === 'PLAIN' && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(source.trim()) ? 'int' : 'float';
  }
  return 'other';
}

/**
 * The scalar-reading options of `parseText` (kept equal by scalar.test.ts). Called directly,
 * without building the JS value, because a form keystroke reads several candidates back.
 */
function readerOptions(version: YamlVersion) {
  const v11 = version === '1.1';
  return { version, customTags: v11 ? (tags: Tags) => pyyaml11Tags(tags) : undefined, merge: v11, uniqueKeys: false } as const;
}

export interface ReadScalar {
  value: unknown;
  kind: ScalarKind;
  style: ScalarStyle;
}

/**
 * How `source` reads when written as a value (or a key) in the given context, or undefined when
 * it is not one plain/quoted/block scalar without properties (an error, an alias, a nested map...).
 */
export function readScalar(
  source: string,
  options: { version: YamlVersion; context?: 'block' | 'flow'; key?: boolean },
): ReadScalar | undefined {
  const flow = options.context === 'flow';
  const doc = options.key ? (flow ? `{${source}: 0}` : `${source}: 0\n`) : flow ? `[${source}]` : `k: ${source}\n`;
  const parsed = parseDocument(doc, readerOptions(options.version));
  if (parsed.errors.length) return undefined;
  const root = parsed.contents;
  let node: unknown;
  if (isMap(root) && root.items.length === 1) node = options.key ? root.items[0].key : root.items[0].value;
  else if (isSeq(root) && root.items.length === 1) node = root.items[0];
  if (!isScalar(node) || node.anchor || node.tag || !node.range) return undefined;
  const text = doc.slice(node.range[0], node.range[1]);
  // The whole source must be this one scalar (no trailing comment, no second item).
  if (!options.key && !flow && doc.slice(node.range[0]).trimEnd() !== source.trimEnd()) return undefined;
  return { value: node.value, kind: kindOf(node, options.version, text), style: node.type as ScalarStyle };
}

// ---------------------------------------------------------------------------------------------
// What to write

interface Target {
  kind: ScalarKind;
  value: unknown;
}

function typeError(value: unknown, as: ScalarType): TypeError {
  return new TypeError(`${JSON.stringify(value) ?? String(value)} cannot be written as ${as === 'integer' ? 'an' : 'a'} ${as}`);
}

/** The value and runtime kind to write; `as` wins over the JS type (a form field knows its type). */
export function targetOf(value: unknown, as?: ScalarType): Target {
  const t = as ?? (value === null || value === undefined ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'float') : undefined);
  switch (t) {
    case 'string':
      if (value === null || value === undefined || typeof value === 'object') throw typeError(value, 'string');
      return { kind: 'str', value: String(value) };
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(value, 'integer');
      return { kind: 'int', value };
    case 'float':
      if (typeof value !== 'number') throw typeError(value, 'float');
      return { kind: 'float', value };
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(value, 'boolean');
      return { kind: 'bool', value };
    case 'null':
      if (value !== null && value !== undefined) throw typeError(value, 'null');
      return { kind: 'null', value: null };
    default:
      throw new TypeError(`${Object.prototype.toString.call(value)} is not a scalar`);
  }
}

/** True when a read-back scalar is exactly the target (NaN equals NaN, -0 differs from 0 for floats). */
export function matches(read: { value: unknown; kind: ScalarKind }, target: Target): boolean {
  if (read.kind !== target.kind) return false;
  if (target.kind === 'float') return Object.is(read.value, target.value);
  return read.value === target.value;
}

/** A whole number as digits: `String(1e21)` would be `1e+21`, which no reader takes as an int. */
export function formatInteger(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * A float literal both versions read as a float: a dot is always present and an exponent is
 * always signed (PyYAML needs both), non-finite values use `.inf`/`-.inf`/`.nan`.
 */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const s = String(n); // shortest round-trip form: '5', '0.001', '1e-7', '1.5e+21'
  const [mantissa, exponent] = s.split('e');
  const withDot = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withDot : `${withDot}e${exponent}`;
}

/**
 * Turn what a person typed into a float literal valid under `version`, keeping their notation
 * when it already is one: `1e-3` → `1.0e-3` (1.1) / `1e-3` (1.2), `5` → `5.0`, `1e5` → `1.0e+5`
 * (1.1), `-.5` → `-0.5` (1.1), `inf` → `.inf`. Undefined when the text is not a number.
 */
export function toFloatLiteral(text: string, version: YamlVersion): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const direct = readScalar(t, { version });
  if (direct?.kind === 'float' && direct.style === 'PLAIN') return t;
  const special = /^([-+]?)\.?(inf(?:inity)?|nan)$/i.exec(t);
  if (special) return special[2].toLowerCase() === 'nan' ? '.nan' : `${special[1] === '-' ? '-' : ''}.inf`;
  const m = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:([eE])([-+]?)([0-9]+))?$/.exec(t.replace(/_/g, ''));
  if (!m || (!m[2] && !m[3])) return undefined;
  const [, sign, int, frac, e, expSign, exp] = m;
  const literal = `${sign === '-' ? '-' : ''}${int || '0'}.${frac || '0'}${e ? `${e}${expSign || '+'}${exp}` : ''}`;
  if (readScalar(literal, { version })?.kind === 'float') return literal;
  const n = Number(t.replace(/_/g, ''));
  return Number.isNaN(n) ? undefined : formatFloat(n);
}

export type Typed = { ok: true; value: unknown; literal?: string } | { ok: false; message: string };

/**
 * What a person typed into a field of type `as`, as a value and the literal to write. Literals the
 * runtime reads as the field's type are kept as typed (`0x1F`, `yes`, `~`); strings are taken
 * verbatim (renderScalar quotes them when needed).
 */
export function readTyped(text: string, as: ScalarType, version: YamlVersion): Typed {
  if (as === 'string') return { ok: true, value: text };
  const t = text.trim();
  const read = t ? readScalar(t, { version }) : undefined;
  const plain = read && read.style === 'PLAIN' ? read : undefined;
  switch (as) {
    case 'integer': {
      if (plain?.kind === 'int') return { ok: true, value: plain.value, literal: t };
      const n = Number(t.replace(/_/g, ''));
      if (t && Number.isInteger(n)) return { ok: true, value: n, literal: formatInteger(n) };
      return { ok: false, message: `“${t}” is not a whole number` };
    }
    case 'float': {
      const literal = toFloatLiteral(t, version);
      const value = literal === undefined ? undefined : readScalar(literal, { version })?.value;
      if (typeof value === 'number') return { ok: true, value, literal };
      return { ok: false, message: `“${t}” is not a number` };
    }
    case 'boolean': {
      if (plain?.kind === 'bool') return { ok: true, value: plain.value, literal: t };
      if (/^(?:true|yes|on)$/i.test(t)) return { ok: true, value: true, literal: 'true' };
      if (/^(?:false|no|off)$/i.test(t)) return { ok: true, value: false, literal: 'false' };
      return { ok: false, message: `“${t}” is not true or false` };
    }
    case 'null':
      if (!t || plain?.kind === 'null') return { ok: true, value: null, literal: t || 'null' };
      return { ok: false, message: `“${t}” is not empty (null)` };
  }
}

// ---------------------------------------------------------------------------------------------
// Emitters: each returns a source, or undefined when the style cannot hold the value.

function plainSource(v: string, options: RenderScalarOptions): string | undefined {
  if (!v || v !== v.trim() || /[\n\r]/.test(v) || UNSAFE.test(v)) return undefined;
  if (options.context === 'flow' && FLOW_UNSAFE.test(v)) return undefined;
  if (AMBIGUOUS.test(v)) return undefined;
  // PyYAML resolves `=` (value) and `<<` (merge) to tags safe_load cannot construct or treats specially.
  if (options.version === '1.1' && (v === '=' || v === '<<')) return undefined;
  return v;
}

function singleSource(v: string): string | undefined {
  if (/[\n\r]/.test(v) || UNSAFE.test(v)) return undefined;
  return `'${v.replace(/'/g, "''")}'`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0' };

/** Double quotes hold any string: escape what is not printable (and NEL/LS/PS, which PyYAML folds). */
function doubleSource(v: string): string {
  let out = '"';
  for (const ch of v) {
    const esc = ESCAPES[ch];
    if (esc) out += esc;
    else if (UNSAFE.test(ch)) {
      const code = ch.codePointAt(0)!;
      out += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * A `|` or `>` block without indentation indicator or keep chomping: values whose first text line
 * starts with a space, that end in two line breaks (`|+` would swallow the blank lines after it),
 * or hold a CR or unprintable characters are left to double quotes.
 */
function blockSource(v: string, folded: boolean, indent: number, eol: string, trailingNewline: boolean): string | undefined {
  if (!v.trim() || /\r/.test(v) || UNSAFE.test(v) || v.endsWith('\n\n')) return undefined;
  const clip = v.endsWith('\n');
  if (clip && !trailingNewline) return undefined;
  let lines = (clip ? v.slice(0, -1) : v).split('\n');
  const first = lines.find((l) => l !== '');
  if (first === undefined || /^[ \t]/.test(first)) return undefined;
  if (folded) {
    // A single break between two normal lines folds to a space, so each needs one more empty line.
    const out: string[] = [];
    let prev: string | undefined;
    let empties = 0;
    for (const l of lines) {
      if (l === '') {
        empties++;
        continue;
      }
      if (prev !== undefined && !/^[ \t]/.test(prev) && !/^[ \t]/.test(l)) empties++;
      for (; empties > 0; empties--) out.push('');
      out.push(l);
      prev = l;
    }
    lines = out;
  }
  const pad = ' '.repeat(Math.max(indent, 1));
  return `${folded ? '>' : '|'}${clip ? '' : '-'}${eol}${lines.map((l) => (l ? pad + l : '')).join(eol)}`;
}

function isBlockStyle(style: string | undefined): style is 'BLOCK_LITERAL' | 'BLOCK_FOLDED' {
  return style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
}

/** Styles to try for a string, best first; the last resort, double quotes, always works. */
function stringStyles(v: string, options: RenderScalarOptions): ScalarStyle[] {
  const blockOk = options.context !== 'flow' && !options.key;
  const quote = options.quote ?? 'QUOTE_DOUBLE';
  const style = options.style;
  if (isBlockStyle(style)) return blockOk ? [style, 'BLOCK_LITERAL', 'QUOTE_DOUBLE'] : ['QUOTE_DOUBLE'];
  if (style === 'QUOTE_SINGLE') return ['QUOTE_SINGLE', 'QUOTE_DOUBLE'];
  if (style === 'QUOTE_DOUBLE') return ['QUOTE_DOUBLE'];
  if (style === 'PLAIN') return ['PLAIN', quote, 'QUOTE_DOUBLE'];
  // A new value: a multi-line text reads best as a literal block where one is allowed.
  return v.includes('\n') && blockOk ? ['BLOCK_LITERAL', 'QUOTE_DOUBLE'] : ['PLAIN', quote, 'QUOTE_DOUBLE'];
}

function styleOfSource(source: string): ScalarStyle {
  return source.startsWith('"') ? 'QUOTE_DOUBLE' : source.startsWith("'") ? 'QUOTE_SINGLE' : 'PLAIN';
}

/**
 * Render `value` as a scalar source that reads back as exactly that value and kind.
 * Throws a TypeError when the value does not fit `as` (e.g. 5.5 as an integer) or is not a scalar.
 * Block-scalar sources contain `eol` and content lines indented to `indent`, and no trailing break.
 */
export function renderScalar(value: unknown, options: RenderScalarOptions): RenderedScalar {
  const target = targetOf(value, options.as);
  const ctx = { version: options.version, context: options.context, key: options.key };
  const reads = (source: string) => {
    const r = readScalar(source, ctx);
    return r !== undefined && matches(r, target);
  };
  const literal = options.literal?.trim();
  if (literal && !literal.includes('\n') && reads(literal)) return { source: literal, style: styleOfSource(literal) };

  if (target.kind !== 'str') {
    const v = target.value;
    const source =
      target.kind === 'null' ? 'null' : target.kind === 'bool' ? String(v) : target.kind === 'int' ? formatInteger(v as number) : formatFloat(v as number);
    if (!reads(source)) throw new TypeError(`${source} does not read back as a ${target.kind} under YAML ${options.version}`);
    return { source, style: 'PLAIN' };
  }

  const v = target.value as string;
  const eol = options.eol ?? '\n';
  for (const style of stringStyles(v, options)) {
    if (style === 'QUOTE_DOUBLE') return { source: doubleSource(v), style };
    if (style === 'PLAIN' || style === 'QUOTE_SINGLE') {
      const source = style === 'PLAIN' ? plainSource(v, options) : singleSource(v);
      if (source !== undefined && reads(source)) return { source, style };
      continue;
    }
    const folded = style === 'BLOCK_FOLDED';
    const trailing = options.trailingNewline ?? true;
    // Checked at a fixed indentation with `\n`: the encoding does not depend on either.
    const probe = blockSource(v, folded, 2, '\n', trailing);
    if (probe === undefined) continue;
    const r = readScalar(probe, ctx);
    // Read back inside `k: ...\n`, which always supplies the final line break a clip block keeps.
    if (r && matches(r, target)) return { source: blockSource(v, folded, options.indent ?? 2, eol, trailing)!, style };
  }
  return { source: doubleSource(v), style: 'QUOTE_DOUBLE' };
}
