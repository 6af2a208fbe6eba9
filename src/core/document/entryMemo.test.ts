import { describe, expect, it } from 'vitest';
import { valohai } from '../dialects/valohai';
import { analyzeParsed } from '../lint';
import type { Diagnostic } from '../contracts/diagnostics';
import { IncrementalParser } from './incremental';
import { parseText } from './parse';
import { EntryMemo } from './entryMemo';

/** Steps whose own checks find something with a fix: a misspelt placeholder, an `optional: true` variable. */
const step = (i: number) => `- step:
    name: train-${i}
    image: python:3.12
    command: python train.py --lr {parameter:lerning_rate}
    environment-variables:
      - name: TOKEN
        default: x
        optional: true
    parameters:
      - name: learning_rate
        type: float
        default: 0.1
`;
const text = Array.from({ length: 10 }, (_, i) => step(i)).join('');

const everything = (text: string, parser?: IncrementalParser) =>
  JSON.stringify(analyzeParsed(parser ? parser.parse(text) : parseText(text, valohai.yaml), valohai).diagnostics);

describe('findings kept per entry', () => {
  it('give exactly what a fresh check gives, fixes included, as entries before them grow and shrink', () => {
    const parser = new IncrementalParser(valohai.yaml);
    let now = text;
    expect(everything(now, parser)).toBe(everything(now));
    for (const insert of ['-gpu', 'x'.repeat(40), '']) {
      // The first step's image changes length: every later step (and its fixes) moves.
      now = now.replace(/image: python:3\.12[^\n]*/, `image: python:3.12${insert}`);
      const got = everything(now, parser);
      expect(got).toBe(everything(now));
      expect(JSON.parse(got).filter((d: Diagnostic) => d.fixes?.length).length).toBeGreaterThanOrEqual(10);
    }
    // An entry removed before the others: their indexes change, so they are checked again.
    now = now.slice(now.indexOf('- step:', 1));
    expect(everything(now, parser)).toBe(everything(now));
  });

  it('checks an unchanged entry once, and again when its text or its place in the list changes', () => {
    const memo = new EntryMemo();
    const parser = new IncrementalParser(valohai.yaml);
    let calls = 0;
    const run = (t: string) => {
      const parsed = parser.parse(t);
      return (parsed.value as { step: object }[]).map((entry, i) =>
        memo.findings(parsed, i, entry.step, () => {
          calls++;
          return [{ severity: 'hint', message: 'm', path: [i], range: [0, 1], source: 'lint', fixes: [{ title: 't', edits: [{ offset: 2, length: 0, insert: 'y' }] }] }];
        }),
      );
    };
    run(text);
    expect(calls).toBe(10);
    const longer = text.replace('name: train-0', 'name: train-00');
    const moved = run(longer);
    expect(calls).toBe(11);
    // Step 5 moved one character down: its finding and its fix moved with it.
    expect(moved[5][0].range).toEqual([1, 2]);
    expect(moved[5][0].fixes![0].edits[0].offset).toBe(3);
    run(longer.slice(longer.indexOf('- step:', 1)));
    expect(calls).toBe(20);
  });
});
