import { describe, expect, it } from 'vitest';
import { formatMap } from './formatMap';
import { pyFormat } from './formatSpec';
import { pyAscii, PyError, pySplit, pyStrip, shlexQuote } from './text';
import { pyFloatRepr, pyRepr, type PyValue } from './values';

const s = (v: string): PyValue => ({ t: 'str', v });
const i = (v: number): PyValue => ({ t: 'int', v });
const f = (v: number): PyValue => ({ t: 'float', v });
const b = (v: boolean): PyValue => ({ t: 'bool', v });
const big = (v: bigint): PyValue => ({ t: 'int', v: Number(v), big: v });

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyError) return e.pyText;
    throw e;
  }
  return 'no error';
}

describe('shlex.quote', () => {
  it('leaves only ASCII letters, digits and _@%+=:,./- unquoted', () => {
    expect(shlexQuote('')).toBe("''");
    expect(shlexQuote('_@%+=:,./-')).toBe('_@%+=:,./-');
    expect(shlexQuote('abcXYZ019')).toBe('abcXYZ019');
    expect(shlexQuote('--lr=0.1')).toBe('--lr=0.1');
    expect(shlexQuote('a b')).toBe("'a b'");
    expect(shlexQuote("it's")).toBe(`'it'"'"'s'`);
    expect(shlexQuote("'")).toBe(`''"'"''`);
    expect(shlexQuote('a"b')).toBe(`'a"b'`);
    expect(shlexQuote('$HOME')).toBe("'$HOME'");
    expect(shlexQuote('*')).toBe("'*'");
    expect(shlexQuote('{x}')).toBe("'{x}'");
    expect(shlexQuote('héllo')).toBe("'héllo'");
    expect(shlexQuote('a\tb')).toBe("'a\tb'");
    expect(shlexQuote('a\nb')).toBe("'a\nb'");
  });
});

describe('str.split() and str.strip()', () => {
  it("use Python's whitespace, not JavaScript's", () => {
    // \x1c and \x85 are Python whitespace; U+FEFF and U+200B are not.
    expect(pySplit('  a  b\t c\x1c d\x85e\u3000f\ufeffg  ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f\ufeffg']);
    expect(pyStrip(' \u200b x \xa0')).toBe('\u200b x');
    expect(pyStrip('\x1f\x1e y \x0b')).toBe('y');
    expect(pySplit('--decoder-spec {v}')).toEqual(['--decoder-spec', '{v}']);
    expect(pySplit('   ')).toEqual([]);
  });
});

describe('repr', () => {
  it('of floats: shortest round-trip digits, exponent below 1e-4 and from 1e16', () => {
    expect(pyFloatRepr(1)).toBe('1.0');
    expect(pyFloatRepr(0.01)).toBe('0.01');
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(1e17)).toBe('1e+17');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pyFloatRepr(Infinity)).toBe('inf');
    expect(pyFloatRepr(-Infinity)).toBe('-inf');
    expect(pyFloatRepr(NaN)).toBe('nan');
    expect(pyFloatRepr(-0)).toBe('-0.0');
    expect(pyFloatRepr(5e-324)).toBe('5e-324');
    expect(pyFloatRepr(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
    expect(pyFloatRepr(123456789.125)).toBe('123456789.125');
  });

  it('of ints beyond 2^53 is exact', () => {
    expect(pyRepr(big(12345678901234567890n))).toBe('12345678901234567890');
    expect(pyRepr(i(2 ** 70))).toBe('1180591620717411303424');
  });

  it('of text escapes what Python does not print', () => {
    expect(pyRepr(s('a\x85b'))).toBe("'a\\x85b'");
    expect(pyRepr(s('\u2028'))).toBe("'\\u2028'");
    expect(pyRepr(s('\xa0'))).toBe("'\\xa0'");
    expect(pyRepr(s('é\u{1F600}'))).toBe("'é\u{1F600}'");
    expect(pyRepr(s(`both'"`))).toBe(`'both\\'"'`);
    expect(pyAscii(s('é\u{1F600}'))).toBe("'\\xe9\\U0001f600'");
  });
});

describe('format(value, spec)', () => {
  it('an empty spec is str()', () => {
    expect(pyFormat(f(1), '')).toBe('1.0');
    expect(pyFormat(b(true), '')).toBe('True');
    expect(pyFormat({ t: 'none' }, '')).toBe('None');
    expect(pyFormat({ t: 'list', items: [i(1), s('a')] }, '')).toBe("[1, 'a']");
  });

  it('integers', () => {
    expect(pyFormat(i(5), 'd')).toBe('5');
    expect(pyFormat(b(true), 'd')).toBe('1');
    expect(pyFormat(b(true), '>5')).toBe('    1');
    expect(pyFormat(i(1234), '06,')).toBe('01,234');
    expect(pyFormat(i(1234), '08,')).toBe('0,001,234');
    expect(pyFormat(i(1234), '010_x')).toBe('0_0000_04d2');
    expect(pyFormat(i(-1234), '#x')).toBe('-0x4d2');
    expect(pyFormat(i(65), 'c')).toBe('A');
    expect(pyFormat(i(5), '.2f')).toBe('5.00');
    expect(pyFormat(i(1234), '=+8')).toBe('+   1234');
    expect(pyFormat(big(10n ** 20n), ',')).toBe('100,000,000,000,000,000,000');
  });

  it('floats, rounded half to even on the exact binary value', () => {
    expect(pyFormat(f(2.5), '.0f')).toBe('2');
    expect(pyFormat(f(0.125), '.2f')).toBe('0.12');
    expect(pyFormat(f(2.675), '.2f')).toBe('2.67');
    expect(pyFormat(f(0.1), '.2f')).toBe('0.10');
    expect(pyFormat(f(1234.5), '.3')).toBe('1.23e+03');
    expect(pyFormat(f(100), '.3')).toBe('1e+02');
    expect(pyFormat(f(-0), '.3')).toBe('-0.0');
    expect(pyFormat(f(1.5e-7), '.17')).toBe('1.4999999999999999e-07');
    expect(pyFormat(f(0.5), '.1%')).toBe('50.0%');
    expect(pyFormat(f(100), '#g')).toBe('100.000');
    expect(pyFormat(f(1e16), 'g')).toBe('1e+16');
    expect(pyFormat(f(100), '06,')).toBe('0,100.0');
    expect(pyFormat(f(Infinity), '06,')).toBe('000inf');
    expect(pyFormat(f(-0), 'z.1f')).toBe('0.0');
    expect(pyFormat(f(1234.5), '*^9')).toBe('*1234.5**');
  });

  it('text', () => {
    expect(pyFormat(s('abc'), '10.3s')).toBe('abc       ');
    expect(pyFormat(s('héllo'), '.2')).toBe('hé');
    expect(pyFormat(s('abc'), '^7')).toBe('  abc  ');
  });

  it('raises ValueError for a spec the type refuses, TypeError for types without format', () => {
    expect(err(() => pyFormat(s('x'), 'd'))).toBe("ValueError: Unknown format code 'd' for object of type 'str'");
    expect(err(() => pyFormat(f(2.5), 'd'))).toBe("ValueError: Unknown format code 'd' for object of type 'float'");
    expect(err(() => pyFormat(i(5), '.2'))).toBe('ValueError: Precision not allowed in integer format specifier');
    expect(err(() => pyFormat(s('x'), '+'))).toBe('ValueError: Sign not allowed in string format specifier');
    expect(err(() => pyFormat(s('x'), ','))).toBe("ValueError: Cannot specify ',' with 's'.");
    expect(err(() => pyFormat(i(5), 'nâme'))).toBe("ValueError: Invalid format specifier 'nâme' for object of type 'int'");
    expect(err(() => pyFormat({ t: 'none' }, 'd'))).toBe('TypeError: unsupported format string passed to NoneType.__format__');
    expect(err(() => pyFormat(i(-1), 'c'))).toBe('OverflowError: %c arg not in range(0x110000)');
  });
});

describe('str.format_map', () => {
  const env = (v: PyValue) => ({ name: s('lr'), value: v, v });

  it('fills {name}, {value}, {v}; {{ and }} are literal braces', () => {
    expect(formatMap('--{name}={value}', env(f(0.1)))).toBe('--lr=0.1');
    expect(formatMap('{{v}}={v}', env(i(5)))).toBe('{v}=5');
    expect(formatMap('{v!r}', env(s('a b')))).toBe("'a b'");
    expect(formatMap('{v[0]}', env(s('héllo')))).toBe('h');
    expect(formatMap('{name:>{v}}', env(i(6)))).toBe('    lr');
  });

  it('raises what Python raises', () => {
    expect(err(() => formatMap('{foo}', env(i(1))))).toBe("KeyError: 'foo'");
    expect(err(() => formatMap('{ v}', env(i(1))))).toBe("KeyError: ' v'");
    expect(err(() => formatMap('{0}', env(i(1))))).toBe('ValueError: Format string contains positional fields');
    expect(err(() => formatMap('{}', env(i(1))))).toBe('ValueError: Format string contains positional fields');
    expect(err(() => formatMap('{v[9]}', env(s('abc'))))).toBe('IndexError: string index out of range');
    expect(err(() => formatMap('{v[0]}', env(i(5))))).toBe("TypeError: 'int' object is not subscriptable");
    expect(err(() => formatMap('}', env(i(1))))).toBe("ValueError: Single '}' encountered in format string");
    expect(err(() => formatMap('x{', env(i(1))))).toBe("ValueError: Single '{' encountered in format string");
    expect(err(() => formatMap('{v', env(i(1))))).toBe("ValueError: expected '}' before end of string");
    expect(err(() => formatMap('{v!x}', env(i(1))))).toBe('ValueError: Unknown conversion specifier x');
    expect(err(() => formatMap('{v!}', env(i(1))))).toBe("ValueError: unmatched '{' in format spec");
    expect(err(() => formatMap('{v.}', env(i(1))))).toBe('ValueError: Empty attribute in format string');
    expect(err(() => formatMap('{v:d}', env(s('x'))))).toBe("ValueError: Unknown format code 'd' for object of type 'str'");
  });
});
