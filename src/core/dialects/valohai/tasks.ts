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
import { pyFromJs, pyStr, type PyValue } from './python/values';
import { seededRandom } from '../../random';
import { hashText, readAxis, repr, TASK_TYPES, wholeNumber, type Axis, type Reader, type TaskProblem, type TaskType } from './taskVariants';

export { TASK_TYPES, VARIANT_STYLES, type TaskProblem, type TaskType } from './taskVariants';

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

/** Words for a type in messages, e.g. "this grid starts 4,096 executions". */
const TYPE_WORDS: Record<TaskType, string> = {
  grid_search: 'grid',
  random_search: 'random search',
  manual_search: 'manual search',
  bayesian_tpe: 'Bayesian TPE task',
  distributed: 'distributed task',
};

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
