import { describe, expect, it } from 'vitest';
import { applyTextEdits, editBetween } from './textEdits';

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

describe('editBetween', () => {
  it.each([
    ['a: 1\n', 'a: 12\n', { offset: 4, length: 0, insert: '2' }],
    ['a: 12\n', 'a: 1\n', { offset: 4, length: 1, insert: '' }],
    ['x: aaa\n', 'x: aaaa\n', { offset: 6, length: 0, insert: 'a' }],
    ['', 'a: 1', { offset: 0, length: 0, insert: 'a: 1' }],
    ['steps: []\n', 'pipelines: []\n', { offset: 0, length: 4, insert: 'pipeline' }],
  ])('%j → %j is one edit', (from, to, edit) => {
    expect(editBetween(from, to)).toEqual(edit);
    expect(applyTextEdits(from, [editBetween(from, to)!])).toBe(to);
  });

  it('gives none for equal texts', () => {
    expect(editBetween('a: 1\n', 'a: 1\n')).toBeNull();
  });

  it('turns any text into any other', () => {
    const words = ['a', 'b', ': ', '\n', '  ', 'ab'];
    let seed = 7;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length];
    for (let i = 0; i < 300; i++) {
      const from = Array.from({ length: i % 9 }, pick).join('');
      const to = Array.from({ length: (i * 7) % 9 }, pick).join('');
      const edit = editBetween(from, to);
      expect(edit === null ? from : applyTextEdits(from, [edit])).toBe(to);
    }
  });
});
