/**
 * Each emloop rule: its message, severity and the exact text it marks; and the quick fixes'
 * resulting text.
 */
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../document/textEdits';
import { analyze } from '../../lint';
import { emloop } from './index';

const BASE = 'dataset:\n  class: data.Set\nmodel:\n  class: m.Net\nhooks:\n  - LogVariables\n';

/** Lint findings as [severity, marked text, message]. */
function lint(text: string) {
  return analyze(text, emloop).diagnostics.map((d) => [d.severity, text.slice(d.range[0], d.range[1]), d.message]);
}

function fixed(text: string, title?: string): string {
  const d = analyze(text, emloop).diagnostics.find((x) => x.fixes?.length);
  const fix = title ? d!.fixes!.find((f) => f.title === title)! : d!.fixes![0];
  return applyTextEdits(text, fix.edits);
}

describe('sections', () => {
  it('a class without a module is an error on the value (base and eval blocks)', () => {
    const text = BASE.replace('data.Set', 'Set') + 'eval:\n  test:\n    model:\n      class: Other\n    hooks: []\n';
    expect(lint(text)).toEqual([
      ['error', 'Set', '"Set" is not a full class path — emloop imports `module.Class`, so write the module too (e.g. `datasets.Set`)'],
      ['error', 'Other', '"Other" is not a full class path — emloop imports `module.Class`, so write the module too (e.g. `models.Other`)'],
    ]);
  });

  it('output_dir in the dataset is emloop\'s own: an error on the key', () => {
    expect(lint(BASE.replace('class: data.Set', 'class: data.Set\n  output_dir: out'))).toEqual([
      ['error', 'output_dir', 'The `output_dir` key is reserved and can not be used in dataset configuration — emloop passes the output directory itself'],
    ]);
  });

  it('no hooks section: a warning on the first key', () => {
    expect(lint('dataset: {class: a.B}\nmodel: {class: m.M}\n')).toEqual([
      ['warning', 'dataset', 'No `hooks` section — emloop warns and runs with TrainingTrace only; add hooks such as LogVariables and StopAfter'],
    ]);
  });

  it('other top-level keys are fine; a repeated key is an error (ruamel refuses it)', () => {
    expect(lint(`${BASE}notes: anything\n`)).toEqual([]);
    expect(lint(`${BASE}hooks: []\n`).map(([s, t]) => [s, t])).toEqual([['error', 'hooks']]);
  });
});

describe('hooks', () => {
  const withHooks = (hooks: string) => BASE.replace('hooks:\n  - LogVariables\n', `hooks:\n${hooks}`);

  it('a hook item with two keys is an error on the second key (usually an argument not indented)', () => {
    expect(lint(withHooks('  - StopAfter:\n    epochs: 3\n'))).toEqual([
      ['error', 'epochs', 'A hook item must have exactly one key, the hook\'s name — "epochs" is a second one; if it is an argument of StopAfter, indent it under "StopAfter:"'],
    ]);
  });

  it('an unknown short name is an error (emloop cannot find the module), with a suggestion and its fix', () => {
    const text = withHooks('  - StopOnNan\n');
    expect(lint(text)).toEqual([
      ['error', 'StopOnNan', 'emloop has no hook "StopOnNan" — a name without a module must be one of emloop\'s own hooks (names are case-sensitive); did you mean "StopOnNaN"?'],
    ]);
    expect(fixed(text)).toBe(withHooks('  - StopOnNaN\n'));
  });

  it('an emloop-tensorflow hook needs its full path', () => {
    const text = withHooks('  - WriteTensorBoard\n  - emloop_tensorflow.DecayLR:\n      decay_value: 0.5\n');
    expect(lint(text).map(([s, t]) => [s, t])).toEqual([
      ['error', 'WriteTensorBoard'],
      ['error', 'emloop_tensorflow.DecayLR'],
    ]);
    expect(fixed(fixed(text))).toBe(withHooks('  - emloop_tensorflow.hooks.WriteTensorBoard\n  - emloop_tensorflow.hooks.DecayLR:\n      decay_value: 0.5\n'));
  });

  it('own hooks (dotted names) are not checked; full emloop paths are accepted', () => {
    expect(lint(withHooks('  - my.hooks.Thing:\n      anything: 1\n  - emloop.hooks.save.SaveBest\n  - emloop.hooks.LogProfile\n'))).toEqual([]);
  });

  it('unknown arguments only warn, with a rename fix when one is close', () => {
    const text = withHooks('  - SaveBest:\n      stram: test\n');
    expect(lint(text)).toEqual([['warning', 'stram', 'SaveBest has no argument "stram" — emloop only warns and ignores it; did you mean "stream"?']]);
    expect(fixed(text)).toBe(withHooks('  - SaveBest:\n      stream: test\n'));
  });

  it('null arguments warn (emloop: empty config), and the fix drops the colon', () => {
    const text = withHooks('  - LogProfile:   # timing\n');
    expect(lint(text)).toEqual([['warning', 'LogProfile', '"LogProfile:" has no arguments under it — emloop warns about the empty config; drop the colon, or add the arguments']]);
    expect(fixed(text)).toBe(withHooks('  - LogProfile   # timing\n'));
  });

  it('required arguments, allowed values and StopAfter\'s condition are errors', () => {
    expect(lint(withHooks('  - Check:\n      variable: acc\n  - SaveBest:\n      condition: maximum\n  - StopAfter: {train_stream_name: train}\n'))).toEqual([
      ['error', 'Check', 'Check needs "required_min_value" and "max_epoch" — emloop cannot build it without'],
      ['error', 'maximum', 'SaveBest: condition must be one of "min", "max", not "maximum"'],
      ['error', 'StopAfter', 'StopAfter needs at least one of epochs, iterations or minutes — emloop refuses it with "No stopping condition was specified."'],
    ]);
  });
});

describe('main_loop', () => {
  it('an unknown key is an error by default, a warning with on_incorrect_config: warn, nothing with ignore', () => {
    const text = `${BASE}main_loop:\n  extra_stream: [valid]\n`;
    expect(lint(text)).toEqual([
      ['error', 'extra_stream', 'Unknown main_loop key "extra_stream" — emloop refuses to start (set on_incorrect_config to warn or ignore to allow it) — did you mean "extra_streams"?'],
    ]);
    expect(fixed(text)).toBe(`${BASE}main_loop:\n  extra_streams: [valid]\n`);
    expect(lint(`${BASE}main_loop:\n  on_incorrect_config: warn\n  extra_stream: [valid]\n`).map(([s]) => s)).toEqual(['warning']);
    expect(lint(`${BASE}main_loop:\n  on_incorrect_config: ignore\n  extra_stream: [valid]\n`)).toEqual([]);
  });

  it('the on_* values are checked by the schema', () => {
    expect(lint(`${BASE}main_loop:\n  on_empty_batch: skip\n`).map(([s, t]) => [s, t])).toEqual([['error', 'skip']]);
  });
});

describe('eval blocks', () => {
  it('changing a section the base lacks is an error (KeyError in emloop)', () => {
    const text = `${BASE}eval:\n  test:\n    main_loop:\n      buffer: 2\n    hooks: []\n`;
    expect(lint(text)).toEqual([
      [
        'error',
        'main_loop',
        "eval.test changes \"main_loop\", which the base config does not have — `emloop eval test` fails with KeyError: 'main_loop'; add a top-level main_loop section (it may be empty: {})",
      ],
    ]);
  });

  it('a block without hooks is noted; unknown keys of a block warn', () => {
    expect(lint(`${BASE}eval:\n  test:\n    hook: []\n`)).toEqual([
      ['info', 'test', 'eval.test has no hooks, so `emloop eval test` runs without any (the base hooks are not used)'],
      ['warning', 'hook', 'emloop ignores "hook" in an eval block — it reads dataset, model, main_loop, hooks, stream_names; did you mean "hooks"?'],
    ]);
  });
});

describe('legacy predict: move to eval.predict', () => {
  const PREDICT = 'predict:\n  # only the inputs it has\n  model:\n    inputs: [x]\n  hooks:\n    - my.Hook\n';

  it('without eval: predict becomes eval.predict in place, comments kept', () => {
    const text = `${BASE}${PREDICT}main_loop: {}\n`;
    expect(lint(text).map(([s, t]) => [s, t])).toEqual([['warning', 'predict']]);
    expect(fixed(text)).toBe(`${BASE}eval:\n  predict:\n    # only the inputs it has\n    model:\n      inputs: [x]\n    hooks:\n      - my.Hook\nmain_loop: {}\n`);
  });

  it('with an eval mapping: appended to it', () => {
    const text = `${PREDICT}${BASE}eval:\n    test:\n        hooks: []\n`;
    expect(fixed(text)).toBe(`${BASE}eval:\n    test:\n        hooks: []\n    predict:\n      # only the inputs it has\n      model:\n        inputs: [x]\n      hooks:\n        - my.Hook\n`);
    expect(analyze(fixed(text), emloop).diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('with an empty eval: placed under it', () => {
    expect(fixed(`${BASE}eval:\n${PREDICT}`)).toBe(`${BASE}eval:\n  predict:\n    # only the inputs it has\n    model:\n      inputs: [x]\n    hooks:\n      - my.Hook\n`);
  });

  it('no fix when eval.predict exists', () => {
    const d = analyze(`${BASE}${PREDICT}eval:\n  predict:\n    hooks: []\n`, emloop).diagnostics.find((x) => x.message.includes('top-level `predict`'));
    expect(d?.fixes).toBeUndefined();
  });
});

describe('hook arguments that are not a mapping', () => {
  it('is an error on the value', () => {
    const text = BASE.replace('  - LogVariables\n', '  - StopAfter: 5\n');
    expect(lint(text)).toEqual([['error', '5', 'The arguments of StopAfter must be a mapping (`argument: value` lines under it), not a single value']]);
  });
});
