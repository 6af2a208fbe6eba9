import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, layoutGraph, placeInOrder, placeNewNodes, ROW_GAP, type LayoutInput } from './layout';

const box = (id: string, height = 60) => ({ id, width: 200, height });

function overlapping(input: LayoutInput, at: Map<string, { x: number; y: number }>): string[] {
  const found: string[] = [];
  input.nodes.forEach((a, i) =>
    input.nodes.slice(i + 1).forEach((b) => {
      const p = at.get(a.id)!;
      const q = at.get(b.id)!;
      if (p.x < q.x + b.width && q.x < p.x + a.width && p.y < q.y + b.height && q.y < p.y + a.height) found.push(`${a.id}/${b.id}`);
    }),
  );
  return found;
}

describe('layoutGraph', () => {
  it('draws a chain left to right, one column per step', () => {
    const input = { nodes: [box('c'), box('a'), box('b')], edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }] };
    const at = layoutGraph(input);
    expect(at.get('a')!.x).toBe(0);
    expect(at.get('b')!.x).toBe(200 + COLUMN_GAP);
    expect(at.get('c')!.x).toBe(2 * (200 + COLUMN_GAP));
    // Straight: each box level with the one it follows.
    expect(at.get('b')!.y).toBe(at.get('a')!.y);
    expect(at.get('c')!.y).toBe(at.get('b')!.y);
  });

  it('puts a source just before its first target (a pipeline parameter beside the node it feeds)', () => {
    const input = {
      nodes: [box('a'), box('b'), box('c'), box('param')],
      edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'param', target: 'c' }],
    };
    const at = layoutGraph(input);
    expect(at.get('param')!.x).toBe(at.get('b')!.x);
  });

  it('survives cycles, self-loops, repeated and dangling edges', () => {
    const input = {
      nodes: [box('a'), box('b'), box('c')],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
        { source: 'c', target: 'c' },
        { source: 'a', target: 'b' },
        { source: 'a', target: 'nowhere' },
      ],
    };
    const at = layoutGraph(input);
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(overlapping(input, at)).toEqual([]);
  });

  it('uncrosses what document order crosses', () => {
    // a→y and b→x drawn in document order cross; the layout swaps one column.
    const input = { nodes: [box('a'), box('b'), box('x'), box('y')], edges: [{ source: 'a', target: 'y' }, { source: 'b', target: 'x' }] };
    const at = layoutGraph(input);
    const up = (s: string, t: string) => Math.sign(at.get(s)!.y - at.get(t)!.y);
    expect(up('a', 'b')).toBe(up('y', 'x'));
  });

  it('never overlaps boxes, on a large layered graph', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const nodes = Array.from({ length: 200 }, (_, i) => box(`n${i}`, 40 + 20 * (i % 5)));
    const edges = Array.from({ length: 400 }, () => {
      const a = Math.floor(rnd() * 190);
      return { source: `n${a}`, target: `n${a + 1 + Math.floor(rnd() * 9)}` };
    });
    const input = { nodes, edges };
    const at = layoutGraph(input);
    expect(at.size).toBe(200);
    expect(overlapping(input, at)).toEqual([]);
    // Every edge goes left to right (no cycles here).
    for (const e of edges) expect(at.get(e.target)!.x).toBeGreaterThan(at.get(e.source)!.x);
  });
});

describe('placeInOrder', () => {
  it('keeps the order and the gaps, as close to the wanted centres as it can', () => {
    expect(placeInOrder([20, 20], [100, 300])).toEqual([100, 300]);
    // Both want the same spot: they share it evenly, a box and a gap apart.
    const [a, b] = placeInOrder([20, 20], [100, 100]);
    expect(b - a).toBe(20 + ROW_GAP);
    expect((a + b) / 2).toBe(100);
  });
});

describe('placeNewNodes', () => {
  const base = {
    nodes: [box('a'), box('b'), box('c')],
    edges: [{ source: 'a', target: 'b' }, { source: 'a', target: 'c' }],
  };
  it('keeps every placed box where it is and puts a new one beside its source, clear of the others', () => {
    const before = layoutGraph(base);
    const input = { nodes: [...base.nodes, box('d')], edges: [...base.edges, { source: 'a', target: 'd' }] };
    const after = placeNewNodes(input, before);
    for (const id of ['a', 'b', 'c']) expect(after.get(id)).toEqual(before.get(id));
    expect(after.get('d')!.x).toBe(before.get('b')!.x);
    expect(overlapping(input, after)).toEqual([]);
  });
  it('puts a new box that only feeds others to their left, and a lonely one below everything', () => {
    const before = layoutGraph(base);
    const input = { nodes: [...base.nodes, box('p'), box('alone')], edges: [...base.edges, { source: 'p', target: 'a' }] };
    const after = placeNewNodes(input, before);
    expect(after.get('p')!.x).toBeLessThan(before.get('a')!.x);
    const bottom = Math.max(...['a', 'b', 'c'].map((id) => before.get(id)!.y + 60));
    expect(after.get('alone')!.y).toBeGreaterThanOrEqual(bottom);
    expect(overlapping(input, after)).toEqual([]);
  });
  it('forgets boxes that are gone, and lays out from scratch when nothing was placed', () => {
    const before = layoutGraph(base);
    const after = placeNewNodes({ nodes: base.nodes.slice(0, 2), edges: base.edges.slice(0, 1) }, before);
    expect([...after.keys()]).toEqual(['a', 'b']);
    expect(placeNewNodes(base, new Map())).toEqual(layoutGraph(base));
  });
});
