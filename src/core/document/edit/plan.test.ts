import { describe, expect, it } from 'vitest';
import { finish } from './plan';

describe('finish: planned edits → the plan', () => {
  it('places the written scalar in the NEW text, after the shifts of the edits before it', () => {
    // "a: 1\nb: 2\n": insert a line before b, then replace 2 by 20 (the leaf is the whole insert).
    const plan = finish([
      { offset: 8, length: 1, insert: '20', leaf: [0, 2], style: 'PLAIN' },
      { offset: 5, length: 0, insert: 'z: 0\n' },
    ]);
    expect(plan.edits).toEqual([
      { offset: 5, length: 0, insert: 'z: 0\n' },
      { offset: 8, length: 1, insert: '20' },
    ]);
    expect(plan.valueRange).toEqual([13, 15]);
    expect(plan.style).toBe('PLAIN');
  });

  it('drops edits that change nothing but still reports where their scalar is', () => {
    // Setting a value to what it already is: an empty edit that only marks the scalar.
    const plan = finish([{ offset: 3, length: 0, insert: '', leaf: [0, 4], style: 'QUOTE_DOUBLE' }]);
    expect(plan).toEqual({ edits: [], valueRange: [3, 7], style: 'QUOTE_DOUBLE' });
  });

  it('has no valueRange or style when nothing scalar was written', () => {
    expect(finish([{ offset: 0, length: 4, insert: '' }])).toEqual({ edits: [{ offset: 0, length: 4, insert: '' }] });
  });
});
