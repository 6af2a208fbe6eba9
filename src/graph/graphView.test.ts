import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { valohai } from '../core/dialects/valohai';
import { parseText } from '../core/document/parse';
import { analyze } from '../core/lint';
import type { PipelineGraph } from '../core/contracts/graph';
import { elementAt, handleBoxes, layoutKey, nodeSize, portRows, problemsByElement, rowCentre, sameOr } from './graphView';
import { LABELS_UP_TO, mergeNodes, toFlowEdges, toFlowNodes, withSelectedEdges } from './flowElements';

const EXAMPLES = '../shared/corpus/valohai/examples';

function graphsOf(text: string): PipelineGraph[] {
  return valohai.graph!.graphs(parseText(text, valohai.yaml).value);
}

/** A pipeline with a node whose step is missing, an edge to a missing node and a parameter without targets. */
const broken = readFileSync(`${__dirname}/testdata/pipeline-with-problems.yaml`, 'utf8');

describe('portRows', () => {
  it('puts a parameter that is both an in and an out port on one row, inputs before outputs', () => {
    const [g] = graphsOf(readFileSync(`${EXAMPLES}/pipeline-edge-types-example.yaml`, 'utf8'));
    const train = g.nodes.find((n) => n.name === 'train')!;
    const rows = portRows(train);
    const env = rows.find((r) => r.kind === 'environment-variable' && r.label === 'DATA_VERSION')!;
    expect(env.in?.side).toBe('in');
    expect(env.out?.side).toBe('out');
    const kinds = rows.map((r) => r.kind);
    expect(kinds.indexOf('input')).toBeLessThan(kinds.indexOf('output'));
    expect(nodeSize(train).height).toBeGreaterThan(rows.length * 20);
  });
  it('gives every port a handle box at its row', () => {
    const [g] = graphsOf(readFileSync(`${EXAMPLES}/pipeline-edge-types-example.yaml`, 'utf8'));
    for (const node of g.nodes) {
      const rows = portRows(node);
      const boxes = handleBoxes(rows);
      expect(boxes.length).toBe(node.ports.length);
      rows.forEach((row, i) => {
        // Centred on its row, on the inner edge of the box's 1px border.
        if (row.in) expect(boxes.find((b) => b.id === `in:${row.in!.id}`)).toMatchObject({ x: 1 - 4.5, y: rowCentre(i) - 4.5 });
        if (row.out) expect(boxes.find((b) => b.id === `out:${row.out!.id}`)).toMatchObject({ x: 240 - 1 - 4.5, y: rowCentre(i) - 4.5 });
      });
    }
  });
});

describe('problemsByElement and elementAt', () => {
  it('puts each pipeline problem on the box or arrow its path is in', () => {
    const diagnostics = analyze(broken, valohai).diagnostics;
    const [g] = graphsOf(broken);
    const problems = problemsByElement(g, diagnostics);
    const messages = (id: string) => (problems.get(id) ?? []).map((d) => d.message);
    expect(messages('node:b')).toContain('Pipeline "p" node "b" step "nope" does not exist');
    const toGhost = g.edges.find((e) => e.target === 'missing:ghost')!;
    expect(messages(`edge:${toGhost.id}`)).toContain('Pipeline p edge target node ghost does not exist');
    // The missing box shows its edge's problem too.
    expect(messages('node:missing:ghost')).toContain('Pipeline p edge target node ghost does not exist');
    expect(messages('node:parameter:unused')).toContain('Pipeline "p" parameter "unused": no targets.');
    // Problems elsewhere in the file are not the graph's.
    expect([...problems.values()].flat().every((d) => d.path[0] === 1)).toBe(true);
  });
  it('finds the innermost element of a path: an edge over its pipeline, a node over its override', () => {
    const [g] = graphsOf(broken);
    expect(elementAt(g, [1, 'pipeline', 'edges', 1, 0])).toMatchObject({ kind: 'edge', element: { id: g.edges.find((e) => e.path[3] === 1)!.id } });
    expect(elementAt(g, [1, 'pipeline', 'nodes', 0, 'step'])).toMatchObject({ kind: 'node', element: { id: 'a' } });
    expect(elementAt(g, [1, 'pipeline', 'name'])).toBeUndefined();
  });
});

describe('sameOr and layoutKey', () => {
  it('keeps the previous graph object when nothing drawn changed, and the layout key when only labels changed', () => {
    const before = graphsOf(broken)[0];
    const again = graphsOf(broken.replace('image: busybox', 'image: alpine'))[0];
    expect(sameOr(before, again)).toBe(before);
    const added = graphsOf(broken.replace('      - [a.parameter.lr', '      - [a.output.x, b.input.y]\n      - [a.parameter.lr'))[0];
    expect(sameOr(before, added)).toBe(added);
    expect(layoutKey(added)).not.toBe(layoutKey(before));
    const relabelled = graphsOf(broken.replace('[a.output.model, ghost.input.data]', '[a.output.weights, ghost.input.data]'))[0];
    expect(layoutKey(relabelled)).toBe(layoutKey(before));
  });
});

describe('an override of an unknown input or parameter', () => {
  it('marks the node that overrides it', () => {
    const text = readFileSync('../shared/corpus/valohai/tests/error_examples/invalid-pipeline-with-override-example.yaml', 'utf8');
    const diagnostics = analyze(text, valohai).diagnostics.filter((d) => /does not exist in step/.test(d.message));
    expect(diagnostics.length).toBeGreaterThan(0);
    const graphs = graphsOf(text);
    for (const d of diagnostics) {
      const g = graphs.find((x) => x.path.every((seg, i) => seg === d.path[i]))!;
      const node = g.nodes.find((n) => n.path.every((seg, i) => seg === d.path[i]))!;
      expect(d.path).toContain('override');
      expect(problemsByElement(g, diagnostics).get(`node:${node.id}`)).toContain(d);
    }
  });
});

describe('toFlowNodes and toFlowEdges', () => {
  const diagnostics = analyze(broken, valohai).diagnostics;
  const [g] = graphsOf(broken);
  const problems = problemsByElement(g, diagnostics);
  const positions = new Map([['a', { x: 10, y: 20 }]]);

  it('draws one box per node where the layout put it, named for people, with its problems, size and handles', () => {
    const nodes = toFlowNodes(g, positions, problems);
    expect(nodes.map((n) => n.id)).toEqual(g.nodes.map((n) => n.id));
    const a = nodes.find((n) => n.id === 'a')!;
    expect(a.position).toEqual({ x: 10, y: 20 });
    expect(a.ariaLabel).toMatch(/^execution a\b/);
    expect(a).toMatchObject({ type: 'pipeline', ...nodeSize(g.nodes.find((n) => n.id === 'a')!) });
    expect(a.selected).toBeUndefined();
    expect(a.handles!.length).toBe(g.nodes.find((n) => n.id === 'a')!.ports.length);
    expect(a.handles!.every((h) => h.position === (h.type === 'target' ? 'left' : 'right'))).toBe(true);
    // Without a place yet: the origin.
    const b = nodes.find((n) => n.id === 'b')!;
    expect(b.position).toEqual({ x: 0, y: 0 });
    expect(b.ariaLabel).toMatch(/, has problems$/);
    expect(b.data.problems).toBe(problems.get('node:b'));
    expect(nodes.find((n) => n.id === 'missing:ghost')!.ariaLabel).toMatch(/^missing node ghost.*, has problems$/);
    // Each box knows which of its handles arrows use (all it draws when small).
    for (const e of g.edges) {
      expect(nodes.find((n) => n.id === e.source)!.data.connected.has(`out:${e.sourcePort}`)).toBe(true);
      expect(nodes.find((n) => n.id === e.target)!.data.connected.has(`in:${e.targetPort}`)).toBe(true);
    }
  });

  it('draws one arrow per edge between handles, named by its ends, coloured by its problems and labelled', () => {
    const edges = toFlowEdges(g, problems);
    expect(edges.map((e) => e.id)).toEqual(g.edges.map((e) => e.id));
    const toGhost = g.edges.find((e) => e.target === 'missing:ghost')!;
    const arrow = edges.find((e) => e.id === toGhost.id)!;
    expect(arrow).toMatchObject({ source: toGhost.source, target: toGhost.target, sourceHandle: `out:${toGhost.sourcePort}`, targetHandle: `in:${toGhost.targetPort}` });
    expect(arrow.ariaLabel).toBe(`Edge a.${toGhost.sourcePort} to ghost.${toGhost.targetPort}, has problems`);
    expect(arrow.className).toBe('graph-edge-error');
    expect(arrow.data).toEqual({ label: toGhost.label, shown: true });
    // A few arrows: each has the grips that move its ends, selected or not.
    expect(edges.every((e) => e.reconnectable === true)).toBe(true);
    const fine = edges.filter((e) => !problems.has(`edge:${e.id}`));
    expect(fine.length).toBeGreaterThan(0);
    expect(fine.every((e) => e.className === undefined && !e.ariaLabel!.endsWith('has problems'))).toBe(true);
  });

  it('labels no arrow and grips none when there are too many, except the selected ones; selecting makes new objects for those only', () => {
    const many: PipelineGraph = { ...g, edges: Array.from({ length: LABELS_UP_TO + 1 }, (_, i) => ({ ...g.edges[0], id: `e${i}` })) };
    const edges = toFlowEdges(many, new Map());
    expect(edges.every((e) => e.data!.shown === false && e.reconnectable === false)).toBe(true);
    const marked = withSelectedEdges(edges, new Set(['e3']));
    expect(marked[3]).toMatchObject({ selected: true, reconnectable: true, data: { shown: true } });
    expect(marked.filter((e, i) => e !== edges[i]).map((e) => e.id)).toEqual(['e3']);
  });

  it('merges a new drawing into the last one: unchanged boxes keep their objects, moved ones go where positions say', () => {
    const built = toFlowNodes(g, positions, problems);
    const first = mergeNodes(built, [], new Set(), positions);
    expect(first.find((n) => n.id === 'a')!.position).toEqual({ x: 10, y: 20 });
    // Nothing changed: the same list.
    expect(mergeNodes(built, first, new Set(), positions)).toBe(first);
    // Selected: a new object for that box only.
    const selected = mergeNodes(built, first, new Set(['b']), positions);
    expect(selected.filter((n, i) => n !== first[i]).map((n) => [n.id, n.selected])).toEqual([['b', true]]);
    // Moved (the person dragged it): a new object there, keeping what xyflow measured.
    const measured = first.map((n) => (n.id === 'a' ? { ...n, measured: { width: 1, height: 2 } } : n));
    const moved = mergeNodes(built, measured, new Set(), new Map([['a', { x: 50, y: 60 }]]));
    const a = moved.find((n) => n.id === 'a')!;
    expect(a).toMatchObject({ position: { x: 50, y: 60 }, measured: { width: 1, height: 2 } });
    expect(moved.filter((n, i) => n !== measured[i]).map((n) => n.id)).toEqual(['a']);
  });
});
