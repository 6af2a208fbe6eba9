import { describe, expect, it } from 'vitest';
import { analyze } from '../lint';
import { valohai } from '../dialects/valohai';
import { determined } from '../dialects/determined';
import { emloop } from '../dialects/emloop';
import { applyTextEdits } from '../document/textEdits';
import { parseText } from '../document/parse';
import type { Dialect } from '../contracts/dialect';
import { LOOKALIKE } from './lookalikes';
import { corpusFiles } from './corpusFiles';

const found = (text: string, dialect: Dialect) => analyze(text, dialect).diagnostics.filter((d) => d.code === LOOKALIKE);
const at = (text: string, d: { range: [number, number] }) => text.slice(d.range[0], d.range[1]);
const titles = (d: { fixes?: { title: string }[] }) => (d.fixes ?? []).map((f) => f.title);

describe('Determined hyperparameters (YAML 1.1)', () => {
  const text = `entrypoint: model_def:Trial
searcher:
  name: single
  metric: loss
  max_length: 10
hyperparameters:
  lr: 1e-3
  shuffle: yes
  version: 0.0.
  optimizer:
    type: categorical
    vals:
      - adam:beta
      - sgd
  nested:
    dropout: 5E-1
    note: text with 1e-3 inside
  batch:
    type: int
    minval: 1
    maxval: 64
`;

  it('hints at each value read otherwise than it looks, with fixes that read as meant', () => {
    const list = found(text, determined);
    expect(list.map((d) => at(text, d))).toEqual(['1e-3', 'yes', '0.0.', 'adam:beta', '5E-1']);
    expect(list.every((d) => d.severity === 'hint' && d.source === 'lint')).toBe(true);
    const [lr, shuffle, version, glued, dropout] = list;
    expect(lr.message).toContain('read as text, not a number');
    expect(lr.path).toEqual(['hyperparameters', 'lr']);
    expect(shuffle.message).toContain('boolean true');
    expect(version.message).toContain('extra dot');
    expect(glued.message).toContain('`adam: beta`');
    expect(dropout.message).toContain('not a number');

    const number = lr.fixes!.find((f) => f.title.startsWith('Write it as the number'))!;
    const fixed = parseText(applyTextEdits(text, number.edits), determined.yaml).value as { hyperparameters: { lr: unknown } };
    expect(fixed.hyperparameters.lr).toBe(0.001);
    expect(titles(shuffle)).toEqual(['Quote it: "yes"']);
    expect(titles(version)).toEqual(['Write it as the number 0.0', 'Quote it: "0.0."']);
    expect(titles(glued)[0]).toBe('Add the space: adam: beta');
    const spaced = parseText(applyTextEdits(text, glued.fixes![0].edits), determined.yaml).value as { hyperparameters: { optimizer: { vals: unknown[] } } };
    expect(spaced.hyperparameters.optimizer.vals).toEqual([{ adam: 'beta' }, 'sgd']);
  });

  it('offers no space fix where `key: value` would not parse (a value on its key line)', () => {
    const t = 'entrypoint: a:B\nhyperparameters:\n  arch: resnet:50\n';
    const [d] = found(t, determined);
    expect(at(t, d)).toBe('resnet:50');
    expect(titles(d)).toEqual(['Quote it: "resnet:50"']);
  });

  it('leaves quoted text, real numbers and booleans, and places the schema types alone', () => {
    const t = `entrypoint: a:B
searcher:
  name: single
  metric: "yes"
  max_length: 10
hyperparameters:
  lr: 1.0e-3
  on_gpu: true
  label: "1e-3"
  url: https://example.com/x
  image: python:3.6/x
`;
    expect(found(t, determined)).toEqual([]);
  });
});

describe('emloop model and dataset arguments (YAML 1.2)', () => {
  it('hints that yes/on are text under 1.2 and offers the boolean; 1e-3 is a number there', () => {
    const text = 'dataset:\n  class: datasets.Mnist\n  augment: on\nmodel:\n  class: models.Net\n  inputs: [x]\n  outputs: [y]\n  learning_rate: 1e-3\n  bias: yes\n';
    const list = found(text, emloop);
    expect(list.map((d) => at(text, d))).toEqual(['on', 'yes']);
    expect(list[0].message).toContain('read as the text "on"');
    expect(titles(list[0])).toEqual(['Write it as true', 'Quote it: "on"']);
    const fixed = parseText(applyTextEdits(text, list[1].fixes![0].edits), emloop.yaml).value as { model: { bias: unknown } };
    expect(fixed.model.bias).toBe(true);
  });

  it('does not look at the keys emloop reads itself', () => {
    const text = 'dataset:\n  class: datasets.Mnist\nmodel:\n  class: models.Net\n  name: yes\n  inputs: [x]\n  outputs: [y]\n';
    expect(found(text, emloop)).toEqual([]);
  });
});

describe('Valohai parameter defaults', () => {
  const step = (param: string) => `- step:\n    name: train\n    image: python:3.12\n    command: python train.py {parameters}\n    parameters:\n${param}`;

  it('hints at the default of a parameter without a type', () => {
    const text = step('      - name: augment\n        default: yes\n');
    const [d, ...rest] = found(text, valohai);
    expect(rest).toEqual([]);
    expect(d.path).toEqual([0, 'step', 'parameters', 0, 'default']);
    expect(d.message).toContain('boolean true');
  });

  it('says nothing where the parameter has a type (the platform checks the default against it)', () => {
    expect(found(step('      - name: augment\n        type: flag\n        default: yes\n'), valohai)).toEqual([]);
    expect(found(step('      - name: lr\n        type: string\n        default: 1e-3\n'), valohai)).toEqual([]);
  });
});

/**
 * The corpus's real configs: the one finding is real. Determined's master reads YAML 1.1
 * scalars (docs/determined.md), so `learning_rate: 1e-5` reaches the trainer as the text "1e-5".
 */
describe('lookalikes over the corpus', () => {
  it('finds only the hyperparameter written 1e-5', () => {
    const dialects: Record<string, Dialect> = { valohai, determined, emloop };
    const all = Object.entries(dialects).flatMap(([name, dialect]) =>
      corpusFiles(name).flatMap(([file, text]) => found(text, dialect).map((d) => `${file}:${d.line} ${at(text, d)}`)),
    );
    expect(all).toEqual(['determined/examples/hf_trainer_api/hf_image_classification/deepspeed.yaml:18 1e-5']);
  });
});
