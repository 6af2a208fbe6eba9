import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutlineItem } from '../contracts/symbols';
import { parseText } from '../document/parse';
import { detectDialect } from '../dialects';
import { valohai } from '../dialects/valohai';
import { corpusFiles } from '../schema/corpusFiles';
import { breadcrumbAt, breadcrumbOf, outlineOf } from './outline';

/** Offsets to ask at: each line's start, middle and end, and the text's two ends. */
function offsets(text: string): number[] {
  const out = [0, text.length];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push(start, Math.floor((start + end) / 2), end);
    start = end + 1;
  }
  return out;
}

/** The breadcrumb as the whole outline gives it. */
function chainOfWhole(whole: OutlineItem[], offset: number): OutlineItem[] {
  return breadcrumbAt(whole, offset).map((item) => ({ ...item, children: [] }));
}

describe('the breadcrumb, made from the items on its chain only', () => {
  it('is the whole outline’s chain at every line of every corpus file, and of the same files broken', () => {
    const files = ['valohai', 'determined', 'emloop'].flatMap((platform) => corpusFiles(platform));
    expect(files.length).toBeGreaterThan(50);
    let asked = 0;
    for (const [file, text] of files) {
      const dialect = detectDialect(basename(file), text);
      // A stray unclosed bracket halfway makes the text fail to parse: the plain outline then.
      const broken = `${text.slice(0, text.length >> 1)}\n[\n${text.slice(text.length >> 1)}`;
      for (const t of [text, broken]) {
        const parsed = parseText(t, dialect.yaml);
        const whole = outlineOf(dialect, parsed);
        for (const offset of offsets(t)) {
          expect(breadcrumbOf(dialect, parsed, offset), `${file} at ${offset}`).toEqual(chainOfWhole(whole, offset));
          asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(10_000);
  });

  it('outlines only the entry holding the offset in a long valohai.yaml', () => {
    const steps = Array.from({ length: 200 }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: date\n    parameters:\n      - name: p${i}\n        type: integer\n`).join('');
    const parsed = parseText(steps, valohai.yaml);
    const at = steps.indexOf('name: p150') + 7;
    const near = outlineOf(valohai, parsed, at);
    expect(near.map((i) => i.name)).toEqual(['s150']);
    expect(breadcrumbOf(valohai, parsed, at).map((i) => i.name)).toEqual(['s150', 'parameters', 'p150']);
    expect(outlineOf(valohai, parsed)).toHaveLength(200);
  });
});
