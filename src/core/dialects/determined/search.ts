/**
 * What a Determined searcher will start, as `det preview-search` answers it: how many trials,
 * each trial's hyperparameters (every grid point; samples for random and ASHA), and for the ASHA
 * searchers the brackets, their rungs, how many trials reach each rung and how long they train.
 *
 * The rules follow the master's own code (determined-ai/determined, master/pkg/searcher:
 * grid.go, adaptive_asha.go, asha_stopping.go, simulate.go, search_method.go); each rule and its
 * source is listed in docs/determined-search.md. Bad configs never throw: they come back as
 * `errors`.
 *
 * Usage: `planSearch(parsed.value, { seed: 0 })` → `{ searcher: 'grid', trials: 15, columns: ['lr', 'layers'], ... }`
 */
import { isMapping } from '../../guards';
import { sampleHparams } from './hparams';

export interface SearchRung {
  /** Trials that train up to this rung (the top rung: every trial that gets there). */
  trials: number;
  /** Training length a trial has reached at this rung, in the plan's unit. */
  length: number;
}

export interface SearchBracket {
  rungs: SearchRung[];
  /** Trials the bracket creates. */
  trials: number;
  /** Training length of all the bracket's trials together. */
  totalLength: number;
}

export interface SearchPlan {
  /** The searcher's name as written. */
  searcher: string;
  /** Trials the searcher creates. */
  trials: number;
  /** What lengths count: batches | records | epochs (max_length), the time_metric (max_time), 'units' for a bare number, '' when unknown. */
  unit: string;
  /** True when `hparams` are samples drawn here (Determined draws its own). */
  sampled: boolean;
  /** Hyperparameters that take more than one value (dotted names for nested ones), in the master's order. */
  columns: string[];
  /** Each column's path into `hparams` (a name may itself contain a dot). */
  columnPaths?: string[][];
  /** One entry per trial (at most `limit`), nesting kept, as the trial finds them in DET_HPARAMS. */
  hparams: Record<string, unknown>[];
  /** adaptive_asha / async_halving: the brackets, most early stopping first. */
  brackets?: SearchBracket[];
  /** Training length of every trial together, in `unit`, when known. */
  totalLength?: number;
  /** single / grid / random: the length each trial trains (max_length), when given. */
  lengthPerTrial?: number;
  facts: { label: string; value: string }[];
  errors: string[];
  notes: string[];
}

export const REMOVED_SEARCHERS = ['custom', 'adaptive', 'adaptive_simple', 'sync_halving'];
const SEARCHERS = ['single', 'random', 'grid', 'adaptive_asha', 'async_halving'];
const UNITS = ['batches', 'records', 'epochs'];
const DEFAULT_LIMIT = 10000;
const DEFAULT_DIVISOR = 4;
const DEFAULT_MAX_RUNGS = 5;
/** The schema's default for max_concurrent_trials (searcher-*.json), filled in before the searcher starts. */
const DEFAULT_MAX_CONCURRENT = 16;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// Go's float rules, so grid values come out bit for bit as the master computes them.

/** Go's math.Round: halves away from zero (Math.round takes -2.5 to -2; Go to -3). */
export function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** x = frac · 2^exp with |frac| in [0.5, 1) (Go's math.Frexp), for finite non-zero x. */
function frexp(x: number): [number, number] {
  let exp = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let frac = x * 2 ** -exp;
  // log2 can be off by one near powers of two: settle it exactly.
  while (Math.abs(frac) < 0.5) {
    frac *= 2;
    exp -= 1;
  }
  while (Math.abs(frac) >= 1) {
    frac /= 2;
    exp += 1;
  }
  return [frac, exp];
}

/** a · 2^e without overflowing the power on the way (Go's math.Ldexp for the ranges we meet). */
function ldexp(a: number, e: number): number {
  if (e > 1023) return a * 2 ** 1023 * 2 ** (e - 1023);
  if (e < -1022) return a * 2 ** -1022 * 2 ** (e + 1022);
  return a * 2 ** e;
}

/**
 * Go's math.Pow. V8's `**` differs from it in the last bit for plain cases a log grid meets
 * (10 ** -4 is 0.00009999999999999999 in V8, 0.0001 in Go), so the integer part of the exponent
 * is taken by squaring as Go does; a fractional part goes through exp/log as in Go.
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y) || x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return x ** y;
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 53) return x ** y;
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf -= 1;
      yi += 1;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe -= 1;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

// ---------------------------------------------------------------------------------------------
// Hyperparameters

/** One leaf of the space: a dotted name, the path into DET_HPARAMS and its definition. */
interface Leaf {
  name: string;
  path: string[];
  hp: unknown;
}

/** Go's sort.Strings order (bytes of UTF-8); for the names people write it is code-unit order. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The leaves in the master's order: top-level names sorted (HyperparametersV0.Each); a nested
 * group's members follow in place of the group. The master walks a nested group as a Go map
 * (random order); we sort it too so the order is stable.
 */
function leaves(hparams: Record<string, unknown>, prefix: string[] = []): Leaf[] {
  return Object.keys(hparams)
    .sort(byName)
    .flatMap((key) => {
      const hp = hparams[key];
      const path = [...prefix, key];
      if (isMapping(hp) && !('type' in hp)) return leaves(hp, path);
      return [{ name: path.join('.'), path, hp }];
    });
}

/** A grid axis (grid.go `grid`), or why there is none. */
function gridAxis(leaf: Leaf): { values?: unknown[]; error?: string } {
  const hp = leaf.hp;
  if (!isMapping(hp)) return { values: [hp] };
  const count = hp.count;
  const needCount = (): string | undefined => {
    if (count === undefined || count === null) return `hyperparameter "${leaf.name}": grid search is in use but count was not provided`;
    if (int(count) === undefined || (count as number) < 1) return `hyperparameter "${leaf.name}": count must be a whole number of at least 1`;
    return undefined;
  };
  switch (hp.type) {
    case 'const':
      return { values: [hp.val] };
    case 'categorical':
      return Array.isArray(hp.vals) && hp.vals.length > 0 ? { values: hp.vals } : { error: `hyperparameter "${leaf.name}": categorical needs a non-empty list "vals"` };
    case 'int': {
      const missing = needCount();
      if (missing) return { error: missing };
      const lo = int(hp.minval);
      const hi = int(hp.maxval);
      if (lo === undefined || hi === undefined || lo >= hi) return { error: `hyperparameter "${leaf.name}": int needs whole numbers minval < maxval` };
      // Never more values than integers in the range (grid.go clamps count).
      const n = Math.min(count as number, hi - lo + 1);
      if (n === 1) return { values: [goRound((lo + hi) / 2)] };
      return { values: Array.from({ length: n }, (_, i) => goRound(lo + (i * (hi - lo)) / (n - 1))) };
    }
    case 'double':
    case 'log': {
      const missing = needCount();
      if (missing) return { error: missing };
      const lo = num(hp.minval);
      const hi = num(hp.maxval);
      if (lo === undefined || hi === undefined || lo >= hi) return { error: `hyperparameter "${leaf.name}": ${hp.type} needs numbers minval < maxval` };
      const n = count as number;
      const points = n === 1 ? [(lo + hi) / 2] : Array.from({ length: n }, (_, i) => lo + (i * (hi - lo)) / (n - 1));
      if (hp.type === 'double') return { values: points };
      const base = num(hp.base) ?? 10;
      if (base <= 0) return { error: `hyperparameter "${leaf.name}": log needs base > 0` };
      return { values: points.map((p) => goPow(base, p)) };
    }
    default:
      return { error: `hyperparameter "${leaf.name}": unknown type ${JSON.stringify(hp.type)} (const, int, double, log or categorical)` };
  }
}

/** Whether a sampled hyperparameter takes more than one value. */
function varies(hp: unknown): boolean {
  if (!isMapping(hp)) return false;
  switch (hp.type) {
    case 'int':
    case 'double':
    case 'log':
      return num(hp.minval) !== undefined && num(hp.maxval) !== undefined && (hp.minval as number) < (hp.maxval as number);
    case 'categorical':
      return Array.isArray(hp.vals) && new Set(hp.vals.map((v) => JSON.stringify(v))).size > 1;
    default:
      return false;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isMapping(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** The value at a path of one trial's hyperparameters (see SearchPlan.columnPaths). */
export function hparamAt(hparams: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = hparams;
  for (const key of path) node = isMapping(node) ? node[key] : undefined;
  return node;
}

// ---------------------------------------------------------------------------------------------
// Lengths

interface Length {
  unit: string;
  units: number;
}

/** max_length: {batches|records|epochs: N} or a bare N. */
function maxLength(v: unknown): Length | undefined {
  if (int(v) !== undefined) return { unit: 'units', units: v as number };
  if (!isMapping(v)) return undefined;
  const keys = Object.keys(v).filter((k) => UNITS.includes(k));
  if (keys.length !== 1 || int(v[keys[0]]) === undefined) return undefined;
  return { unit: keys[0], units: v[keys[0]] as number };
}

/** AdaptiveASHAConfigV0.Length: time_metric + max_time, else the legacy max_length. */
function ashaLength(searcher: Record<string, unknown>): Length | undefined {
  if (typeof searcher.time_metric === 'string' && int(searcher.max_time) !== undefined) return { unit: searcher.time_metric, units: searcher.max_time as number };
  return maxLength(searcher.max_length);
}

// ---------------------------------------------------------------------------------------------
// ASHA

/** The bracket sizes for a mode (adaptive_asha.go conservativeMode / standardMode / aggressiveMode). */
function modeRungs(mode: string, maxRungs: number): number[] {
  const upTo = (from: number) => Array.from({ length: maxRungs - from + 1 }, (_, i) => from + i);
  if (mode === 'conservative') return upTo(1);
  if (mode === 'aggressive') return [maxRungs];
  return upTo(Math.trunc((maxRungs - 1) / 2) + 1);
}

/** Trials per bracket: weights divisor^(rungs-1)/rungs, at least 1 each, the remainder to the first (getBracketMaxTrials). */
function bracketTrials(maxTrials: number, divisor: number, rungs: number[]): number[] {
  const weights = rungs.map((r) => divisor ** (r - 1) / r);
  const total = weights.reduce((a, b) => a + b, 0);
  const trials = weights.map((w) => Math.max(Math.trunc((w / total) * maxTrials), 1));
  trials[0] += Math.max(maxTrials - trials.reduce((a, b) => a + b, 0), 0);
  return trials;
}

/** Concurrent trials per bracket (getBracketMaxConcurrentTrials). */
function bracketConcurrency(maxConcurrent: number, divisor: number, trials: number[]): number[] {
  const n = trials.length;
  if (maxConcurrent === 0) return trials.map(() => Math.max(trials[n - 1], Math.trunc(divisor)));
  const spread = Math.max(maxConcurrent, n);
  return trials.map((_, i) => Math.trunc(spread / n) + (i < spread % n ? 1 : 0));
}

/**
 * One bracket's rungs: lengths from makeRungs (max length / divisor^(rungs-1-i), truncated, at
 * least 1) and trials per rung as simulate.go counts them (max(trials/divisor, 1) go on).
 */
function bracketOf(numRungs: number, trials: number, divisor: number, units: number): SearchBracket {
  const rungs: SearchRung[] = [];
  let reaching = trials;
  let totalLength = 0;
  for (let i = 0; i < numRungs; i++) {
    const length = Math.max(Math.trunc(units / divisor ** (numRungs - i - 1)), 1);
    const goOn = i === numRungs - 1 ? 0 : Math.max(Math.trunc(reaching / divisor), 1);
    rungs.push({ trials: reaching, length });
    totalLength += (reaching - goOn) * length;
    reaching = goOn;
  }
  return { rungs, trials, totalLength };
}

// ---------------------------------------------------------------------------------------------

function emptyPlan(searcher: string, errors: string[]): SearchPlan {
  return { searcher, trials: 0, unit: '', sampled: false, columns: [], hparams: [], facts: [{ label: 'Searcher', value: searcher || 'not set' }], errors, notes: [] };
}

/** The plan of a searcher for an experiment config (the plain value). Never throws. */
export function planSearch(config: unknown, options: { seed?: number; limit?: number } = {}): SearchPlan {
  const seed = options.seed ?? 0;
  const limit = Math.max(0, Math.trunc(options.limit ?? DEFAULT_LIMIT));
  if (!isMapping(config)) return emptyPlan('', ['the experiment config is not a mapping']);
  const searcher = config.searcher;
  if (!isMapping(searcher)) return emptyPlan('', ["the experiment config has no 'searcher' section"]);
  const name = typeof searcher.name === 'string' ? searcher.name : '';
  if (name === '') return emptyPlan('', ['the searcher has no name (single, random, grid, adaptive_asha or async_halving)']);
  if (REMOVED_SEARCHERS.includes(name)) return emptyPlan(name, [`the "${name}" searcher has been removed and is not accepted for new experiments — use adaptive_asha, random, grid or single`]);
  if (!SEARCHERS.includes(name)) return emptyPlan(name, [`unknown searcher "${name}" (single, random, grid, adaptive_asha or async_halving)`]);

  const space = isMapping(config.hyperparameters) ? config.hyperparameters : {};
  const all = leaves(space);
  const errors: string[] = [];
  const notes: string[] = [];
  const facts: { label: string; value: string }[] = [{ label: 'Searcher', value: name }];
  if (typeof searcher.metric === 'string') {
    facts.push({ label: 'Metric', value: `${searcher.metric} (${searcher.smaller_is_better === false ? 'larger' : 'smaller'} is better)` });
  }
  const maxConcurrent = int(searcher.max_concurrent_trials) ?? DEFAULT_MAX_CONCURRENT;
  const samples = (n: number) => Array.from({ length: Math.min(n, limit) }, (_, i) => sampleHparams(space, seed + i));
  const sampledColumns = all.filter((l) => varies(l.hp)).map((l) => l.name);
  const pathOf = new Map(all.map((l) => [l.name, l.path]));
  const plan = (p: Omit<SearchPlan, 'searcher' | 'facts' | 'errors' | 'notes'>): SearchPlan => ({ searcher: name, ...p, columnPaths: p.columns.map((c) => pathOf.get(c)!), facts, errors, notes });

  if (name === 'single' || name === 'grid' || name === 'random') {
    const length = maxLength(searcher.max_length);
    const lengthFacts = (trials: number) => {
      if (length) {
        facts.push({ label: 'Length per trial', value: `${length.units} ${length.unit}` });
        facts.push({ label: 'Total length', value: `${length.units * trials} ${length.unit}` });
      } else notes.push('no max_length: each trial trains as long as its code decides (max_length is deprecated)');
    };
    const withLength = { unit: length?.unit ?? '', lengthPerTrial: length?.units };

    if (name === 'single') {
      facts.push({ label: 'Trials', value: '1' });
      lengthFacts(1);
      return plan({ trials: 1, ...withLength, totalLength: length?.units, sampled: sampledColumns.length > 0, columns: sampledColumns, hparams: samples(1) });
    }

    if (name === 'random') {
      const maxTrials = int(searcher.max_trials);
      if (maxTrials === undefined || maxTrials < 1) {
        errors.push('the random searcher needs "max_trials" (a whole number of at least 1)');
        return plan({ trials: 0, ...withLength, sampled: true, columns: sampledColumns, hparams: [] });
      }
      facts.push({ label: 'Trials', value: String(maxTrials) }, { label: 'Max concurrent trials', value: maxConcurrent === 0 ? 'no limit' : String(maxConcurrent) });
      lengthFacts(maxTrials);
      if (sampledColumns.length > 0) notes.push('the hyperparameters are samples drawn here: Determined draws its own for each trial');
      if (maxTrials > limit) notes.push(`showing the first ${limit} of ${maxTrials} trials`);
      return plan({ trials: maxTrials, ...withLength, totalLength: length ? length.units * maxTrials : undefined, sampled: true, columns: sampledColumns, hparams: samples(maxTrials) });
    }

    // grid
    const axes = all.map((leaf) => ({ leaf, ...gridAxis(leaf) }));
    for (const a of axes) if (a.error) errors.push(a.error);
    if (errors.length > 0) return plan({ trials: 0, ...withLength, sampled: false, columns: [], hparams: [] });
    const sizes = axes.map((a) => a.values!.length);
    // cartesianProduct of no axes is empty: a grid without hyperparameters creates no trial.
    const total = axes.length === 0 ? 0 : sizes.reduce((a, b) => a * b, 1);
    if (axes.length === 0) notes.push('a grid without hyperparameters creates no trials (the master\'s grid of an empty space is empty)');
    const hparams: Record<string, unknown>[] = [];
    // The master pops trials off the end of its list: trial k is grid point total-1-k, the first
    // axis changing slowest.
    for (let k = 0; k < Math.min(total, limit); k++) {
      let index = total - 1 - k;
      const point: Record<string, unknown> = {};
      for (let a = axes.length - 1; a >= 0; a--) {
        setPath(point, axes[a].leaf.path, axes[a].values![index % sizes[a]]);
        index = Math.floor(index / sizes[a]);
      }
      // Keep the space's own key order (sorted) in what the trial sees.
      hparams.push(reorder(point, axes.map((a) => a.leaf.path)));
    }
    const columns = axes.filter((a) => a.values!.length > 1).map((a) => a.leaf.name);
    facts.push({ label: 'Trials', value: `${total}${columns.length > 0 ? ` (${axes.filter((a) => a.values!.length > 1).map((a) => a.values!.length).join(' × ')})` : ''}` });
    facts.push({ label: 'Max concurrent trials', value: maxConcurrent === 0 ? 'no limit' : String(maxConcurrent) });
    lengthFacts(total);
    if (total > 1) notes.push('trials are listed in the order the master creates them: from the last grid point back to the first');
    if (total > limit) notes.push(`showing the first ${limit} of ${total} trials`);
    return plan({ trials: total, ...withLength, totalLength: length ? length.units * total : undefined, sampled: false, columns, hparams });
  }

  // adaptive_asha / async_halving
  const maxTrials = int(searcher.max_trials);
  if (maxTrials === undefined || maxTrials < 1) errors.push(`the ${name} searcher needs "max_trials" (a whole number of at least 1)`);
  const divisor = searcher.divisor === undefined || searcher.divisor === null ? DEFAULT_DIVISOR : num(searcher.divisor);
  if (divisor === undefined || divisor <= 1) errors.push('divisor must be a number greater than 1');
  const length = ashaLength(searcher);
  if (!length) errors.push(`the ${name} searcher needs "time_metric" and "max_time" (or the deprecated max_length) to size its rungs`);
  else if (length.units < 1) errors.push(`the training budget (${length.units} ${length.unit}) must be at least 1`);
  if (!length && maxLength(searcher.max_length) === undefined && searcher.max_length !== undefined) errors.push('max_length must be {batches|records|epochs: N}');

  let rungsPerBracket: number[] = [];
  if (name === 'adaptive_asha') {
    const mode = searcher.mode === undefined || searcher.mode === null ? 'standard' : String(searcher.mode);
    if (!['standard', 'aggressive', 'conservative'].includes(mode)) errors.push(`mode must be aggressive, standard or conservative, not "${mode}"`);
    const given = Array.isArray(searcher.bracket_rungs) ? searcher.bracket_rungs : [];
    if (given.some((r) => int(r) === undefined || (r as number) < 1)) errors.push('bracket_rungs must be whole numbers of at least 1');
    const maxRungsSetting = searcher.max_rungs === undefined || searcher.max_rungs === null ? DEFAULT_MAX_RUNGS : int(searcher.max_rungs);
    if (given.length === 0 && (maxRungsSetting === undefined || maxRungsSetting < 1)) errors.push('max_rungs must be a whole number of at least 1');
    if (errors.length === 0) {
      if (given.length > 0) rungsPerBracket = given as number[];
      else {
        // Never more rungs than the budget or the trial count can feed (int() truncates in Go).
        const maxRungs = Math.min(maxRungsSetting!, Math.trunc(Math.log(length!.units) / Math.log(divisor!)) + 1, Math.trunc(Math.log(maxTrials!) / Math.log(divisor!)) + 1);
        rungsPerBracket = modeRungs(mode, maxRungs);
        facts.push({ label: 'Mode', value: `${mode} (max_rungs ${maxRungsSetting}, used ${maxRungs})` });
      }
    }
  } else {
    const numRungs = int(searcher.num_rungs);
    if (numRungs === undefined || numRungs < 1) errors.push('the async_halving searcher needs "num_rungs" (a whole number of at least 1)');
    else rungsPerBracket = [numRungs];
    notes.push('det preview-search does not simulate async_halving (the master answers "invalid searcher configuration"); this plan uses the same rung rules as its adaptive_asha brackets');
  }
  if (errors.length > 0) return plan({ trials: 0, unit: length?.unit ?? '', sampled: true, columns: sampledColumns, hparams: [] });

  // Brackets that stop more trials early come first.
  rungsPerBracket = [...rungsPerBracket].sort((a, b) => b - a);
  const perBracket = name === 'adaptive_asha' ? bracketTrials(maxTrials!, divisor!, rungsPerBracket) : [maxTrials!];
  const concurrency = name === 'adaptive_asha' ? bracketConcurrency(maxConcurrent, divisor!, perBracket) : [maxConcurrent > 0 ? Math.min(maxConcurrent, maxTrials!) : Math.min(Math.max(Math.trunc(divisor! ** (rungsPerBracket[0] - 1)), 1), maxTrials!)];
  const brackets = rungsPerBracket.map((r, i) => bracketOf(r, perBracket[i], divisor!, length!.units));
  const trials = brackets.reduce((a, b) => a + b.trials, 0);
  const totalLength = brackets.reduce((a, b) => a + b.totalLength, 0);
  facts.push({ label: 'Trials', value: `${trials}${brackets.length > 1 ? ` (${perBracket.join(' + ')})` : ''}` });
  if (name === 'adaptive_asha') facts.push({ label: 'Brackets', value: `${brackets.length} (${rungsPerBracket.map((r) => plural(r, 'rung')).join(', ')})` });
  else facts.push({ label: 'Rungs', value: String(rungsPerBracket[0]) });
  facts.push({ label: 'Divisor', value: String(divisor) });
  facts.push({ label: 'Max length', value: `${length!.units} ${length!.unit}` });
  facts.push({ label: 'Total length', value: `${totalLength} ${length!.unit}` });
  facts.push({ label: 'Concurrent trials', value: concurrency.join(' + ') });
  if (trials > maxTrials!) notes.push(`every bracket gets at least one trial, so ${trials} trials start although max_trials is ${maxTrials}`);
  notes.push('which trials go on to the next rung depends on their metrics; the counts are what the master plans');
  if (sampledColumns.length > 0) notes.push('the hyperparameters are samples drawn here: Determined draws its own for each trial');
  if (trials > limit) notes.push(`showing the first ${limit} of ${trials} trials`);
  return plan({ trials, unit: length!.unit, sampled: true, columns: sampledColumns, hparams: samples(trials), brackets, totalLength });
}

/** A copy of a grid point whose keys follow the leaves' (sorted) order at every level. */
function reorder(point: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) setPath(out, path, hparamAt(point, path));
  return out;
}
