/**
 * Python's `format(value, spec)`: the format-spec mini-language (fill, align, sign, `#`, `0`,
 * width, grouping, precision, type) for str, int, bool and float, with a float's digits computed
 * exactly from its binary value, so `{v:.2f}` and `{v:g}` print what CPython 3.11 prints.
 *
 * Usage: `pyFormat({ t: 'float', v: 0.125 }, '.2f')` → `0.12` (round half to even, on the exact value)
 */
import { PyError } from './text';
import { pyStr, pyTypeName, type PyValue } from './values';

// ---- exact decimal digits of a double ----------------------------------------------------

/** |x| = mant · 2^exp exactly, for a finite x. */
function decompose(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return e === 0 ? { mant: frac, exp: -1074 } : { mant: frac | (1n << 52n), exp: e - 1075 };
}

/** |x| as a fraction num/den. */
function fraction(x: number): [bigint, bigint] {
  const { mant, exp } = decompose(x);
  return exp >= 0 ? [mant << BigInt(exp), 1n] : [mant, 1n << BigInt(-exp)];
}

function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = 2n * (num % den);
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** round(|x| · 10^p), half to even on the exact binary value (as dtoa does). */
function scaledDigits(x: number, p: number): bigint {
  const [num, den] = fraction(x);
  return p >= 0 ? roundHalfEven(num * pow10(p), den) : roundHalfEven(num, den * pow10(-p));
}

/** `n` significant digits of |x| and the decimal point position: |x| ≈ 0.DIGITS · 10^decpt. */
function significant(x: number, n: number): { digits: string; decpt: number } {
  if (x === 0) return { digits: '0'.repeat(n), decpt: 1 };
  const [num, den] = fraction(x);
  let k = Number(Math.abs(x).toExponential().split('e')[1]);
  // The shortest repr may round up across a power of ten; the exact value decides.
  const below = (kk: number) => (kk >= 0 ? num < den * pow10(kk) : num * pow10(-kk) < den);
  if (below(k)) k--;
  let m = scaledDigits(x, n - 1 - k);
  if (m >= pow10(n)) {
    k++;
    m = scaledDigits(x, n - 1 - k);
  }
  return { digits: m.toString(), decpt: k + 1 };
}

/** The shortest digits that read back as x (what `repr()` uses). */
function shortest(x: number): { digits: string; decpt: number } {
  if (x === 0) return { digits: '0', decpt: 1 };
  const [mantissa, e] = Math.abs(x).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), decpt: Number(e) + 1 };
}

/**
 * CPython's `format_float_short` for a finite |x|: type e/f/g/r, digits laid out with the
 * decimal point, trailing zeros and exponent as Python does.
 */
function floatBody(x: number, type: 'e' | 'f' | 'g' | 'r', precision: number, alt: boolean, addDot0: boolean): string {
  const point = precision > 0 || alt ? '.' : '';
  if (type === 'f') {
    const m = scaledDigits(x, precision).toString().padStart(precision + 1, '0');
    return m.slice(0, m.length - precision) + point + m.slice(m.length - precision);
  }
  const expText = (e: number) => `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  if (type === 'e') {
    const { digits, decpt } = significant(x, precision + 1);
    return digits[0] + point + digits.slice(1) + expText(x === 0 ? 0 : decpt - 1);
  }
  let digits: string;
  let decpt: number;
  let useExp: boolean;
  if (type === 'g') {
    const p = precision === 0 ? 1 : precision;
    ({ digits, decpt } = significant(x, p));
    if (!alt) digits = digits.replace(/0+$/, '') || '0';
    useExp = decpt <= -4 || decpt > (addDot0 ? p - 1 : p);
  } else {
    ({ digits, decpt } = shortest(x));
    useExp = decpt <= -4 || decpt > 16;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  const vEnd = !useExp && addDot0 ? Math.max(digits.length, decpt + 1) : Math.max(digits.length, decpt);
  let out = '';
  for (let i = vStart; i < vEnd; i++) {
    if (i === decpt) out += '.';
    out += i >= 0 && i < digits.length ? digits[i] : '0';
  }
  if (vEnd === decpt && alt) out += '.';
  return useExp ? out + expText(exp) : out;
}

// ---- the format-spec mini-language ---------------------------------------------------------

interface Spec {
  fill: string;
  align: string | undefined;
  sign: string | undefined;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: ',' | '_' | undefined;
  precision: number | undefined;
  type: string | undefined;
}

const ALIGN = '<>=^';

function parseSpec(spec: string, typeName: string): Spec {
  const chars = Array.from(spec);
  let i = 0;
  const s: Spec = { fill: ' ', align: undefined, sign: undefined, z: false, alt: false, zero: false, width: -1, grouping: undefined, precision: undefined, type: undefined };
  let fillGiven = false;
  if (chars.length >= 2 && ALIGN.includes(chars[1])) {
    s.fill = chars[0];
    s.align = chars[1];
    fillGiven = true;
    i = 2;
  } else if (chars.length >= 1 && ALIGN.includes(chars[0])) {
    s.align = chars[0];
    i = 1;
  }
  if ('+- '.includes(chars[i] ?? 'x')) s.sign = chars[i++];
  if (chars[i] === 'z') {
    s.z = true;
    i++;
  }
  if (chars[i] === '#') {
    s.alt = true;
    i++;
  }
  if (chars[i] === '0' && !fillGiven) {
    // Zero padding: '0' fill; numbers (right-aligned by default) pad after the sign.
    s.zero = true;
    s.fill = '0';
    i++;
  }
  const digits = (): string => {
    let d = '';
    while (i < chars.length && chars[i] >= '0' && chars[i] <= '9') d += chars[i++];
    if (d.length > 18) throw new PyError('ValueError', 'Too many decimal digits in format string');
    return d;
  };
  const w = digits();
  if (w) s.width = Number(w);
  if (chars[i] === ',' || chars[i] === '_') {
    s.grouping = chars[i++] as ',' | '_';
    if (chars[i] === ',' || chars[i] === '_') {
      throw new PyError('ValueError', chars[i] === s.grouping ? `Cannot specify '${s.grouping}' with '${s.grouping}'.` : "Cannot specify both ',' and '_'.");
    }
  }
  if (chars[i] === '.') {
    i++;
    const p = digits();
    if (!p) throw new PyError('ValueError', 'Format specifier missing precision');
    s.precision = Number(p);
  }
  if (chars.length - i > 1) throw new PyError('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName}'`);
  if (i < chars.length) s.type = chars[i];
  return s;
}

function checkGrouping(s: Spec, type: string): void {
  if (!s.grouping) return;
  if ('defgEG%F'.includes(type) || type === '') return;
  if ('boxX'.includes(type) && s.grouping === '_') return;
  throw new PyError('ValueError', `Cannot specify '${s.grouping}' with '${type}'.`);
}

function len(s: string): number {
  return Array.from(s).length;
}

function pad(body: string, s: Spec, defaultAlign: string, prefix = ''): string {
  const align = s.align ?? defaultAlign;
  const total = len(prefix) + len(body);
  if (s.width <= total) return prefix + body;
  const n = s.width - total;
  if (align === '=') return prefix + s.fill.repeat(n) + body;
  if (align === '<') return prefix + body + s.fill.repeat(n);
  if (align === '>') return s.fill.repeat(n) + prefix + body;
  const left = Math.floor(n / 2);
  return s.fill.repeat(left) + prefix + body + s.fill.repeat(n - left);
}

/** Digits with separators every `size`, padded with '0' digits to `minWidth` (never starting with a separator). */
function group(digits: string, sep: string | undefined, size: number, minWidth: number): string {
  let out = '';
  let count = 0;
  let i = digits.length;
  while (i > 0 || len(out) < minWidth) {
    if (sep && count > 0 && count % size === 0) out = sep + out;
    out = (i > 0 ? digits[--i] : '0') + out;
    count++;
  }
  return out;
}

/** Sign, grouped integer digits, the rest, and the padding, as CPython's `fill_number` lays them out. */
function layoutNumber(s: Spec, negative: boolean, prefix: string, intDigits: string, rest: string, groupSize: number): string {
  const sign = negative ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
  const spec: Spec = { ...s, align: s.align ?? (s.zero ? '=' : '>') };
  const head = sign + prefix;
  const minWidth = spec.fill === '0' && spec.align === '=' && intDigits !== '' ? Math.max(0, spec.width - len(head) - len(rest)) : 0;
  const grouped = intDigits === '' ? '' : group(intDigits, spec.grouping, groupSize, minWidth);
  return pad(grouped + rest, spec, '>', head);
}

function formatStr(v: string, spec: string): string {
  const s = parseSpec(spec, 'str');
  const type = s.type ?? 's';
  checkGrouping(s, type);
  if (type !== 's') throw new PyError('ValueError', `Unknown format code '${type}' for object of type 'str'`);
  if (s.sign === ' ') throw new PyError('ValueError', 'Space not allowed in string format specifier');
  if (s.sign) throw new PyError('ValueError', 'Sign not allowed in string format specifier');
  if (s.z) throw new PyError('ValueError', 'Negative zero coercion (z) not allowed in format specifier');
  if (s.alt) throw new PyError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (s.align === '=') throw new PyError('ValueError', "'=' alignment not allowed in string format specifier");
  const body = s.precision !== undefined ? Array.from(v).slice(0, s.precision).join('') : v;
  return pad(body, s, '<');
}

function formatFloatWith(x: number, s: Spec, typeName: string): string {
  let type = s.type ?? '';
  if (type !== '' && !'eEfFgGn%'.includes(type)) {
    checkGrouping(s, type);
    throw new PyError('ValueError', `Unknown format code '${type}' for object of type '${typeName}'`);
  }
  checkGrouping(s, type);
  if (type === 'n') type = 'g';
  const upper = type === 'E' || type === 'F' || type === 'G';
  let value = x;
  let pct = '';
  if (type === '%') {
    value = x * 100;
    type = 'f';
    pct = '%';
  }
  const lower = type.toLowerCase() as 'e' | 'f' | 'g' | '';
  let body: string;
  let negative = value < 0 || Object.is(value, -0);
  if (Number.isNaN(value)) {
    body = 'nan';
    negative = false;
  } else if (!Number.isFinite(value)) body = 'inf';
  else if (lower === '') {
    // No type: repr() without a precision, else 'g' that keeps a ".0" on whole numbers.
    body = s.precision === undefined ? floatBody(Math.abs(value), 'r', 0, s.alt, true) : floatBody(Math.abs(value), 'g', s.precision, s.alt, true);
  } else body = floatBody(Math.abs(value), lower, s.precision ?? 6, s.alt, false);
  if (upper) body = body.toUpperCase();
  // 'z': a negative number that rounds to zero loses its sign.
  if (s.z && negative && Number.isFinite(value) && !/[1-9]/.test(body.split(/e/i)[0])) negative = false;
  if (!Number.isFinite(value)) {
    const sign = negative ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
    return pad(body + pct, { ...s, align: s.align ?? (s.zero ? '=' : '>') }, '>', sign);
  }
  const m = /^(\d*)(.*)$/s.exec(body)!;
  return layoutNumber(s, negative, '', m[1], m[2] + pct, 3);
}

function formatInt(v: bigint, spec: string, typeName: string): string {
  const s = parseSpec(spec, typeName);
  const type = s.type ?? 'd';
  if ('eEfFgG%'.includes(type)) return formatFloatWith(Number(v), s, typeName);
  if (!'bcdoxXn'.includes(type)) {
    checkGrouping(s, type);
    throw new PyError('ValueError', `Unknown format code '${type}' for object of type '${typeName}'`);
  }
  if (s.precision !== undefined) throw new PyError('ValueError', 'Precision not allowed in integer format specifier');
  checkGrouping(s, type === 'n' ? 'n' : type);
  if (s.z) throw new PyError('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  const negative = v < 0n;
  const abs = negative ? -v : v;
  if (type === 'c') {
    if (s.sign) throw new PyError('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (s.alt) throw new PyError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) throw new PyError('OverflowError', 'Python int too large to convert to C long');
    if (negative || v > 0x10ffffn) throw new PyError('OverflowError', '%c arg not in range(0x110000)');
    return pad(String.fromCodePoint(Number(v)), { ...s, align: s.align ?? (s.zero ? '=' : '>') }, '>');
  }
  const radix = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  let digits = abs.toString(radix);
  if (type === 'X') digits = digits.toUpperCase();
  const prefix = s.alt && radix !== 10 ? `0${type}` : '';
  return layoutNumber(s, negative, prefix, digits, '', radix === 10 ? 3 : 4);
}


/** The exact value of a Python int. */
export function pyIntValue(v: PyValue & { t: 'int' }): bigint {
  return v.big ?? BigInt(v.v);
}

/** Python's `format(value, spec)`. */
export function pyFormat(v: PyValue, spec: string): string {
  if (spec === '') return pyStr(v);
  switch (v.t) {
    case 'str':
      return formatStr(v.v, spec);
    case 'int':
      return formatInt(pyIntValue(v), spec, 'int');
    case 'bool':
      return formatInt(v.v ? 1n : 0n, spec, 'bool');
    case 'float':
      return formatFloatWith(v.v, parseSpec(spec, 'float'), 'float');
    case 'date':
    case 'datetime':
      throw new PyError('Unsupported', `format spec '${spec}' on a date is strftime(), which the preview does not emulate`);
    default:
      throw new PyError('TypeError', `unsupported format string passed to ${pyTypeName(v)}.__format__`);
  }
}
