/**
 * What a valohai.yaml `task` starts: its type, how many executions, and the parameter values of
 * each execution, as the platform reads the task's variant parameters (`style` + `rules`).
 * The rules and where each comes from are in docs/valohai-tasks.md; what the platform does not
 * document is chosen as a user would expect and said so there.
 *
 * Generation is lazy: a variant is a size plus a value at an index, so a grid of ten million
 * combinations has its `count` at once and only `limit` rows are built.
 *
 * Usage: `expandTasks(parsed).map((t) => `${t.name}: ${t.count}`)`
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import { asArray, isMapping } from '../../guards';
import { LintContext, nameOf, type Obj } from './context';
import { buildModel, type Definition, type Model } from './model';
import { pyFloatRepr, pyFromJs, pyRepr, pyStr, pyTruthy, type PyValue } from './python/values';
import { seededRandom } from '../../random';

export type TaskType = 'grid_search' | 'random_search' | 'manual_search' | 'bayesian_tpe' | 'distributed';

export interface TaskVariant {
  name: string;
  style: string;
  /** the values this parameter takes, as PyValues (empty for bayesian/random-with-no-samples); at most `limit` of them */
  values: PyValue[];
  /** how it is described for a search space, e.g. "linear 0.001 … 0.1 step 0.01 (10 values)" */
  description: string;
  path: Path;
  /** How many values the rules give (may exceed `values.length` when over the limit; 0 when invalid). */
  size: number;
}

export interface TaskProblem {
  path: Path;
  message: string;
}

export interface TaskExpansion {
  name: string;
  type: TaskType;
  step: string | undefined;
  /** executions the task starts (grid: product of variant sizes; manual: parameter-sets count; random: execution-count/count as the platform reads it; bayesian: execution-count) */
  count: number;
  /** parameter names that vary across executions, in the task's order */
  columns: string[];
  variants: TaskVariant[];
  /** per execution, the task's values for its parameters (the caller merges these over the step's defaults); at most `limit` entries; empty for bayesian_tpe */
  executions: Map<string, PyValue>[];
  /** true when values are samples drawn here (random search): the platform draws its own */
  sampled: boolean;
  facts: { label: string; value: string }[];
  errors: TaskProblem[];
  warnings: TaskProblem[];
  /** True when `count` follows from the rules (a grid's product) rather than being written (execution-count, parameter sets). */
  implied: boolean;
}

export interface ExpandOptions {
  /** At most this many executions (and values per variant) are built; default 10000. */
  limit?: number;
  /** Reads values as Python would (5 vs 5.0); without it the plain JS data is used. */
  ctx?: LintContext;
}

/** Above this many executions, a task whose count follows from its rules gets a warning. */
export const LARGE_TASK = 100;

const DEFAULT_LIMIT = 10000;
export const TASK_TYPES: readonly TaskType[] = ['bayesian_tpe', 'grid_search', 'distributed', 'random_search', 'manual_search'];
export const VARIANT_STYLES = ['single', 'multiple', 'linear', 'logspace', 'random'] as const;

/** Words for a type in messages, e.g. "this grid starts 4,096 executions". */
const TYPE_WORDS: Record<TaskType, string> = {
  grid_search: 'grid',
  random_search: 'random search',
  manual_search: 'manual search',
  bayesian_tpe: 'Bayesian TPE task',
  distributed: 'distributed task',
};

// ---- small helpers -------------------------------------------------------------------------

/** A stable number for a text, so a preview without a seed draws the same samples each time. */
function hashText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function num(v: PyValue): number | undefined {
  return (v.t === 'int' || v.t === 'float') && Number.isFinite(v.v) ? v.v : undefined;
}

/** A whole number as Python would have it (an int, or a float like 4.0 that counts as one). */
function wholeNumber(v: PyValue): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

const py = (n: number, asInt: boolean): PyValue => (asInt ? { t: 'int', v: n } : { t: 'float', v: n });
const repr = (v: PyValue): string => pyRepr(v);
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
interface Axis {
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

interface Reader {
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

function readAxis(r: Reader, path: Path, data: Obj, name: string): Axis {
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

// ---- tasks ---------------------------------------------------------------------------------

/** `TaskType.cast`: unset means grid search; else lower-cased, `-` → `_`, one of five. */
function taskTypeOf(value: unknown): TaskType | undefined {
  if (value === undefined || value === null || value === '' || value === false) return 'grid_search';
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase().replace(/-/g, '_');
  return (TASK_TYPES as readonly string[]).includes(v) ? (v as TaskType) : undefined;
}

/** The index of the i-th grid row in each axis: the last axis varies fastest (itertools.product order). */
function gridRow(axes: Axis[], index: number): Map<string, PyValue> {
  const row = new Map<string, PyValue>();
  const digits: number[] = [];
  let rest = index;
  for (let k = axes.length - 1; k >= 0; k--) {
    digits[k] = rest % axes[k].size;
    rest = Math.floor(rest / axes[k].size);
  }
  axes.forEach((a, k) => row.set(a.name, a.at(digits[k])));
  return row;
}

function product(axes: Axis[]): number {
  return axes.reduce((n, a) => n * a.size, 1);
}

export function expandTask(model: Model, task: Definition, options: ExpandOptions = {}): TaskExpansion {
  const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
  const { data, path, name } = task;
  const ctx = options.ctx;
  const pyAt = (p: Path): PyValue => {
    if (ctx) return ctx.py(p);
    // Without the document: walk the plain data from the task's own mapping.
    let v: unknown = data;
    for (const key of p.slice(path.length)) v = isMapping(v) ? v[String(key)] : Array.isArray(v) && typeof key === 'number' ? v[key] : undefined;
    return pyFromJs(v);
  };
  const stepName = typeof data.step === 'string' ? data.step : data.step === undefined || data.step === null ? undefined : pyStr(pyAt([...path, 'step']));
  const errors: TaskProblem[] = [];
  const warnings: TaskProblem[] = [];
  const facts: { label: string; value: string }[] = [];
  const parsedType = taskTypeOf(data.type);
  const type = parsedType ?? 'grid_search';
  const result: TaskExpansion = {
    name,
    type,
    step: stepName,
    count: 0,
    columns: [],
    variants: [],
    executions: [],
    sampled: false,
    facts,
    errors,
    warnings,
    implied: false,
  };
  if (!parsedType) {
    errors.push({
      path: [...path, 'type'],
      message: `Task "${name}": "${pyStr(pyAt([...path, 'type']))}" is not a valid task type — use one of: ${TASK_TYPES.join(', ')}`,
    });
    return result;
  }
  const r: Reader = { task: name, type, py: pyAt, errors, warnings, facts, seeds: [] };

  // Variants by name: a repeated name replaces the earlier one in its place (a dict on the platform).
  const byName = new Map<string, Axis>();
  asArray(data.parameters).forEach((item, i) => {
    if (!isMapping(item)) return;
    const p: Path = [...path, 'parameters', i];
    const paramName = ctx ? nameOf(ctx, [...p, 'name'], item.name) : plainName(item.name);
    if (paramName === undefined) return; // the schema reports a nameless variant
    if (byName.has(paramName)) warnings.push({ path: [...p, 'name'], message: `Task "${name}": parameter "${paramName}" is given twice; the later one counts` });
    byName.set(paramName, readAxis(r, p, item, paramName));
  });
  const axes = [...byName.values()];

  const step = stepName === undefined ? undefined : model.steps.get(stepName);
  if (step) {
    const known = new Set(asArray(step.data.parameters).flatMap((p) => (isMapping(p) && typeof p.name === 'string' ? [p.name] : [])));
    for (const a of axes) {
      if (!known.has(a.name)) warnings.push({ path: [...a.path, 'name'], message: `Task "${name}": step "${stepName}" has no parameter "${a.name}"` });
    }
  }

  facts.push({ label: 'Type', value: type });
  facts.push({ label: 'Step', value: stepName === undefined ? '(none)' : step ? stepName : `${stepName} (not defined in this file)` });
  if (r.seeds.length > 0) {
    const seedText = (seed: number | undefined) => (seed === undefined ? 'none (the platform draws its own samples; shown: a fixed preview draw)' : String(seed));
    facts.push({ label: 'Seed', value: r.seeds.length === 1 ? seedText(r.seeds[0].seed) : r.seeds.map((s) => `${s.name}: ${seedText(s.seed)}`).join(', ') });
  }

  const variantsOf = (values: (a: Axis) => PyValue[]): TaskVariant[] =>
    axes.map((a) => ({ name: a.name, style: a.style, values: values(a), description: a.description, path: a.path, size: a.size }));
  const firstValues = (a: Axis): PyValue[] => Array.from({ length: Math.min(a.size, limit) }, (_, i) => a.at(i));
  const executionCount = (): number | undefined => {
    const v = pyAt([...path, 'execution-count']);
    if (v.t === 'none') return undefined;
    const n = wholeNumber(v);
    if (n === undefined || n < 0) {
      errors.push({ path: [...path, 'execution-count'], message: `Task "${name}": execution-count ${repr(v)} must be a whole number` });
      return undefined;
    }
    return n;
  };
  const varying = (list: Axis[]) => list.filter((a) => a.size > 1 || a.draw !== undefined).map((a) => a.name);

  switch (type) {
    case 'bayesian_tpe': {
      const n = executionCount();
      result.count = n ?? 0;
      result.variants = variantsOf(() => []);
      result.columns = axes.filter((a) => a.style !== 'single').map((a) => a.name);
      facts.push({ label: 'Executions', value: n === undefined ? 'not set (execution-count)' : n.toLocaleString('en-US') });
      const batch = pyAt([...path, 'execution-batch-size']);
      if (batch.t !== 'none') facts.push({ label: 'Batch size', value: pyStr(batch) });
      for (const [key, label] of [
        ['engine', 'Engine'],
        ['optimization-target-metric', 'Target metric'],
        ['optimization-target-value', 'Target value'],
      ]) {
        const v = pyAt([...path, key]);
        if (v.t !== 'none') facts.push({ label, value: pyStr(v) });
      }
      for (const a of axes) facts.push({ label: `Search space: ${a.name}`, value: a.description });
      if (n !== undefined && n > 0 && n < 20) {
        warnings.push({
          path: [...path, 'execution-count'],
          message: `Task "${name}": Bayesian TPE seeds itself with 20 random-search executions, so with execution-count ${n} the whole task is a random search`,
        });
      }
      break;
    }
    case 'manual_search': {
      const sets = asArray(data['parameter-sets'])
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => isMapping(s) && Object.keys(s).length > 0);
      if (sets.length > 0) {
        if (axes.length > 0) {
          warnings.push({ path: [...path, 'parameters'], message: `Task "${name}": a manual search with parameter sets runs one execution per set; its \`parameters\` are not used here` });
        }
        const columns: string[] = [];
        result.executions = sets.slice(0, limit).map(({ s, i }) => {
          const row = new Map<string, PyValue>();
          for (const key of Object.keys(s as Obj)) {
            if (!columns.includes(key)) columns.push(key);
            row.set(key, pyAt([...path, 'parameter-sets', i, key]));
          }
          return row;
        });
        for (const { s } of sets.slice(limit)) for (const key of Object.keys(s as Obj)) if (!columns.includes(key)) columns.push(key);
        result.columns = columns;
        result.count = sets.length;
        result.variants = columns.map((c) => ({
          name: c,
          style: 'multiple',
          values: result.executions.flatMap((row) => (row.has(c) ? [row.get(c)!] : [])),
          description: 'parameter sets',
          path: [...path, 'parameter-sets'],
          size: sets.filter(({ s }) => c in (s as Obj)).length,
        }));
        facts.push({ label: 'Executions', value: `${sets.length.toLocaleString('en-US')} (one per parameter set)` });
        break;
      }
      expandGrid(result, axes, limit, variantsOf(firstValues));
      result.columns = varying(axes);
      facts.push({ label: 'Executions', value: `${result.count.toLocaleString('en-US')} (${axes.map((a) => a.size).join(' × ') || '1'})` });
      break;
    }
    case 'random_search': {
      const n = executionCount();
      const counts = axes.flatMap((a) => (a.randomCount !== undefined ? [a.randomCount] : []));
      const invalid = axes.some((a) => a.size === 0 && a.draw === undefined);
      result.count = invalid ? 0 : n ?? (counts.length > 0 ? Math.max(...counts) : product(axes));
      result.sampled = true;
      // Each execution draws every parameter anew: a range from its distribution, a list uniformly.
      const pick = seededRandom(hashText(`${name}\u0000pick`));
      result.executions = Array.from({ length: Math.min(result.count, limit) }, () => {
        const row = new Map<string, PyValue>();
        for (const a of axes) row.set(a.name, a.draw ? a.draw() : a.at(Math.floor(pick() * a.size)));
        return row;
      });
      result.variants = variantsOf((a) => result.executions.map((row) => row.get(a.name)!));
      result.columns = axes.filter((a) => a.size !== 1 || a.draw !== undefined).map((a) => a.name);
      facts.push({
        label: 'Executions',
        value: `${result.count.toLocaleString('en-US')} (${n !== undefined ? 'execution-count' : counts.length > 0 ? 'the largest random count' : 'one per combination'})`,
      });
      break;
    }
    case 'distributed': {
      const n = executionCount();
      expandGrid(result, axes, limit, variantsOf(firstValues));
      result.columns = varying(axes);
      if (n !== undefined && result.count > 0) {
        // Distributed workers share one configuration: every execution gets the first combination.
        const first = result.executions[0];
        result.count = n;
        result.implied = false;
        result.executions = Array.from({ length: Math.min(n, limit) }, () => new Map(first));
        result.columns = [];
      }
      facts.push({ label: 'Executions', value: `${result.count.toLocaleString('en-US')}${n !== undefined ? ' (execution-count)' : ''}` });
      break;
    }
    default: {
      expandGrid(result, axes, limit, variantsOf(firstValues));
      result.columns = varying(axes);
      facts.push({ label: 'Executions', value: `${result.count.toLocaleString('en-US')} (${axes.map((a) => a.size).join(' × ') || '1'})` });
    }
  }
  return result;
}

function expandGrid(result: TaskExpansion, axes: Axis[], limit: number, variants: TaskVariant[]): void {
  result.count = product(axes);
  result.implied = true;
  result.variants = variants;
  result.sampled = axes.some((a) => a.draw !== undefined);
  result.executions = Array.from({ length: Math.min(result.count, limit) }, (_, i) => gridRow(axes, i));
}

/** A name from plain data when no document is at hand (as `nameOf` reads it from the document). */
function plainName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return pyStr(pyFromJs(value));
}

/** Every task of the document, in the platform's order (a repeated name replaces the earlier task). */
export function expandTasks(parsed: ParsedDocument, options: Omit<ExpandOptions, 'ctx'> = {}): TaskExpansion[] {
  if (!parsed.ok) return [];
  const ctx = new LintContext(parsed);
  const model = buildModel(ctx, parsed.value);
  return [...model.tasks.values()].map((t) => expandTask(model, t, { ...options, ctx }));
}

/** The lint of one task's expansion: its problems, and a warning when the rules imply a large launch. */
export function lintTaskExpansion(ctx: LintContext, model: Model, task: Definition): void {
  const expansion = expandTask(model, task, { ctx, limit: 0 });
  for (const e of expansion.errors) ctx.error(e.path, e.message);
  for (const w of expansion.warnings) ctx.warning(w.path, w.message);
  if (expansion.implied && expansion.count > LARGE_TASK) {
    ctx.warning([...task.path, 'name'], `Task "${task.name}": this ${TYPE_WORDS[expansion.type]} starts ${expansion.count.toLocaleString('en-US')} executions`);
  }
}
