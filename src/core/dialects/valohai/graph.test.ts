import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planEdit } from '../../document/edit';
import { applyTextEdits } from '../../document/textEdits';
import { parseText } from '../../document/parse';
import { GraphEditError, type GraphOp, type PipelineGraph } from '../../contracts/graph';
import { valohaiGraph } from './graph';
import { valohai } from './index';

const CORPUS = '../shared/corpus/valohai';
const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });
const { graphs, canConnect, palette, edit } = valohaiGraph;

/** A specifier's node, and the rest as the port id (`type.key`), written out independently of the code under test. */
function spec(s: string): { node: string; port: string } {
  const dot = s.indexOf('.');
  return { node: s.slice(0, dot), port: s.slice(dot + 1) };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

/** Every edge's ends are ports of the right side on nodes of the graph; ids are unique. */
function expectSound(g: PipelineGraph): void {
  const ids = g.nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  for (const n of g.nodes) {
    const ports = n.ports.map((p) => `${p.side} ${p.id}`);
    expect(new Set(ports).size, `${n.id} ports`).toBe(ports.length);
  }
  for (const e of g.edges) {
    const source = g.nodes.find((n) => n.id === e.source);
    const target = g.nodes.find((n) => n.id === e.target);
    expect(source?.ports.some((p) => p.side === 'out' && p.id === e.sourcePort), `${e.id} source`).toBe(true);
    expect(target?.ports.some((p) => p.side === 'in' && p.id === e.targetPort), `${e.id} target`).toBe(true);
  }
  expect(structuredClone(g)).toEqual(g);
}

describe('valohai pipelines as graphs: the corpus', () => {
  const files = readdirSync(join(CORPUS, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(CORPUS, 'examples', f));

  it('every node item, edge item and parameter target of every example pipeline is drawn', () => {
    let pipelines = 0;
    let edges = 0;
    let targets = 0;
    for (const file of files) {
      const value = parse(readFileSync(file, 'utf8')).value as Record<string, any>[];
      const found = graphs(value);
      const items = value.flatMap((item, index) => ('pipeline' in item ? [{ data: item.pipeline, index }] : []));
      expect(found.map((g) => g.path), file).toEqual(items.map((i) => [i.index, 'pipeline']));
      for (const [k, { data }] of items.entries()) {
        const g = found[k];
        pipelines++;
        expect(g.name).toBe(data.name);
        expectSound(g);
        expect(g.nodes.filter((n) => n.kind === 'missing'), `${file}: ${g.name}`).toEqual([]);
        // One box per node item, named and placed as written.
        const boxes = g.nodes.filter((n) => n.kind !== 'parameter');
        expect(boxes.map((n) => [n.name, n.kind, n.path])).toEqual(
          data.nodes.map((n: Record<string, unknown>, i: number) => [n.name, n.type, [...g.path, 'nodes', i]]),
        );
        // One edge per edge item, between the nodes and ports its specifiers name.
        const edgeItems: unknown[] = data.edges;
        expect(g.edges.filter((e) => e.id.startsWith('edge:')).length).toBe(edgeItems.length);
        edgeItems.forEach((item, i) => {
          const [s, t] = Array.isArray(item) ? item : [(item as any).source, (item as any).target];
          const drawn = g.edges.filter((e) => e.path.join() === [...g.path, 'edges', i].join());
          expect(drawn).toHaveLength(1);
          expect(drawn[0]).toMatchObject({ source: spec(s).node, sourcePort: spec(s).port, target: spec(t).node, targetPort: spec(t).port });
          edges++;
        });
        // One parameter box per pipeline parameter, an edge from it per target.
        for (const [i, param] of ((data.parameters ?? []) as Record<string, any>[]).entries()) {
          const box = g.nodes.find((n) => n.kind === 'parameter' && n.path.join() === [...g.path, 'parameters', i].join());
          expect(box?.name).toBe(param.name);
          const wanted: string[] = 'target' in param ? [param.target] : [param.targets].flat();
          const drawn = g.edges.filter((e) => e.source === box?.id);
          expect(drawn.map((e) => [e.target, e.targetPort])).toEqual(wanted.map((w) => [spec(w).node, spec(w).port]));
          targets += wanted.length;
        }
      }
    }
    // The examples hold many pipelines; make sure the loops above really ran.
    expect(pipelines).toBeGreaterThanOrEqual(20);
    expect(edges).toBeGreaterThanOrEqual(30);
    expect(targets).toBeGreaterThanOrEqual(10);
  });

  it('declared ports carry where they are defined; undeclared ones are those only edges name', () => {
    const value = parse(readFileSync(join(CORPUS, 'examples/pipeline-example.yaml'), 'utf8')).value as Record<string, any>[];
    const g = graphs(value)[0];
    const batch2 = g.nodes.find((n) => n.id === 'batch2')!;
    for (const p of batch2.ports.filter((p) => p.declared && p.path)) {
      // The path leads to a named item of the step (or the node's override) with the port's label.
      let v: any = value;
      for (const seg of p.path!) v = v[seg];
      expect(v.name, p.id).toBe(p.label);
    }
    const undeclared = batch2.ports.filter((p) => !p.declared).map((p) => `${p.side} ${p.id}`);
    // The step declares no parameters: the one an edge names still shows, undeclared.
    expect(undeclared.sort()).toEqual(['in parameter.aspect-ratio', 'out input.training-labels*', 'out metadata.optimal_learning_rate', 'out output.processed-images*']);
  });

  it('every corpus file, valid or not, reads without throwing into sound graphs', () => {
    for (const file of yamlFiles(CORPUS)) {
      const parsed = parse(readFileSync(file, 'utf8'));
      for (const g of graphs(parsed.value)) expectSound(g);
    }
  });

  it('the dialect offers it', () => {
    expect(valohai.graph).toBe(valohaiGraph);
  });
});

describe('valohai pipelines as graphs: odd shapes', () => {
  it('never throws on values of any shape', () => {
    const odd: unknown[] = [
      null,
      5,
      'text',
      {},
      [null, 1, 'x', []],
      [{ pipeline: null }, { pipeline: 5 }, { blueprint: [] }],
      [{ pipeline: { nodes: null, edges: 5, parameters: 'x' } }],
      [{ pipeline: { name: { a: 1 }, nodes: [null, 3, [], { name: null }, { name: ['x'] }], edges: [null, 3, [], {}, [1, 2], { source: {}, target: [] }] } }],
      [{ step: null }, { task: { name: 't', step: null } }, { pipeline: { nodes: [{ name: 'n', type: 'task', task: 't', override: 5 }], edges: [] } }],
      [{ endpoint: { name: 'e', files: 'x' } }, { pipeline: { nodes: [{ name: 'd', type: 'deployment', endpoints: ['e', null, 'gone'] }], edges: [] } }],
    ];
    for (const value of odd) for (const g of graphs(value)) expectSound(g);
    // A blueprint is a pipeline; an item whose first kind is a step is not.
    expect(graphs([{ blueprint: { name: 'b', nodes: [], edges: [] } }, { step: { name: 's' }, pipeline: { name: 'p' } }]).map((g) => [g.name, g.path])).toEqual([['b', [0, 'blueprint']]]);
    // Only mappings are nodes; the bad edge items are left out.
    expect(graphs(odd[7]).map((g) => [g.nodes.length, g.edges.length])).toEqual([[2, 0]]);
  });

  it('edges with too few parts are left out; extra dots belong to the key; unknown nodes get one missing box', () => {
    const [g] = graphs(
      parse(`- pipeline:
    name: p
    nodes:
      - name: a
        type: execution
        step: nowhere
      - name: a
        type: execution
        step: nowhere
      - type: execution
    parameters:
      - name: lr
        targets: [ghost.parameter.lr, bad, 7]
    edges:
      - [a.output.x]
      - [a.output.x, b.input]
      - [a.output.x, b.input.y, c]
      - [a.output.model.best.pkl, ghost.input.y]
      - source: ghost.output.z
        target: a.input.w
`).value,
    );
    expectSound(g);
    expect(g.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['a#1', 'execution'],
      ['a', 'execution'],
      ['#1', 'execution'],
      ['parameter:lr', 'parameter'],
      ['missing:ghost', 'missing'],
    ]);
    expect(g.edges.map((e) => [e.id, e.source, e.sourcePort, e.target, e.targetPort, e.label])).toEqual([
      ['edge:3', 'a', 'output.model.best.pkl', 'missing:ghost', 'input.y', 'model.best.pkl → y'],
      ['edge:4', 'missing:ghost', 'output.z', 'a', 'input.w', 'z → w'],
      ['parameter:lr:0', 'parameter:lr', 'parameter.lr', 'missing:ghost', 'parameter.lr', 'lr → lr'],
    ]);
    const ghost = g.nodes.find((n) => n.kind === 'missing')!;
    expect(ghost.path).toEqual([0, 'pipeline', 'edges', 3]);
    expect(ghost.ports.map((p) => `${p.side} ${p.id} ${p.declared}`)).toEqual(['in input.y false', 'out output.z false', 'in parameter.lr false']);
  });
});

// A small commented pipeline for the operations.
const DOC = `# Training
- step:
    name: Train model
    image: python:3.12
    command: python train.py {parameters}
    inputs:
      - name: data
    parameters:
      - name: lr
        type: float
        default: 0.1
    outputs:
      - name: model
- step:
    name: Evaluate
    image: python:3.12
    command: python eval.py
    inputs:
      - name: model
    parameters:
      - name: threshold
        type: float
- task:
    name: sweep
    step: Train model
    parameters:
      - name: lr
        style: multiple
        rules: {items: [0.1, 0.01]}
- endpoint:
    name: predict
    image: python:3.12
    server-command: python serve.py
    files:
      - name: model
        path: model.pkl
- pipeline:
    name: main
    parameters:
      - name: rate  # shared rate
        target: train.parameter.lr
        default: 0.1
    nodes:
      - name: train  # trains
        type: execution
        step: Train model
      - name: eval
        type: execution
        step: Evaluate
    edges:
      - [train.output.model, eval.input.model]  # the model
`;

function graphOf(text: string): PipelineGraph {
  return graphs(parse(text).value)[0];
}

/** Apply a graph operation to the text; the result must parse. */
function apply(text: string, op: GraphOp): string {
  const parsed = parse(text);
  const intent = edit(parsed.value, graphs(parsed.value)[0], op);
  const out = applyTextEdits(text, planEdit(parsed, intent, { version: '1.1' }).edits);
  expect(parse(out).ok, out).toBe(true);
  return out;
}

const EDGE = '      - [train.output.model, eval.input.model]  # the model\n';

describe('valohai graph: connections', () => {
  const g = graphOf(DOC);
  const check = (s: string, sp: string, t: string, tp: string) => canConnect(g, { node: s, port: sp }, { node: t, port: tp });

  it('accepts what the platform accepts', () => {
    expect(check('train', 'parameter.lr', 'eval', 'parameter.threshold')).toEqual({ ok: true });
    expect(check('train', 'output.*', 'eval', 'input.model')).toEqual({ ok: true });
    expect(check('train', 'dependency.*', 'eval', 'dependency.*')).toEqual({ ok: true });
    expect(check('parameter:rate', 'parameter.rate', 'eval', 'parameter.threshold')).toEqual({ ok: true });
  });

  it('refuses with a reason', () => {
    const reason = (...a: [string, string, string, string]) => {
      const v = check(...a);
      return v.ok ? 'ok' : v.reason;
    };
    expect(reason('train', 'output.model', 'eval', 'parameter.threshold')).toBe('An output can only go to an input or a deployment file');
    expect(reason('train', 'parameter.lr', 'eval', 'input.model')).toBe('A parameter can only go to a parameter');
    expect(reason('train', 'output.model', 'eval', 'input.model')).toBe('These ports are already connected');
    expect(reason('parameter:rate', 'parameter.rate', 'train', 'parameter.lr')).toBe('These ports are already connected');
    expect(reason('train', 'output.*', 'train', 'input.data')).toBe('A node cannot be connected to itself');
    expect(reason('train', 'input.data', 'eval', 'input.model')).toBe('input.data takes edges; it cannot start one');
    expect(reason('train', 'output.model', 'eval', 'output.*')).toBe('output.* starts edges; it cannot take one');
    expect(reason('train', 'output.nope', 'eval', 'input.model')).toBe('train has no port output.nope');
    expect(reason('nobody', 'output.*', 'eval', 'input.model')).toBe('That node is not in the pipeline (any more)');
    expect(reason('parameter:rate', 'parameter.rate', 'eval', 'input.model')).toBe('A pipeline parameter can only go to a node parameter');
  });

  it('refuses nodes edges cannot name', () => {
    const dup = graphOf(DOC.replace('- name: eval', '- name: train'));
    expect(dup.nodes.map((n) => n.id).slice(0, 2)).toEqual(['train#1', 'train']);
    const v = canConnect(dup, { node: 'train#1', port: 'output.*' }, { node: 'train', port: 'dependency.*' });
    expect(v.ok ? '' : v.reason).toMatch(/later node is also named "train"/);
  });
});

describe('valohai graph: operations as edits', () => {
  it('connect appends a shorthand edge, and exactly one edge shows', () => {
    const out = apply(DOC, { kind: 'connect', source: 'train', sourcePort: 'parameter.lr', target: 'eval', targetPort: 'parameter.threshold' });
    expect(out).toBe(DOC.replace(EDGE, `${EDGE}      - [train.parameter.lr, eval.parameter.threshold]\n`));
    const before = graphOf(DOC).edges;
    const after = graphOf(out).edges;
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((e) => !before.some((b) => b.id === e.id))).toMatchObject([{ source: 'train', sourcePort: 'parameter.lr', target: 'eval', targetPort: 'parameter.threshold' }]);
  });

  it('connect writes {source, target} after mapping edges, and a block list into an empty one', () => {
    const mapped = DOC.replace(EDGE, '      - source: train.output.model  # the model\n        target: eval.input.model\n');
    const out = apply(mapped, { kind: 'connect', source: 'train', sourcePort: 'dependency.*', target: 'eval', targetPort: 'dependency.*' });
    expect(out).toBe(`${mapped}      - source: train.dependency.*\n        target: eval.dependency.*\n`);
    const empty = DOC.replace(`    edges:\n${EDGE}`, '    edges: []  # none yet\n');
    expect(apply(empty, { kind: 'connect', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'input.model' })).toBe(
      empty.replace('    edges: []  # none yet\n', '    edges:  # none yet\n      - [train.output.model, eval.input.model]\n'),
    );
  });

  it('connect from a pipeline parameter grows its targets', () => {
    const op: GraphOp = { kind: 'connect', source: 'parameter:rate', sourcePort: 'parameter.rate', target: 'eval', targetPort: 'parameter.threshold' };
    const out = apply(DOC, op);
    expect(out).toBe(DOC.replace('        target: train.parameter.lr\n', '        targets: [train.parameter.lr, eval.parameter.threshold]\n'));
    expect(graphOf(out).edges.filter((e) => e.source === 'parameter:rate').map((e) => e.target)).toEqual(['train', 'eval']);
    const list = DOC.replace('        target: train.parameter.lr\n', '        targets:\n          - train.parameter.lr\n');
    expect(apply(list, op)).toBe(list.replace('          - train.parameter.lr\n', '          - train.parameter.lr\n          - eval.parameter.threshold\n'));
    const none = DOC.replace('        target: train.parameter.lr\n', '');
    expect(apply(none, op)).toBe(none.replace('        default: 0.1\n    nodes:', '        default: 0.1\n        target: eval.parameter.threshold\n    nodes:'));
  });

  it('reconnect rewrites only the end that moved, in whatever form the edge is written', () => {
    // The target end to another input of the same node... (a new input, so the text gains it)
    const withData = DOC.replace('    inputs:\n      - name: model\n    parameters:\n      - name: threshold', '    inputs:\n      - name: model\n      - name: data\n    parameters:\n      - name: threshold');
    const moved = apply(withData, { kind: 'reconnect', edge: 'edge:0', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'input.data' });
    expect(moved).toBe(withData.replace(EDGE, '      - [train.output.model, eval.input.data]  # the model\n'));
    expect(graphOf(moved).edges.find((e) => e.id === 'edge:0')).toMatchObject({ targetPort: 'input.data' });
    // ...the source end in a mapping edge...
    const mapped = DOC.replace(EDGE, '      - source: train.output.model  # the model\n        target: eval.input.model\n');
    expect(apply(mapped, { kind: 'reconnect', edge: 'edge:0', source: 'train', sourcePort: 'output.*', target: 'eval', targetPort: 'input.model' })).toBe(
      mapped.replace('source: train.output.model', 'source: train.output.*'),
    );
    // ...a pipeline parameter's target, where it is written.
    expect(apply(DOC, { kind: 'reconnect', edge: 'parameter:rate:0', source: 'parameter:rate', sourcePort: 'parameter.rate', target: 'eval', targetPort: 'parameter.threshold' })).toBe(
      DOC.replace('        target: train.parameter.lr\n', '        target: eval.parameter.threshold\n'),
    );
    // Nothing moved: nothing changes.
    expect(apply(DOC, { kind: 'reconnect', edge: 'edge:0', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'input.model' })).toBe(DOC);
  });

  it('reconnect refuses what connect refuses, and a parameter target moved to another source', () => {
    expect(() => apply(DOC, { kind: 'reconnect', edge: 'edge:0', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'parameter.threshold' })).toThrow(
      GraphEditError,
    );
    expect(() => apply(DOC, { kind: 'reconnect', edge: 'edge:0', source: 'eval', sourcePort: 'output.*', target: 'eval', targetPort: 'input.model' })).toThrow(/itself/);
    expect(() =>
      apply(DOC, { kind: 'reconnect', edge: 'parameter:rate:0', source: 'train', sourcePort: 'parameter.lr', target: 'eval', targetPort: 'parameter.threshold' }),
    ).toThrow(/another pipeline parameter/);
    expect(() => apply(DOC, { kind: 'reconnect', edge: 'edge:7', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'input.model' })).toThrow(
      GraphEditError,
    );
  });

  it('delete removes an edge: the edge item, or the parameter target', () => {
    const out = apply(DOC, { kind: 'delete', nodes: [], edges: ['edge:0'] });
    // `edges` is required: the emptied list stays, as `[]`.
    expect(out).toBe(DOC.replace(`    edges:\n${EDGE}`, '    edges: []\n'));
    expect(graphOf(out).edges.map((e) => e.id)).toEqual(['parameter:rate:0']);
    expect(apply(DOC, { kind: 'delete', nodes: [], edges: ['parameter:rate:0'] })).toBe(DOC.replace('        target: train.parameter.lr\n', ''));
    expect(() => apply(DOC, { kind: 'delete', nodes: [], edges: ['edge:9'] })).toThrow(GraphEditError);
  });

  it('delete removes a node with its edges and parameter targets, as one change', () => {
    const parsed = parse(DOC);
    const intent = edit(parsed.value, graphs(parsed.value)[0], { kind: 'delete', nodes: ['train'], edges: [] });
    expect(intent.kind).toBe('batch');
    const out = apply(DOC, { kind: 'delete', nodes: ['train'], edges: [] });
    expect(out).toBe(
      DOC.replace('        target: train.parameter.lr\n', '')
        .replace('      - name: train  # trains\n        type: execution\n        step: Train model\n', '')
        .replace(`    edges:\n${EDGE}`, '    edges: []\n'),
    );
    const g = graphOf(out);
    expect(g.nodes.map((n) => n.id)).toEqual(['eval', 'parameter:rate']);
    expect(g.edges).toEqual([]);
    expect(apply(DOC, { kind: 'delete', nodes: ['parameter:rate'], edges: [] })).toBe(
      DOC.replace('    parameters:\n      - name: rate  # shared rate\n        target: train.parameter.lr\n        default: 0.1\n', '    parameters: []\n'),
    );
  });

  it('delete removes several nodes and edges as one change, each thing once', () => {
    // The parameter and the node it targets: the target goes with the parameter, not twice.
    const both = apply(DOC, { kind: 'delete', nodes: ['parameter:rate', 'train'], edges: ['edge:0'] });
    expect(both).toBe(
      DOC.replace('    parameters:\n      - name: rate  # shared rate\n        target: train.parameter.lr\n        default: 0.1\n', '    parameters: []\n')
        .replace('      - name: train  # trains\n        type: execution\n        step: Train model\n', '')
        .replace(`    edges:\n${EDGE}`, '    edges: []\n'),
    );
    expect(graphOf(both).nodes.map((n) => n.id)).toEqual(['eval']);
    // Every node: the pipeline keeps its (empty) lists.
    const all = apply(DOC, { kind: 'delete', nodes: ['eval', 'train', 'parameter:rate'], edges: [] });
    expect(graphOf(all)).toMatchObject({ nodes: [], edges: [] });
    expect(all).toContain('    nodes: []\n    edges: []\n');
    // Just an edge; and something already gone is refused rather than half done.
    expect(apply(DOC, { kind: 'delete', nodes: [], edges: ['edge:0'] })).toBe(DOC.replace(`    edges:\n${EDGE}`, '    edges: []\n'));
    expect(() => apply(DOC, { kind: 'delete', nodes: ['train', 'ghost'], edges: [] })).toThrow(GraphEditError);
  });

  it('delete on a missing node removes the edges that name it; later indices first', () => {
    const doc = DOC.replace(EDGE, `${EDGE}      - [ghost.output.x, eval.input.model]\n      - [train.output.*, eval.input.model]\n      - [eval.output.*, ghost.input.y]\n`);
    expect(graphOf(doc).nodes.filter((n) => n.kind === 'missing').map((n) => n.id)).toEqual(['missing:ghost']);
    const out = apply(doc, { kind: 'delete', nodes: ['missing:ghost'], edges: [] });
    expect(out).toBe(DOC.replace(EDGE, `${EDGE}      - [train.output.*, eval.input.model]\n`));
    expect(graphOf(out).nodes.some((n) => n.kind === 'missing')).toBe(false);
  });

  it('addNode inserts a uniquely named node for a step, a task or an endpoint', () => {
    const entries = palette(parse(DOC).value);
    expect(entries).toEqual([
      { id: 'step:Train model', label: 'Train model', group: 'Steps' },
      { id: 'step:Evaluate', label: 'Evaluate', group: 'Steps' },
      { id: 'task:sweep', label: 'sweep', group: 'Tasks' },
      { id: 'deployment:predict', label: 'predict', group: 'Deployments' },
    ]);
    const once = apply(DOC, { kind: 'addNode', entry: 'step:Train model' });
    const node = '      - name: train-model\n        type: execution\n        step: Train model\n';
    expect(once).toBe(DOC.replace('    edges:\n', `${node}    edges:\n`));
    const twice = apply(once, { kind: 'addNode', entry: 'step:Train model' });
    expect(twice).toBe(once.replace('    edges:\n', `${node.replace('train-model', 'train-model-2')}    edges:\n`));
    expect(graphOf(twice).nodes.filter((n) => n.kind === 'execution').map((n) => n.id)).toEqual(['train', 'eval', 'train-model', 'train-model-2']);
    expect(apply(DOC, { kind: 'addNode', entry: 'task:sweep' })).toBe(DOC.replace('    edges:\n', '      - name: sweep\n        type: task\n        task: sweep\n    edges:\n'));
    const deployed = graphOf(apply(DOC, { kind: 'addNode', entry: 'deployment:predict' })).nodes.find((n) => n.kind === 'deployment');
    expect(deployed).toMatchObject({ id: 'deploy-predict', detail: 'deployment: my-deployment' });
    expect(deployed?.ports.some((p) => p.side === 'in' && p.id === 'file.predict.model' && p.declared)).toBe(true);
    expect(() => apply(DOC, { kind: 'addNode', entry: 'step:Nope' })).toThrow(GraphEditError);
    // A pipeline without nodes gets its list.
    const bare = '- step: {name: s, image: x, command: y}\n- pipeline:\n    name: p\n    nodes: []\n    edges: []\n';
    expect(apply(bare, { kind: 'addNode', entry: 'step:s' })).toBe(bare.replace('    nodes: []\n', '    nodes:\n      - name: s\n        type: execution\n        step: s\n'));
  });

  it('renameNode renames the node and the node part of every specifier naming it', () => {
    const out = apply(DOC, { kind: 'renameNode', node: 'train', to: 'fit' });
    expect(out).toBe(
      DOC.replace('- name: train  # trains', '- name: fit  # trains')
        .replace('target: train.parameter.lr', 'target: fit.parameter.lr')
        .replace('[train.output.model,', '[fit.output.model,'),
    );
    const before = graphOf(DOC);
    const after = graphOf(out);
    expect(after.edges.length).toBe(before.edges.length);
    expect(after.edges.map((e) => [e.source, e.target])).toEqual(before.edges.map((e) => [e.source, e.target].map((id) => (id === 'train' ? 'fit' : id))));
    expect(apply(DOC, { kind: 'renameNode', node: 'train', to: 'train' })).toBe(DOC);
    for (const to of ['', '  ', 'a.b', 'eval']) expect(() => apply(DOC, { kind: 'renameNode', node: 'train', to }), to).toThrow(GraphEditError);
    expect(() => apply(DOC, { kind: 'renameNode', node: 'parameter:rate', to: 'x' })).toThrow(GraphEditError);
  });

  it('rename and delete reach specifiers in every form: mappings, flow items, `targets` lists and strings', () => {
    const doc = `- step: {name: s, image: x, command: y, parameters: [{name: p}], outputs: [{name: o}]}
- pipeline:
    name: p
    parameters:
      - name: a
        targets: [n.parameter.p, m.parameter.p]  # both
      - name: b
        targets: n.parameter.p
    nodes:
      - {name: n, type: execution, step: s}
      - {name: m, type: execution, step: s}  # m
    edges:
      - source: n.output.o  # first
        target: m.parameter.p
      - source: m.output.o
        target: n.parameter.p
`;
    const renamed = apply(doc, { kind: 'renameNode', node: 'n', to: 'k' });
    expect(renamed).toBe(doc.replace(/\bn\.(output|parameter)/g, 'k.$1').replace('{name: n,', '{name: k,'));
    expect(graphOf(renamed).edges.map((e) => `${e.source}>${e.target}`)).toEqual(['k>m', 'm>k', 'parameter:a>k', 'parameter:a>m', 'parameter:b>k']);
    const deleted = apply(doc, { kind: 'delete', nodes: ['n'], edges: [] });
    expect(deleted).toBe(`- step: {name: s, image: x, command: y, parameters: [{name: p}], outputs: [{name: o}]}
- pipeline:
    name: p
    parameters:
      - name: a
        targets: [m.parameter.p]  # both
      - name: b
    nodes:
      - {name: m, type: execution, step: s}  # m
    edges: []
`);
    expect(graphOf(deleted).edges.map((e) => e.id)).toEqual(['parameter:a:0']);
    // `targets: x` grows into a flow list too.
    const grown = apply(doc, { kind: 'connect', source: 'parameter:b', sourcePort: 'parameter.b', target: 'm', targetPort: 'parameter.p' });
    expect(grown).toBe(doc.replace('targets: n.parameter.p', 'targets: [n.parameter.p, m.parameter.p]'));
  });

  it('with two nodes of one name, the last is the one edges reach, and renaming it moves them', () => {
    const doc = DOC.replace('        step: Evaluate\n    edges:', '        step: Evaluate\n      - name: train\n        type: execution\n        step: Evaluate\n    edges:');
    const g = graphOf(doc);
    expect(g.nodes.filter((n) => n.kind === 'execution').map((n) => n.id)).toEqual(['train#1', 'eval', 'train']);
    expect(g.edges.map((e) => e.source)).toEqual(['train', 'parameter:rate']);
    const out = apply(doc, { kind: 'renameNode', node: 'train', to: 'check' });
    expect(out).toBe(doc.replace('      - name: train\n        type: execution\n        step: Evaluate', '      - name: check\n        type: execution\n        step: Evaluate').replace('[train.output', '[check.output').replace('target: train.', 'target: check.'));
    // The earlier namesake now holds the plain name.
    expect(graphOf(out).nodes.filter((n) => n.kind === 'execution').map((n) => n.id)).toEqual(['train', 'eval', 'check']);
  });

  it('refused connections throw the reason', () => {
    expect(() => apply(DOC, { kind: 'connect', source: 'train', sourcePort: 'output.model', target: 'eval', targetPort: 'input.model' })).toThrow(
      new GraphEditError('These ports are already connected'),
    );
    expect(() => apply(DOC, { kind: 'connect', source: 'train', sourcePort: 'output.*', target: 'train', targetPort: 'input.data' })).toThrow(GraphEditError);
  });
});
