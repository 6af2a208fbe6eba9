import { describe, expect, it } from 'vitest';
import { parseText } from '../document/parse';
import { corpusFiles } from '../schema/corpusFiles';
import { foldingRanges, type FoldingRange } from './folding';

const v11 = { version: '1.1', duplicateKeys: 'warning' } as const;
const fold = (text: string, limit?: number) => foldingRanges(parseText(text, v11), limit);
const pairs = (ranges: FoldingRange[]) => ranges.map((r) => [r.start, r.end]);

describe('folding ranges of a document that parses', () => {
  it('folds each key and list item over its value, once per line', () => {
    const text = ['- step:', '    name: train', '    image: python:3.12', '    command:', '      - pip install -r requirements.txt', '      - python train.py', '- step:', '    name: eval', ''].join('\n');
    // The item and its `step:` start on line 1: one range, the longer.
    expect(pairs(fold(text))).toEqual([
      [1, 6],
      [4, 6],
      [7, 8],
    ]);
  });

  it('folds a key over a list that is not indented under it, which indentation alone cannot', () => {
    const text = 'inputs:\n- name: images\n  default: s3://bucket/images\n- name: labels\nimage: busybox\n';
    expect(pairs(fold(text))).toEqual([
      [1, 4],
      [2, 3],
    ]);
  });

  it('folds block scalars and multi-line strings, and keeps a bracket list’s closing bracket in sight', () => {
    const text = 'command: |\n  pip install x\n  python train.py\nargs: [\n  --epochs,\n  "3"\n]\nnote: "a long\n  string"\nshort: [a, b]\n';
    expect(pairs(fold(text))).toEqual([
      [1, 3],
      [4, 6],
      [8, 9],
    ]);
  });

  it('takes in the comments indented inside a block after its last value, not blank lines or the next key’s comments', () => {
    const text = 'a:\n  b: 1\n\n  c: 2\n  # the end of a\n\n# about d\nd:\n  e: 1\n\n';
    expect(pairs(fold(text))).toEqual([
      [1, 5],
      [8, 9],
    ]);
  });

  it('starts a list item’s range at its dash when the item begins on the next line', () => {
    expect(pairs(fold('-\n  a: 1\n  b: 2\n- c\n'))).toEqual([[1, 3]]);
  });

  it('reads CRLF line ends the same', () => {
    const lf = 'a:\n  b:\n    - 1\n    - 2\nc: |\n  x\n  y\n';
    expect(fold(lf.replace(/\n/g, '\r\n'))).toEqual(fold(lf));
  });
});

describe('folding ranges while the text does not parse', () => {
  it('folds by indentation, so the folds below a half-typed quote stay where they were', () => {
    const text = 'steps:\n  - a: "unclosed\n  - b: 1\n    c: 2\n\nother:\n  x: 1\n';
    expect(parseText(text, v11).ok).toBe(false);
    expect(pairs(fold(text))).toEqual([
      [1, 4],
      [3, 4],
      [6, 7],
    ]);
  });

  it('gives nothing for an empty or one-line text', () => {
    expect(fold('')).toEqual([]);
    expect(fold('a: 1\n')).toEqual([]);
    expect(fold('a: [\n')).toEqual([]);
  });
});

describe('a limit on the number of ranges', () => {
  const steps = Array.from({ length: 3 }, (_, i) => `- step:\n    name: s${i}\n    command:\n      - a\n      - b\n`).join('');

  it('keeps whole levels from the outermost in, then the next level’s first ranges', () => {
    expect(pairs(fold(steps))).toEqual([
      [1, 5],
      [3, 5],
      [6, 10],
      [8, 10],
      [11, 15],
      [13, 15],
    ]);
    expect(pairs(fold(steps, 4))).toEqual([
      [1, 5],
      [3, 5],
      [6, 10],
      [11, 15],
    ]);
    expect(pairs(fold(steps, 2))).toEqual([
      [1, 5],
      [6, 10],
    ]);
    expect(fold(steps, 0)).toEqual([]);
  });
});

describe('folding ranges of the corpus', () => {
  it('are sorted, nested, inside the text, start on a line with content, and cover every top-level entry that spans lines', () => {
    const files = ['valohai', 'determined', 'emloop'].flatMap((platform) => corpusFiles(platform));
    expect(files.length).toBeGreaterThan(50);
    let total = 0;
    for (const [path, text] of files) {
      const parsed = parseText(text, v11);
      const ranges = foldingRanges(parsed);
      const lineCount = parsed.lineCounter.lineStarts.length;
      const lines = text.split('\n');
      const open: FoldingRange[] = [];
      ranges.forEach((r, i) => {
        expect(r.end, path).toBeGreaterThan(r.start);
        expect(r.end, path).toBeLessThanOrEqual(lineCount);
        expect(lines[r.start - 1].trim(), path).not.toBe('');
        if (i > 0) expect(r.start, path).toBeGreaterThan(ranges[i - 1].start);
        while (open.length > 0 && open[open.length - 1].end < r.start) open.pop();
        if (open.length > 0) expect(r.end, path).toBeLessThanOrEqual(open[open.length - 1].end);
        open.push(r);
      });
      // Every top-level key or list item that spans lines can be folded from its first line.
      lines.forEach((line, i) => {
        if (!/^[^\s#-]|^- /.test(line)) return;
        let next = i + 1;
        while (next < lines.length && /^\s*(#.*)?$/.test(lines[next])) next++;
        if (next < lines.length && /^\s/.test(lines[next]) && parsed.ok) expect(ranges.some((r) => r.start === i + 1), `${path}:${i + 1}`).toBe(true);
      });
      total += ranges.length;
    }
    expect(total).toBeGreaterThan(500);
  });
});
