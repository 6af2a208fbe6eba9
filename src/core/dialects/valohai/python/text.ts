/**
 * Python's own errors and the text functions commands are built with: `str.split()` and
 * `str.strip()` (on Python's whitespace, not JS's), `shlex.quote` and `ascii()`, as CPython 3.11.
 *
 * Usage: `pySplit(' a  b ')` → `['a', 'b']`; `shlexQuote("it's")` → `'it'"'"'s'`
 */
import { pyRepr, type PyValue } from './values';

export type PyErrorType = 'ValueError' | 'KeyError' | 'IndexError' | 'TypeError' | 'AttributeError' | 'OverflowError' | 'Unsupported';

/** A Python exception as the reference implementation would raise it; `Unsupported` is our own: the preview cannot compute it. */
export class PyError extends Error {
  constructor(
    readonly pyType: PyErrorType,
    message: string,
  ) {
    super(message);
  }

  /** `KeyError: 'foo'`, as Python prints an uncaught exception's last line. */
  get pyText(): string {
    return `${this.pyType}: ${this.message}`;
  }
}

// ---- whitespace, split, strip, quote -----------------------------------------------------

/** Python's `str.isspace()` characters: what `split()` and `strip()` work on (not JS's `\s`). */
const PY_SPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const SPACE_SET = new Set(PY_SPACE);

export function pyIsSpace(ch: string): boolean {
  return SPACE_SET.has(ch);
}

/** `str.split()` without arguments: runs of whitespace separate, no empty pieces. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (SPACE_SET.has(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** `str.strip()` without arguments. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && SPACE_SET.has(s[a])) a++;
  while (b > a && SPACE_SET.has(s[b - 1])) b--;
  return s.slice(a, b);
}

/** `shlex.quote`: safe text as it is, anything else in single quotes with `'` as `'"'"'`. */
export function shlexQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** `ascii(v)`: the repr with every non-ASCII character escaped. */
export function pyAscii(v: PyValue): string {
  let out = '';
  for (const ch of pyRepr(v)) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out;
}
