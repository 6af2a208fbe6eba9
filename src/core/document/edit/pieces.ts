/**
 * A piece table: which spans of a text made by several edits in a row are still the original
 * text. It lets a batch of intents, each planned on the text the previous ones leave, come back
 * as ONE set of edits on the original text (one undo step), with untouched bytes untouched.
 */
import type { TextEdit } from '../../contracts/change';

/** A span of the result: original text [from, to), or inserted text. */
export type Piece = { from: number; to: number } | { text: string };

function pieceLength(p: Piece): number {
  return 'text' in p ? p.text.length : p.to - p.from;
}

/** Split the pieces at offset `at` of the text they make; returns the index of the piece starting there. */
export function splitAt(pieces: Piece[], at: number): number {
  let pos = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const len = pieceLength(p);
    if (at === pos) return i;
    if (at < pos + len) {
      const k = at - pos;
      const [a, b]: Piece[] = 'text' in p ? [{ text: p.text.slice(0, k) }, { text: p.text.slice(k) }] : [{ from: p.from, to: p.from + k }, { from: p.from + k, to: p.to }];
      pieces.splice(i, 1, a, b);
      return i + 1;
    }
    pos += len;
  }
  return pieces.length;
}

export function applyToPieces(pieces: Piece[], edits: readonly TextEdit[]): Piece[] {
  const out = [...pieces];
  // From the end backwards, so earlier offsets stay valid (edits never overlap).
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    const start = splitAt(out, e.offset);
    const end = splitAt(out, e.offset + e.length);
    out.splice(start, end - start, ...(e.insert ? [{ text: e.insert }] : []));
  }
  return out;
}

export function editsFromPieces(pieces: readonly Piece[], originalLength: number): TextEdit[] {
  const edits: TextEdit[] = [];
  let next = 0; // the first original offset not yet accounted for
  let insert = '';
  const flush = (upTo: number) => {
    if (upTo > next || insert) edits.push({ offset: next, length: upTo - next, insert });
    insert = '';
  };
  for (const p of pieces) {
    if ('text' in p) insert += p.text;
    else if (p.to > p.from) {
      flush(p.from);
      next = p.to;
    }
  }
  flush(originalLength);
  return edits;
}
