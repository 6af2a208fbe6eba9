import { describe, expect, it } from 'vitest';
import { complete } from '../../assist/complete';
import { hover } from '../../assist/hover';
import { valohai } from './index';

const DOC = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameter:lr} {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.01
      - name: epochs
        type: integer
        default: 5
    inputs:
      - name: data
    outputs:
      - name: model
- step:
    name: evaluate
    image: tensorflow/tensorflow:2.16.1
    command:
      - python eval.py {parameter:threshold}
    parameters:
      - name: threshold
        type: float
        default: 0.5
    inputs:
      - name: model
- task:
    name: sweep
    step: train
- pipeline:
    name: p
    nodes:
      - name: t
        type: execution
        step: train
      - name: e
        type: execution
        step: evaluate
    edges:
      - [t.output.*, e.input.model]
      - source: t.output.model
        target: e.input.model
    parameters:
      - name: pp
        targets:
          - t.parameter.lr
`;

/** Replace the first `find` (after `after`) with `put`, the cursor where `|` is in `put`. */
function edit(find: string, put: string, after = '') {
  const at = DOC.indexOf(find, after ? DOC.indexOf(after) : 0);
  expect(at).toBeGreaterThanOrEqual(0);
  const cursor = put.indexOf('|');
  const text = DOC.slice(0, at) + put.replace('|', '') + DOC.slice(at + find.length);
  return { text, offset: at + cursor };
}
const labels = ({ text, offset }: { text: string; offset: number }) => complete(valohai, text, offset).map((c) => c.label);

describe('valohai completion context', () => {
  it('offers only this step’s parameter names after `{parameter:` in a command', () => {
    const got = labels(edit('{parameter:lr} {parameters}', '{parameter:|'));
    expect(got).toEqual(['{parameter:lr}', '{parameter:epochs}']);
    const inList = labels(edit('{parameter:threshold}', '{parameter-value:|}'));
    expect(inList).toEqual(['{parameter-value:threshold}']);
  });

  it('offers placeholders inside a block scalar command, replacing the typed `{…` and a closing `}`', () => {
    const text = '- step:\n    name: a\n    image: i\n    command: |\n      python x.py {parameter:}\n      echo\n    parameters:\n      - name: lr\n';
    const offset = text.indexOf('{parameter:}') + '{parameter:'.length;
    const got = complete(valohai, text, offset);
    expect(got.map((c) => c.label)).toEqual(['{parameter:lr}']);
    expect(text.slice(...got[0].range)).toBe('{parameter:}');
  });

  it('offers `{parameters}` and every placeholder after a bare `{`', () => {
    const got = labels(edit('{parameter:lr} {parameters}', '{|'));
    expect(got).toContain('{parameters}');
    expect(got).toContain('{parameter-value:epochs}');
  });

  it('offers the file’s step names for a node’s `step:` and task names for `task:`', () => {
    expect(labels(edit('step: evaluate', 'step: |', '- pipeline'))).toEqual(['train', 'evaluate']);
    const task = edit('        step: evaluate', '        type: task\n        task: |', '- pipeline');
    expect(labels({ text: task.text.replace('type: execution\n        type: task', 'type: task'), offset: task.offset - 'type: execution\n        '.length })).toEqual([
      'sweep',
    ]);
  });

  it('offers node references for edges and pipeline parameter targets', () => {
    const source = labels(edit('source: t.output.model', 'source: |'));
    expect(source).toEqual(expect.arrayContaining(['t.output.*', 't.output.model', 't.parameter.lr', 'e.input.model']));
    const target = complete(valohai, ...(Object.values(edit('target: e.input.model', 'target: |')) as [string, number]));
    expect(target.sort((a, b) => a.sortText.localeCompare(b.sortText))[0].label).toMatch(/\.input\./);
    const flow = labels(edit('[t.output.*, e.input.model]', '[t.output.*, e.|]'));
    expect(flow).toContain('e.input.model');
    const targets = labels(edit('          - t.parameter.lr', '          - |'));
    expect(targets).toEqual(['t.parameter.lr', 't.parameter.epochs', 'e.parameter.threshold']);
  });

  it('offers images used in the file, then common ML images', () => {
    const got = labels(edit('image: tensorflow/tensorflow:2.16.1', 'image: |'));
    expect(got[0]).toBe('python:3.12');
    expect(got).toEqual(expect.arrayContaining(['tensorflow/tensorflow:2.16.1-gpu', 'pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime', 'r-base:4.4.1']));
  });

  it('offers snippets for whole items', () => {
    expect(labels({ text: `${DOC}`, offset: DOC.length })).toEqual(expect.arrayContaining(['step (snippet)', 'pipeline (snippet)']));
    const param = edit('      - name: epochs', '      - |\n      - name: epochs');
    const got = complete(valohai, param.text, param.offset);
    expect(got.map((c) => c.label)).toEqual(expect.arrayContaining(['string parameter', 'integer parameter', 'float parameter', 'flag parameter']));
    expect(got.find((c) => c.label === 'float parameter')!.insertText).toBe('name: ${1:learning_rate}\n        type: float\n        default: ${2:0.001}');
    expect(labels(edit('    inputs:\n      - name: data', '    inputs:\n      - |\n      - name: data'))).toContain('input');
    const pipeline = complete(valohai, DOC, DOC.length).find((c) => c.label === 'pipeline (snippet)')!;
    expect(pipeline.insertText).toContain('edges:\n      - [');
  });
});

describe('valohai hover', () => {
  it('tells what `{parameter:NAME}` renders to with the defaults', () => {
    const at = DOC.indexOf('{parameter:lr}') + 3;
    expect(hover(valohai, DOC, at)?.markdown).toBe('`{parameter:lr}` renders as `--lr=0.01` with the defaults');
    const list = DOC.indexOf('{parameter:threshold}') + 3;
    expect(hover(valohai, DOC, list)?.markdown).toContain('`--threshold=0.5`');
  });
});

describe('valohai agent variables', () => {
  const ENV = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n    environment-variables:\n      - name: VH_CLEAN\n        default: "on"\n      - name: MODE\n        default: fast\n';
  const at = (text: string, find: string, delta = 1) => {
    const i = text.indexOf(find);
    expect(i).toBeGreaterThanOrEqual(0);
    return i + delta;
  };

  it('offers the agent’s variables for a name, without those the step already declares', () => {
    const text = ENV.replace('name: MODE', 'name: ');
    const got = complete(valohai, text, at(text, 'name: \n', 6));
    expect(got.map((c) => c.label)).toEqual(['VH_NO_DATA_CACHE', 'VH_NO_IMAGE_CACHE', 'VH_CPU_LIMIT']);
    expect(got[0].documentation).toContain('On when set to `1`, `yes` or `true`');
    expect(complete(valohai, ENV, at(ENV, 'default: fast', 9)).map((c) => c.label)).not.toContain('VH_CLEAN');
  });

  it('offers the values that turn a switch on, inserted as text', () => {
    const text = ENV.replace('default: "on"', 'default: ');
    const got = complete(valohai, text, at(text, 'default: \n', 9));
    expect(got.map((c) => c.label)).toEqual(['1', 'yes', 'true']);
    // Plain `1` and `yes` would be a number and a boolean, which the schema refuses.
    expect(got.map((c) => c.insertText)).toEqual(['"1"', '"yes"', '"true"']);
    const other = ENV.replace('default: fast', 'default: ');
    expect(complete(valohai, other, at(other, 'default: \n', 9)).map((c) => c.label)).not.toContain('yes');
  });

  it('tells what a variable does and how the agent reads its value', () => {
    expect(hover(valohai, ENV, at(ENV, 'VH_CLEAN'))?.markdown).toMatch(/^\*\*VH\\_CLEAN\*\* — Remove all Docker images/);
    expect(hover(valohai, ENV, at(ENV, '"on"'))?.markdown).toBe('`on` leaves `VH_CLEAN` off: only `1`, `yes` or `true` turn it on.');
    const yes = ENV.replace('"on"', '"yes"');
    expect(hover(valohai, yes, at(yes, '"yes"'))?.markdown).toBe('`yes` turns `VH_CLEAN` on.');
    const typo = ENV.replace('VH_CLEAN', 'VH_CLEEN');
    expect(hover(valohai, typo, at(typo, 'VH_CLEEN'))?.markdown).toContain('did you mean `VH_CLEAN`?');
    // A variable of one's own gets the generic hover, not the agent's.
    expect(hover(valohai, ENV, at(ENV, 'MODE'))?.markdown ?? '').not.toContain('agent');
  });
});

describe('valohai input sources hover', () => {
  const INPUTS = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n    inputs:\n      - name: data\n        default:\n          - s3://bucket/a.csv\n          - gcs://bucket/b.csv\n';

  it('lists the sources Valohai fetches on the `default` key and on each URL', () => {
    const key = hover(valohai, INPUTS, INPUTS.indexOf('default:') + 2)!;
    expect(key.markdown).toContain('Valohai fetches an input from:');
    for (const scheme of ['https://', 's3://', 'gs://', 'azure://', 'datum://', 'dataset://', 'model://']) expect(key.markdown).toContain(`\`${scheme}\``);
    expect(INPUTS.slice(...key.range)).toBe('default');
    const good = hover(valohai, INPUTS, INPUTS.indexOf('s3://') + 2)!;
    expect(good.markdown.startsWith('Valohai fetches')).toBe(true);
    expect(INPUTS.slice(...good.range)).toBe('s3://bucket/a.csv');
  });

  it('puts what is wrong with a URL first', () => {
    expect(hover(valohai, INPUTS, INPUTS.indexOf('gcs://') + 2)!.markdown).toMatch(/^⚠ Valohai cannot fetch an input from `gcs:`; did you mean `gs:`\?/);
  });
});
