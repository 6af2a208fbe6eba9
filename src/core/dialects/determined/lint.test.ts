/**
 * The master's rules and the schema's Determined-style errors, each with its message and the
 * exact text it marks.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { determined } from './index';

/** Each finding as `severity [marked text] message`. */
function findings(text: string): string[] {
  return analyze(text, determined).diagnostics.map((d) => `${d.severity} [${text.slice(d.range[0], d.range[1])}] ${d.message}`);
}

const base = 'entrypoint: python3 train.py\n';

describe('server rules', () => {
  it('removed searchers are errors on their name', () => {
    for (const name of ['custom', 'adaptive', 'adaptive_simple', 'sync_halving']) {
      expect(findings(`${base}searcher:\n  name: ${name}\n  metric: loss\n`)).toEqual([
        `error [${name}] The "${name}" searcher has been removed and is not accepted for new experiments — use adaptive_asha, random, grid or single`,
      ]);
    }
  });
  it('adaptive_asha and async_halving need time_metric and max_time', () => {
    expect(findings(`${base}searcher:\n  name: adaptive_asha\n  metric: loss\n  max_trials: 4\n  time_metric: batches\n`)).toEqual([
      'error [searcher] The adaptive_asha searcher needs "max_time" (the metric that counts training progress and how much of it the best trials get)',
    ]);
    expect(findings(`${base}searcher: {name: async_halving, metric: loss, max_trials: 4, num_rungs: 3}\n`)[0]).toMatch(/^error \[searcher\] The async_halving searcher needs "time_metric" and "max_time"/);
  });
  it('random needs max_trials, every searcher a metric', () => {
    expect(findings(`${base}searcher: {name: random}\n`)).toEqual([
      'error [searcher] The random searcher needs "max_trials" (how many trials to create at most)',
      'error [searcher] The searcher needs "metric": the validation metric it compares trials by',
    ]);
  });
  it('grid search needs count on every range, nested and in lists too', () => {
    const text = `${base}searcher: {name: grid, metric: loss}\nhyperparameters:\n  ok: {type: int, minval: 1, maxval: 3, count: 3}\n  cat: {type: categorical, vals: [1, 2]}\n  nest:\n    lr: {type: log, base: 10, minval: -4, maxval: -1}\n  l: [1, {type: double, minval: 0, maxval: 1}]\n`;
    expect(findings(text)).toEqual([
      'error [lr] the grid searcher needs "count" on this hyperparameter (how many values to try)',
      'error [{type: double, minval: 0, maxval: 1}] the grid searcher needs "count" on this hyperparameter (how many values to try)',
    ]);
    expect(findings(text.replace('name: grid', 'name: random, max_trials: 2'))).toEqual([]);
  });
  it('environment variables must be KEY=VALUE, in both forms', () => {
    expect(findings(`${base}environment:\n  environment_variables:\n    - A=1\n    - JUST_A_NAME\n`)).toEqual([
      'error [JUST_A_NAME] "JUST_A_NAME" is not KEY=VALUE — the container would not get this variable; write it as JUST_A_NAME=value',
    ]);
    expect(findings(`${base}environment:\n  environment_variables:\n    cpu: [A=1]\n    cuda: ["=1"]\n`)).toEqual([
      'error ["=1"] "=1" is not KEY=VALUE — the container would not get this variable; write it as =1=value',
    ]);
  });
  it('resources.slots passes the schema but the master rejects it', () => {
    expect(findings(`${base}resources:\n  slots: 2\n`)).toEqual(['error [slots] "resources.slots" is rejected by the master — use slots_per_trial']);
  });
  it('a missing entrypoint is an error on the first key', () => {
    expect(findings('name: x\nsearcher: {name: single, metric: loss}\n')).toEqual([
      'error [name] Managed experiments require an entrypoint — add e.g. `entrypoint: python3 train.py`',
    ]);
    expect(findings('name: x\nentrypoint:\n')[0]).toBe('error [entrypoint] Managed experiments require an entrypoint — add e.g. `entrypoint: python3 train.py`');
  });
  it('max_length and stop_once are deprecation warnings', () => {
    expect(findings(`${base}searcher:\n  name: single\n  metric: loss\n  max_length: {batches: 10}\n`)).toEqual([
      'warning [max_length] "max_length" is deprecated: the training code now decides how long to train (and reports progress); the master only logs a warning',
    ]);
    expect(findings(`${base}searcher: {name: adaptive_asha, metric: l, max_trials: 2, time_metric: b, max_time: 9, stop_once: true}\n`)).toEqual([
      'warning [stop_once] "stop_once" is deprecated and only logs a warning on the master',
    ]);
  });
  it('duplicate keys are errors (the CLI refuses the file)', () => {
    expect(findings(`${base}name: a\nname: b\n`).filter((f) => f.startsWith('error [name]'))).toHaveLength(1);
  });
});

describe('schema errors follow Determined\'s union rule', () => {
  it('an unknown searcher name is one error on the name', () => {
    expect(findings(`${base}searcher: {name: no_such_searcher, metric: loss}\n`)).toEqual([
      'error [no_such_searcher] "no_such_searcher" is not a searcher — use single, random, grid, adaptive_asha or async_halving',
    ]);
  });
  it('a bad value inside a chosen branch is reported there, and only there', () => {
    expect(findings(`${base}resources: {slots_per_trial: "eight"}\n`)).toEqual(['error ["eight"] "slots_per_trial" must be a whole number or empty, not text ("eight")']);
    expect(findings(`${base}searcher:\n  name: random\n  metric: loss\n  max_trials: 0\n  num_rungs: 2\n`)).toEqual([
      'error [0] "max_trials" must be at least 1, not 0',
      expect.stringMatching(/^error \[num_rungs\] Unknown key "num_rungs" in searcher/),
    ]);
  });
  it('hyperparameter kinds: the branch of the type, or the nested check', () => {
    expect(findings(`${base}hyperparameters:\n  lr: {type: double, minval: 1, maxval: 0.5}\n  n: {type: integer}\n  c: {type: categorical}\n`)).toEqual([
      'error [1] minval must be less than maxval',
      'error [integer] a hyperparameter "type" must be one of int, double, log, const or categorical',
      'error [c] c is missing "vals" — add it',
    ]);
  });
  it('checks, compareProperties and one-of lengths', () => {
    expect(findings(`${base}bind_mounts:\n  - host_path: data\n    container_path: /data\nprofiling: {begin_on_batch: 9, end_after_batch: 1}\nmin_validation_period: {batches: 1, epochs: 1}\n`)).toEqual([
      'error [data] host_path must be an absolute path',
      'error [9] begin_on_batch must not be greater than end_after_batch',
      'error [min_validation_period] a length needs exactly one of "batches", "records" or "epochs"',
    ]);
  });
  it('checkpoint storage by type', () => {
    expect(findings(`${base}checkpoint_storage:\n  type: shared_fs\n  host_path: /mnt\n  storage_path: /elsewhere\n`)).toEqual([
      'error [/elsewhere] storage_path must be a relative path or a directory inside host_path',
    ]);
    expect(findings(`${base}checkpoint_storage: {type: ftp}\n`)).toEqual(['error [ftp] "ftp" is not a checkpoint storage type — use shared_fs, directory, s3, gcs or azure']);
    expect(findings(`${base}checkpoint_storage: {type: s3, bucket: b, prefix: a/../../b}\n`)).toEqual(['error [a/../../b] prefix must not climb out with ".." segments']);
  });
  it('the pod spec keeps Determined\'s own container settings', () => {
    const text = `${base}environment:\n  pod_spec:\n    spec:\n      containers:\n        - name: determined-container\n          image: mine\n`;
    expect(findings(text)).toEqual(['error [mine] image of determined-container is set by Determined and cannot be changed here']);
  });
  it('eventually-required keys are not errors', () => {
    expect(findings(`${base}checkpoint_storage: {type: azure}\nsearcher: {name: single, metric: loss}\n`)).toEqual([]);
  });
});
