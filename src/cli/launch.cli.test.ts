import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main';

const root = resolve(__dirname, '../..');

function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (p in files) return new TextEncoder().encode(files[p]);
      return readFileSync(p);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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
    const vh = r.out.split('\n# vh\n')[1].split('\n')[0];
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
