/** planSearch: grid points, samples and ASHA brackets, each checked against values derived by hand from the master's code. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { corpusFiles } from '../../schema/corpusFiles';
import { isMapping } from '../../guards';
import { gridSize } from './hparams';
import { determined } from './index';
import { goPow, goRound, planSearch } from './search';

const grid = (hyperparameters: unknown, searcher: Record<string, unknown> = {}) => planSearch({ searcher: { name: 'grid', metric: 'loss', ...searcher }, hyperparameters });

describe('grid', () => {
  it('3 × 5 = 15 trials with exactly these values, in the order the master creates them', () => {
    const plan = grid({
      optimizer: { type: 'categorical', vals: ['adam', 'sgd', 'rmsprop'] },
      dropout: { type: 'double', minval: 0, maxval: 0.4, count: 5 },
      batch: 64,
    });
    expect(plan.errors).toEqual([]);
    expect(plan.trials).toBe(15);
    // Sorted names (HyperparametersV0.Each): batch, dropout, optimizer; only the varying ones are columns.
    expect(plan.columns).toEqual(['dropout', 'optimizer']);
    expect(plan.sampled).toBe(false);
    // dropout: 0 + i·0.4/4 in float64 (i = 3 gives 1.2000000000000002/4).
    const dropout = [0, 0.1, 0.2, 0.30000000000000004, 0.4];
    const optimizer = ['adam', 'sgd', 'rmsprop'];
    // Product order: the first axis (batch, one value) slowest, then dropout, optimizer fastest;
    // the master pops from the end, so trial 0 is the last point.
    const product = dropout.flatMap((d) => optimizer.map((o) => ({ batch: 64, dropout: d, optimizer: o })));
    expect(plan.hparams).toEqual([...product].reverse());
    expect(plan.hparams[0]).toEqual({ batch: 64, dropout: 0.4, optimizer: 'rmsprop' });
    expect(Object.keys(plan.hparams[0])).toEqual(['batch', 'dropout', 'optimizer']);
    expect(plan.facts).toContainEqual({ label: 'Trials', value: '15 (5 × 3)' });
  });

  it('int values are rounded as Go rounds (halves away from zero), count clamped to the range', () => {
    const values = (hp: object) => grid({ n: hp }).hparams.map((h) => h.n).reverse();
    // 0 + i·10/3 → 0, 3.33, 6.67, 10
    expect(values({ type: 'int', minval: 0, maxval: 10, count: 4 })).toEqual([0, 3, 7, 10]);
    // count 20 over 1..3 is clamped to 3
    expect(values({ type: 'int', minval: 1, maxval: 3, count: 20 })).toEqual([1, 2, 3]);
    // count 1: the middle, round(2.5) = 3
    expect(values({ type: 'int', minval: 1, maxval: 4, count: 1 })).toEqual([3]);
    // negative halves go away from zero: round(-2.5) = -3 (Math.round would give -2)
    expect(values({ type: 'int', minval: -4, maxval: -1, count: 1 })).toEqual([-3]);
    expect(values({ type: 'int', minval: -5, maxval: 0, count: 3 })).toEqual([-5, -3, 0]);
    expect(goRound(-2.5)).toBe(-3);
    expect(goRound(2.5)).toBe(3);
    expect(goRound(-2.4)).toBe(-2);
  });

  it('log values are base ** linspace, computed as Go computes them', () => {
    const values = (hp: object) => grid({ lr: hp }).hparams.map((h) => h.lr).reverse();
    expect(values({ type: 'log', base: 10, minval: -4, maxval: -2, count: 3 })).toEqual([0.0001, 0.001, 0.01]);
    expect(values({ type: 'log', base: 2, minval: 0, maxval: 3, count: 4 })).toEqual([1, 2, 4, 8]);
    // V8's 10 ** -4 is 0.00009999999999999999; Go's math.Pow (and goPow) give 0.0001.
    expect(goPow(10, -4)).toBe(0.0001);
    const half = values({ type: 'log', base: 10, minval: -3, maxval: -1, count: 5 });
    // A fractional exponent goes through exp(yf·ln x) as in Go; Go's Exp/Log were not run here, so only closeness is checked.
    expect(Math.abs((half[1] as number) / 10 ** -2.5 - 1)).toBeLessThan(1e-15);
    expect(half[0]).toBe(0.001);
    expect(values({ type: 'log', base: 10, minval: -3, maxval: -1, count: 1 })).toEqual([0.01]);
  });

  it('nested hyperparameters are flattened to dotted columns and kept nested in each trial', () => {
    const plan = grid({ opt: { lr: { type: 'categorical', vals: [1, 2] }, name: 'adam' }, a: { type: 'const', val: 'x' } });
    expect(plan.trials).toBe(2);
    expect(plan.columns).toEqual(['opt.lr']);
    expect(plan.hparams).toEqual([{ a: 'x', opt: { lr: 2, name: 'adam' } }, { a: 'x', opt: { lr: 1, name: 'adam' } }]);
  });

  it('a range without count, or a bad type, is an error; no hyperparameters make no trials', () => {
    expect(grid({ lr: { type: 'double', minval: 0, maxval: 1 } }).errors).toEqual(['hyperparameter "lr": grid search is in use but count was not provided']);
    expect(grid({ lr: { type: 'gauss' } }).errors[0]).toMatch(/unknown type "gauss"/);
    const empty = grid({});
    expect(empty.trials).toBe(0);
    expect(empty.errors).toEqual([]);
    expect(empty.notes[0]).toMatch(/no trials/);
  });

  it('max_length gives the length per trial and the total', () => {
    const plan = grid({ a: { type: 'categorical', vals: [1, 2, 3] } }, { max_length: { batches: 100 } });
    expect(plan).toMatchObject({ unit: 'batches', lengthPerTrial: 100, totalLength: 300 });
  });

  it('lists at most `limit` trials but counts them all', () => {
    const plan = planSearch({ searcher: { name: 'grid' }, hyperparameters: { a: { type: 'int', minval: 0, maxval: 999, count: 1000 }, b: { type: 'int', minval: 0, maxval: 999, count: 1000 } } }, { limit: 5 });
    expect(plan.trials).toBe(1_000_000);
    expect(plan.hparams).toEqual([
      { a: 999, b: 999 },
      { a: 999, b: 998 },
      { a: 999, b: 997 },
      { a: 999, b: 996 },
      { a: 999, b: 995 },
    ]);
  });

  it('property: trials = the product of every axis size, every point distinct, as gridSize counts', () => {
    const axis = fc.oneof(
      fc.record({ type: fc.constant('int'), minval: fc.integer({ min: -50, max: 50 }), span: fc.integer({ min: 1, max: 30 }), count: fc.integer({ min: 1, max: 8 }) }).map(({ span, ...r }) => ({ ...r, maxval: r.minval + span })),
      fc.record({ type: fc.constant('double'), minval: fc.integer({ min: -5, max: 0 }), maxval: fc.integer({ min: 1, max: 5 }), count: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ type: fc.constant('log'), base: fc.constantFrom(2, 10), minval: fc.integer({ min: -6, max: -1 }), maxval: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 1, max: 4 }) }),
      fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 4 }).map((vals) => ({ type: 'categorical', vals })),
      fc.constant({ type: 'const', val: 1 }),
    );
    const size = (hp: Record<string, unknown>): number => {
      if (hp.type === 'int') return Math.min(hp.count as number, (hp.maxval as number) - (hp.minval as number) + 1);
      if (hp.type === 'categorical') return (hp.vals as unknown[]).length;
      if (hp.type === 'const') return 1;
      return hp.count as number;
    };
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), axis, { minKeys: 1, maxKeys: 4 }), (space) => {
        const plan = grid(space);
        const product = Object.values(space).reduce((n, hp) => n * size(hp as Record<string, unknown>), 1);
        expect(plan.errors).toEqual([]);
        expect(plan.trials).toBe(product);
        expect(plan.trials).toBe(gridSize(space));
        expect(plan.hparams.length).toBe(product);
        expect(new Set(plan.hparams.map((h) => JSON.stringify(h))).size).toBe(product);
      }),
      { numRuns: 200 },
    );
  });
});

describe('random and single', () => {
  const space = { lr: { type: 'log', base: 10, minval: -4, maxval: -1 }, layers: { type: 'int', minval: 1, maxval: 4 }, act: { type: 'categorical', vals: ['relu', 'gelu'] }, k: 3 };
  it('random: max_trials samples within bounds, deterministic for a seed', () => {
    const plan = planSearch({ searcher: { name: 'random', metric: 'loss', max_trials: 8, max_length: { epochs: 2 } }, hyperparameters: space }, { seed: 7 });
    expect(plan).toMatchObject({ trials: 8, sampled: true, unit: 'epochs', lengthPerTrial: 2, totalLength: 16, errors: [] });
    expect(plan.columns).toEqual(['act', 'layers', 'lr']);
    expect(plan.hparams).toHaveLength(8);
    for (const h of plan.hparams) {
      expect((h.lr as number) >= 1e-4 && (h.lr as number) <= 1e-1).toBe(true);
      expect([1, 2, 3, 4]).toContain(h.layers);
      expect(['relu', 'gelu']).toContain(h.act);
      expect(h.k).toBe(3);
    }
    expect(planSearch({ searcher: { name: 'random', max_trials: 8 }, hyperparameters: space }, { seed: 7 }).hparams).toEqual(plan.hparams);
    expect(planSearch({ searcher: { name: 'random', max_trials: 8 }, hyperparameters: space }, { seed: 8 }).hparams).not.toEqual(plan.hparams);
    expect(new Set(plan.hparams.map((h) => h.lr)).size).toBe(8);
  });
  it('random without max_trials is an error', () => {
    expect(planSearch({ searcher: { name: 'random' }, hyperparameters: space }).errors).toEqual(['the random searcher needs "max_trials" (a whole number of at least 1)']);
  });
  it('single: one trial', () => {
    const plan = planSearch({ searcher: { name: 'single', metric: 'x', max_length: { batches: 937 } }, hyperparameters: { lr: 0.1 } });
    expect(plan).toMatchObject({ trials: 1, hparams: [{ lr: 0.1 }], columns: [], sampled: false, lengthPerTrial: 937, unit: 'batches' });
  });
});

describe('adaptive_asha', () => {
  const asha = (searcher: Record<string, unknown>) => planSearch({ searcher: { name: 'adaptive_asha', metric: 'loss', ...searcher }, hyperparameters: { lr: { type: 'double', minval: 0, maxval: 1 } } });

  it('max_trials 16, max_rungs 5, divisor 4, standard, 1000 batches: two brackets as the master plans them', () => {
    /*
     * adaptive_asha.go makeBrackets:
     *   maxRungs = min(5, int(ln 1000 / ln 4) + 1 = int(4.98) + 1 = 5, int(ln 16 / ln 4) + 1 = 2 + 1 = 3) = 3
     *   standardMode(3): rungs from (3-1)/2 + 1 = 2 to 3 → [2, 3], sorted descending → [3, 2]
     * getBracketMaxTrials: weight = 4^(r-1)/r → 16/3 = 5.333 and 4/2 = 2, total 7.333
     *   int(5.333/7.333·16) = int(11.64) = 11, int(2/7.333·16) = int(4.36) = 4; 16 - 15 = 1 more to
     *   the first → [12, 4]
     * asha_stopping.go makeRungs: length_i = int(1000 / 4^(rungs-1-i)), at least 1
     *   3 rungs: 1000/16 = 62.5 → 62, 1000/4 = 250, 1000;  2 rungs: 250, 1000
     * simulate.go: max(int(n/4), 1) of a rung's n trials go on:
     *   bracket 1: 12 → 3 → 1; stopped 9 at 62, 2 at 250, 1 at 1000: 558 + 500 + 1000 = 2058
     *   bracket 2: 4 → 1; stopped 3 at 250, 1 at 1000: 750 + 1000 = 1750
     *   total 3808 batches
     */
    const plan = asha({ max_trials: 16, max_rungs: 5, divisor: 4, mode: 'standard', max_length: { batches: 1000 } });
    expect(plan.errors).toEqual([]);
    expect(plan.trials).toBe(16);
    expect(plan.unit).toBe('batches');
    expect(plan.brackets).toEqual([
      { rungs: [{ trials: 12, length: 62 }, { trials: 3, length: 250 }, { trials: 1, length: 1000 }], trials: 12, totalLength: 2058 },
      { rungs: [{ trials: 4, length: 250 }, { trials: 1, length: 1000 }], trials: 4, totalLength: 1750 },
    ]);
    expect(plan.totalLength).toBe(3808);
    expect(plan.sampled).toBe(true);
    expect(plan.hparams).toHaveLength(16);
    expect(plan.columns).toEqual(['lr']);
    // max_concurrent_trials defaults to 16: 16/2 each (getBracketMaxConcurrentTrials)
    expect(plan.facts).toContainEqual({ label: 'Concurrent trials', value: '8 + 8' });
  });

  it('conservative: one bracket per rung count, remainder to the first', () => {
    /*
     * maxRungs 3 as above; conservativeMode(3) = [1, 2, 3] → [3, 2, 1]
     * weights 16/3, 2, 1 (total 8.333): int(10.24) = 10, int(3.84) = 3, int(1.92) = 1; +2 → [12, 3, 1]
     * bracket 3 rungs: 2058 as above; 2 rungs: 3 → 1, 2·250 + 1000 = 1500; 1 rung: 1 trial, 1000
     */
    const plan = asha({ max_trials: 16, mode: 'conservative', max_length: { batches: 1000 } });
    expect(plan.brackets!.map((b) => [b.trials, b.rungs.map((r) => [r.trials, r.length]), b.totalLength])).toEqual([
      [12, [[12, 62], [3, 250], [1, 1000]], 2058],
      [3, [[3, 250], [1, 1000]], 1500],
      [1, [[1, 1000]], 1000],
    ]);
    expect(plan.totalLength).toBe(4558);
  });

  it('aggressive with time_metric and max_time: the unit is the time metric', () => {
    /*
     * maxRungs = min(5, int(ln 6400 / ln 4) + 1 = 7, int(ln 100 / ln 4) + 1 = int(3.32) + 1 = 4) = 4 → [4]
     * lengths 6400/64 = 100, 6400/16 = 400, 6400/4 = 1600, 6400; trials 100 → 25 → 6 → 1
     * stopped 75·100 + 19·400 + 5·1600 + 1·6400 = 7500 + 7600 + 8000 + 6400 = 29500
     */
    const plan = asha({ max_trials: 100, mode: 'aggressive', time_metric: 'samples', max_time: 6400 });
    expect(plan.unit).toBe('samples');
    expect(plan.brackets).toEqual([{ rungs: [{ trials: 100, length: 100 }, { trials: 25, length: 400 }, { trials: 6, length: 1600 }, { trials: 1, length: 6400 }], trials: 100, totalLength: 29500 }]);
    expect(plan.totalLength).toBe(29500);
  });

  it('bracket_rungs are used as given (largest first)', () => {
    const plan = asha({ max_trials: 10, bracket_rungs: [1, 2], divisor: 2, time_metric: 'batches', max_time: 8 });
    // weights 2/2 = 1 and 1/1 = 1: 5 + 5
    expect(plan.brackets).toEqual([
      { rungs: [{ trials: 5, length: 4 }, { trials: 2, length: 8 }], trials: 5, totalLength: 3 * 4 + 2 * 8 },
      { rungs: [{ trials: 5, length: 8 }], trials: 5, totalLength: 40 },
    ]);
  });

  it('without a budget or max_trials: errors, no trials', () => {
    const plan = asha({});
    expect(plan.trials).toBe(0);
    expect(plan.errors).toEqual(['the adaptive_asha searcher needs "max_trials" (a whole number of at least 1)', 'the adaptive_asha searcher needs "time_metric" and "max_time" (or the deprecated max_length) to size its rungs']);
  });
});

describe('async_halving', () => {
  it('one bracket of num_rungs rungs', () => {
    /*
     * lengths 900/9 = 100, 900/3 = 300, 900; trials 20 → int(20/3) = 6 → int(6/3) = 2
     * stopped 14·100 + 4·300 + 2·900 = 1400 + 1200 + 1800 = 4400
     */
    const plan = planSearch({ searcher: { name: 'async_halving', metric: 'loss', num_rungs: 3, max_trials: 20, divisor: 3, time_metric: 'batches', max_time: 900 } });
    expect(plan.errors).toEqual([]);
    expect(plan.trials).toBe(20);
    expect(plan.brackets).toEqual([{ rungs: [{ trials: 20, length: 100 }, { trials: 6, length: 300 }, { trials: 2, length: 900 }], trials: 20, totalLength: 4400 }]);
    expect(plan.notes[0]).toMatch(/det preview-search does not simulate async_halving/);
    expect(planSearch({ searcher: { name: 'async_halving', max_trials: 2, max_time: 9, time_metric: 'b' } }).errors).toEqual(['the async_halving searcher needs "num_rungs" (a whole number of at least 1)']);
  });
});

describe('bad configs never throw', () => {
  it('removed and unknown searchers, missing sections', () => {
    expect(planSearch({ searcher: { name: 'adaptive_simple', max_trials: 4 } }).errors).toEqual(['the "adaptive_simple" searcher has been removed and is not accepted for new experiments — use adaptive_asha, random, grid or single']);
    for (const name of ['custom', 'adaptive', 'sync_halving']) expect(planSearch({ searcher: { name } }).errors[0]).toMatch(/has been removed/);
    expect(planSearch({ searcher: { name: 'bayes' } }).errors[0]).toMatch(/unknown searcher "bayes"/);
    expect(planSearch({}).errors).toEqual(["the experiment config has no 'searcher' section"]);
    expect(planSearch(null).errors).toEqual(['the experiment config is not a mapping']);
    expect(planSearch({ searcher: { name: 'adaptive_asha', max_trials: 'x', divisor: 1, mode: 'wild', max_length: { parsecs: 3 } }, hyperparameters: [1] }).errors.length).toBeGreaterThan(0);
  });
  it('property: any value plans without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('single', 'random', 'grid', 'adaptive_asha', 'async_halving'), fc.jsonValue(), (hparams, name, extra) => {
        const searcher = isMapping(extra) ? { ...extra, name } : { name, max_trials: 3 };
        const plan = planSearch({ searcher, hyperparameters: hparams }, { limit: 50 });
        expect(plan.hparams.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the real corpus', () => {
  const files = corpusFiles('determined').filter(([path]) => path.startsWith('determined/examples/'));
  it('has the examples', () => expect(files.length).toBe(26));
  for (const [path, text] of files) {
    it(`${path} plans`, () => {
      const value = parseText(text, determined.yaml).value as Record<string, unknown>;
      const plan = planSearch(value);
      const searcher = value.searcher as Record<string, unknown>;
      expect(plan.searcher).toBe(searcher.name);
      expect(plan.errors).toEqual([]);
      if (searcher.name === 'grid') expect(plan.trials).toBe(gridSize(value.hyperparameters));
      if (searcher.name === 'single') expect(plan.trials).toBe(1);
      if (searcher.name === 'random' || searcher.name === 'adaptive_asha') expect(plan.trials).toBeGreaterThanOrEqual(searcher.max_trials as number);
    });
  }
});
