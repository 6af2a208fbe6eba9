/**
 * The command preview: the units and their command lines, the override lines and their errors,
 * and the effective config with the keys the eval block or an override changed marked.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import type { PreviewInputs, StepPreview } from '../../contracts/preview';
import { emloop } from './index';
import { previewEmloop, previewUnit } from './preview';
import { readCorpus } from './testCorpus';

const parsed = parseText(readCorpus('merge-fixture/config.yaml'), emloop.yaml);
const preview = (overrides: PreviewInputs['overrides'] = {}) => emloop.preview!(parsed, { values: {}, env: {}, overrides }).steps;
const byName = (steps: StepPreview[], name: string) => steps.find((s) => s.name === name)!;
const marked = (s: StepPreview) => s.blocks![0].marks!.map((m) => [s.blocks![0].text.slice(m.start, m.end), m.note]);

describe('units and commands', () => {
  it('train, resume and one unit per eval block', () => {
    const steps = preview();
    expect(steps.map((s) => [s.name, s.command])).toEqual([
      ['train', ['emloop train config.yaml']],
      ['resume', ['emloop resume log/<run>']],
      ['eval predict', ['emloop eval predict log/<run> -c config.yaml']],
      ['eval nohooks', ['emloop eval nohooks log/<run> -c config.yaml']],
    ]);
    for (const s of steps) {
      expect(s.params).toEqual([]);
      expect(s.inputs).toEqual([]);
      expect(s.env).toEqual([]);
      expect(s.pieces).toEqual([[]]);
      expect(s.script).toBe(s.command[0]);
      expect(s.overrides).toMatchObject({ label: 'Overrides (key.path=value)', placeholder: 'model.learning_rate=0.001', items: [], errors: [] });
    }
  });

  it('override lines go after the command, quoted for the shell; resume then names RESTORE_FROM', () => {
    const steps = preview({ train: ['model.io.in=[z, y]'], resume: ['model.lr=1e-3'] });
    expect(byName(steps, 'train').command).toEqual(["emloop train config.yaml 'model.io.in=[z, y]'"]);
    expect(byName(steps, 'resume').command).toEqual(['emloop resume log/<run> log/<run> model.lr=1e-3']);
  });

  it('a blank override line is one not typed yet: no error, left out of the command', () => {
    const train = byName(preview({ train: ['', 'model.name=X'] }), 'train');
    expect(train.errors).toEqual([]);
    expect(train.overrides?.errors).toEqual([[], []]);
    expect(train.command).toEqual(['emloop train config.yaml model.name=X']);
  });

  it('commands name the document\'s file', () => {
    const steps = emloop.preview!(parsed, { values: {}, env: {}, fileName: 'mnist config.yaml' }).steps;
    expect(byName(steps, 'train').command).toEqual(["emloop train 'mnist config.yaml'"]);
    expect(byName(steps, 'eval predict').command[0]).toMatch(/ -c 'mnist config\.yaml'$/);
  });

  it('facts: the streams and where output goes', () => {
    expect(byName(preview(), 'train').facts).toEqual([
      { label: 'Streams', value: 'train (training), valid' },
      { label: 'Output', value: 'log/M_<random words>/' },
    ]);
  });
});

describe('effective config', () => {
  it('for train: the file as emloop reads it, nothing marked', () => {
    const block = byName(preview(), 'train').blocks![0];
    expect(block).toMatchObject({ title: 'Effective config', language: 'yaml', marks: [] });
    expect(parseText(block.text, emloop.yaml).value).toEqual(parsed.value);
  });

  it('for an eval block with an override: the lines each one changed, and why', () => {
    const s = byName(preview({ 'eval predict': ['model.io.out=[q]'] }), 'eval predict');
    expect(marked(s)).toEqual([
      ['augment:', 'changed by eval.predict'],
      ['inputs:', 'changed by eval.predict'],
      ['io:', 'changed by eval.predict'],
      ['hooks: []', 'changed by eval.predict'],
      ['out:', 'changed by model.io.out=[q]'],
    ]);
    expect(s.warnings).toEqual(['eval.predict has no hooks: the evaluation runs without any']);
  });

  it('a refused override: the unit shows emloop\'s error on that line and no command', () => {
    const s = byName(preview({ train: ['model.lr=0.1', 'model.learning_rate:0.1'] }), 'train');
    expect(s.overrides!.errors).toEqual([[], ['AssertionError: Unrecognized argument `model.learning_rate:0.1`. [name]=[value] expected.']]);
    expect(s.errors).toEqual(['AssertionError: Unrecognized argument `model.learning_rate:0.1`. [name]=[value] expected.']);
    expect(s.command).toEqual([]);
    expect(s.blocks).toEqual([]);
  });

  it('an eval block changing a section the base lacks: the unit is refused', () => {
    const p = parseText(readCorpus('merge-fixture/config_no_main_loop.yaml'), emloop.yaml);
    const s = emloop.preview!(p, { values: {}, env: {} }).steps.find((x) => x.name === 'eval test')!;
    expect(s.errors).toEqual(["KeyError: 'main_loop'"]);
  });
});

describe('effective hook', () => {
  it('returns the value, the changed paths and the errors', () => {
    const e = emloop.effective!(parsed, { unit: 'nohooks', overrides: [] });
    expect(e.errors).toEqual([]);
    expect(e.changed).toEqual([['model', 'outputs'], ['hooks']]);
    expect((e.value as { hooks: unknown }).hooks).toEqual([]);
  });
});

describe('plain values in the effective config (no anchors the file does not have)', () => {
  const EVAL_HOOKS = `dataset:
  class: d.D
model:
  class: m.M
  inputs: [x]
  outputs: [y]
hooks:
  - LogVariables
eval:
  test:
    hooks:
      - ComputeStats:
          variables: [loss]
      - LogVariables
`;
  const anchors = (text: string) => text.match(/[&*][\w-]+/g) ?? [];

  it('eval hooks replacing the base hooks print as values, in both places, complete', () => {
    const p = parseText(EVAL_HOOKS, emloop.yaml);
    const s = previewEmloop(p, { values: {}, env: {} }).steps.find((x) => x.name === 'eval test')!;
    const text = s.blocks![0].text;
    expect(anchors(text)).toEqual([]);
    const hooks = [{ ComputeStats: { variables: ['loss'] } }, 'LogVariables'];
    expect(parseText(text, emloop.yaml).value).toEqual({ ...(p.value as object), hooks });
    expect(marked(s)).toEqual([['hooks:', 'changed by eval.test']]);
  });

  it('the file\'s own anchors are written out too (the effective config shows values)', () => {
    const text = `dataset: &ds\n  class: d.D\n  aug: &aug {rotate: true}\nmodel:\n  class: m.M\n  inputs: [x]\n  outputs: [y]\n  aug: *aug\nhooks: []\neval:\n  test:\n    dataset:\n      <<: *ds\n      batch_size: 2\n    hooks: []\n`;
    const p = parseText(text, emloop.yaml);
    for (const s of previewEmloop(p, { values: {}, env: {} }).steps.filter((x) => x.blocks?.length)) {
      const shown = s.blocks![0].text;
      expect(anchors(shown)).toEqual([]);
      expect(shown).not.toContain('<<');
    }
    const train = previewEmloop(p, { values: {}, env: {} }).steps[0].blocks![0].text;
    expect(parseText(train, emloop.yaml).value).toEqual(p.value);
  });
});

describe('eval STREAM without an eval block (previewUnit)', () => {
  const base = 'dataset:\n  class: d.D\nmodel:\n  class: m.M\n  inputs: [x]\n  outputs: [y]\nhooks:\n  - LogVariables\n';
  const p = parseText(base, emloop.yaml);
  const inputs = { values: {}, env: {} };

  it('is not listed, but is built on request: the base configuration, hooks included, with a note', () => {
    expect(previewEmloop(p, inputs).steps.map((s) => s.name)).toEqual(['train', 'resume']);
    const s = previewUnit(p, { ...inputs, overrides: { 'eval test': ['model.outputs=[z]'] } }, 'eval test')!;
    expect(s.command).toEqual(["emloop eval test log/<run> -c config.yaml 'model.outputs=[z]'"]);
    expect(s.errors).toEqual([]);
    expect(s.warnings).toEqual([
      'The file has no eval.test section, so `emloop eval test` runs stream "test" with the base configuration (dataset, model, main_loop and hooks as they are)',
    ]);
    expect(parseText(s.blocks![0].text, emloop.yaml).value).toEqual({ ...(p.value as object), model: { class: 'm.M', inputs: ['x'], outputs: ['z'] } });
    expect(marked(s)).toEqual([['outputs:', 'changed by model.outputs=[z]']]);
  });

  it('a stream that has a block is that block\'s unit; other names are no unit', () => {
    const withBlock = parseText(`${base}eval:\n  valid:\n    model: {outputs: [p]}\n`, emloop.yaml);
    expect(previewUnit(withBlock, inputs, 'eval valid')!.warnings).toEqual(['eval.valid has no hooks: the evaluation runs without any']);
    expect(previewUnit(withBlock, inputs, 'eval test')!.warnings[0]).toMatch(/no eval\.test section/);
    expect(previewUnit(withBlock, inputs, 'train')!.command).toEqual(['emloop train config.yaml']);
    expect(previewUnit(withBlock, inputs, 'eval')).toBeUndefined();
    expect(previewUnit(withBlock, inputs, 'predict')).toBeUndefined();
    expect(previewUnit(parseText('- a\n', emloop.yaml), inputs, 'eval test')).toBeUndefined();
  });
});
