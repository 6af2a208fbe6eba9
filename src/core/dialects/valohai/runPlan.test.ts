import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { LintContext } from './context';
import { buildModel } from './model';
import { planPipeline } from './runPlan';
import { corpusFiles } from '../../schema/corpusFiles';

const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });

function plan(text: string, name: string, values = {}, taskCount?: () => number) {
  const parsed = parse(text);
  const model = buildModel(new LintContext(parsed), parsed.value);
  return planPipeline(parsed, model, model.pipelines.get(name)!, { values, taskCount });
}

const DOC = `
- step:
    name: prep
    image: python:3.12
    command: python prep.py {parameters}
    parameters:
      - name: rows
        type: integer
        default: 100
    inputs:
      - name: raw
        default: s3://bucket/raw.csv
- step:
    name: train
    image: pytorch/pytorch
    command:
      - python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.01
      - name: epochs
        type: integer
        default: 3
    inputs:
      - name: data
      - name: extra
        optional: true
      - name: base
        default: https://example.com/base.bin
- step:
    name: report
    image: busybox
    command: cat /valohai/inputs/model/*
    inputs:
      - name: model
- pipeline:
    name: main
    parameters:
      - name: learning_rate
        targets: [train.parameter.lr]
        default: 0.5
    nodes:
      - name: report
        type: execution
        step: report
      - name: train
        type: execution
        step: train
        edge-merge-mode: append
        override:
          parameters:
            - name: epochs
              default: 9
      - name: prep
        type: execution
        step: prep
      - name: lonely
        type: execution
        step: report
      - name: deploy
        type: deployment
        deployment: prod
        endpoints: [predict]
    edges:
      - [prep.output.*.csv, train.input.data]
      - [prep.output.base.bin, train.input.base]
      - [train.output.model*, report.input.model]
      - [train.output.model.pt, deploy.file.predict.model]
`;

describe('pipeline run plan', () => {
  it('orders nodes in waves by their edges, keeping document order inside a wave', () => {
    const p = plan(DOC, 'main');
    expect(p.waves.map((w) => w.map((n) => n.node))).toEqual([['prep', 'lonely'], ['train'], ['report', 'deploy']]);
    expect(p.executions).toBe(4);
    expect(p.warnings).toEqual([]);
  });

  it("renders each execution node's command with its override and the pipeline parameters", () => {
    const p = plan(DOC, 'main');
    const train = p.waves[1][0];
    expect(train.command).toEqual(['python train.py --lr=0.5 --epochs=9']);
    expect(p.params.map((x) => [x.name, x.control, x.value, x.edited])).toEqual([['learning_rate', 'float', { kind: 'text', text: '0.5' }, false]]);
    const typed = plan(DOC, 'main', { learning_rate: { kind: 'text', text: '0.002' } });
    expect(typed.waves[1][0].command).toEqual(['python train.py --lr=0.002 --epochs=9']);
    expect(typed.params[0]).toMatchObject({ edited: true, default: { kind: 'text', text: '0.5' } });
    expect(typed.paramValues).toEqual({ learning_rate: { t: 'float', v: 0.002 } });
  });

  it('says where each input comes from: edges, defaults kept by append, and a deployment file', () => {
    const p = plan(DOC, 'main');
    expect(p.waves[1][0].inputs).toEqual({ data: ['prep.output.*.csv'], extra: [], base: ['https://example.com/base.bin', 'prep.output.base.bin'] });
    expect(p.waves[2][0].inputs).toEqual({ model: ['train.output.model*'] });
    expect(p.waves[2][1]).toMatchObject({ kind: 'deployment', target: 'prod', inputs: { 'file predict.model': ['train.output.model.pt'] }, command: [] });
    expect(p.waves[0][0].inputs).toEqual({ raw: ['s3://bucket/raw.csv'] });
  });

  it('flags a node that starts with a required input nothing feeds and without a default', () => {
    const p = plan(DOC, 'main');
    const lonely = p.waves[0][1];
    expect(lonely.problems).toEqual(['Input "model": nothing feeds it and it has no default, so the execution starts without its files.']);
    // The optional input of train is not a problem; neither is the fed one.
    expect(p.waves[1][0].problems).toEqual([]);
  });

  it('replaces default URLs with fed files unless the node appends', () => {
    const p = plan(DOC.replace('edge-merge-mode: append', 'edge-merge-mode: replace'), 'main');
    expect(p.waves[1][0].inputs.base).toEqual(['prep.output.base.bin']);
  });

  it('puts nodes that wait for each other in a last wave, never started, with a warning', () => {
    const p = plan(DOC.replace('[prep.output.*.csv, train.input.data]', '[report.output.x, prep.input.raw]'), 'main');
    expect(p.waves.map((w) => w.map((n) => n.node))).toEqual([['lonely'], ['report', 'train', 'prep', 'deploy']]);
    expect(p.waves[1][0].problems[0]).toMatch(/cycle/);
    expect(p.warnings[0]).toBe('Nodes "report", "train", "prep", "deploy" wait for each other and never start.');
    expect(p.executions).toBe(1);
  });

  it('copies a parameter edge from its source and notes a metadata edge', () => {
    const doc = DOC.replace(
      '      - [prep.output.*.csv, train.input.data]',
      '      - [prep.output.*.csv, train.input.data]\n      - [prep.parameter.rows, train.parameter.epochs]\n      - [prep.metadata.best, train.parameter.lr]',
    );
    const p = plan(doc, 'main');
    expect(p.waves[1][0].command).toEqual(['python train.py --lr=0.5 --epochs=100']);
    expect(p.waves[1][0].notes).toEqual(['Parameter lr is set when the pipeline runs, from prep.metadata.best.']);
  });

  it('counts a task node by its task, and names a missing step', () => {
    const doc = `${DOC}
- task:
    name: sweep
    step: train
    type: grid_search
    parameters:
      - name: lr
        style: multiple
        rules: {items: [0.1, 0.2]}
- pipeline:
    name: tasks
    nodes:
      - {name: t, type: task, task: sweep}
      - {name: gone, type: execution, step: nope}
    edges: []
`;
    const p = plan(doc, 'tasks', {}, () => 2);
    expect(p.waves[0].map((n) => [n.node, n.kind, n.count, n.problems])).toEqual([
      ['t', 'task', 2, ['Input "data": nothing feeds it and it has no default, so the execution starts without its files.']],
      ['gone', 'execution', undefined, ['Step "nope" does not exist.']],
    ]);
    expect(p.executions).toBe(2);
  });

  it('plans every pipeline of the real corpus without throwing', () => {
    let pipelines = 0;
    for (const [, text] of corpusFiles('valohai')) {
      const parsed = parse(text);
      if (!parsed.ok) continue;
      const model = buildModel(new LintContext(parsed), parsed.value);
      for (const def of model.pipelines.values()) {
        const p = planPipeline(parsed, model, def, {});
        pipelines++;
        const names = p.waves.flat().map((n) => n.node);
        expect(new Set(names).size).toBe(names.length);
      }
    }
    expect(pipelines).toBeGreaterThan(5);
  });

  it('reads the real override example: the node runs its step with the override', () => {
    const file = readFileSync('../shared/corpus/valohai/examples/pipeline-with-override-example.yaml', 'utf8');
    const parsed = parse(file);
    const model = buildModel(new LintContext(parsed), parsed.value);
    const [def] = model.pipelines.values();
    const p = planPipeline(parsed, model, def, {});
    expect(p.waves.flat().length).toBeGreaterThan(0);
    expect(p.waves.flat().every((n) => n.kind !== 'execution' || n.command.length > 0 || n.problems.length > 0 || n.notes.length > 0)).toBe(true);
  });
});
