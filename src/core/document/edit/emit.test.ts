import { describe, expect, it } from 'vitest';
import { EditError } from './plan';
import { Emitter, Flow, isBlockValue, Leaf, leafOf, Out } from './emit';
import type { Layout } from './text';

const layout: Layout = { eol: '\n', unit: 2, seqIndent: 2, gap: 1, quote: 'QUOTE_DOUBLE', exotic: false };

function inline(e: Emitter, v: unknown, flow = false): Out {
  const out = new Out();
  e.writeInline(out, v, { flow, indent: 2 });
  return out;
}

describe('Emitter: inline values', () => {
  it('writes a collection in flow style where the place is flow, with its keys and scalars read back exactly (YAML 1.1)', () => {
    const e = new Emitter('1.1', layout);
    expect(inline(e, { a: 1 }, true).s).toBe('{a: 1}');
    expect(inline(e, { yes: [1, 'no', null], b: {} }, true).s).toBe('{"yes": [1, "no", null], b: {}}');
  });

  it('writes a Flow-wrapped collection on one line even in a block place', () => {
    expect(inline(new Emitter('1.2', layout), new Flow(['a', ['b', 'c']])).s).toBe('[a, [b, c]]');
  });

  it('writes empty collections inline, and refuses a non-empty one in a block place', () => {
    const e = new Emitter('1.2', layout);
    expect(inline(e, {}).s).toBe('{}');
    expect(inline(e, []).s).toBe('[]');
    expect(() => inline(e, { a: 1 })).toThrow(EditError);
  });

  it("records where the Leaf landed and in which style, quoting as the document's layout does", () => {
    const out = new Out();
    out.s = 'key: ';
    new Emitter('1.1', { ...layout, quote: 'QUOTE_SINGLE' }).writeInline(out, new Leaf('yes'), { flow: false, indent: 2 });
    expect(out.s).toBe("key: 'yes'");
    expect(out.leaf).toEqual([5, 10]);
    expect(out.style).toBe('QUOTE_SINGLE');
    // A plain scalar (not a Leaf) is written but not recorded.
    expect(inline(new Emitter('1.1', layout), 'yes').leaf).toBeUndefined();
  });

  it('writes a number as a float when asked, as an integer otherwise', () => {
    const e = new Emitter('1.1', layout);
    expect(inline(e, new Leaf(5, 'float')).s).toBe('5.0');
    expect(inline(e, new Leaf(5)).s).toBe('5');
  });

  it('writes a new multi-line text as a `|` block, unless the block floor says a block there would swallow the next line', () => {
    const e = new Emitter('1.2', layout);
    expect(inline(e, new Leaf('two\nlines')).s).toBe('|-\n  two\n  lines');
    e.blockFloor = 3;
    expect(inline(e, new Leaf('two\nlines')).s).toBe('"two\\nlines"');
  });
});

describe('Emitter: block lines', () => {
  it("writes mappings and lists at the given column with the layout's unit, sequence indent and gap", () => {
    const v = { name: 'train', tags: ['a', 'b'], env: { K: 'v' }, none: [] };
    expect(new Emitter('1.2', layout).fragment(v, 2, true).s).toBe('  name: train\n  tags:\n    - a\n    - b\n  env:\n    K: v\n  none: []');
    const other: Layout = { ...layout, eol: '\r\n', unit: 4, seqIndent: 0, gap: 3 };
    expect(new Emitter('1.2', other).fragment(v, 0, false).s).toBe('name: train\r\ntags:\r\n-   a\r\n-   b\r\nenv:\r\n    K: v\r\nnone: []');
  });

  it('writes a mapping inside a list item on the dash line, its other keys aligned below it', () => {
    expect(new Emitter('1.2', layout).fragment([{ name: 'a', x: [] }, 'b'], 4, false).s).toBe('- name: a\n      x: []\n    - b');
  });

  it('writeValue picks block lines for a non-empty collection and an inline value otherwise', () => {
    const e = new Emitter('1.2', layout);
    const block = new Out();
    e.writeValue(block, ['x'], 2, 2);
    expect(block.s).toBe('- x');
    const scalar = new Out();
    e.writeValue(scalar, new Leaf('x'), 2, 2);
    expect(scalar).toEqual({ s: 'x', leaf: [0, 1], style: 'PLAIN' });
  });
});

describe('values to write', () => {
  it('leafOf wraps scalars (so their place is reported) and leaves collections and Flow values as they are', () => {
    expect(leafOf(5, 'float')).toEqual(new Leaf(5, 'float'));
    const list = [1];
    expect(leafOf(list)).toBe(list);
    const flow = new Flow({});
    expect(leafOf(flow)).toBe(flow);
  });

  it('isBlockValue: only non-empty lists and plain objects need lines of their own', () => {
    expect([[1], { a: 1 }, [], {}, new Date(0), new Map([[1, 2]]), 'x'].map(isBlockValue)).toEqual([true, true, false, false, false, false, false]);
  });
});
