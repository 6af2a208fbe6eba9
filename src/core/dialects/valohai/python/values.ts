/**
 * Python values as PyYAML builds them, and the bits of Python the Valohai linter's messages
 * are made of: `repr()`, `str()`, `type()`, truthiness, `int(str(v), 10)`, `float(str(v))`,
 * `==`. Messages must read exactly as the platform prints them, e.g. `[1, 2]`, `True`, `1e-05`,
 * `datetime.date(2020, 9, 2)`.
 *
 * Usage: `pyRepr(pyFromNode(node, parsed.text))`
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { pyKind } from '../../../document/pyyaml11';

export interface PyDateTime {
  t: 'datetime';
  parts: number[]; // year, month, day, hour, minute, second, microsecond
  /** undefined: naive; 0 with `utc`: timezone.utc; otherwise an offset in seconds. */
  tz?: { utc: boolean; seconds: number };
}

export type PyValue =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  /** `big` holds the exact value when it is beyond what a JS number keeps exactly. */
  | { t: 'int'; v: number; big?: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'date'; parts: number[] }
  | PyDateTime
  | { t: 'list'; items: PyValue[] }
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | { t: 'other'; repr: string; type: string };

export const PY_NONE: PyValue = { t: 'none' };

// PyYAML's timestamp resolver, which decides between datetime.date and datetime.datetime.
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

function timestampFromSource(source: string): PyValue | undefined {
  const m = TIMESTAMP.exec(source.trim());
  if (!m) return undefined;
  const [y, mo, d] = [m[1], m[2], m[3]].map(Number);
  if (m[4] === undefined) return { t: 'date', parts: [y, mo, d] };
  const micro = m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0;
  const parts = [y, mo, d, Number(m[4]), Number(m[5]), Number(m[6]), micro];
  if (m[8] === undefined) return { t: 'datetime', parts };
  if (m[8] === 'Z') return { t: 'datetime', parts, tz: { utc: true, seconds: 0 } };
  const seconds = (Number(m[10]) * 3600 + Number(m[11] ?? 0) * 60) * (m[9] === '-' ? -1 : 1);
  return { t: 'datetime', parts, tz: { utc: false, seconds } };
}

/** PyYAML's int resolution done exactly (0b, 0x, leading-0 octal, sexagesimal, `_`), for ints beyond 2^53. */
export function exactInt(source: string): bigint | undefined {
  let s = source.trim().replace(/_/g, '');
  let sign = 1n;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  try {
    if (/^0b[01]+$/.test(s)) return sign * BigInt(s);
    if (/^0x[0-9a-fA-F]+$/.test(s)) return sign * BigInt(s);
    if (/^0[0-7]+$/.test(s)) return sign * BigInt(`0o${s.slice(1)}`);
    if (/^\d+(?::[0-5]?\d)+$/.test(s)) return sign * s.split(':').reduce((acc, part) => acc * 60n + BigInt(part), 0n);
    if (/^\d+$/.test(s)) return sign * BigInt(s);
  } catch {
    return undefined;
  }
  return undefined;
}

/** A plain JS value (as `doc.toJS()` gives it) as the closest Python value, when no node is at hand. */
export function pyFromJs(value: unknown): PyValue {
  if (value === null || value === undefined) return PY_NONE;
  if (typeof value === 'boolean') return { t: 'bool', v: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { t: 'int', v: value } : { t: 'float', v: value };
  if (typeof value === 'string') return { t: 'str', v: value };
  if (value instanceof Date) {
    const parts = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds(), value.getUTCMilliseconds() * 1000];
    return { t: 'datetime', parts, tz: { utc: true, seconds: 0 } };
  }
  if (Array.isArray(value)) return { t: 'list', items: value.map(pyFromJs) };
  if (typeof value === 'object') {
    return { t: 'dict', entries: Object.entries(value as object).map(([k, v]) => [{ t: 'str', v: k }, pyFromJs(v)]) };
  }
  return { t: 'other', repr: String(value), type: typeof value };
}

/** The Python value PyYAML builds from a YAML node: ints and floats told apart, timestamps as dates. */
export function pyFromNode(node: unknown, doc: Document.Parsed, text: string, depth = 0): PyValue {
  if (depth > 100) return { t: 'other', repr: '...', type: 'object' };
  if (node === null || node === undefined) return PY_NONE;
  if (isAlias(node)) return pyFromNode(node.resolve(doc), doc, text, depth + 1);
  if (isScalar(node)) {
    const kind = pyKind(node);
    const v = node.value;
    switch (kind) {
      case 'null':
        return PY_NONE;
      case 'bool':
        return { t: 'bool', v: Boolean(v) };
      case 'int': {
        const n = Number(v);
        if (Number.isSafeInteger(n)) return { t: 'int', v: n };
        const big = node.range ? exactInt(text.slice(node.range[0], node.range[1])) : undefined;
        return big === undefined ? { t: 'int', v: n } : { t: 'int', v: Number(big), big };
      }
      case 'float':
        return { t: 'float', v: Number(v) };
      case 'str':
        return { t: 'str', v: String(v) };
      case 'timestamp': {
        const source = node.range ? text.slice(node.range[0], node.range[1]) : '';
        return timestampFromSource(source) ?? pyFromJs(v);
      }
      default:
        return pyFromJs(v);
    }
  }
  if (isSeq(node)) return { t: 'list', items: node.items.map((n) => pyFromNode(n, doc, text, depth + 1)) };
  if (isMap(node)) {
    const entries: [PyValue, PyValue][] = [];
    for (const pair of node.items) {
      const key = pyFromNode(pair.key, doc, text, depth + 1);
      const value = pyFromNode(pair.value, doc, text, depth + 1);
      const at = entries.findIndex(([k]) => pyEquals(k, key));
      if (at >= 0) entries[at] = [entries[at][0], value];
      else entries.push([key, value]);
    }
    return { t: 'dict', entries };
  }
  return pyFromJs((node as Node).toJSON?.());
}

// ---- repr / str / type -------------------------------------------------------------------

/** Python's `repr()` of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let body: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    body = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    body = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  } else {
    body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return negative ? `-${body}` : body;
}

/** What Python's `str.isprintable()` refuses (and `repr()` therefore escapes): controls, formats, separators, unassigned. */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function pyEscape(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's `repr()` of a str: single quotes unless the text has a ' and no ". */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += pyEscape(code);
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function tzRepr(tz: { utc: boolean; seconds: number }): string {
  if (tz.utc) return 'datetime.timezone.utc';
  const s = tz.seconds;
  // timedelta normalizes negatives to days=-1 plus positive seconds.
  const delta = s < 0 ? `datetime.timedelta(days=-1, seconds=${86400 + s})` : `datetime.timedelta(seconds=${s})`;
  return `datetime.timezone(${delta})`;
}

function tzStr(tz: { utc: boolean; seconds: number }): string {
  const sign = tz.seconds < 0 ? '-' : '+';
  const abs = Math.abs(tz.seconds);
  return `${sign}${two(Math.floor(abs / 3600))}:${two(Math.floor((abs % 3600) / 60))}`;
}

export function pyRepr(v: PyValue): string {
  switch (v.t) {
    case 'none':
      return 'None';
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'int':
      return v.big !== undefined ? v.big.toString() : Number.isSafeInteger(v.v) ? String(v.v) : BigInt(v.v).toString();
    case 'float':
      return pyFloatRepr(v.v);
    case 'str':
      return pyStrRepr(v.v);
    case 'date':
      return `datetime.date(${v.parts.join(', ')})`;
    case 'datetime': {
      const [y, mo, d, h, mi, s, us] = v.parts;
      const fields = [y, mo, d, h, mi];
      if (s || us) fields.push(s);
      if (us) fields.push(us);
      return `datetime.datetime(${fields.join(', ')}${v.tz ? `, tzinfo=${tzRepr(v.tz)}` : ''})`;
    }
    case 'list':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map(([k, val]) => `${pyRepr(k)}: ${pyRepr(val)}`).join(', ')}}`;
    case 'other':
      return v.repr;
  }
}

/** Python's `str()`: text as it is, dates in ISO form, everything else as its repr. */
export function pyStr(v: PyValue): string {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'date':
      return `${v.parts[0]}-${two(v.parts[1])}-${two(v.parts[2])}`;
    case 'datetime': {
      const [y, mo, d, h, mi, s, us] = v.parts;
      const time = `${two(h)}:${two(mi)}:${two(s)}${us ? `.${String(us).padStart(6, '0')}` : ''}`;
      return `${y}-${two(mo)}-${two(d)} ${time}${v.tz ? tzStr(v.tz) : ''}`;
    }
    default:
      return pyRepr(v);
  }
}

const TYPE_NAMES: Record<PyValue['t'], string> = {
  none: 'NoneType',
  bool: 'bool',
  int: 'int',
  float: 'float',
  str: 'str',
  date: 'datetime.date',
  datetime: 'datetime.datetime',
  list: 'list',
  dict: 'dict',
  other: 'object',
};

export function pyTypeName(v: PyValue): string {
  return v.t === 'other' ? v.type : TYPE_NAMES[v.t];
}

/** Python's `repr(type(v))`, e.g. `<class 'int'>`. */
export function pyTypeRepr(v: PyValue): string {
  return `<class '${pyTypeName(v)}'>`;
}

// ---- semantics ---------------------------------------------------------------------------

export function pyTruthy(v: PyValue): boolean {
  switch (v.t) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
      return v.v.length > 0;
    case 'list':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    default:
      return true;
  }
}

/** The number a bool/int/float stands for in arithmetic and comparisons (True == 1). */
export function pyNumber(v: PyValue): number | undefined {
  if (v.t === 'bool') return v.v ? 1 : 0;
  if (v.t === 'int' || v.t === 'float') return v.v;
  return undefined;
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  const na = pyNumber(a);
  const nb = pyNumber(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'str':
      return a.v === (b as typeof a).v;
    case 'none':
      return true;
    case 'list': {
      const items = (b as typeof a).items;
      return a.items.length === items.length && a.items.every((x, i) => pyEquals(x, items[i]));
    }
    case 'dict': {
      const entries = (b as typeof a).entries;
      return a.entries.length === entries.length && a.entries.every(([k, v]) => entries.some(([k2, v2]) => pyEquals(k, k2) && pyEquals(v, v2)));
    }
    default:
      return pyRepr(a) === pyRepr(b);
  }
}

/** Whether Python's `int(text, 10)` accepts the text. */
export function pyIntParses(text: string): boolean {
  return /^\s*[+-]?\d(?:_?\d)*\s*$/u.test(text);
}

const FLOAT_DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT_MANTISSA = `(?:${FLOAT_DIGITS}(?:\\.(?:${FLOAT_DIGITS})?)?|\\.${FLOAT_DIGITS})`;
/** What Python's `float()` accepts (built once: the checks ask for every parameter value). */
const PY_FLOAT = new RegExp(`^\\s*[+-]?(?:${FLOAT_MANTISSA}(?:[eE][+-]?${FLOAT_DIGITS})?|inf|infinity|nan)\\s*$`, 'iu');

/** Whether Python's `float(text)` accepts the text. */
export function pyFloatParses(text: string): boolean {
  return PY_FLOAT.test(text);
}

/** `listify()` of valohai-yaml: None → [], a list stays, anything else becomes a one-item list. */
export function pyListify(v: PyValue): PyValue[] {
  if (v.t === 'none') return [];
  if (v.t === 'list') return v.items;
  return [v];
}
