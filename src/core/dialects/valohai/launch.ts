/**
 * What a valohai.yaml can launch besides one execution of a step: each `task` (the executions of
 * its grid, random, manual or Bayesian search) and each `pipeline` (its run plan) — as the Launch
 * preview shows them, with the `vh` and `docker run` lines that start or reproduce them.
 *
 * Only the selected row's execution is rendered in full (a grid may have 10,000); `report`
 * (the CLI's `--json`) renders every one.
 *
 * Usage: `launchValohai(parsed, { id: 'task:sweep', row: 2 })`
 */
import type { ParsedDocument } from '../../contracts/document';
import type { LaunchChoice, LaunchLine, LaunchModel, LaunchPreview, LaunchRequest } from '../../contracts/launch';
import type { PreviewValue, StepPreview } from '../../contracts/preview';
import { LintContext } from './context';
import { dockerRunLine, stepImage, vhExecutionLine, vhPipelineLine, vhTaskLine, type ExecutionLaunch } from './launchLines';
import { buildModel, type Definition, type Model } from './model';
import { controlOf, displayOf, stepExecution } from './preview';
import { pyStr, type PyValue } from './python/values';
import { renderStep, stepsOf, type Step } from './render';
import { planPipeline, type NodeRun } from './runPlan';
import { expandTask, LARGE_TASK, type TaskExpansion, type TaskType } from './tasks';

/** The most rows the preview's table holds (the count is always the true one). */
export const TABLE_LIMIT = 10_000;

const TYPE_TITLES: Record<TaskType, string> = {
  grid_search: 'Grid search',
  random_search: 'Random search',
  manual_search: 'Manual search',
  bayesian_tpe: 'Bayesian optimization (TPE)',
  distributed: 'Distributed task',
};

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function choicesOf(model: Model): LaunchChoice[] {
  const choices: LaunchChoice[] = [
    ...[...model.tasks.values()].map((d) => ({ id: `task:${d.name}`, kind: 'task' as const, label: `task: ${d.name}`, path: d.path })),
    ...[...model.pipelines.values()].map((d) => ({ id: `pipeline:${d.name}`, kind: 'pipeline' as const, label: `pipeline: ${d.name}`, path: d.path })),
  ];
  return choices.sort((a, b) => (a.path[0] as number) - (b.path[0] as number));
}

/** Values as the step's preview form would hold them when typed: the task's variant values. */
function typedFor(step: Step, values: ReadonlyMap<string, PyValue>): Record<string, PreviewValue> {
  const typed: Record<string, PreviewValue> = {};
  for (const [name, value] of values) {
    const p = step.parameters.find((x) => x.name === name);
    if (p) typed[name] = displayOf(p, controlOf(p), value);
  }
  return typed;
}

function envOf(step: Step): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of step.environmentVariables) if (e.default !== undefined) env[e.name] = e.default;
  return env;
}

function executionLaunch(step: Step, image: string | undefined, values: Map<string, PyValue>, unit: StepPreview, inputs?: Record<string, string[]>): ExecutionLaunch {
  return {
    step,
    image,
    values,
    inputs: inputs ?? Object.fromEntries(step.inputs.map((i) => [i.name, i.defaults])),
    env: envOf(step),
    script: unit.script,
    parametersFile: unit.parametersFile ?? '{}',
  };
}

/** The lines that start one execution: `vh execution run` and a `docker run` reproduction. */
function executionLines(launch: ExecutionLaunch): LaunchLine[] {
  const lines: LaunchLine[] = [{ label: 'vh', text: vhExecutionLine(launch) }];
  const docker = dockerRunLine(launch);
  if (docker.text) lines.push({ label: 'docker run', text: docker.text });
  return lines;
}

function notes(...found: ({ note?: string } | undefined)[]): string[] {
  return found.flatMap((f) => (f?.note ? [f.note] : []));
}

function taskLaunch(parsed: ParsedDocument, ctx: LintContext, model: Model, def: Definition, request: LaunchRequest): LaunchPreview {
  const expansion: TaskExpansion = expandTask(model, def, { limit: TABLE_LIMIT, ctx });
  const step = expansion.step === undefined ? undefined : stepsOf(parsed).find((s) => s.name === expansion.step);
  const rows = expansion.executions.map((values, i) => [String(i + 1), ...expansion.columns.map((c) => (values.has(c) ? pyStr(values.get(c)!) : ''))]);
  const errors = expansion.errors.map((e) => e.message);
  const warnings = expansion.warnings.map((w) => w.message);
  if (expansion.count > LARGE_TASK) warnings.unshift(`This task starts ${plural(expansion.count, 'execution')}.`);
  if (expansion.count > rows.length && rows.length > 0) warnings.push(`The table lists the first ${plural(rows.length, 'execution')}.`);
  if (expansion.step !== undefined && !step) errors.push(`Step "${expansion.step}" does not exist.`);
  const base: LaunchPreview = {
    id: `task:${def.name}`,
    kind: 'task',
    title: `${TYPE_TITLES[expansion.type]}: ${expansion.type === 'bayesian_tpe' && expansion.count === 0 ? 'execution-count not set' : plural(expansion.count, 'execution')}`,
    count: expansion.count,
    unit: 'executions',
    facts: expansion.facts,
    table: rows.length > 0 ? { columns: ['#', ...expansion.columns], rows, sampled: expansion.sampled || undefined, selectable: step !== undefined } : undefined,
    lines: [],
    warnings,
    errors,
  };
  if (!step) return base;
  const image = stepImage(parsed, step.name);
  const task = vhTaskLine(step.name, expansion.variants.map((v) => ({ name: v.name, values: v.values })), def.name);
  const lines: LaunchLine[] = task.text ? [{ label: 'vh (task)', text: task.text }] : [];
  const taskNotes = notes(task);
  let selected: LaunchPreview['selected'];
  if (expansion.executions.length > 0) {
    const row = Math.min(Math.max(request.row ?? 0, 0), expansion.executions.length - 1);
    const { unit, values } = stepExecution(step, typedFor(step, expansion.executions[row]), undefined);
    const launch = executionLaunch(step, image, values, unit);
    lines.push(...executionLines(launch));
    taskNotes.push(...notes(dockerRunLine(launch)));
    selected = { row, unit: { ...unit, name: `${def.name} #${row + 1}` } };
  }
  const preview: LaunchPreview = { ...base, lines, selected, facts: [...base.facts, ...taskNotes.map((n) => ({ label: 'Note', value: n }))] };
  if (request.report) {
    preview.report = {
      count: expansion.count,
      executions: expansion.executions.map((values) => {
        const { values: merged } = stepExecution(step, typedFor(step, values), undefined);
        return {
          parameters: Object.fromEntries([...values].map(([k, v]) => [k, plainOf(v)])),
          command: renderStep(step, merged).command,
          ...(expansion.sampled ? { sampled: true } : {}),
        };
      }),
      ...(errors.length > 0 ? { errors } : {}),
    };
  }
  return preview;
}

/** A Python value as JSON data (ints beyond 2^53 as text). */
function plainOf(v: PyValue): unknown {
  switch (v.t) {
    case 'none':
      return null;
    case 'bool':
      return v.v;
    case 'int':
      return Number.isSafeInteger(Number(v.v)) ? Number(v.v) : String(v.v);
    case 'float':
      return Number.isFinite(v.v) ? v.v : pyStr(v);
    case 'list':
      return v.items.map(plainOf);
    default:
      return pyStr(v);
  }
}

function pipelineLaunch(parsed: ParsedDocument, ctx: LintContext, model: Model, def: Definition, request: LaunchRequest): LaunchPreview {
  const plan = planPipeline(parsed, model, def, { values: request.values, taskCount: (t) => expandTask(model, t, { limit: 0, ctx }).count });
  const nodes = plan.waves.flat();
  const vh = vhPipelineLine(def.name, plan.paramValues);
  const lines: LaunchLine[] = [{ label: 'vh (pipeline)', text: vh.text }];
  const facts = [
    { label: 'Nodes', value: String(nodes.length) },
    { label: 'Waves', value: String(plan.waves.length) },
    { label: 'Executions', value: plan.executions.toLocaleString('en-US') },
    ...notes(vh).map((n) => ({ label: 'Note', value: n })),
  ];
  // The selected node: the row-th node in start order that runs a step of this file.
  const runnable = nodes.filter((n) => plan.runs.has(n.node));
  let selected: LaunchPreview['selected'];
  if (runnable.length > 0) {
    const index = Math.min(Math.max(request.row ?? 0, 0), nodes.length - 1);
    const node = plan.runs.has(nodes[index].node) ? nodes[index] : runnable[0];
    const run = plan.runs.get(node.node)!;
    lines.push(...executionLines(nodeLaunch(run)));
    selected = { row: nodes.indexOf(node), unit: { ...run.unit, name: `${def.name} › ${node.node}`, path: node.path } };
  }
  const problems = nodes.flatMap((n) => n.problems.map((p) => `Node "${n.node}": ${p}`));
  const preview: LaunchPreview = {
    id: `pipeline:${def.name}`,
    kind: 'pipeline',
    title: `Pipeline run: ${plural(nodes.length, 'node')} in ${plural(plan.waves.length, 'wave')}, ${plural(plan.executions, 'execution')}`,
    count: plan.executions,
    unit: 'executions',
    facts,
    waves: plan.waves,
    params: plan.params,
    selected,
    lines,
    warnings: [...plan.warnings, ...problems],
    errors: [],
  };
  if (request.report) {
    preview.report = {
      waves: plan.waves.map((wave) =>
        wave.map((n) => ({
          node: n.node,
          kind: n.kind,
          ...(n.target !== undefined ? { target: n.target } : {}),
          command: n.command,
          inputs: n.inputs,
          ...(n.count !== undefined ? { executions: n.count } : {}),
          ...(n.problems.length > 0 ? { problems: n.problems } : {}),
          ...(n.notes.length > 0 ? { notes: n.notes } : {}),
        })),
      ),
      parameters: Object.fromEntries(Object.entries(plan.paramValues).map(([k, v]) => [k, plainOf(v)])),
    };
  }
  return preview;
}

function nodeLaunch(run: NodeRun): ExecutionLaunch {
  return executionLaunch(run.step, run.image, run.values, run.unit, run.inputs);
}

export function launchValohai(parsed: ParsedDocument, request: LaunchRequest): LaunchModel {
  if (!parsed.ok || !Array.isArray(parsed.value)) return { choices: [] };
  const ctx = new LintContext(parsed);
  const model = buildModel(ctx, parsed.value);
  const choices = choicesOf(model);
  const id = request.id;
  if (id === undefined || !choices.some((c) => c.id === id)) return { choices };
  const [kind, ...rest] = id.split(':');
  const name = rest.join(':');
  const launch = kind === 'task' ? taskLaunch(parsed, ctx, model, model.tasks.get(name)!, request) : pipelineLaunch(parsed, ctx, model, model.pipelines.get(name)!, request);
  return { choices, launch };
}

