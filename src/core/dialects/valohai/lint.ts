/**
 * The semantic lint of a valohai.yaml: what the platform itself reports beyond the schema
 * (valohai-yaml's `Config.lint`), with its exact messages and severities, each at the place
 * it is about. Also the few files the platform cannot read at all (a bad task type, a bad
 * duration, ...) get a clear error here instead of a crash there.
 *
 * Runs even when the schema found errors, so every rule reads the value defensively and skips
 * what it cannot make sense of.
 *
 * Usage: `lintValohai(parsed)` → diagnostics with source 'lint'
 */
import type { ParsedDocument } from '../../contracts/document';
import { locatePath } from '../../document/paths';
import { pyKind } from '../../document/pyyaml11';
import type { Diagnostic } from '../../contracts/diagnostics';
import { isScalar } from 'yaml';
import { asArray, isMapping } from '../../guards';
import { LintContext, truthy } from './context';
import { parseDuration } from './duration';
import { checkExpression } from './python/expression';
import { buildModel, type Definition, type Model } from './model';
import { effectiveParameters, lintParameter } from './parameters';
import { lintPipeline } from './pipelines';
import { lintStepEnvironment } from './stepEnvironment';
import { lintStepInputs } from './stepInputs';
import { lintTaskExpansion } from './tasks';
import { lintUnknownPlaceholders, lintUnusedParameters } from './parameterPlaceholders';
import { EntryMemo } from '../../document/entryMemo';

const TASK_TYPES = ['bayesian_tpe', 'grid_search', 'distributed', 'random_search', 'manual_search'];
const ON_CHILD_ERROR = ['continue-and-complete', 'continue-and-error', 'stop-all-and-error'];
const BAYESIAN_ONLY = ['engine', 'optimization-target-metric', 'optimization-target-value'];

/** A step's own findings read only the step: kept while its text is unchanged (a keystroke elsewhere in a 50,000-line file). */
const stepFindings = new EntryMemo();

export function lintValohai(parsed: ParsedDocument): Diagnostic[] {
  const ctx = new LintContext(parsed);
  const model = buildModel(ctx, parsed.value);
  // The platform's order; the editor sorts by position anyway.
  for (const d of model.deployments.values()) lintDeployment(ctx, d);
  for (const p of model.pipelines.values()) lintPipeline(ctx, model, p);
  for (const s of model.steps.values()) {
    const index = s.path[0];
    if (typeof index !== 'number') {
      lintStep(ctx, s);
      continue;
    }
    ctx.diagnostics.push(
      ...stepFindings.findings(parsed, index, s.data, () => {
        const own = new LintContext(parsed);
        lintStep(own, s);
        return own.diagnostics;
      }),
    );
  }
  for (const t of model.tasks.values()) lintTask(ctx, model, t);
  return ctx.diagnostics;
}

function lintStopCondition(ctx: LintContext, def: Definition, label: 'Step' | 'Task'): void {
  const expression = def.data['stop-condition'];
  if (typeof expression !== 'string') return;
  const problem = checkExpression(expression);
  if (problem) ctx.error([...def.path, 'stop-condition'], `${label} ${def.name}, \`stop-condition\` is not a valid expression: ${problem}`);
}

function lintStep(ctx: LintContext, step: Definition): void {
  const { data, path, name } = step;
  for (const index of effectiveParameters(data.parameters).values()) {
    const p = asArray(data.parameters)[index];
    if (isMapping(p)) lintParameter(ctx, name, [...path, 'parameters', index], p);
  }
  lintStopCondition(ctx, step, 'Step');
  if (truthy(data['runtime-config-preset']) && !truthy(data.environment)) {
    ctx.error(
      [...path, 'runtime-config-preset'],
      `Step "${name}", missing "environment". When specifying a runtime config preset, you must also specify an environment.`,
    );
  }
  for (const key of ['time-limit', 'no-output-timeout']) {
    const value = data[key];
    // Anything but whole numbers and text is the schema's to report.
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) continue;
    // A YAML `90.0` is a float, which the platform refuses even though JS sees 90.
    const node = locatePath(ctx.parsed.doc, [...path, key]).node;
    const isFloat = isScalar(node) && pyKind(node) === 'float';
    const result = parseDuration(value, isFloat);
    if ('error' in result) ctx.error([...path, key], `Step "${name}", \`${key}\` is not a valid duration: ${result.error}`);
  }
  // Beyond the platform: what is valid but will not do what its author meant.
  lintStepEnvironment(ctx, step);
  lintStepInputs(ctx, step);
  lintUnusedParameters(ctx, step);
  lintUnknownPlaceholders(ctx, step);
}

/** `TaskType.cast` / `TaskOnChildError.cast`: the platform's normalization, or undefined if it refuses the value. */
function normalized(value: unknown, allowed: string[], from: RegExp, to: string): string | undefined {
  const v = String(value).toLowerCase().replace(from, to);
  return allowed.includes(v) ? v : undefined;
}

function lintTask(ctx: LintContext, model: Model, task: Definition): void {
  const { data, path, name } = task;
  let type: string | undefined = 'grid_search';
  // A type that is not text is the schema's to report; the platform would refuse it as well.
  if (typeof data.type !== 'string' && truthy(data.type)) type = undefined;
  else if (truthy(data.type)) {
    type = normalized(data.type, TASK_TYPES, /-/g, '_');
    if (!type) ctx.error([...path, 'type'], `Task "${name}": "${ctx.str([...path, 'type'])}" is not a valid task type — use one of: ${TASK_TYPES.join(', ')}`);
  }
  if (typeof data['on-child-error'] === 'string' && data['on-child-error'] && !normalized(data['on-child-error'], ON_CHILD_ERROR, /_/g, '-')) {
    ctx.error(
      [...path, 'on-child-error'],
      `Task "${name}": "${ctx.str([...path, 'on-child-error'])}" is not a valid on-child-error — use one of: ${ON_CHILD_ERROR.join(', ')}`,
    );
  }
  lintStopCondition(ctx, task, 'Task');
  if (!type) return;
  // Empty parameter sets are dropped by the platform before this check.
  if (type !== 'manual_search' && asArray(data['parameter-sets']).some((s) => isMapping(s) && Object.keys(s).length > 0)) {
    ctx.warning([...path, 'parameter-sets'], 'Parameter sets only make sense with manual search', 'key');
  }
  if (type !== 'bayesian_tpe') {
    for (const key of BAYESIAN_ONLY) {
      if (data[key] !== undefined && data[key] !== null) {
        ctx.warning([...path, key], `${key.replace(/-/g, '_')} only makes sense for Bayesian TPE tasks`, 'key');
      }
    }
  }
  // Beyond the platform's lint: what the task's variants start (invalid rules, large grids).
  lintTaskExpansion(ctx, model, task);
}

function lintDeployment(ctx: LintContext, deployment: Definition): void {
  const defaults = deployment.data.defaults;
  if (!isMapping(defaults) || !truthy(defaults.target)) {
    const where = isMapping(defaults) ? [...deployment.path, 'defaults'] : deployment.path;
    ctx.warning(where, `Deployment "${deployment.name}" has no defaults.target set which is required for deployment auto-creation.`, 'key');
  }
}
