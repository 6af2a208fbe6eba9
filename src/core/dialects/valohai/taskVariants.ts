/**
 * A task's variant parameters (`style` + `rules`) read into axes: each a size and a value at an
 * index, so nothing is built until asked for. `single`, `multiple`, `linear`, `logspace` and
 * `random`, as docs/valohai-tasks.md says, with the platform's meaning for invalid rules.
 *
 * Usage: `readAxis(reader, path, variantMapping, name)` (see tasks.ts)
 */
import type { Path } from '../../contracts/path';
import { isMapping } from '../../guards';
import type { Obj } from './context';
import { pyFloatRepr, pyRepr, pyStr, pyTruthy, type PyValue } from './python/values';
import { seededRandom } from '../../random';

export type TaskType = 'grid_search' | 'random_search' | 'manual_search' | 'bayesian_tpe' | 'distributed';

export interface TaskProblem {
  path: Path;
  message: string;
}

export const TASK_TYPES: readonly TaskType[] = ['bayesian_tpe', 'grid_search', 'distributed', 'random_search', 'manual_search'];
export const VARIANT_STYLES = ['single', 'multiple', 'linear', 'logspace', 'random'] as const;

// ---- small helpers -------------------------------------------------------------------------

/** A stable number for a text, so a preview without a seed draws the same samples each time. */
export function hashText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function num(v: PyValue): number | undefined {
  return (v.t === 'int' || v.t === 'float') && Number.isFinite(v.v) ? v.v : undefined;
}

/** A whole number as Python would have it (an int, or a float like 4.0 that counts as one). */
export function wholeNumber(v: PyValue): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

export const py = (n: number, asInt: boolean): PyValue => (asInt ? { t: 'int', v: n } : { t: 'float', v: n });
export const repr = (v: PyValue): string => pyRepr(v);
const numText = (n: number, asInt = Number.isInteger(n)): string => (asInt ? String(n) : pyFloatRepr(n));
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** `x ** y` with Python's float result for the common exact cases (10 ** -3 is 0.001, not 0.0010000000000000002). */
function power(base: number, x: number): number {
  if (Number.isInteger(x) && x < 0 && Number.isInteger(base) && base !== 0) {
    const positive = base ** -x;
    if (Number.isSafeInteger(positive)) return 1 / positive;
  }
  return base ** x;
}

/** How many values `start, start+step, ...` take up to and including `end`, forgiving float noise. */
function linearSize(start: number, end: number, step: number): number {
  const q = (end - start) / step;
  if (Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step)) return Math.floor(q) + 1;
  // (0.3 - 0) / 0.1 is 2.9999999999999996: a few units in the last place still reach `end`.
  return Math.floor(q + 1e-9 + Math.abs(q) * 1e-14) + 1;
}

// ---- variants ------------------------------------------------------------------------------

/** A variant as values at indices: nothing is built until asked for. */
export interface Axis {
  name: string;
  style: string;
  path: Path;
  size: number;
  at: (i: number) => PyValue;
  description: string;
  /** Random style: draws a fresh value (random search), and the rules' own count when given. */
  draw?: () => PyValue;
  randomCount?: number;
}

export interface Reader {
  task: string;
  type: TaskType;
  /** The Python value at a path under the task. */
  py: (path: Path) => PyValue;
  errors: TaskProblem[];
  warnings: TaskProblem[];
  facts: { label: string; value: string }[];
  /** Random variants' seeds, in order (undefined: none written). */
  seeds: { name: string; seed: number | undefined }[];
}

export function readAxis(r: Reader, path: Path, data: Obj, name: string): Axis {
  const rulesPath = [...path, 'rules'];
  const rule = (key: string) => r.py([...rulesPath, key]);
  const has = (key: string) => rule(key).t !== 'none';
  const where = (key: string): Path => (has(key) ? [...rulesPath, key] : isMapping(data.rules) ? rulesPath : path);
  const prefix = `Task "${r.task}", parameter "${name}": `;
  const invalid = (style: string, at: Path, message: string): Axis => {
    r.errors.push({ path: at, message: prefix + message });
    return { name, style, path, size: 0, at: () => ({ t: 'none' }), description: `${style} (invalid)` };
  };

  // `VariantParameterStyle.cast`: unset means single, otherwise lower-cased and one of five.
  const rawStyle = r.py([...path, 'style']);
  const style = pyTruthy(rawStyle) ? pyStr(rawStyle).toLowerCase() : 'single';
  if (!(VARIANT_STYLES as readonly string[]).includes(style)) {
    return invalid(style, [...path, 'style'], `"${pyStr(rawStyle)}" is not a variant style — use one of: ${VARIANT_STYLES.join(', ')}`);
  }

  switch (style) {
    case 'single': {
      if (!has('value')) return invalid(style, where('value'), 'a single value needs `rules.value`');
      const value = rule('value');
      return { name, style, path, size: 1, at: () => value, description: `single ${repr(value)}` };
    }
    case 'multiple': {
      const raw = rule('items');
      const items = raw.t === 'list' ? raw.items : raw.t === 'none' ? [] : [raw];
      if (items.length === 0) return invalid(style, where('items'), '`rules.items` is empty, so the task starts no executions');
      const shown = items.slice(0, 5).map(repr).join(', ');
      return {
        name,
        style,
        path,
        size: items.length,
        at: (i) => items[i],
        description: `multiple ${shown}${items.length > 5 ? ', …' : ''} (${plural(items.length, 'value')})`,
      };
    }
    case 'linear': {
      for (const key of ['start', 'end', 'step']) {
        if (num(rule(key)) === undefined) return invalid(style, where(key), has(key) ? `\`rules.${key}\` must be a number` : `a linear range needs \`rules.${key}\``);
      }
      const start = num(rule('start'))!;
      const end = num(rule('end'))!;
      const step = num(rule('step'))!;
      if (step === 0) return invalid(style, [...rulesPath, 'step'], 'step 0 never reaches `end`');
      if (start !== end && Math.sign(end - start) !== Math.sign(step)) {
        return invalid(style, [...rulesPath, 'step'], `step ${repr(rule('step'))} goes away from end ${repr(rule('end'))}, so the range has no values`);
      }
      // numpy.arange's rule: all-int rules give ints; the values are start + i*step (no running sum).
      const asInt = rule('start').t === 'int' && rule('step').t === 'int';
      const size = linearSize(start, end, step);
      return {
        name,
        style,
        path,
        size,
        at: (i) => py(start + i * step, asInt),
        description: `linear ${repr(rule('start'))} … ${repr(rule('end'))} step ${repr(rule('step'))} (${plural(size, 'value')})`,
      };
    }
    case 'logspace': {
      // The documented blueprint example writes min/max; the schema and the UI say start/end.
      const startKey = has('start') || !has('min') ? 'start' : 'min';
      const endKey = has('end') || !has('max') ? 'end' : 'max';
      for (const key of [startKey, endKey]) {
        if (num(rule(key)) === undefined) return invalid(style, where(key), has(key) ? `\`rules.${key}\` must be a number` : `a logspace needs \`rules.${key}\``);
      }
      if (!has('count')) return invalid(style, where('count'), 'a logspace needs `rules.count` (how many values)');
      const count = wholeNumber(rule('count'));
      if (count === undefined || count < 1) return invalid(style, [...rulesPath, 'count'], `count ${repr(rule('count'))} gives no values — use a whole number of at least 1`);
      const base = has('base') ? num(rule('base')) : 10;
      if (base === undefined || base <= 0) return invalid(style, [...rulesPath, 'base'], `base ${repr(rule('base'))} must be a positive number`);
      const start = num(rule(startKey))!;
      const end = num(rule(endKey))!;
      const integerify = pyTruthy(rule('integerify'));
      const stepX = count > 1 ? (end - start) / (count - 1) : 0;
      // numpy.logspace = base ** numpy.linspace(start, end, count): x_i = start + i*step, the last exactly end.
      const at = (i: number): PyValue => {
        const x = count > 1 && i === count - 1 ? end : start + i * stepX;
        const v = power(base, x);
        return integerify ? { t: 'int', v: Math.round(v) } : { t: 'float', v };
      };
      return {
        name,
        style,
        path,
        size: count,
        at,
        description: `logspace ${numText(base)}**${numText(start)} … ${numText(base)}**${numText(end)} (${plural(count, 'value')}${integerify ? ', integers' : ''})`,
      };
    }
    default: {
      // random
      for (const key of ['min', 'max']) {
        if (num(rule(key)) === undefined) return invalid(style, where(key), has(key) ? `\`rules.${key}\` must be a number` : `a random range needs \`rules.${key}\``);
      }
      const min = num(rule('min'))!;
      const max = num(rule('max'))!;
      if (min > max) return invalid(style, [...rulesPath, 'min'], `min ${repr(rule('min'))} is greater than max ${repr(rule('max'))}`);
      let count: number | undefined;
      if (has('count')) {
        count = wholeNumber(rule('count'));
        if (count === undefined || count < 1) return invalid(style, [...rulesPath, 'count'], `count ${repr(rule('count'))} draws no values — use a whole number of at least 1`);
      } else if (r.type !== 'random_search' && r.type !== 'bayesian_tpe') {
        return invalid(style, where('count'), 'a random parameter needs `rules.count` (how many values to draw)');
      }
      const rawDistribution = rule('distribution');
      const distribution = pyTruthy(rawDistribution) ? pyStr(rawDistribution).toLowerCase().replace(/[-_\s]/g, '') : 'uniform';
      const known = ['uniform', 'loguniform', 'normal', 'gaussian'];
      let sampler = distribution;
      if (!known.includes(distribution)) {
        r.warnings.push({
          path: [...rulesPath, 'distribution'],
          message: `${prefix}distribution "${pyStr(rawDistribution)}" is not one this preview knows (uniform, loguniform, normal); its samples are drawn uniformly`,
        });
        sampler = 'uniform';
      }
      if (sampler === 'loguniform' && min <= 0) {
        return invalid(style, [...rulesPath, 'min'], `a log-uniform range needs min > 0 (got ${repr(rule('min'))})`);
      }
      const integerify = pyTruthy(rule('integerify'));
      const seed = wholeNumber(rule('seed'));
      const random = seededRandom(seed ?? hashText(`${r.task}\u0000${name}`));
      const gaussian = (): number => {
        // Box–Muller; the range is mean ± 3σ, clipped to stay inside it.
        const u = 1 - random();
        const v = random();
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.min(max, Math.max(min, (min + max) / 2 + (z * (max - min)) / 6));
      };
      const draw = (): PyValue => {
        const u = random();
        const x = sampler === 'loguniform' ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : sampler === 'uniform' ? min + u * (max - min) : gaussian();
        return integerify ? { t: 'int', v: Math.round(x) } : { t: 'float', v: x };
      };
      const samples: PyValue[] = [];
      const at = (i: number): PyValue => {
        while (samples.length <= i) samples.push(draw());
        return samples[i];
      };
      r.seeds.push({ name, seed });
      return {
        name,
        style,
        path,
        size: count ?? 0,
        at,
        draw,
        randomCount: count,
        description: `random ${sampler === 'gaussian' ? 'normal' : sampler} ${repr(rule('min'))} … ${repr(rule('max'))}${count !== undefined ? ` (${plural(count, 'sample')})` : ''}${integerify ? ', integers' : ''}`,
      };
    }
  }
}
