import { describe, expect, it, vi } from 'vitest';
import { isScalar, type Scalar } from 'yaml';
import { IncrementalParser } from './incremental';
import { COLLECTION_KEY, DUPLICATE_KEY, locate, parseText } from './parse';
import { pyKind } from './pyyaml11';

const v11 = { version: '1.1', duplicateKeys: 'warning' } as const;

describe('YAML 1.1 scalars as PyYAML reads them', () => {
  const read = (src: string) => parseText(`v: ${src}\n`, v11).value as { v: unknown };
  it.each([
    ['1e-3', '1e-3'],
    ['1.0e3', '1.0e3'],
    ['1.0e+3', 1000],
    ['0.001', 0.001],
    ['.5', 0.5],
    ['-.5', '-.5'],
    ['yes', true],
    ['Off', false],
    ['y', 'y'],
    ['~', null],
    ['0777', 511],
    ['0x1F', 31],
    ['1_000', 1000],
    ['1:30', 90],
    ['09', '09'],
    ['0.0.', '0.0.'],
    ['foo:bar', 'foo:bar'],
    ['"yes"', 'yes'],
    ['.inf', Infinity],
  ])('%s → %j', (src, expected) => {
    expect(read(src).v).toEqual(expected);
  });

  it('keeps the Python type of numbers: 5 is an int, 5.0 a float', () => {
    const doc = parseText('a: 5\nb: 5.0\nc: "5"\n', v11).doc;
    const kinds = ['a', 'b', 'c'].map((k) => {
      const node = doc.get(k, true);
      return isScalar(node) ? pyKind(node as Scalar) : 'none';
    });
    expect(kinds).toEqual(['int', 'float', 'str']);
  });

  it('honours explicit tags as PyYAML does', () => {
    const doc = parseText('a: !!float 5\nb: !!int "7"\nc: !!str 5\n', v11).doc;
    expect(doc.toJS()).toEqual({ a: 5, b: 7, c: '5' });
    expect(pyKind(doc.get('a', true) as Scalar)).toBe('float');
    expect(parseText('a: !!int x\n', v11).ok).toBe(false);
  });

  it('reads dates as timestamps, not strings', () => {
    expect(read('2020-09-02').v).toBeInstanceOf(Date);
  });

  it('uses YAML 1.2 rules when asked', () => {
    const value = parseText('a: yes\nb: 1e-3\n', { version: '1.2', duplicateKeys: 'error' }).value;
    expect(value).toEqual({ a: 'yes', b: 0.001 });
  });
});

describe('bad input', () => {
  it('reports tab indentation with a position and keeps going', () => {
    const p = parseText('- step:\n\tname: x\n', v11);
    expect(p.ok).toBe(false);
    expect(p.diagnostics[0].severity).toBe('error');
    expect(p.diagnostics[0].message).toMatch(/Tab/);
    expect(p.lineCounter.linePos(p.diagnostics[0].range[0]).line).toBe(2);
  });

  it.each([
    ['- step:\n    name: "train\n    image: x\n', '"'],
    ["a: 'abc\nb: 1\n", "'"],
    ['a: [1, 2\nb: 3\n', '['],
  ])('points an unclosed quote or bracket at its opener: %j', (text, opener) => {
    const p = parseText(text, v11);
    expect(p.ok).toBe(false);
    const d = p.diagnostics[0];
    expect(d.message).toMatch(new RegExp(`^Unclosed \\${opener}`));
    expect(text.slice(d.range[0], d.range[1])).toBe(opener);
  });

  it('places problems below a quote left open on their own lines', () => {
    // The library's own line index skips the line break inside the stray quoted text (found by
    // the incremental parser's random edits, seed -780978665): `csv` would be placed on line 2.
    const text = '   " name: Batch inference\n        default: "128"\n        default: csv\n';
    const p = parseText(text, v11);
    expect(p.ok).toBe(false);
    expect(p.lineCounter.lineStarts).toEqual([0, 27, 50, 71]);
    const csv = text.indexOf('csv');
    expect(locate(p, { range: [csv, csv + 3], severity: 'error', message: 'm', path: [], source: 'yaml' })).toMatchObject({ line: 3, column: 18 });
  });

  it('reports a second document', () => {
    const p = parseText('- a: 1\n---\n- b: 2\n', v11);
    expect(p.ok).toBe(false);
    expect(p.diagnostics.map((d) => d.message).join()).toMatch(/second YAML document/);
  });

  it('stops an alias bomb without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const p = parseText(lines.join('\n'), v11);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(p.ok).toBe(false);
    expect(p.value).toBeUndefined();
    expect(p.diagnostics[0].message).toMatch(/alias bomb/);
    expect(p.lineCounter.linePos(p.diagnostics[0].range[0]).line).toBe(2);
  });

  it('reports 100,000 nested levels instead of crashing', () => {
    const n = 100_000;
    const p = parseText('['.repeat(n) + ']'.repeat(n), v11);
    expect(p.ok).toBe(false);
    expect(p.diagnostics[0].message).toMatch(/nests more than 200 levels/);
    expect(p.diagnostics[0].range[0]).toBe(200);
    expect(p.lineCounter.linePos(200)).toEqual({ line: 1, col: 201 });
  });

  it('refuses deep compact sequences on one line, but reads normal nesting', () => {
    expect(parseText('- '.repeat(5000) + 'x\n', v11).diagnostics[0].message).toMatch(/nests more than/);
    const nested = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' [[1, "]]]"], {a: [2]}]\n';
    expect(parseText(nested, v11).ok).toBe(true);
    // Brackets inside a flow list's quoted items, escaped quotes included, and in comments do not nest.
    const quoted = `k: ["${'['.repeat(300)}\\"${'{'.repeat(300)}", '${'['.repeat(300)}']  # ${'{'.repeat(300)}\n# ${'['.repeat(300)}\n`;
    expect(parseText(quoted, v11).ok).toBe(true);
  });

  it('a repeated key the platform takes silently is reported on the value it ignores, naming the one it uses', () => {
    const text = 'name: a\nimage: x\nname: b\n';
    const p = parseText(text, v11);
    expect(p.ok).toBe(true);
    expect(p.value).toEqual({ name: 'b', image: 'x' });
    const dups = p.diagnostics.filter((d) => d.code === DUPLICATE_KEY);
    expect(dups.map((d) => [d.severity, p.lineCounter.linePos(d.range[0]).line, text.slice(d.range[0], d.range[1]), d.message])).toEqual([
      ['warning', 1, 'name', '`name` is given twice; the platform uses the later value (line 3) and ignores this one'],
    ]);
    // Three times: both earlier ones are lost, the last one is used.
    const thrice = '- step:\n    image: a\n    name: s\n    image: b\n    image: c\n';
    const info = parseText(thrice, { version: '1.1', duplicateKeys: 'info' });
    expect(info.diagnostics.map((d) => [d.severity, info.lineCounter.linePos(d.range[0]).line, d.message])).toEqual([
      ['info', 2, '`image` is given 3 times; the platform uses the last value (line 5) and ignores this one'],
      ['info', 4, '`image` is given 3 times; the platform uses the last value (line 5) and ignores this one'],
    ]);
    expect(info.value).toEqual([{ step: { image: 'c', name: 's' } }]);
  });

  it('a repeated key the platform refuses is reported on the repeat, naming the first', () => {
    const text = 'name: a\nimage: x\nname: b\n';
    const p = parseText(text, { version: '1.1', duplicateKeys: 'error' });
    const dups = p.diagnostics.filter((d) => d.code === DUPLICATE_KEY);
    expect(dups.map((d) => [d.severity, p.lineCounter.linePos(d.range[0]).line, d.message])).toEqual([
      ['error', 3, '`name` is given twice (first at line 1); the platform refuses a file with a repeated key — keep one of them'],
    ]);
  });

  it('the incremental parser names the same lines, for repeats across entries and inside a later one', () => {
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}:\n  a: ${i}\n  b: x\n`).join('');
    const text = `${keys}k3: again\n`.replace('k8:\n  a: 8\n', 'k8:\n  a: 8\n  a: 9\n');
    for (const severity of ['info', 'error'] as const) {
      const options = { version: '1.1', duplicateKeys: severity } as const;
      const parser = new IncrementalParser(options);
      parser.parse(keys);
      const parsed = parseText(text, options);
      const full = parsed.diagnostics;
      const lines = full.map((d) => [parsed.lineCounter.linePos(d.range[0]).line, d.message]).sort((x, y) => Number(x[0]) - Number(y[0]));
      expect(lines).toEqual(
        severity === 'info'
          ? [
              [10, '`k3` is given twice; the platform uses the later value (line 32) and ignores this one'],
              [26, '`a` is given twice; the platform uses the later value (line 27) and ignores this one'],
            ]
          : [
              [27, '`a` is given twice (first at line 26); the platform refuses a file with a repeated key — keep one of them'],
              [32, '`k3` is given twice (first at line 10); the platform refuses a file with a repeated key — keep one of them'],
            ],
      );
      const sorted = (ds: typeof full) => [...ds].sort((x, y) => x.range[0] - y.range[0]);
      expect(sorted(parser.parse(text).diagnostics)).toEqual(sorted(full));
    }
  });

  it('keys that differ, keys in different mappings and merge keys are not repeats', () => {
    const text = 'a: {name: x}\nb: {name: y}\nbase: &b {k: 1}\nc:\n  <<: *b\n  <<: *b\n  name: z\n';
    expect(parseText(text, v11).diagnostics).toEqual([]);
    expect(parseText(text, { version: '1.2', duplicateKeys: 'error', mergeKeys: true }).diagnostics).toEqual([]);
  });

  it('a key that is a list or mapping is our own warning, and the library prints nothing', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const text = 'a:\n  ? [x, y]\n  : 1\n  ? {k: 1}\n  : 2\n  plain: 3\n';
      const p = parseText(text, v11);
      expect(p.ok).toBe(true);
      expect(p.diagnostics.map((d) => [d.severity, text.slice(d.range[0], d.range[1]), d.message])).toEqual([
        ['warning', '[x, y]', expect.stringMatching(/^This key is a list, which no config uses as a name.*`\[x, y\]`.*write the key as plain text$/)],
        ['warning', '{k: 1}', expect.stringMatching(/^This key is a mapping, which no config uses as a name/)],
      ]);
      expect(warn).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(parseText('a:\n  "[x, y]": 1\n', v11).diagnostics).toEqual([]);
    } finally {
      warn.mockRestore();
      consoleWarn.mockRestore();
    }
  });

  it('finds repeats and list or mapping keys at every depth: in long mappings, inside keys, in flow lists', () => {
    const long = Array.from({ length: 20 }, (_, i) => `  k${i === 17 ? 2 : i}: ${i}`).join('\n');
    const text = `empty:\n  "": 1\n  '': 2\nlong:\n${long}\nnested:\n  ? {a: 1, a: 2}\n  : x\nflow: [{k: 1, k: 2}, {k: 3}]\nnumbers:\n  1: a\n  "1": b\n`;
    const p = parseText(text, v11);
    expect(p.ok).toBe(true);
    const found = p.diagnostics.map((d) => [d.code ?? d.severity, text.slice(d.range[0], d.range[1])]);
    expect(found).toEqual([
      [DUPLICATE_KEY, '""'],
      [DUPLICATE_KEY, 'k2'],
      [DUPLICATE_KEY, 'a'],
      [DUPLICATE_KEY, 'k'],
      [DUPLICATE_KEY, '1'],
      [COLLECTION_KEY, '{a: 1, a: 2}'],
    ]);
    expect(p.diagnostics[5].severity).toBe('warning');
    // The repeat is reported where the platform ignores it: the earlier one, naming the later line.
    expect(p.diagnostics[1].message).toContain('line 22');
    // Twenty different keys, and keys that only look alike, are no repeats.
    const distinct = `long:\n${Array.from({ length: 20 }, (_, i) => `  k${i}: ${i}`).join('\n')}\nother: {K: 1, k: 2, k : 3}\n`;
    expect(parseText(distinct, v11).diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('`k` is given twice')]);
  });

  it('reads an empty file as null without errors', () => {
    const p = parseText('', v11);
    expect(p.ok).toBe(true);
    expect(p.value).toBeNull();
  });
});
