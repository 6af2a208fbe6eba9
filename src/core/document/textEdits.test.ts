import { describe, expect, it } from 'vitest';
import { applyTextEdits } from './textEdits';

describe('applyTextEdits', () => {
  it('applies a batch whose offsets refer to the original text', () => {
    const text = 'name: a\nimage: b\n';
    const out = applyTextEdits(text, [
      { offset: 6, length: 1, insert: 'train' },
      { offset: 15, length: 1, insert: 'python:3.12' },
    ]);
    expect(out).toBe('name: train\nimage: python:3.12\n');
  });

  it('inserts and deletes', () => {
    expect(applyTextEdits('abc', [{ offset: 1, length: 0, insert: 'X' }])).toBe('aXbc');
    expect(applyTextEdits('abc', [{ offset: 0, length: 2, insert: '' }])).toBe('c');
  });

  it('rejects edits outside the text or overlapping', () => {
    expect(() => applyTextEdits('abc', [{ offset: 2, length: 5, insert: '' }])).toThrow(RangeError);
    expect(() =>
      applyTextEdits('abcdef', [
        { offset: 1, length: 3, insert: '' },
        { offset: 2, length: 1, insert: '' },
      ]),
    ).toThrow(RangeError);
  });
});
