/**
 * Each emloop rule: its message, severity and the exact text it marks; and the quick fixes'
 * resulting text.
 */
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../document/textEdits';
import { analyze } from '../../lint';
import { emloop } from './index';

const BASE = 'dataset:\n  class: data.Set\nmodel:\n  class: m.Net\n  inputs: [x]\n  outputs: [y]\nhooks:\n  - LogVariables\n';

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
    expect(lint('dataset: {class: a.B}\nmodel: {class: m.M, inputs: [x], outputs: [y]}\n')).toEqual([
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

describe('model inputs and outputs', () => {
  const model = (body: string) => `dataset:\n  class: data.Set\nmodel:\n${body}hooks:\n  - LogVariables\n`;
  const NEEDS = 'emloop needs both: `inputs`, the stream sources fed to the model, and `outputs`, the values it produces for each batch (emloop-tensorflow\'s BaseModel cannot be built without them)';

  it('a model without inputs, outputs or both is an error on the `model` key, naming what is missing', () => {
    expect(lint(model('  class: m.Net\n  outputs: [y]\n'))).toEqual([['error', 'model', `The model has no \`inputs\` — ${NEEDS}; add \`inputs: [...]\``]]);
    expect(lint(model('  class: m.Net\n  inputs: [x]\n'))).toEqual([['error', 'model', `The model has no \`outputs\` — ${NEEDS}; add \`outputs: [...]\``]]);
    expect(lint(model('  class: m.Net\n  name: Net\n'))).toEqual([
      ['error', 'model', `The model has neither \`inputs\` nor \`outputs\` — ${NEEDS}; add \`inputs: [...]\` and \`outputs: [...]\``],
    ]);
  });

  it('with both, merged in from an anchor, or emloop\'s Sequence model (built from model_paths): nothing', () => {
    expect(lint(model('  class: m.Net\n  inputs: []\n  outputs: [y]\n'))).toEqual([]);
    expect(lint(`io: &io {inputs: [x], outputs: [y]}\n${model('  <<: *io\n  class: m.Net\n')}`)).toEqual([]);
    expect(lint(model('  class: emloop.models.Sequence\n  model_paths: [a, b]\n'))).toEqual([]);
  });

  it('an eval block only updates the base model: its model section needs neither', () => {
    expect(lint(`${BASE}eval:\n  predict:\n    model:\n      outputs: [predictions]\n    hooks: []\n`)).toEqual([]);
  });

  it('the schema alone reports a missing class, or a missing or empty model section — said once each', () => {
    const noClass = lint(model('  name: Net\n  inputs: [x]\n  outputs: [y]\n'));
    expect(noClass.map(([s, t]) => [s, t])).toEqual([['error', 'model']]);
    expect(noClass[0][2]).toMatch(/class/);
    expect(lint('dataset:\n  class: data.Set\nhooks: []\n').filter(([, , m]) => /inputs|outputs/.test(m as string))).toEqual([]);
    expect(lint(model('  []\n')).filter(([, , m]) => /inputs|outputs/.test(m as string))).toEqual([]);
  });
});

describe('cxflow module names', () => {
  const withHooks = (hooks: string) => BASE.replace('hooks:\n  - LogVariables\n', `hooks:\n${hooks}`);

  it('a cxflow hook emloop has: a hint with the fix that renames just the package', () => {
    const text = withHooks('  - cxflow.hooks.ComputeStats:\n      variables: [loss]\n  - "cxflow_tensorflow.hooks.DecayLR"\n');
    expect(lint(text)).toEqual([
      ['hint', 'cxflow.hooks.ComputeStats', 'emloop is cxflow\'s successor: the module `cxflow` is now `emloop` — write "emloop.hooks.ComputeStats"'],
      ['hint', '"cxflow_tensorflow.hooks.DecayLR"', 'emloop is cxflow\'s successor: the module `cxflow_tensorflow` is now `emloop_tensorflow` — write "emloop_tensorflow.hooks.DecayLR"'],
    ]);
    const d = analyze(text, emloop).diagnostics;
    expect(d.map((x) => x.fixes?.map((f) => f.title))).toEqual([['Change "cxflow" to "emloop"'], ['Change "cxflow_tensorflow" to "emloop_tensorflow"']]);
    const both = applyTextEdits(text, [...d[0].fixes![0].edits, ...d[1].fixes![0].edits]);
    expect(both).toBe(withHooks('  - emloop.hooks.ComputeStats:\n      variables: [loss]\n  - "emloop_tensorflow.hooks.DecayLR"\n'));
    expect(lint(both)).toEqual([]);
  });

  it('the arguments of a renamed hook are checked as emloop\'s', () => {
    expect(lint(withHooks('  - cxflow.hooks.StopAfter:\n      epoch: 3\n')).map(([s, t]) => [s, t])).toEqual([
      ['error', 'cxflow.hooks.StopAfter'],
      ['hint', 'cxflow.hooks.StopAfter'],
      ['warning', 'epoch'],
    ]);
  });

  it('a cxflow_tensorflow hook at the package top level: the fix writes the hooks module emloop_tensorflow has it in', () => {
    const text = withHooks('  - cxflow_tensorflow.WriteTensorBoard\n');
    expect(lint(text)).toEqual([
      ['hint', 'cxflow_tensorflow.WriteTensorBoard', 'emloop is cxflow\'s successor: the module `cxflow_tensorflow` is now `emloop_tensorflow` — write "emloop_tensorflow.hooks.WriteTensorBoard"'],
    ]);
    expect(fixed(text)).toBe(withHooks('  - emloop_tensorflow.hooks.WriteTensorBoard\n'));
  });

  it('class values anywhere (model, dataset, eval blocks, nested): a fix for a class emloop ships, a hint only otherwise', () => {
    const text = `dataset:\n  class: cxflow.datasets.BaseDataset\nmodel:\n  class: cxflow_tensorflow.BaseModel\n  inputs: [x]\n  outputs: [y]\n  optimizer: {class: 'cxflow_extras.Adam'}\nhooks: []\neval:\n  test:\n    model:\n      class: cxflow.models.Ensemble\n    hooks: []\n`;
    expect(lint(text)).toEqual([
      ['hint', 'cxflow.datasets.BaseDataset', 'emloop is cxflow\'s successor: the module `cxflow` is now `emloop` — check that "emloop.datasets.BaseDataset" exists (it is not one of the emloop classes we know)'],
      ['hint', 'cxflow_tensorflow.BaseModel', 'emloop is cxflow\'s successor: the module `cxflow_tensorflow` is now `emloop_tensorflow` — write "emloop_tensorflow.BaseModel"'],
      ['hint', "'cxflow_extras.Adam'", 'emloop is cxflow\'s successor: the module `cxflow_extras` is now `emloop_extras` — check that "emloop_extras.Adam" exists (it is not one of the emloop classes we know)'],
      ['hint', 'cxflow.models.Ensemble', 'emloop is cxflow\'s successor: the module `cxflow` is now `emloop` — write "emloop.models.Ensemble"'],
    ]);
    const d = analyze(text, emloop).diagnostics;
    expect(d.map((x) => x.fixes?.length ?? 0)).toEqual([0, 1, 0, 1]);
    expect(applyTextEdits(text, d[1].fixes![0].edits)).toBe(text.replace('class: cxflow_tensorflow.BaseModel', 'class: emloop_tensorflow.BaseModel'));
  });

  it('an unknown cxflow hook: the hint, no fix, and no other finding', () => {
    const text = withHooks('  - cxflow.hooks.TensorBoardHook\n');
    const d = analyze(text, emloop).diagnostics;
    expect(lint(text)).toEqual([
      ['hint', 'cxflow.hooks.TensorBoardHook', 'emloop is cxflow\'s successor: the module `cxflow` is now `emloop` — check that "emloop.hooks.TensorBoardHook" exists (it is not one of the emloop hooks we know)'],
    ]);
    expect(d[0].fixes).toBeUndefined();
  });

  it('names that only look like cxflow are left alone', () => {
    const text = `dataset:\n  class: cxflowish.Data\nmodel:\n  class: my_cxflow.Net\n  inputs: [x]\n  outputs: [y]\n  note: cxflow.hooks.ComputeStats\nhooks:\n  - mycxflow.hooks.X\n  - emloop.hooks.ComputeStats:\n      variables: [loss]\n`;
    expect(lint(text)).toEqual([]);
  });
});

describe('ComputeStats: what emloop ignores', () => {
  const stats = (body: string) => BASE.replace('  - LogVariables\n', `  - ComputeStats:\n${body}`);
  const WHY = '`variables` given as a map is read by its keys only';

  it('a map of variables: a warning at each entry whose aggregations are ignored, naming them, with the fix to write a list', () => {
    const text = stats('      variables:\n        loss: [min, max]\n        accuracy: [mean]\n        f1:\n          - median\n');
    expect(lint(text)).toEqual([
      ['warning', '[min, max]', `ComputeStats ignores [min, max] — ${WHY}, so "loss" gets just the mean; write it as a list item to have them: \`- loss: [min, max]\``],
      ['warning', '- median', `ComputeStats ignores [median] — ${WHY}, so "f1" gets just the mean; write it as a list item to have it: \`- f1: [median]\``],
    ]);
    const after = fixed(text, 'Write the variables as a list');
    expect(after).toBe(stats('      variables:\n        - loss: [min, max]\n        - accuracy: [mean]\n        - f1:\n          - median\n'));
    expect(lint(after)).toEqual([]);
  });

  it('a flow map: the fix writes a flow list of one-key maps', () => {
    const text = stats('      variables: {loss: [std], accuracy: [mean]}\n');
    expect(lint(text).map(([s, t]) => [s, t])).toEqual([['warning', '[std]']]);
    expect(fixed(text)).toBe(stats('      variables: [{loss: [std]}, {accuracy: [mean]}]\n'));
  });

  it('a single name is ignored too, but as a list item it would be read letter by letter: no fix then', () => {
    const text = stats('      variables:\n        loss: std\n');
    expect(lint(text)).toEqual([['warning', 'std', `ComputeStats ignores std — ${WHY}, so "loss" gets just the mean; write it as a list item to have it: \`- loss: [std]\``]]);
    expect(analyze(text, emloop).diagnostics[0].fixes).toBeUndefined();
  });

  it('a map that asks only for means loses nothing: one warning at `variables` (the form misleads), with the fix', () => {
    const text = stats('      variables:\n        loss: [mean]\n        accuracy: mean\n');
    expect(lint(text)).toEqual([['warning', 'variables', 'ComputeStats reads a map of variables as its keys only, so each gets just the mean — write a list: `- loss: [mean, std]`']]);
    expect(analyze(text, emloop).diagnostics[0].fixes).toBeUndefined();
    const lists = stats('      variables:\n        loss: [mean]\n        accuracy: [mean]\n');
    expect(fixed(lists)).toBe(stats('      variables:\n        - loss: [mean]\n        - accuracy: [mean]\n'));
  });

  it('a list of names and one-key maps is read in full: nothing', () => {
    expect(lint(stats('      variables:\n        - loss: [min, max]\n        - accuracy\n'))).toEqual([]);
    expect(lint(stats('      variables: [loss, accuracy]\n'))).toEqual([]);
  });

  it('an extra argument is ignored by emloop (it only warns): said at the key', () => {
    expect(lint(stats('      variables: [loss]\n      aggregations: [max]\n'))).toEqual([
      ['warning', 'aggregations', 'ComputeStats has no argument "aggregations" — emloop only warns and ignores it (it takes variables)'],
    ]);
  });

  it('in an eval block too', () => {
    const text = `${BASE}eval:\n  test:\n    hooks:\n      - ComputeStats:\n          variables: {loss: [max]}\n`;
    expect(lint(text).map(([s, t]) => [s, t])).toEqual([['warning', '[max]']]);
  });
});
