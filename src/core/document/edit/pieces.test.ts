import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../contracts/change';
import { applyTextEdits } from '../textEdits';
import { applyToPieces, editsFromPieces, splitAt, type Piece } from './pieces';

/** Edit `text` with each batch of edits in turn (each on the text the previous one left); return the merged edits. */
function merge(text: string, ...steps: TextEdit[][]): { edits: TextEdit[]; result: string } {
  let pieces: Piece[] = [{ from: 0, to: text.length }];
  let current = text;
  for (const edits of steps) {
    pieces = applyToPieces(pieces, edits);
    current = applyTextEdits(current, edits);
  }
  return { edits: editsFromPieces(pieces, text.length), result: current };
}

describe('the piece table merges edits made one after another into edits on the original text', () => {
  it('two touching edits become one TextEdit with original offsets', () => {
    // "abcdef" → "abXdef" (c → X), then on that text d → Y: one change of "cd" into "XY".
    const { edits, result } = merge('abcdef', [{ offset: 2, length: 1, insert: 'X' }], [{ offset: 3, length: 1, insert: 'Y' }]);
    expect(result).toBe('abXYef');
    expect(edits).toEqual([{ offset: 2, length: 2, insert: 'XY' }]);
    expect(applyTextEdits('abcdef', edits)).toBe(result);
  });

  it('edits apart stay apart, and the bytes between them are not part of any edit', () => {
    const { edits, result } = merge('a: 1\nb: 2\nc: 3\n', [{ offset: 3, length: 1, insert: '10' }], [{ offset: 14, length: 1, insert: '30' }]);
    expect(result).toBe('a: 10\nb: 2\nc: 30\n');
    expect(edits).toEqual([
      { offset: 3, length: 1, insert: '10' },
      { offset: 13, length: 1, insert: '30' },
    ]);
  });

  it('an edit inside text an earlier edit inserted changes only that insertion', () => {
    const { edits } = merge('xy', [{ offset: 1, length: 0, insert: 'hello' }], [{ offset: 2, length: 3, insert: 'ipp' }]);
    expect(edits).toEqual([{ offset: 1, length: 0, insert: 'hippo' }]);
  });

  it('removing what an earlier edit inserted leaves no edit at all', () => {
    const { edits, result } = merge('key: v\n', [{ offset: 6, length: 0, insert: ' # note' }], [{ offset: 6, length: 7, insert: '' }]);
    expect(result).toBe('key: v\n');
    expect(edits).toEqual([]);
  });

  it('several edits of one step are applied from the end, so their offsets all refer to the text before the step', () => {
    const step = [
      { offset: 0, length: 1, insert: 'A' },
      { offset: 4, length: 1, insert: 'E' },
    ];
    const { edits, result } = merge('abcde', step);
    expect(result).toBe('AbcdE');
    expect(edits).toEqual(step);
  });
});

describe('splitAt', () => {
  it('splits a piece at an offset of the text the pieces make and returns the index of the piece starting there', () => {
    const pieces: Piece[] = [{ from: 0, to: 4 }, { text: 'xyz' }];
    expect(splitAt(pieces, 5)).toBe(2);
    expect(pieces).toEqual([{ from: 0, to: 4 }, { text: 'x' }, { text: 'yz' }]);
    expect(splitAt(pieces, 2)).toBe(1);
    expect(pieces[0]).toEqual({ from: 0, to: 2 });
    expect(splitAt(pieces, 4)).toBe(2);
    expect(splitAt(pieces, 7)).toBe(pieces.length);
  });
});
