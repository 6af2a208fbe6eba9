import { describe, expect, it } from 'vitest';
import { parseText } from '../parse';
import { indentOf, isBlank, layoutOf, Text } from './text';
import { prepareEdit } from './index';

describe('Text: positions in the raw text', () => {
  const t = new Text('a: 1\r\nb: &x !!str 2 # note\r\n\r\nc: 3');

  it('finds line starts and ends, a CRLF line ending before its \\r', () => {
    const b = t.s.indexOf('b');
    expect(t.lineStart(b + 3)).toBe(b);
    expect(t.lineEnd(0)).toBe(4);
    expect(t.afterLine(0)).toBe(6);
    expect(t.col(b + 3)).toBe(3);
    expect(t.lineEnd(t.s.indexOf('c'))).toBe(t.length);
  });

  it('treats a content end just past a line break as already past its line', () => {
    expect(t.linesEnd(6)).toBe(6);
    expect(t.linesEnd(3)).toBe(6);
    expect(t.lineEndBefore(6)).toBe(4);
    expect(t.lineEndBefore(3)).toBe(4);
  });

  it('skips blanks, line breaks and comments, and anchors and tags in both directions', () => {
    const two = t.s.indexOf('2');
    expect(t.skipBlank(two + 1)).toBe(t.s.indexOf('c'));
    expect(t.skipProps(t.s.indexOf(':', 6) + 1)).toBe(two - 1);
    expect(t.propsBefore(two)).toBe(t.s.indexOf('&'));
    expect(t.propsBefore(t.s.indexOf('1'))).toBe(t.s.indexOf('1'));
  });

  it('knows where removing the last lines of a text without a final newline must start', () => {
    expect(t.endsWithNewline()).toBe(false);
    expect(t.tailStart(t.s.indexOf('c'))).toBe(t.s.indexOf(' # note') + ' # note'.length);
    expect(new Text('').endsWithNewline()).toBe(true);
  });

  it('says which lines are blank and how deep a line is indented (spaces only)', () => {
    expect(isBlank(' \t ')).toBe(true);
    expect(isBlank('  # c')).toBe(false);
    expect(indentOf('    - a')).toBe(4);
    expect(indentOf('\tx')).toBe(0);
    expect(t.isBlankBetween(0, 0)).toBe(true);
  });
});

describe('layoutOf: the habits new lines copy', () => {
  const layout = (text: string) => layoutOf(parseText(text, { version: '1.2', duplicateKeys: 'warning' }));

  it('reads the indentation unit, the sequence indentation, the gap after `-`, the quotes and the line ending', () => {
    const text = "top:\r\n    inner:\r\n        x: 'a'\r\n    list:\r\n    -   one\r\n    -   'two'\r\n    other: \"q\"\r\n";
    expect(layout(text)).toEqual({ eol: '\r\n', unit: 4, seqIndent: 0, gap: 3, quote: 'QUOTE_SINGLE', exotic: false });
  });

  it('falls back to two spaces, sequences indented like mappings, one space after `-` and double quotes', () => {
    expect(layout('a: 1\n')).toEqual({ eol: '\n', unit: 2, seqIndent: 2, gap: 1, quote: 'QUOTE_DOUBLE', exotic: false });
  });

  it('is made once per parsed version (prepareEdit makes it ahead of a form field’s first keystroke)', () => {
    const parsed = parseText('a:\n    b: 1\n', { version: '1.2', duplicateKeys: 'warning' });
    prepareEdit(parsed);
    expect(layoutOf(parsed)).toBe(layoutOf(parsed));
    expect(layoutOf(parsed).unit).toBe(4);
  });

  it('marks documents with aliases, explicit keys or document markers as exotic', () => {
    expect(layout('a: &x 1\nb: *x\n').exotic).toBe(true);
    expect(layout('? a\n: 1\n').exotic).toBe(true);
    expect(layout('---\na: 1\n').exotic).toBe(true);
    expect(layout('a: 1\n').exotic).toBe(false);
    // Anywhere in the tree: under a list item, inside flow collections, a collection as a key.
    expect(layout('- x: 1\n  items:\n  - ? k\n    : v\n').exotic).toBe(true);
    expect(layout('a: [b, {c: *x}]\n').exotic).toBe(true);
    expect(layout('a: {[b]: 1}\n').exotic).toBe(true);
    // A question mark that ends a value is not a key's.
    expect(layout('q: what?\nb: [x?, {y: z?}]\n').exotic).toBe(false);
  });

  it('prefers the smaller of two equally common indentations', () => {
    expect(layout('a:\n    x: 1\nb:\n  y: 2\n').unit).toBe(2);
  });
});
