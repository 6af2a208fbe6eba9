import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInMemory } from './runInMemory';

const root = resolve(__dirname, '../..');

const run = (argv: string[], files: Record<string, string> = {}) => runInMemory(argv, files, { disk: true });

const BROKEN_TASK = `- task:
    name: broken
    step: train
    parameters:
      - name: layers
        style: multiple
        rules: {items: []}
`;

const DOC = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.1
      - name: layers
        type: integer
        default: 2
- task:
    name: grid
    step: train
    parameters:
      - name: lr
        style: logspace
        rules: {start: -3, end: 0, count: 4}
      - name: layers
        style: multiple
        rules: {items: [1, 2]}
- pipeline:
    name: flow
    parameters:
      - name: depth
        target: b.parameter.layers
        default: 4
    nodes:
      - {name: a, type: execution, step: train}
      - {name: b, type: execution, step: train}
    edges:
      - [a.output.model.pkl, b.input.model]
`;

describe('pipewright render --task', () => {
  it('prints every execution as JSON: count, parameters and the command', () => {
    const r = run(['render', 'valohai.yaml', '--task', 'grid', '--json'], { 'valohai.yaml': DOC });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.count).toBe(8);
    expect(report.executions.map((e: { parameters: object }) => e.parameters)).toEqual([
      { lr: 0.001, layers: 1 },
      { lr: 0.001, layers: 2 },
      { lr: 0.01, layers: 1 },
      { lr: 0.01, layers: 2 },
      { lr: 0.1, layers: 1 },
      { lr: 0.1, layers: 2 },
      { lr: 1.0, layers: 1 },
      { lr: 1.0, layers: 2 },
    ]);
    expect(report.executions[2].command).toEqual(['python train.py --lr=0.01 --layers=1']);
    expect(report.executions[0].sampled).toBeUndefined();
  });

  it('prints a table and the lines without --json', () => {
    const r = run(['render', 'valohai.yaml', '--task', 'grid'], { 'valohai.yaml': DOC });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Grid search: 8 executions');
    const header = lines.findIndex((l) => /^#\s+lr\s+layers$/.test(l));
    expect(lines.slice(header + 1, header + 3)).toEqual(['1  0.001  1', '2  0.001  2']);
    expect(r.out).toMatch(/^# vh\nvh execution run /m);
    expect(r.out).toMatch(/^# docker run\n/m);
  });

  it('exits 1 with the platform meaning for an invalid variant, 2 for an unknown task', () => {
    const broken = run(['render', 'valohai.yaml', '--task', 'broken', '--json'], { 'valohai.yaml': DOC + BROKEN_TASK });
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^error: .*(empty|no items)/im);
    const unknown = run(['render', 'valohai.yaml', '--task', 'nope'], { 'valohai.yaml': DOC });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('no task "nope"; tasks: "grid"');
  });

  it('refuses --param with --task and two launch kinds at once', () => {
    expect(run(['render', 'valohai.yaml', '--task', 'grid', '--param', 'lr=1'], { 'valohai.yaml': DOC }).code).toBe(2);
    expect(run(['render', 'valohai.yaml', '--task', 'grid', '--pipeline', 'flow'], { 'valohai.yaml': DOC }).code).toBe(2);
  });
});

describe('pipewright render --pipeline', () => {
  it('prints the waves with each node command, inputs and the pipeline parameter applied', () => {
    const r = run(['render', 'valohai.yaml', '--pipeline', 'flow', '--param', 'depth=7', '--json'], { 'valohai.yaml': DOC });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.waves).toEqual([
      [{ node: 'a', kind: 'execution', target: 'train', command: ['python train.py --lr=0.1 --layers=2'], inputs: {} }],
      [{ node: 'b', kind: 'execution', target: 'train', command: ['python train.py --lr=0.1 --layers=7'], inputs: {}, notes: ['An edge feeds "model", which step "train" does not declare.'] }],
    ]);
    expect(plan.parameters).toEqual({ depth: 7 });
  });

  it('uses the default of a pipeline parameter, and refuses an unknown one', () => {
    const plan = JSON.parse(run(['render', 'valohai.yaml', '--pipeline', 'flow', '--json'], { 'valohai.yaml': DOC }).out);
    expect(plan.waves[1][0].command).toEqual(['python train.py --lr=0.1 --layers=4']);
    const r = run(['render', 'valohai.yaml', '--pipeline', 'flow', '--param', 'width=1'], { 'valohai.yaml': DOC });
    expect(r.code).toBe(2);
    expect(r.err).toBe('Pipeline "flow" has no parameter "width"; its parameters: depth');
  });

  it('prints the text plan, whose vh and docker lines sh accepts', () => {
    const r = run(['render', 'valohai.yaml', '--pipeline', 'flow'], { 'valohai.yaml': DOC });
    expect(r.out).toMatch(/^Wave 1:\n {2}a \(execution train\)\n {4}\$ python train\.py --lr=0\.1 --layers=2$/m);
    const vh = r.out.split('\n# vh (pipeline)\n')[1].split('\n')[0];
    // Pipeline parameters are always given (vh has no way to say "the default").
    expect(vh).toBe('vh pipeline run -- flow --depth=4');
    execFileSync('sh', ['-n', '-c', vh]);
  });

  it('plans the real pipeline-with-task-blueprint example', () => {
    const file = resolve(root, '../shared/corpus/valohai/examples/pipeline-with-task-blueprint-example.yaml');
    const text = readFileSync(file, 'utf8');
    const name = /- pipeline:\n\s+name: (.+)/.exec(text)![1].trim();
    const r = run(['render', file, '--pipeline', name, '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    const nodes = plan.waves.flat();
    expect(nodes.length).toBeGreaterThan(1);
    expect(nodes.some((n: { kind: string; executions?: number }) => n.kind === 'task' && typeof n.executions === 'number')).toBe(true);
  });
});

describe('pipewright render --search', () => {
  const asha = `name: asha
entrypoint: python3 train.py
hyperparameters:
  lr: {type: log, base: 10, minval: -4, maxval: -1}
searcher:
  name: adaptive_asha
  metric: loss
  smaller_is_better: true
  max_trials: 16
  max_rungs: 5
  divisor: 4
  mode: standard
  max_length: {batches: 1000}
`;

  it('prints the brackets of an adaptive ASHA search: trials and training length at each rung', () => {
    const r = run(['render', 'experiment.yaml', '--search', '--json'], { 'experiment.yaml': asha });
    const plan = JSON.parse(r.out);
    // max_rungs 5 is cut to int(ln 1000 / ln 4) + 1 = 5 and int(ln 16 / ln 4) + 1 = 3; standard mode
    // keeps brackets of 3 and 2 rungs, weighted 4^2/3 : 4^1/2 (16/3 : 2) of 16 trials → int(11.6) = 11 and
    // int(4.4) = 4, the one left to the first; at each rung max(int(k / 4), 1) go on; lengths 1000 / 4^(n-1-i).
    expect(plan.trials).toBe(16);
    expect(plan.unit).toBe('batches');
    expect(plan.brackets.map((b: { rungs: object[] }) => b.rungs)).toEqual([
      [
        { trials: 12, length: 62 },
        { trials: 3, length: 250 },
        { trials: 1, length: 1000 },
      ],
      [
        { trials: 4, length: 250 },
        { trials: 1, length: 1000 },
      ],
    ]);
    expect(plan.totalLength).toBe(12 * 62 + 3 * (250 - 62) + 1 * (1000 - 250) + 4 * 250 + 1 * (1000 - 250));
  });

  it('prints every trial of a grid, and a table without --json', () => {
    const grid = `name: g
entrypoint: python3 train.py
hyperparameters:
  a: {type: int, minval: 1, maxval: 3, count: 3}
  b: {type: categorical, vals: [x, y]}
searcher: {name: grid, metric: loss, max_length: {epochs: 2}}
`;
    const json = JSON.parse(run(['render', 'experiment.yaml', '--search', '--json'], { 'experiment.yaml': grid }).out);
    expect(json.trials).toBe(6);
    expect(json.hparams).toHaveLength(6);
    expect(new Set(json.hparams.map((h: { a: number; b: string }) => `${h.a}${h.b}`))).toEqual(new Set(['1x', '1y', '2x', '2y', '3x', '3y']));
    const text = run(['render', 'experiment.yaml', '--search'], { 'experiment.yaml': grid });
    expect(text.code).toBe(0);
    expect(text.out.split('\n')[0]).toBe('Grid search: 6 trials over 2 hyperparameters');
    expect(text.out).toMatch(/^#\s+a\s+b$/m);
    expect(text.out).toMatch(/^# det\ndet experiment create /m);
  });

  it('says when the file has no searcher, and refuses --search for a valohai.yaml task-less request', () => {
    const r = run(['render', 'experiment.yaml', '--search'], { 'experiment.yaml': 'name: x\nentrypoint: python3 a.py\n' });
    expect(r.code).toBe(2);
    expect(r.err).toBe('experiment.yaml has no searcher to preview');
  });
});
