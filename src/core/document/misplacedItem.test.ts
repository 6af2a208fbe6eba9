/** A `- ` line indented unlike its list is said to be that, at its line — not an unclosed quote. */
import { describe, expect, it } from 'vitest';
import { locate, parseText } from './parse';
import { IncrementalParser } from './incremental';

const v11 = { version: '1.1', duplicateKeys: 'warning' } as const;

/** Each finding as LINE:COLUMN message, and the text its range covers. */
function findings(text: string) {
  const p = parseText(text, v11);
  return p.diagnostics.map((d) => {
    const at = locate(p, d);
    return { at: `${at.line}:${at.column}`, covers: text.slice(d.range[0], d.range[1]), message: d.message };
  });
}

describe('a list item indented unlike its list', () => {
  it.each([
    ['less, plain items', 'steps:\n  - a\n  - b\n - c\n  - d\n', '4:2', '- c', 'starts at column 2, but the items of its list start at column 3 (`- b`, the line above) — indent it 1 more space'],
    ['less, quoted items', "a:\n  - 'x'\n - 'y'\n", '3:2', "- 'y'", 'starts at column 2, but the items of its list start at column 3'],
    ['less, after an item that is a mapping', 'a:\n  - name: x\n    foo: y\n - name: z\n', '4:2', '- name: z', 'items of its list start at column 3 (`- name: x`, 2 lines above)'],
    ['less, two levels in', 'a:\n  b:\n    - x\n  - y\n', '4:3', '- y', 'start at column 5 (`- x`, the line above) — indent it 2 more spaces'],
    ['less, at the top of the file', '  - a\n  - b\n - c\n', '3:2', '- c', 'starts at column 2, but the items of its list start at column 3'],
  ])('%s', (_name, text, at, covers, says) => {
    const found = findings(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ at, covers });
    expect(found[0].message).toContain(says);
    expect(found[0].message).not.toMatch(/Unclosed|quote|bracket/);
  });

  it('inside a step, with quotes and brackets elsewhere in the file: names the lists it could belong to', () => {
    const less = '- step:\n    name: "t"\n    command:\n      - "one"\n     - two\n    image: [a, b]\n';
    expect(findings(less)).toEqual([
      {
        at: '5:6',
        covers: '- two',
        message:
          'This list item starts at column 6, which lines up with no list above it: the lists above start at column 7 (`- "one"`, the line above) and column 1 (`- step:`, 4 lines above) — most likely it belongs to the first of these: indent it 1 more space',
      },
    ]);
    // One column more than a quoted item above (a plain one would swallow it as text instead).
    const more = '- step:\n    name: "t"\n    command:\n      - "one"\n       - "two"\n    image: [a, b]\n';
    expect(findings(more)).toEqual([expect.objectContaining({ at: '5:8', covers: '- "two"', message: expect.stringContaining('remove 1 space before it') })]);
  });

  it('far from every list: no guess which one', () => {
    const text = '- step:\n    name: t\n    command:\n      - a\n  - step:\n      name: u\n';
    expect(findings(text)).toEqual([expect.objectContaining({ at: '5:3', message: expect.stringMatching(/lines up with no list above it: .*column 7 .*column 1 .*— move it to the column of the list it belongs to$/) })]);
  });

  it('left of the key whose value it should be', () => {
    const text = '- step:\n    name: t\n    command:\n   - x\n';
    expect(findings(text)).toEqual([
      { at: '4:4', covers: '- x', message: 'This list item starts at column 4, left of `command:` above it (column 5), so it is not read as its value — indent it to column 5 or further' },
    ]);
  });

  it('the incremental parser says the same (no line number depends on where the text is cut)', () => {
    const steps = Array.from({ length: 10 }, (_, i) => `- step:\n    name: s${i}\n    image: x\n    command:\n      - a\n      - b\n`).join('');
    const text = steps.replace('      - b\n', '     - b\n');
    const parser = new IncrementalParser(v11);
    parser.parse(steps);
    expect(parser.parse(text).diagnostics).toEqual(parseText(text, v11).diagnostics);
    expect(parseText(text, v11).diagnostics[0].message).toMatch(/^This list item starts at column 6/);
  });
});

describe('what stays as it was', () => {
  it.each([
    ['a: "abc\nb: 1\n', '"', '1:4'],
    ['a:\n  - "abc\n  - def\n', '"', '2:5'],
    ["a:\n  - 'abc\n - def\n", "'", '2:5'],
    ['a: [1, 2\nb: 1\n', '[', '1:4'],
    ['a:\n  - [1, 2\n  - 3\n', '[', '2:5'],
  ])('a real unclosed quote or bracket is reported at its opener: %j', (text, opener, at) => {
    const found = findings(text);
    expect(found[0]).toMatchObject({ at, covers: opener, message: expect.stringMatching(new RegExp(`^Unclosed \\${opener} — it opens here and is never closed`)) });
  });

  it('a line without `:` in a mapping is said to be that, not an unclosed quote', () => {
    expect(findings('a: 1\nb\nc: 2\n')).toEqual([expect.objectContaining({ at: '2:1', message: expect.stringMatching(/^This line is not `key: value` like the lines around it/) })]);
  });

  it('a mis-indented mapping line is not called a list item', () => {
    const found = findings('a:\n  b: 1\n c: 2\n');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => !/list item/.test(f.message))).toBe(true);
  });

  it('a text that opens with blank lines is scanned to its top and back', () => {
    expect(findings('\n\na:\n  - x\n - y\n')).toEqual([expect.objectContaining({ at: '5:2', covers: '- y' })]);
    expect(findings('\n  - a\n - b\n')).toEqual([expect.objectContaining({ at: '3:2', message: expect.stringContaining('the items of its list start at column 3') })]);
  });

  it('items that line up read cleanly', () => {
    expect(findings('steps:\n  - a\n  -   b\n  - "c"\n  -\n    - d\n')).toEqual([]);
  });
});
