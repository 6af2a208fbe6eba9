import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import type { PreviewInputs, PreviewValue } from '../../contracts/preview';
import { exampleText } from './example';
import { previewValohai } from './preview';
import { IncrementalParser } from '../../document/incremental';
import { valohai } from '.';

const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });
const text = (t: string): PreviewValue => ({ kind: 'text', text: t });
const none: PreviewInputs = { values: {}, env: {} };

function train(inputs: PreviewInputs = none, doc = exampleText) {
  const step = previewValohai(parse(doc), inputs).steps.find((s) => s.name === 'Train model');
  if (!step) throw new Error('no Train model');
  return step;
}

describe('valohai command preview', () => {
  it('starts from every default and renders the command, pieces, inputs and parameters file', () => {
    const s = train();
    expect(s.command).toEqual(['pip install -r requirements.txt', 'python train.py --max_steps=300 --learning_rate=0.001 --dropout=0.9']);
    expect(s.script).toBe('pip install -r requirements.txt\npython train.py --max_steps=300 --learning_rate=0.001 --dropout=0.9');
    expect(s.params.map((p) => [p.name, p.control, p.value, p.errors])).toEqual([
      ['max_steps', 'integer', text('300'), []],
      ['learning_rate', 'float', text('0.001'), []],
      ['dropout', 'float', text('0.9'), []],
    ]);
    expect(s.params[0]).toMatchObject({ min: '1', description: 'Number of training steps', path: [0, 'step', 'parameters', 0] });
    const item = s.command[1];
    expect(s.pieces[0]).toEqual([]);
    expect(s.pieces[1].map((p) => [p.param, item.slice(p.start, p.end)])).toEqual([
      ['max_steps', '--max_steps=300'],
      ['learning_rate', '--learning_rate=0.001'],
      ['dropout', '--dropout=0.9'],
    ]);
    expect(s.inputs[0]).toEqual({
      name: 'training-set-images',
      directory: '/valohai/inputs/training-set-images/',
      files: [{ url: 'https://storage.googleapis.com/cvdf-datasets/mnist/train-images-idx3-ubyte.gz', path: '/valohai/inputs/training-set-images/train-images-idx3-ubyte.gz' }],
      optional: false,
      description: undefined,
    });
    expect(JSON.parse(s.parametersFile ?? "")).toEqual({ max_steps: 300, learning_rate: 0.001, dropout: 0.9 });
  });

  it('typed values: converted as the platform converts them, scientific notation for floats, messages in its wording', () => {
    const s = train({ values: { 'Train model': { max_steps: text('20'), learning_rate: text('1e-3'), dropout: text('2') } }, env: {} });
    expect(s.command[1]).toBe('python train.py --max_steps=20 --learning_rate=0.001 --dropout=2.0');
    expect(s.params[2].errors).toEqual(['2.0 is greater than the maximum allowed (1.0)']);
    expect(s.params[0].edited).toBe(true);
    expect(train({ values: { 'Train model': { max_steps: text('abc') } }, env: {} }).params[0].errors).toEqual(['abc is not an integer']);
    expect(train({ values: { 'Train model': { max_steps: text('0') } }, env: {} }).params[0].errors).toEqual(['0 is less than the minimum allowed (1)']);
    expect(train({ values: { 'Train model': { max_steps: text('') } }, env: {} }).params[0].errors).toEqual(['No value supplied']);
  });

  it('flags, choices, multiple and optional parameters', () => {
    const doc = `- step:
    name: s
    image: busybox
    command: run {parameters} {parameter-value:mode}
    parameters:
      - name: verbose
        type: flag
        default: true
      - name: mode
        type: string
        default: fast
        choices: [fast, slow]
      - name: ids
        type: integer
        multiple: separate
        default: [1, 2]
      - name: tag
        type: string
        optional: true
`;
    const [s] = previewValohai(parse(doc), none).steps;
    expect(s.params.map((p) => [p.control, p.value])).toEqual([
      ['flag', { kind: 'bool', value: true }],
      ['choice', text('fast')],
      ['list', { kind: 'list', items: ['1', '2'] }],
      ['text', { kind: 'unset' }],
    ]);
    expect(s.params[1].choices).toEqual(['fast', 'slow']);
    expect(s.params.every((p) => p.errors.length === 0)).toBe(true);
    expect(s.command).toEqual(['run --verbose --mode=fast --ids=1,2 fast']);
    expect(s.pieces[0].map((p) => p.param)).toEqual(['verbose', 'mode', 'ids', 'mode']);
    const changed = previewValohai(parse(doc), {
      values: { s: { verbose: { kind: 'bool', value: false }, mode: text('medium'), ids: { kind: 'list', items: ['3', 'x'] }, tag: text('a b') } },
      env: {},
    }).steps[0];
    expect(changed.command).toEqual(["run --mode=medium --ids=3,x '--tag=a b' medium"]);
    expect(changed.params.map((p) => p.errors)).toEqual([[], ["medium is not among the choices allowed (['fast', 'slow'])"], ['x is not an integer'], []]);
  });

  it('environment variables: defaults, typed values, optional ones', () => {
    const s = previewValohai(parse(exampleText), { values: {}, env: { 'Batch inference': { BATCH_SIZE: '64' } } }).steps[1];
    expect(s.env).toEqual([
      { name: 'BATCH_SIZE', value: '64', default: '128', edited: true, optional: true, description: 'Images per prediction batch' },
      { name: 'OUTPUT_FORMAT', value: 'csv', default: 'csv', edited: false, optional: true, description: undefined },
    ]);
  });

  it('follows pass-as edits, keeps typed values while the parameter exists, and keeps unchanged steps identical', () => {
    const inputs: PreviewInputs = { values: { 'Train model': { max_steps: text('7') } }, env: {} };
    const before = previewValohai(parse(exampleText), inputs);
    const edited = exampleText.replace('pass-as: --max_steps={v}', 'pass-as: --steps {v}');
    const after = previewValohai(parse(edited), inputs);
    expect(after.steps[0].command[1]).toBe('python train.py --steps 7 --learning_rate=0.001 --dropout=0.9');
    expect(after.steps[0].pieces[1][0]).toEqual({ start: 16, end: 25, param: 'max_steps' });
    expect(after.steps[1]).toBe(before.steps[1]);
    // Ignored, not dropped, when the parameter is gone.
    const gone = previewValohai(parse(edited.replace('name: max_steps', 'name: steps')), inputs);
    expect(gone.steps[0].params[0]).toMatchObject({ name: 'steps', edited: false });
  });

  it('is plain data', () => {
    const model = previewValohai(parse(exampleText), none);
    expect(structuredClone(model)).toEqual(model);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('valohai command preview: only what changed is recomputed', () => {
  it('an edit in one step returns the other steps identical; aliases and duplicate names take the full path', () => {
    const doc = Array.from({ length: 10 }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: run {parameters}\n    parameters:\n      - name: p\n        default: ${i}\n`).join('');
    const a = previewValohai(parse(doc), none);
    const b = previewValohai(parse(doc.replace('default: 3', 'default: 33')), none);
    expect(b.steps.map((s, i) => s === a.steps[i])).toEqual([true, true, true, false, true, true, true, true, true, true]);
    expect(b.steps[3].command).toEqual(['run --p=33']);
    const typed = previewValohai(parse(doc.replace('default: 3', 'default: 33')), { values: { s5: { p: text('x') } }, env: {} });
    expect(typed.steps.map((s, i) => s === b.steps[i])).toEqual([true, true, true, true, true, false, true, true, true, true]);
    const dup = doc.replace('name: s4', 'name: s3');
    expect(previewValohai(parse(dup), none).steps.map((s) => s.name)).toEqual(['s0', 's1', 's2', 's3', 's5', 's6', 's7', 's8', 's9']);
    const aliased = `- step:\n    name: a\n    image: busybox\n    command: &cmd run {parameters}\n- step:\n    name: b\n    image: busybox\n    command: *cmd\n`;
    expect(previewValohai(parse(aliased), none).steps.map((s) => [s.name, s.command])).toEqual([
      ['a', ['run']],
      ['b', ['run']],
    ]);
  });
});

describe('valohai command preview: steps found by their unchanged mapping', () => {
  it('through the incremental parser, gives what a full parse gives, after edits, moves and typed values', () => {
    const doc = Array.from({ length: 10 }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: run {parameters}\n    parameters:\n      - name: p\n        default: ${i}\n`).join('');
    const parser = new IncrementalParser(valohai.yaml);
    const check = (text: string, inputs: PreviewInputs) => {
      const got = previewValohai(parser.parse(text), inputs);
      expect(got).toEqual(previewValohai(parse(text), inputs));
      return got;
    };
    const a = check(doc, none);
    const b = check(doc.replace('default: 3', 'default: 33'), none);
    expect(b.steps.map((s, i) => s === a.steps[i])).toEqual([true, true, true, false, true, true, true, true, true, true]);
    const typed = check(doc.replace('default: 3', 'default: 33'), { values: { s5: { p: text('x') } }, env: {} });
    expect(typed.steps[5].command).toEqual(['run --p=x']);
    // The first step removed: every other step is at another index now, and is still right.
    const moved = check(doc.slice(doc.indexOf('- step:', 1)).replace('default: 3', 'default: 33'), { values: { s5: { p: text('x') } }, env: {} });
    expect(moved.steps.map((s) => s.command[0])).toEqual(['run --p=1', 'run --p=2', 'run --p=33', 'run --p=4', 'run --p=x', 'run --p=6', 'run --p=7', 'run --p=8', 'run --p=9']);
  });
});

describe('valohai command preview: folded steps', () => {
  it('makes only the steps left open; those equal the whole preview, whatever was folded before', () => {
    const doc = Array.from({ length: 20 }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: run {parameters}\n    parameters:\n      - name: p\n        default: ${i}\n`).join('');
    const parser = new IncrementalParser(valohai.yaml);
    const whole = previewValohai(parse(doc), none);
    const counts: number[] = [];
    const openOnly = (...names: string[]) => (name: string, count: number) => (counts.push(count), !names.includes(name));
    const shown = previewValohai(parser.parse(doc), none, openOnly('s2', 's17'));
    expect(new Set(counts)).toEqual(new Set([20]));
    expect(shown.steps.map((s) => ('folded' in s ? s.name : `open ${s.name}`))).toEqual(whole.steps.map((s) => (['s2', 's17'].includes(s.name) ? `open ${s.name}` : s.name)));
    shown.steps.forEach((s, i) => expect(s).toEqual('folded' in s ? { name: whole.steps[i].name, path: whole.steps[i].path, folded: true } : whole.steps[i]));
    // An edit in a folded step, then that step opened: its preview is of the new text.
    const edited = doc.replace('default: 5', 'default: 55');
    expect(previewValohai(parser.parse(edited), none, openOnly('s2')).steps[5]).toMatchObject({ folded: true });
    expect(previewValohai(parser.parse(edited), none, openOnly('s5')).steps[5]).toEqual(previewValohai(parse(edited), none).steps[5]);
    // Asked without folding (the CLI), every step is whole again.
    expect(previewValohai(parser.parse(edited), none)).toEqual(previewValohai(parse(edited), none));
    // With a focused node the preview holds one unit more, and says so.
    counts.length = 0;
    previewValohai(parser.parse(`${edited}- pipeline:\n    name: pl\n    nodes:\n      - name: n\n        type: execution\n        step: s1\n    edges: []\n`), { ...none, focus: [20, 'pipeline', 'nodes', 0] }, openOnly());
    expect(new Set(counts)).toEqual(new Set([21]));
  });
});

describe('valohai command preview: the focused pipeline node', () => {
  const file = readFileSync('../shared/corpus/valohai/examples/pipeline-with-override-example.yaml', 'utf8');
  const parsed = parse(file);
  const value = parsed.value as Record<string, any>[];
  const baseStep = value[0].step;
  const merged = value[2].pipeline.nodes[0];
  const unit = 'My overriden input pipeline › merged';

  it('comes first: the step with the node override merged in, as the platform runs it', () => {
    const plain = previewValohai(parsed, none);
    const focused = previewValohai(parsed, { ...none, focus: [2, 'pipeline', 'nodes', 0, 'override', 'image'] });
    const [node, ...rest] = focused.steps;
    // The other units are untouched (the very same objects, from the cache).
    expect(rest.length).toBe(plain.steps.length);
    rest.forEach((s, i) => expect(s).toBe(plain.steps[i]));
    expect(node.name).toBe(unit);
    expect(node.path).toEqual([2, 'pipeline', 'nodes', 0]);
    expect(node.facts).toEqual([
      { label: 'Pipeline', value: value[2].pipeline.name },
      { label: 'Node', value: 'merged' },
      { label: 'Step', value: baseStep.name },
      { label: 'Image', value: merged.override.image },
    ]);
    expect(node.command).toEqual(merged.override.command);
    // Parameters by name: the override's default where it gives one, else the step's; in the step's order.
    const overrides = new Map<string, any>(merged.override.parameters.map((p: any) => [p.name, p]));
    expect(node.params.map((p) => [p.name, p.value])).toEqual(
      baseStep.parameters.map((p: any) => [p.name, overrides.has(p.name) ? text(overrides.get(p.name).default) : p.default === undefined ? text('') : text(p.default)]),
    );
    // Each parameter is revealed where its value comes from.
    expect(node.params.find((p) => p.name === 'a')?.path).toEqual([2, 'pipeline', 'nodes', 0, 'override', 'parameters', 0]);
    expect(node.params.find((p) => p.name === 'b')?.path).toEqual([0, 'step', 'parameters', 1]);
    const inputs = new Map<string, any>(merged.override.inputs.map((i: any) => [i.name, i]));
    expect(node.inputs.map((i) => [i.name, i.files.map((f) => f.url), i.optional])).toEqual(
      baseStep.inputs.map((i: any) => {
        const given = inputs.get(i.name) ?? i;
        return [i.name, [given.default ?? []].flat(), given.optional ?? false];
      }),
    );
    // The step's own unit still shows the step as written.
    expect(rest.find((s) => s.name === baseStep.name)?.command).toEqual(baseStep.command);
  });

  it('takes typed values under its own name', () => {
    const typed = previewValohai(parsed, { values: { [unit]: { b: text('typed') } }, env: {}, focus: [2, 'pipeline', 'nodes', 0] });
    expect(JSON.parse(typed.steps[0].parametersFile ?? '')).toMatchObject({ a: 'merged node parameter A', b: 'typed' });
    expect(typed.steps.find((s) => s.name === baseStep.name)?.params[1].edited).toBe(false);
  });

  it('a node without an image or command override keeps the step’s', () => {
    const [node] = previewValohai(parsed, { ...none, focus: [2, 'pipeline', 'nodes', 1] }).steps;
    expect(node.name).toBe('My overriden input pipeline › overridden');
    expect(node.command).toEqual(baseStep.command);
    expect(node.facts?.find((f) => f.label === 'Image')?.value).toBe(baseStep.image);
  });

  it('merges parameters and environment variables by name, field by field, adding the override’s own', () => {
    const doc = `- step:
    name: train
    image: python:3.12
    command: train {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.1
        pass-as: --lr {v}
      - name: epochs
        type: integer
        default: 5
    environment-variables:
      - name: A
        default: "1"
- task:
    name: sweep
    step: train
    parameters:
      - name: lr
        style: multiple
        rules: {items: [0.1, 0.2]}
- pipeline:
    name: p
    nodes:
      - name: n
        type: task
        task: sweep
        override:
          parameters:
            - name: epochs
              default: 10
            - name: extra
              default: x
          environment-variables:
            - name: A
              default: "2"
            - name: B
              default: "3"
    edges: []
`;
    const [node] = previewValohai(parse(doc), { ...none, focus: [2, 'pipeline', 'nodes', 0, 'name'] }).steps;
    expect(node.name).toBe('p › n');
    expect(node.facts?.map((f) => f.label)).toEqual(['Pipeline', 'Node', 'Task', 'Step', 'Image']);
    expect(node.command).toEqual(['train --lr 0.1 --epochs=10 --extra=x']);
    expect(node.params.map((p) => [p.name, p.control])).toEqual([
      ['lr', 'float'],
      ['epochs', 'integer'],
      ['extra', 'text'],
    ]);
    expect(node.env.map((e) => [e.name, e.value])).toEqual([
      ['A', '2'],
      ['B', '3'],
    ]);
  });

  it('resolves aliases the override uses', () => {
    const doc = `- step:
    name: s
    image: &img python:3.12
    command: run {parameters}
    parameters:
      - name: n
        type: integer
        default: &five 5
- pipeline:
    name: p
    nodes:
      - name: a
        type: execution
        step: s
        override:
          image: *img
          parameters:
            - name: n
              default: *five
    edges: []
`;
    const [node] = previewValohai(parse(doc), { ...none, focus: [1, 'pipeline', 'nodes', 0] }).steps;
    expect(node.command).toEqual(['run --n=5']);
    expect(node.facts?.find((f) => f.label === 'Image')?.value).toBe('python:3.12');
  });

  it('adds nothing when the focus is elsewhere or the node runs no step of this file', () => {
    const names = (focus: (string | number)[]) => previewValohai(parsed, { ...none, focus }).steps.map((s) => s.name);
    const plain = previewValohai(parsed, none).steps.map((s) => s.name);
    for (const focus of [[0, 'step'], [2, 'pipeline', 'edges'], [2, 'pipeline'], [9, 'pipeline', 'nodes', 0], [2, 'pipeline', 'nodes', 7]]) expect(names(focus)).toEqual(plain);
    const gone = parse(file.replace('step: base step\n        override:\n          image', 'step: no such step\n        override:\n          image'));
    expect(previewValohai(gone, { ...none, focus: [2, 'pipeline', 'nodes', 0] }).steps.map((s) => s.name)).toEqual(plain);
    const commit = parse(file.replace('step: base step\n        override:\n          image', 'step: base step\n        commit: abc\n        override:\n          image'));
    expect(previewValohai(commit, { ...none, focus: [2, 'pipeline', 'nodes', 0] }).steps.map((s) => s.name)).toEqual(plain);
  });
});

describe('valohai preview: environment, several command items, secrets', () => {
  const doc = `- step:
    name: fetch
    image: python:3.12
    command:
      - pip install -r requirements.txt
      - python fetch.py
    environment-variable-groups: [aws, wandb]
    environment-variables:
      - name: API_TOKEN
        default: abc123
      - name: DATA_DIR
        default: /data
    inputs:
      - name: raw
        default: https://reader:s3cret@files.example.com/raw.csv
      - name: plain
        default: https://files.example.com/plain.csv
- step:
    name: one
    image: python:3.12
    command: python one.py
`;
  const steps = previewValohai(parse(doc), none).steps;
  const [fetch, one] = steps;

  it('names the variable groups and says project variables are inherited when asked for', () => {
    expect(fetch.envNotes).toHaveLength(2);
    expect(fetch.envNotes![0]).toContain('"aws", "wandb"');
    expect(fetch.envNotes![1]).toContain('inherited when the execution asks for them');
    expect(one.envNotes).toHaveLength(1);
  });

  it('says only the last of several command items decides, and nothing for one item', () => {
    expect(fetch.commandNote).toMatch(/only the last one's exit status decides/);
    expect(one.commandNote).toBeUndefined();
  });

  it('marks secret-looking variables and hides the password of an input URL', () => {
    expect(fetch.env.map((e) => [e.name, e.secret])).toEqual([
      ['API_TOKEN', true],
      ['DATA_DIR', undefined],
    ]);
    const urls = fetch.inputs.flatMap((i) => i.files.map((f) => f.url));
    expect(urls[0]).not.toContain('s3cret');
    expect(urls[0]).toContain('files.example.com/raw.csv');
    expect(urls[1]).toBe('https://files.example.com/plain.csv');
    // The file name the execution sees still comes from the real URL.
    expect(fetch.inputs[0].files[0].path).toBe('/valohai/inputs/raw/raw.csv');
  });
});

