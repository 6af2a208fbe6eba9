/** The experiment preview: launch command, create line with overrides, DET_HPARAMS samples, search space. */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import type { PreviewInputs, StepPreview } from '../../contracts/preview';
import { gridSize, sampleHparams } from './hparams';
import { determined } from './index';
import { launchArgv, shellQuote } from './preview';

const parse = (text: string) => parseText(text, determined.yaml);
function step(text: string, inputs: Partial<PreviewInputs> = {}): StepPreview {
  return determined.preview!(parse(text), { values: {}, env: {}, ...inputs }).steps[0];
}
const hparamsOf = (s: StepPreview) => JSON.parse(s.env.find((e) => e.name === 'DET_HPARAMS')!.value!);

describe('launch command', () => {
  it('a legacy Trial class runs under the PyTorch launcher', () => {
    const s = step('name: mnist\nentrypoint: model_def:MNistTrial\n');
    expect(s.name).toBe('mnist');
    expect(s.command).toEqual(['python3 -m determined.launch.torch_distributed -- --trial model_def:MNistTrial']);
    expect(s.script).toBe(s.command[0]);
  });
  it('a command string runs through sh -c, quoted', () => {
    expect(step(`entrypoint: python3 train.py --name "it's"\n`).command).toEqual([`sh -c 'python3 train.py --name "it'"'"'s"'`]);
    expect(launchArgv('python3 train.py').argv).toEqual(['sh', '-c', 'python3 train.py']);
  });
  it('a list is argv, each item quoted as needed', () => {
    expect(step('entrypoint: [python3, -m, determined.launch.deepspeed, --trial, "a b:C"]\n').command).toEqual(["python3 -m determined.launch.deepspeed --trial 'a b:C'"]);
  });
  it('no entrypoint: no command, and why', () => {
    const s = step('name: x\n');
    expect(s.name).toBe('x');
    expect(s.command).toEqual([]);
    expect(s.errors[0]).toMatch(/managed experiments require entrypoint/);
  });
  it('quotes like shlex', () => {
    expect(shellQuote('a-b_c/d.e=f:g')).toBe('a-b_c/d.e=f:g');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });
});

describe('environment and overrides', () => {
  const text = 'name: exp\nentrypoint: python3 train.py\nenvironment:\n  environment_variables: [A=1, B=x=y]\nresources: {slots_per_trial: 2}\nsearcher: {name: random, metric: loss, max_trials: 8}\nhyperparameters:\n  lr: {type: double, minval: 0.1, maxval: 0.2}\n';
  it('lists the variables the trial sees, DET_HPARAMS last', () => {
    const s = step(text);
    expect(s.env.map((e) => [e.name, e.value])).toEqual([['A', '1'], ['B', 'x=y'], ['DET_HPARAMS', expect.any(String)]]);
    expect(s.facts).toEqual([
      { label: 'Searcher', value: 'random' },
      { label: 'Search space', value: 'max_trials 8' },
      { label: 'Slots per trial', value: '2' },
    ]);
    expect(s.actions).toEqual([{ id: 'resample', label: 'Resample' }]);
    expect(s.blocks?.[0]).toEqual({ title: 'Create the experiment', text: 'det experiment create experiment.yaml .', language: 'shell' });
  });
  it('a blank override line is one not typed yet: no error, left out', () => {
    const s = step(text, { overrides: { exp: ['', 'resources.slots_per_trial=4'] } });
    expect(s.overrides?.errors).toEqual([[], []]);
    expect(s.blocks?.[0].text).toBe('det experiment create experiment.yaml . --config resources.slots_per_trial=4');
  });
  it('the create command names the document\'s file, quoted as needed', () => {
    expect(step(text, { fileName: 'my exp.yaml' }).blocks?.[0].text).toBe("det experiment create 'my exp.yaml' .");
  });
  it('per-device variables: cpu without slots, cuda with', () => {
    const perDevice = 'entrypoint: x\nenvironment:\n  environment_variables: {cpu: [C=1], cuda: [G=1]}\n';
    expect(step(perDevice).env[0].name).toBe('G');
    expect(step(`${perDevice}resources: {slots_per_trial: 0}\n`).env[0].name).toBe('C');
  });
  it('--config overrides merge into the config the preview shows', () => {
    const lines = ['resources.slots_per_trial=4', 'entrypoint=[python3, other.py]', 'environment.environment_variables=["Z=9"]', 'oops'];
    const s = step(text, { overrides: { exp: lines } });
    expect(s.command).toEqual(['python3 other.py']);
    expect(s.facts?.[2]).toEqual({ label: 'Slots per trial', value: '4' });
    expect(s.env.map((e) => e.name)).toEqual(['Z', 'DET_HPARAMS']);
    expect(s.overrides).toEqual({ label: 'Config overrides (--config)', placeholder: 'key.path=value', items: lines, errors: [[], [], [], ['"oops" is not key.path=value — add "=" and a value']] });
    expect(s.blocks?.[0].text).toBe(
      `det experiment create experiment.yaml . --config resources.slots_per_trial=4 --config 'entrypoint=[python3, other.py]' --config 'environment.environment_variables=["Z=9"]'`,
    );
  });
});

describe('docker run block', () => {
  it('reproduces the trial with the image, the variables and the same DET_HPARAMS sample', () => {
    const s = step('entrypoint: python3 train.py\nenvironment: {image: img:1, environment_variables: [A=1]}\nresources: {slots_per_trial: 0}\nhyperparameters: {lr: {type: categorical, vals: [0.5]}}\n');
    expect(s.blocks?.map((b) => b.title)).toEqual(['Create the experiment', 'DET_HPARAMS (one sample)', 'docker run']);
    expect(s.blocks?.[2]).toEqual({ title: 'docker run', language: 'shell', text: `docker run --rm -v "$PWD:/run/determined/workdir" -w /run/determined/workdir -e A=1 -e 'DET_HPARAMS={"lr":0.5}' img:1 sh -c 'python3 train.py'` });
  });
  it('without an image: the reason instead of a line', () => {
    expect(step('entrypoint: x\n').blocks?.[2]).toEqual({ title: 'docker run', language: 'text', text: expect.stringMatching(/^no environment.image/) });
  });
});

describe('hyperparameter samples', () => {
  const hps = {
    c: { type: 'const', val: 'adam' },
    plain: [1, 2],
    n: { type: 'int', minval: 2, maxval: 5 },
    d: { type: 'double', minval: -1, maxval: 1 },
    l: { type: 'log', base: 10, minval: -4, maxval: -2 },
    cat: { type: 'categorical', vals: ['a', 'b', 'c'] },
    nest: { inner: { type: 'int', minval: 0, maxval: 1 }, k: 'v' },
  };
  it('each kind within its range, nesting kept', () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = sampleHparams(hps, seed) as Record<string, any>;
      expect(s.c).toBe('adam');
      expect(s.plain).toEqual([1, 2]);
      expect(Number.isInteger(s.n) && s.n >= 2 && s.n <= 5).toBe(true);
      expect(s.d >= -1 && s.d <= 1).toBe(true);
      expect(s.l >= 1e-4 && s.l <= 1e-2).toBe(true);
      expect(['a', 'b', 'c']).toContain(s.cat);
      expect([0, 1]).toContain(s.nest.inner);
      expect(s.nest.k).toBe('v');
    }
  });
  it('the same seed gives the same sample; Resample gives another', () => {
    const text = `entrypoint: x\nhyperparameters: ${JSON.stringify(hps)}\n`;
    expect(hparamsOf(step(text))).toEqual(hparamsOf(step(text)));
    expect(hparamsOf(step(text))).toEqual(sampleHparams(hps, 0));
    const resampled = hparamsOf(step(text, { actions: { experiment: { resample: 1 } } }));
    expect(resampled).toEqual(sampleHparams(hps, 1));
    expect(resampled).not.toEqual(hparamsOf(step(text)));
    expect(new Set(Array.from({ length: 20 }, (_, i) => (sampleHparams(hps, i) as { n: number }).n)).size).toBeGreaterThan(1);
  });
});

describe('search space', () => {
  it('grid: the product of counts and categorical sizes', () => {
    const hps = { a: { type: 'int', minval: 1, maxval: 3, count: 10 }, b: { type: 'double', minval: 0, maxval: 1, count: 4 }, c: { type: 'categorical', vals: [1, 2] }, n: { d: { type: 'log', base: 2, minval: 0, maxval: 1, count: 2 } }, k: 7 };
    expect(gridSize(hps)).toBe(3 * 4 * 2 * 2);
    expect(gridSize({ a: { type: 'double', minval: 0, maxval: 1 } })).toBeUndefined();
    const text = `entrypoint: x\nsearcher: {name: grid, metric: m}\nhyperparameters: ${JSON.stringify(hps)}\n`;
    expect(step(text).facts?.[1]).toEqual({ label: 'Search space', value: '48 trials (grid)' });
    expect(step('entrypoint: x\nsearcher: {name: single, metric: m}\n').facts?.[1]).toEqual({ label: 'Search space', value: '1 trial' });
  });
});

describe('effective', () => {
  it('deep-merges mappings, replaces lists, reports changed paths and bad lines', () => {
    const parsed = parse('resources: {slots_per_trial: 1, resource_pool: gpu}\nlabels: [a, b]\n');
    const out = determined.effective!(parsed, { overrides: ['resources.slots_per_trial=8', 'labels=[c]', 'searcher={name: single}', 'hyperparameters.lr=1e-3'] });
    expect(out).toEqual({
      value: { resources: { slots_per_trial: 8, resource_pool: 'gpu' }, labels: ['c'], searcher: { name: 'single' }, hyperparameters: { lr: '1e-3' } },
      changed: [['resources', 'slots_per_trial'], ['labels'], ['searcher'], ['hyperparameters', 'lr']],
      errors: [],
    });
    expect(determined.effective!(parsed, { overrides: ['.x=1', 'a=[1'] }).errors).toEqual([
      '".x" is not a key path — use names separated by dots, like resources.slots_per_trial',
      expect.stringMatching(/^the value of a is not valid YAML/),
    ]);
  });
});
