import { describe, expect, it } from 'vitest';
import { parseText } from '../../../document/parse';
import { locatePath } from '../../../document/paths';
import { pyFloatParses, pyFloatRepr, pyFromNode, pyIntParses, pyRepr, pyStr, pyStrRepr, pyTruthy, pyTypeRepr } from './values';

function py(yamlValue: string) {
  const parsed = parseText(`v: ${yamlValue}\n`, { version: '1.1', duplicateKeys: 'warning' });
  return pyFromNode(locatePath(parsed.doc, ['v']).node, parsed.doc, parsed.text);
}

describe('Python values from YAML 1.1', () => {
  it('tells ints, floats, bools, strings and None apart as PyYAML does', () => {
    expect(pyRepr(py('5'))).toBe('5');
    expect(pyRepr(py('5.0'))).toBe('5.0');
    expect(pyRepr(py('1e-7'))).toBe("'1e-7'"); // not a float in YAML 1.1
    expect(pyRepr(py('yes'))).toBe('True');
    expect(pyRepr(py('~'))).toBe('None');
    expect(pyRepr(py('[1, two, 3.5, null]'))).toBe("[1, 'two', 3.5, None]");
    expect(pyRepr(py('{a: 1, b: [x]}'))).toBe("{'a': 1, 'b': ['x']}");
  });

  it('reads timestamps as datetime.date or datetime.datetime', () => {
    expect(pyRepr(py('2020-09-02'))).toBe('datetime.date(2020, 9, 2)');
    expect(pyStr(py('2020-09-02'))).toBe('2020-09-02');
    const dt = py('2020-09-02T00:00:00.000000Z');
    expect(pyRepr(dt)).toBe('datetime.datetime(2020, 9, 2, 0, 0, tzinfo=datetime.timezone.utc)');
    expect(pyTypeRepr(dt)).toBe("<class 'datetime.datetime'>");
    expect(pyStr(dt)).toBe('2020-09-02 00:00:00+00:00');
    expect(pyRepr(py('2001-12-14 21:59:43.10 -5'))).toBe(
      'datetime.datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))',
    );
  });
});

describe('repr and str', () => {
  it('formats floats like Python', () => {
    expect(pyFloatRepr(1)).toBe('1.0');
    expect(pyFloatRepr(0.001)).toBe('0.001');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(0.00001)).toBe('1e-05');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(123456789012345.6)).toBe('123456789012345.6');
    expect(pyFloatRepr(1.5e300)).toBe('1.5e+300');
    expect(pyFloatRepr(-2.5)).toBe('-2.5');
    expect(pyFloatRepr(Infinity)).toBe('inf');
  });
  it('quotes strings like Python', () => {
    expect(pyStrRepr('abc')).toBe("'abc'");
    expect(pyStrRepr("it's")).toBe('"it\'s"');
    expect(pyStrRepr('a\'b"c')).toBe("'a\\'b\"c'");
    expect(pyStrRepr('a\nb\\')).toBe("'a\\nb\\\\'");
  });
});

describe('semantics', () => {
  it('truthiness', () => {
    expect(pyTruthy(py('0'))).toBe(false);
    expect(pyTruthy(py('""'))).toBe(false);
    expect(pyTruthy(py('[]'))).toBe(false);
    expect(pyTruthy(py('"false"'))).toBe(true);
    expect(pyTruthy(py('[0]'))).toBe(true);
  });
  it('int() and float() of text', () => {
    expect(pyIntParses(' 42 ')).toBe(true);
    expect(pyIntParses('1_000')).toBe(true);
    expect(pyIntParses('5.0')).toBe(false);
    expect(pyIntParses('True')).toBe(false);
    expect(pyFloatParses('1e-7')).toBe(true);
    expect(pyFloatParses('.5')).toBe(true);
    expect(pyFloatParses('-Infinity')).toBe(true);
    expect(pyFloatParses('nan')).toBe(true);
    expect(pyFloatParses('1,5')).toBe(false);
    expect(pyFloatParses('.')).toBe(false);
  });
});
