import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { valohai } from '../core/dialects/valohai';
import { parseText } from '../core/document/parse';
import { analyze } from '../core/lint';
import type { PipelineGraph } from '../core/contracts/graph';
import { elementAt, handleBoxes, layoutKey, nodeSize, portRows, problemsByElement, rowCentre, sameOr } from './graphView';

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
