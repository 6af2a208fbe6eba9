import { describe, expect, it } from 'vitest';
import { isSeq, type YAMLSeq } from 'yaml';
import { parseText } from '../parse';
import { Locator } from './locate';
import { EditError } from './plan';

const at = (text: string) => new Locator(parseText(text, { version: '1.2', duplicateKeys: 'warning' }));

const text = `steps:
  # the first
  - name: a   # note
    # about a
    tags: [x, y]
  # the second
  - name: b
    cmd: &c run
other: 1
`;

describe('Locator.resolve', () => {
  it('follows a path as far as it exists and says where it stopped', () => {
    const loc = at(text);
    const full = loc.resolve(['steps', 1, 'name']);
    expect(full.depth).toBe(3);
    expect(full.frames[3].slot.kind).toBe('pair');
    expect(full.frames[2].slot).toMatchObject({ kind: 'item', index: 1 });
    const partial = loc.resolve(['steps', 0, 'missing', 'deeper']);
    expect(partial.depth).toBe(2);
    expect(loc.resolve(['steps', 5]).depth).toBe(1);
  });

  it('marks slots inside a flow collection, which must be written in flow style', () => {
    const { frames } = at(text).resolve(['steps', 0, 'tags', 1]);
    expect(frames[3].flow).toBe(false);
    expect(frames[4].flow).toBe(true);
  });

  it('refuses a path through a scalar or an alias, in words', () => {
    expect(() => at(text).resolve(['other', 'x'])).toThrow(/other is a value \(1\), not a mapping or a list/);
    expect(() => at('a: &x {k: 1}\nb: *x\n').resolve(['b', 'k'])).toThrow(EditError);
  });
});

describe('Locator: entry lines in the text', () => {
  const loc = at(text);
  const steps = loc.parsed.doc.get('steps') as YAMLSeq;
  const lines = (a: number, b: number) => loc.t.s.slice(a, b);

  it("finds a list item's `-`, and its lines with the deeper comment lines below its content", () => {
    expect(isSeq(steps)).toBe(true);
    const d = loc.dash(steps, 0);
    expect(loc.t.col(d)).toBe(2);
    const end = loc.entryEnd(d, loc.contentEnd(steps.items[0]));
    expect(lines(d, end)).toBe('- name: a   # note\n    # about a\n    tags: [x, y]\n');
  });

  it('takes the comment lines right above an item at its own column as part of it', () => {
    expect(lines(loc.blockStart(steps, 1), loc.dash(steps, 1))).toBe('  # the second\n  ');
    expect(lines(loc.blockStart(steps, 0), loc.dash(steps, 0))).toBe('  # the first\n  ');
  });

  it("finds the end of a key's `:` and its anchor, and the column below a slot", () => {
    const { frames } = loc.resolve(['steps', 1, 'cmd']);
    expect(lines(loc.head(frames[3]), loc.t.lineEnd(loc.head(frames[3])))).toBe(' run');
    expect(loc.slotCol(frames[3])).toBe(4);
    expect(loc.gapOf(steps)).toBe(1);
  });

  it('gives the indentation floor (one more than the next non-blank line) and 0 at the end', () => {
    expect(loc.floorAt(loc.t.s.indexOf('other'))).toBe(1);
    expect(loc.floorAt(loc.t.length)).toBe(0);
  });
});
