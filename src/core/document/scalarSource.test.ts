import { describe, expect, it } from 'vitest';
import { parseText } from './parse';
import { sourceRange } from './scalarSource';

/** The source text sourceRange finds for `part` of the value at `path`. */
function located(text: string, path: (string | number)[], part: string): string | undefined {
  const parsed = parseText(text, { version: '1.1', duplicateKeys: 'warning' });
  const value = String(path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], parsed.value));
  const from = value.indexOf(part);
  expect(from, `"${part}" in the value`).toBeGreaterThanOrEqual(0);
  const range = sourceRange(parsed, path, from, from + part.length);
  return range && text.slice(...range);
}

describe('sourceRange', () => {
  it('maps plain scalars, on one line and folded over several', () => {
    expect(located('a: echo x && run y\n', ['a'], 'run y')).toBe('run y');
    expect(located('a: echo x &&\n  run   y\n  done\n', ['a'], 'run   y')).toBe('run   y');
  });

  it('maps block literals, with the indentation beyond the block’s kept', () => {
    const text = 'a:\n  b: |\n    one\n      two three\n    four\n';
    expect(located(text, ['a', 'b'], '  two three')).toBe('  two three');
    expect(located(text, ['a', 'b'], 'four')).toBe('four');
    expect(located('a: |2\n    indented\n', ['a'], 'indented')).toBe('indented');
  });

  it('maps quoted scalars only when their text is the value', () => {
    expect(located("a: 'x y'\n", ['a'], 'y')).toBe('y');
    expect(located('a: "x\\ty z"\n', ['a'], 'z')).toBeUndefined();
  });

  it('refuses folded blocks and parts across a line break', () => {
    expect(located('a: >\n  x\n  y\n', ['a'], 'y')).toBeUndefined();
    expect(located('a: x\n  y\n', ['a'], 'x y')).toBeUndefined();
  });
});
