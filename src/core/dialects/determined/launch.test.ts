/** The Determined launch: the search choice, its trials or rungs, the selected trial and the lines. */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { corpusFiles } from '../../schema/corpusFiles';
import { determined } from './index';
import { launchDetermined } from './launch';

const parse = (text: string) => parseText(text, determined.yaml);
const hparamsOf = (env: { name: string; value?: string }[]) => JSON.parse(env.find((e) => e.name === 'DET_HPARAMS')!.value!);

const GRID = `name: g
entrypoint: python3 train.py
environment: {image: img:1}
resources: {slots_per_trial: 0}
searcher: {name: grid, metric: loss}
hyperparameters:
  lr: {type: log, base: 10, minval: -3, maxval: -1, count: 3}
  layers: {type: int, minval: 1, maxval: 2, count: 2}
  opt: adam
`;

describe('choices', () => {
  it('one search choice when there is a searcher mapping; none otherwise', () => {
    expect(launchDetermined(parse(GRID), {})).toEqual({ choices: [{ id: 'search', kind: 'search', label: 'search: grid', path: ['searcher'] }] });
    expect(launchDetermined(parse('entrypoint: x\n'), {})).toEqual({ choices: [] });
    expect(launchDetermined(parse('searcher: single\n'), { id: 'search' })).toEqual({ choices: [] });
    expect(launchDetermined(parse('searcher: {name: grid}\n'), { id: 'other' }).launch).toBeUndefined();
  });
});

describe('grid', () => {
  it('a row per trial, the selected one in full, the create and docker lines', () => {
    const { launch } = launchDetermined(parse(GRID), { id: 'search', row: 1, fileName: 'g.yaml' });
    expect(launch!.title).toBe('Grid search: 6 trials over 2 hyperparameters');
    expect(launch!.count).toBe(6);
    expect(launch!.unit).toBe('trials');
    // layers outer, lr inner; created from the last point back
    expect(launch!.table).toEqual({
      columns: ['#', 'layers', 'lr'],
      rows: [
        ['1', '2', '0.1'],
        ['2', '2', '0.01'],
        ['3', '2', '0.001'],
        ['4', '1', '0.1'],
        ['5', '1', '0.01'],
        ['6', '1', '0.001'],
      ],
      sampled: false,
      selectable: true,
    });
    expect(launch!.selected!.row).toBe(1);
    const unit = launch!.selected!.unit;
    expect(hparamsOf(unit.env)).toEqual({ layers: 2, lr: 0.01, opt: 'adam' });
    expect(unit.command).toEqual(["sh -c 'python3 train.py'"]);
    expect(unit.blocks?.find((b) => b.title.startsWith('DET_HPARAMS'))?.title).toBe('DET_HPARAMS (trial 2)');
    expect(launch!.lines).toEqual([
      { label: 'det', text: 'det experiment create g.yaml .' },
      { label: 'docker run', text: `docker run --rm -v "$PWD:/run/determined/workdir" -w /run/determined/workdir -e 'DET_HPARAMS={"layers":2,"lr":0.01,"opt":"adam"}' img:1 sh -c 'python3 train.py'` },
    ]);
    expect(launch!.errors).toEqual([]);
    expect(launch!.facts).toContainEqual({ label: 'Trials', value: '6 (2 × 3)' });
  });
  it('nested columns are dotted; a name with a dot is read by its path', () => {
    const { launch } = launchDetermined(parse('entrypoint: x\nsearcher: {name: grid}\nhyperparameters: {opt: {lr: {type: categorical, vals: [1, 2]}}, "a.b": {type: categorical, vals: [x, y]}}\n'), { id: 'search' });
    expect(launch!.table!.columns).toEqual(['#', 'a.b', 'opt.lr']);
    expect(launch!.table!.rows).toEqual([['1', 'y', '2'], ['2', 'y', '1'], ['3', 'x', '2'], ['4', 'x', '1']]);
  });
  it('the row is clamped; a range without count is an error', () => {
    expect(launchDetermined(parse(GRID), { id: 'search', row: 99 }).launch!.selected!.row).toBe(5);
    const bad = launchDetermined(parse('entrypoint: x\nsearcher: {name: grid}\nhyperparameters: {lr: {type: double, minval: 0, maxval: 1}}\n'), { id: 'search' }).launch!;
    expect(bad.count).toBe(0);
    expect(bad.errors).toEqual(['hyperparameter "lr": grid search is in use but count was not provided']);
    expect(bad.selected).toBeUndefined();
    expect(bad.lines.map((l) => l.label)).toEqual(['det']);
  });
});

describe('random', () => {
  it('sampled rows; no image gives a warning instead of the docker line', () => {
    const { launch } = launchDetermined(parse('entrypoint: x\nsearcher: {name: random, metric: m, max_trials: 4}\nhyperparameters: {lr: {type: double, minval: 0, maxval: 1}, k: 1}\n'), { id: 'search', row: 2 });
    expect(launch!.title).toBe('Random search: 4 trials');
    expect(launch!.table!.columns).toEqual(['#', 'lr']);
    expect(launch!.table!.rows).toHaveLength(4);
    expect(launch!.table!.sampled).toBe(true);
    expect(hparamsOf(launch!.selected!.unit.env).lr).toBe(Number(launch!.table!.rows[2][1]));
    expect(launch!.lines.map((l) => l.label)).toEqual(['det']);
    expect(launch!.warnings).toContainEqual(expect.stringMatching(/^docker run: no environment.image/));
  });
});

describe('adaptive_asha', () => {
  it('a row per rung, not selectable; the first trial in full', () => {
    const text = 'entrypoint: x\nenvironment: {image: i}\nsearcher: {name: adaptive_asha, metric: m, max_trials: 16, max_rungs: 5, divisor: 4, mode: standard, time_metric: batches, max_time: 1000}\nhyperparameters: {lr: {type: double, minval: 0, maxval: 1}}\n';
    const { launch } = launchDetermined(parse(text), { id: 'search', row: 5 });
    expect(launch!.title).toBe('Adaptive ASHA: 16 trials in 2 brackets');
    expect(launch!.count).toBe(16);
    expect(launch!.table).toEqual({
      columns: ['Bracket', 'Rung', 'Trials', 'Length per trial (batches)'],
      rows: [
        ['1', '1', '12', '62'],
        ['1', '2', '3', '250'],
        ['1', '3', '1', '1000'],
        ['2', '1', '4', '250'],
        ['2', '2', '1', '1000'],
      ],
      selectable: false,
    });
    expect(launch!.selected!.row).toBe(0);
    expect(launch!.facts).toContainEqual({ label: 'Total length', value: '3808 batches' });
    expect(launch!.lines.map((l) => l.label)).toEqual(['det', 'docker run']);
  });
  it('a removed searcher: the error, no trials', () => {
    const { launch } = launchDetermined(parse('entrypoint: x\nsearcher: {name: adaptive_simple, metric: m, max_trials: 4}\n'), { id: 'search' });
    expect(launch!.count).toBe(0);
    expect(launch!.errors[0]).toMatch(/has been removed/);
  });
});

describe('the corpus', () => {
  it('every example launches its search without errors', () => {
    for (const [path, text] of corpusFiles('determined').filter(([p]) => p.startsWith('determined/examples/'))) {
      const model = launchDetermined(parse(text), { id: 'search' });
      expect(model.choices, path).toHaveLength(1);
      expect(model.launch!.errors, path).toEqual([]);
      expect(model.launch!.count, path).toBeGreaterThan(0);
      expect(model.launch!.selected, path).toBeDefined();
    }
  });
});
