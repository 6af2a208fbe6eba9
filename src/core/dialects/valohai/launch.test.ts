import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { launchValohai, TABLE_LIMIT } from './launch';

const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });

const DOC = `
- step:
    name: train
    image: pytorch/pytorch:2.3
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.01
      - name: epochs
        type: integer
        default: 3
      - name: tag
        type: string
        default: base
    inputs:
      - name: data
        default: s3://bucket/data.csv
- task:
    name: sweep
    step: train
    type: grid_search
    parameters:
      - name: lr
        style: multiple
        rules: {items: [0.1, 0.01, 0.001]}
      - name: epochs
        style: linear
        rules: {start: 1, end: 5, step: 1}
- task:
    name: huge
    step: train
    parameters:
      - name: epochs
        style: linear
        rules: {start: 1, end: 20000, step: 1}
- pipeline:
    name: two
    parameters:
      - name: rate
        targets: [fit.parameter.lr]
        default: 0.2
    nodes:
      - {name: fit, type: execution, step: train}
      - {name: again, type: execution, step: train}
    edges:
      - [fit.output.model*, again.input.data]
`;

describe('valohai launches', () => {
  const parsed = parse(DOC);

  it('lists every task and pipeline as a choice, in document order', () => {
    const model = launchValohai(parsed, {});
    expect(model.choices.map((c) => [c.id, c.label])).toEqual([
      ['task:sweep', 'task: sweep'],
      ['task:huge', 'task: huge'],
      ['pipeline:two', 'pipeline: two'],
    ]);
    expect(model.launch).toBeUndefined();
    expect(launchValohai(parsed, { id: 'task:nope' }).launch).toBeUndefined();
  });

  it('shows a 3 × 5 grid as 15 rows, the last parameter varying fastest, and renders the selected row', () => {
    const { launch } = launchValohai(parsed, { id: 'task:sweep', row: 6 });
    expect(launch).toMatchObject({ kind: 'task', count: 15, unit: 'executions', title: 'Grid search: 15 executions', errors: [] });
    expect(launch!.table!.columns).toEqual(['#', 'lr', 'epochs']);
    expect(launch!.table!.rows.slice(0, 6)).toEqual([
      ['1', '0.1', '1'],
      ['2', '0.1', '2'],
      ['3', '0.1', '3'],
      ['4', '0.1', '4'],
      ['5', '0.1', '5'],
      ['6', '0.01', '1'],
    ]);
    expect(launch!.table!.rows).toHaveLength(15);
    expect(launch!.selected!.row).toBe(6);
    expect(launch!.selected!.unit.command).toEqual(['python train.py --lr=0.01 --epochs=2 --tag=base']);
    expect(launch!.selected!.unit.name).toBe('sweep #7');
    // A row beyond the table picks the last one.
    expect(launchValohai(parsed, { id: 'task:sweep', row: 99 }).launch!.selected!.row).toBe(14);
  });

  it('gives the lines that start the selected execution, each accepted by sh', () => {
    const { launch } = launchValohai(parsed, { id: 'task:sweep', row: 6 });
    const labels = launch!.lines.map((l) => l.label);
    expect(labels).toEqual(['vh (task)', 'vh', 'docker run']);
    // The task itself starts from its blueprint in the file.
    expect(launch!.lines[0].text).toBe('vh task run sweep');
    expect(labels).toContain('docker run');
    const vh = launch!.lines.find((l) => l.label === 'vh')!.text;
    expect(vh).toMatch(/^vh execution run /);
    // Only what differs from the step's defaults is given (lr 0.01 is the default).
    expect(vh).toBe('vh execution run -- train --epochs=2');
    const docker = launch!.lines.find((l) => l.label === 'docker run')!.text;
    expect(docker).toContain('pytorch/pytorch:2.3');
    expect(docker).toContain('/valohai/inputs/data');
    for (const line of launch!.lines) execFileSync('sh', ['-n', '-c', line.text]);
  });

  it('keeps the count exact and the table bounded for a large grid, with a warning', () => {
    const { launch } = launchValohai(parsed, { id: 'task:huge' });
    expect(launch!.count).toBe(20000);
    expect(launch!.table!.rows).toHaveLength(TABLE_LIMIT);
    expect(launch!.warnings).toContain('This task starts 20,000 executions.');
    expect(launch!.warnings).toContain('The table lists the first 10,000 executions.');
  });

  it('reports every execution with its command for the CLI', () => {
    const { launch } = launchValohai(parsed, { id: 'task:sweep', report: true });
    const report = launch!.report as { count: number; executions: { parameters: Record<string, unknown>; command: string[] }[] };
    expect(report.count).toBe(15);
    expect(report.executions).toHaveLength(15);
    expect(report.executions[14]).toEqual({ parameters: { lr: 0.001, epochs: 5 }, command: ['python train.py --lr=0.001 --epochs=5 --tag=base'] });
    // Without asking, no report is built.
    expect(launchValohai(parsed, { id: 'task:sweep' }).launch!.report).toBeUndefined();
  });

  it('previews a pipeline run: waves, the pipeline parameter form, the selected node and the vh line', () => {
    const { launch } = launchValohai(parsed, { id: 'pipeline:two', values: { rate: { kind: 'text', text: '0.3' } }, row: 1 });
    expect(launch!.title).toBe('Pipeline run: 2 nodes in 2 waves, 2 executions');
    expect(launch!.waves!.map((w) => w.map((n) => [n.node, n.command]))).toEqual([
      [['fit', ['python train.py --lr=0.3 --epochs=3 --tag=base']]],
      [['again', ['python train.py --lr=0.01 --epochs=3 --tag=base']]],
    ]);
    expect(launch!.params!.map((p) => [p.name, p.value, p.edited])).toEqual([['rate', { kind: 'text', text: '0.3' }, true]]);
    expect(launch!.selected!.unit.name).toBe('two › again');
    expect(launch!.lines.map((l) => l.label)).toEqual(['vh (pipeline)', 'vh', 'docker run']);
    expect(launch!.lines[0].text).toBe('vh pipeline run -- two --rate=0.3');
    for (const line of launch!.lines) execFileSync('sh', ['-n', '-c', line.text]);
    const report = launchValohai(parsed, { id: 'pipeline:two', report: true }).launch!.report as { waves: { node: string; inputs: Record<string, string[]> }[][] };
    expect(report.waves[1][0]).toMatchObject({ node: 'again', kind: 'execution', inputs: { data: ['fit.output.model*'] } });
  });

  it("expands a pipeline's task node as its task: the count and a table of its executions", () => {
    const doc = parse(`${DOC}\n- pipeline:\n    name: swept\n    nodes:\n      - {name: search, type: task, task: sweep}\n    edges: []\n`);
    const { launch } = launchValohai(doc, { id: 'pipeline:swept' });
    const [node] = launch!.waves![0];
    expect(node).toMatchObject({ kind: 'task', target: 'sweep', count: 15 });
    expect(node.table!.columns).toEqual(['#', 'lr', 'epochs']);
    expect(node.table!.rows[14]).toEqual(['15', '0.001', '5']);
    expect(launch!.count).toBe(15);
  });

  it('gives every step of the one-execution preview its own vh and docker run lines', async () => {
    const { previewValohai } = await import('./preview');
    const [unit] = previewValohai(parsed, { values: { train: { epochs: { kind: 'text', text: '7' } } }, env: {} }).steps;
    expect(unit.lines!.map((l) => l.label)).toEqual(['vh', 'docker run']);
    expect(unit.lines![0].text).toBe('vh execution run -- train --epochs=7');
    expect(unit.lines![1].text).toContain("-v \"$PWD\"/inputs/data:/valohai/inputs/data");
    for (const line of unit.lines!) execFileSync('sh', ['-n', '-c', line.text]);
  });

  it('never puts a secret default into a line or a note', async () => {
    const { previewValohai } = await import('./preview');
    const doc = parse('- step:\n    name: fetch\n    image: python:3.12\n    command: python fetch.py\n    environment-variables:\n      - name: HF_TOKEN\n        default: hf_abcdefghijklmnop\n      - name: LEVEL\n        default: debug\n');
    const [unit] = previewValohai(doc, { values: {}, env: {} }).steps;
    const shown = JSON.stringify([unit.lines, unit.lineNotes]);
    expect(shown).not.toContain('hf_abcdefghijklmnop');
    expect(shown).toContain('LEVEL=debug');
  });

  it('says why nothing can be shown for a task whose step is missing, without throwing', () => {
    const doc = parse(`${DOC}\n- task:\n    name: lost\n    step: nowhere\n    parameters:\n      - {name: a, style: single, rules: {value: 1}}\n`);
    const { launch } = launchValohai(doc, { id: 'task:lost' });
    expect(launch!.errors).toContain('Step "nowhere" does not exist.');
    expect(launch!.selected).toBeUndefined();
  });

  it('reports an invalid variant with the platform meaning instead of crashing', () => {
    const doc = parse(DOC.replace('rules: {start: 1, end: 5, step: 1}', 'rules: {start: 1, end: 5}'));
    const { launch } = launchValohai(doc, { id: 'task:sweep' });
    expect(launch!.errors.length).toBeGreaterThan(0);
    expect(launch!.errors.join('\n')).toMatch(/step/);
  });
});
