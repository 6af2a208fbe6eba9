/**
 * Parity with emloop's own `load_config`: every case of merge-fixture/expected.json (results
 * and errors), then what the fixture does not cover — anchors and merge keys re-resolved.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { loadConfig } from './effective';
import { emloop } from './index';
import { readCorpus } from './testCorpus';

interface Case {
  load_config_kwargs: { config_file?: string; override_stream?: string; additional_args?: string[] };
  result: unknown;
}

const expected = JSON.parse(readCorpus('merge-fixture/expected.json')) as Record<string, unknown>;
const parse = (text: string) => parseText(text, emloop.yaml);
const fixture = (file = 'config.yaml') => parse(readCorpus(`merge-fixture/${file}`));

describe('load_config parity with merge-fixture/expected.json', () => {
  const cases = Object.entries(expected).filter(([name]) => !name.startsWith('_')) as [string, Case][];

  it('covers every recorded case', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(
      ['cli_args', 'eval_nohooks', 'eval_predict', 'eval_predict_then_cli', 'eval_unknown_stream', 'no_main_loop_plain_load', 'no_override'].sort(),
    );
  });

  for (const [name, c] of cases) {
    it(name, () => {
      const { config_file, override_stream, additional_args } = c.load_config_kwargs;
      const loaded = loadConfig(fixture(config_file), { unit: override_stream, overrides: additional_args ?? [] });
      expect(loaded.errors).toEqual([]);
      expect(loaded.value).toEqual(c.result);
    });
  }

  const errors = expected._errors as Record<string, { args?: string[]; error: string }>;
  for (const [name, e] of Object.entries(errors)) {
    it(`error: ${name}`, () => {
      const noMainLoop = name.startsWith('eval_section_missing_in_base');
      const loaded = noMainLoop
        ? loadConfig(fixture('config_no_main_loop.yaml'), { unit: 'test', overrides: [] })
        : loadConfig(fixture(), { overrides: e.args ?? [] });
      expect(loaded.value).toBeUndefined();
      expect(loaded.errors).toEqual([e.error]);
      if (!noMainLoop) expect(loaded.lineErrors).toEqual([[e.error]]);
    });
  }
  expect(Object.keys(errors)).toHaveLength(4);
});

describe('what changed', () => {
  it('names the eval block for keys it replaced and the override line for keys it set', () => {
    const loaded = loadConfig(fixture(), { unit: 'predict', overrides: ['model.io.out=[q]', 'main_loop.epochs_count=5'] });
    expect(loaded.changes).toEqual([
      { path: ['dataset', 'augment'], by: 'eval.predict' },
      { path: ['model', 'inputs'], by: 'eval.predict' },
      { path: ['model', 'io'], by: 'eval.predict' },
      { path: ['hooks'], by: 'eval.predict' },
      { path: ['model', 'io', 'out'], by: 'model.io.out=[q]' },
      { path: ['main_loop', 'epochs_count'], by: 'main_loop.epochs_count=5' },
    ]);
  });

  it('reports nothing for an override that sets the value already there', () => {
    expect(loadConfig(fixture(), { overrides: ['model.name=M'] }).changes).toEqual([]);
  });
});

describe('anchors after overrides (the reload)', () => {
  const text = `dataset: &ds
  class: ds.DS
  batch_size: 10
  augment: &aug {rotate: true}
model:
  class: m.M
  augment: *aug
eval:
  test:
    dataset:
      <<: *ds
      batch_size: 1
`;

  it("a map that merges an anchor sees the anchor's overridden keys, but keeps its own", () => {
    const loaded = loadConfig(parse(text), { overrides: ['dataset.class=other.DS', 'dataset.batch_size=64'] });
    const v = loaded.value as { eval: { test: { dataset: unknown } } };
    expect(v.eval.test.dataset).toEqual({ batch_size: 1, class: 'other.DS', augment: { rotate: true } });
    expect(loaded.changes).toContainEqual({ path: ['eval', 'test', 'dataset', 'class'], by: 'an override, through an anchor' });
  });

  it('an alias is the same object: a change through one place shows in the other', () => {
    const loaded = loadConfig(parse(text), { overrides: ['model.augment.rotate=false'] });
    const v = loaded.value as { dataset: { augment: unknown }; model: { augment: unknown } };
    expect(v.dataset.augment).toEqual({ rotate: false });
    expect(v.model.augment).toEqual({ rotate: false });
    expect(loaded.changes).toEqual([
      { path: ['dataset', 'augment', 'rotate'], by: 'an override, through an anchor' },
      { path: ['model', 'augment', 'rotate'], by: 'model.augment.rotate=false' },
      { path: ['eval', 'test', 'dataset', 'augment', 'rotate'], by: 'an override, through an anchor' },
    ]);
  });

  it('the eval block is deep-copied into the base: overriding the base afterwards leaves the block alone', () => {
    const t = `dataset: {class: a.B, aug: {x: 1}}\nmodel: {class: m.M}\neval:\n  s:\n    dataset: {aug: {x: 2}}\n`;
    const loaded = loadConfig(parse(t), { unit: 's', overrides: ['dataset.aug.x=3'] });
    expect(loaded.value).toMatchObject({ dataset: { aug: { x: 3 } }, eval: { s: { dataset: { aug: { x: 2 } } } } });
  });
});

describe('errors beyond the fixture', () => {
  const errorsOf = (overrides: string[], unit?: string, text = readCorpus('merge-fixture/config.yaml')) => loadConfig(parse(text), { unit, overrides }).lineErrors;

  it('walking into a scalar or setting a key of a list fails as in Python', () => {
    expect(errorsOf(['model.name.y.x=1'])).toEqual([["TypeError: string indices must be integers, not 'str'"]]);
    expect(errorsOf(['model.name.x=1'])).toEqual([["TypeError: 'str' object does not support item assignment"]]);
    expect(errorsOf(['model.inputs.x=1'])).toEqual([['TypeError: list indices must be integers or slices, not str']]);
    expect(errorsOf(['dataset.batch_size.x=1'])).toEqual([["TypeError: 'int' object does not support item assignment"]]);
  });

  it('reads the value as YAML 1.2 and keeps the text after the first =', () => {
    const v = loadConfig(fixture(), { overrides: ['model.a=0o17', 'model.b=~', 'model.c=', 'model.d=on'] }).value as { model: Obj };
    expect([v.model.a, v.model.b, v.model.c, v.model.d]).toEqual([15, null, null, 'on']);
  });

  it('an unreadable value is reported on its line, other lines still checked', () => {
    const errors = errorsOf(['model.a=[x', 'model.b=1', 'nope.c=1']);
    expect(errors[0][0]).toMatch(/^ruamel.yaml could not read the value `\[x`/);
    expect(errors[1]).toEqual([]);
    expect(errors[2]).toEqual(["KeyError: 'nope'"]);
  });

  it('an empty eval block section fails like Python', () => {
    const t = `dataset: {class: a.B}\nmodel: {class: m.M}\nmain_loop:\neval:\n  s:\n    main_loop: {buffer: 2}\n`;
    expect(loadConfig(parse(t), { unit: 's', overrides: [] }).errors).toEqual(["AttributeError: 'NoneType' object has no attribute 'update'"]);
  });
});

type Obj = Record<string, unknown>;

describe('the value is a plain tree', () => {
  it('eval hooks that replace the base hooks are a copy, not the block\'s own list (nothing shared to print as an alias)', () => {
    const t = `dataset: {class: a.B}\nmodel: {class: m.M, inputs: [x], outputs: [y]}\nhooks: [LogVariables]\neval:\n  s:\n    hooks:\n      - StopAfter: {epochs: 1}\n`;
    const v = loadConfig(parse(t), { unit: 's', overrides: [] }).value as { hooks: unknown; eval: { s: { hooks: unknown } } };
    expect(v.hooks).toEqual([{ StopAfter: { epochs: 1 } }]);
    expect(v.eval.s.hooks).toEqual(v.hooks);
    expect(v.hooks).not.toBe(v.eval.s.hooks);
  });

  it('aliases in the file become copies of their anchor\'s value (after overrides went through them)', () => {
    const t = `dataset: {class: a.B, aug: &a {r: 1}}\nmodel: {class: m.M, inputs: [x], outputs: [y], aug: *a}\n`;
    const v = loadConfig(parse(t), { overrides: ['dataset.aug.r=2'] }).value as { dataset: { aug: unknown }; model: { aug: unknown } };
    expect(v.model.aug).toEqual({ r: 2 });
    expect(v.model.aug).not.toBe(v.dataset.aug);
  });
});
