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
import type { LaunchChoice, LaunchLine, LaunchModel, LaunchPreview, LaunchRequest, LaunchTable } from '../../contracts/launch';
import type { PreviewValue } from '../../contracts/preview';
import { LintContext } from './context';
import { executionLines, vhPipelineLine, vhTaskLine } from './launchLines';
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

/**
 * The lines of a pipeline node's execution: its image (the override's, else the step's), and as
 * input URLs only the URLs it gets — files from other nodes exist only inside the pipeline.
 */
function nodeLines(run: NodeRun, stepImageName: string | undefined): { lines: LaunchLine[]; notes: string[] } {
  const inputs = Object.fromEntries(Object.entries(run.inputs).map(([name, sources]) => [name, sources.filter((s) => /^[a-z][a-z0-9+.-]*:/i.test(s))]));
  const env: Record<string, string> = {};
  for (const e of run.unit.env) if (e.value !== undefined && !e.secret) env[e.name] = e.value;
  const fed = Object.entries(run.inputs).filter(([name, sources]) => sources.length > inputs[name].length).map(([name]) => name);
  const found = executionLines({ step: run.step, image: run.image, stepImage: stepImageName, values: run.values, inputs, env, script: run.unit.script, parametersFile: run.unit.parametersFile ?? '{}' });
  if (fed.length > 0) found.notes.push(`Files other nodes pass to ${fed.map((n) => `"${n}"`).join(', ')} exist only in a pipeline run: the lines leave them out (put them in ./inputs/NAME for docker run).`);
  return found;
}

function notes(...found: ({ note?: string } | undefined)[]): string[] {
  return found.flatMap((f) => (f?.note ? [f.note] : []));
}

/** The most rows a task node's table in a pipeline plan holds. */
const NODE_TABLE_LIMIT = 1000;

/** A task's executions as table rows: `#`, then the value of each varying parameter. */
function taskTable(expansion: TaskExpansion, selectable: boolean): LaunchTable {
  const rows = expansion.executions.map((values, i) => [String(i + 1), ...expansion.columns.map((c) => (values.has(c) ? pyStr(values.get(c)!) : ''))]);
  return { columns: ['#', ...expansion.columns], rows, sampled: expansion.sampled || undefined, selectable };
}

function taskLaunch(parsed: ParsedDocument, ctx: LintContext, model: Model, def: Definition, request: LaunchRequest): LaunchPreview {
  const expansion: TaskExpansion = expandTask(model, def, { limit: TABLE_LIMIT, ctx });
  const step = expansion.step === undefined ? undefined : stepsOf(parsed).find((s) => s.name === expansion.step);
  const rows = taskTable(expansion, true).rows;
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
    table: rows.length > 0 ? { ...taskTable(expansion, step !== undefined), rows } : undefined,
    lines: [],
    warnings,
    errors,
  };
  if (!step) return base;
  const task = vhTaskLine(step.name, expansion.variants.map((v) => ({ name: v.name, values: v.values })), def.name);
  const lines: LaunchLine[] = task.text ? [{ label: 'vh (task)', text: task.text }] : [];
  const taskNotes = notes(task);
  let selected: LaunchPreview['selected'];
  if (expansion.executions.length > 0) {
    const row = Math.min(Math.max(request.row ?? 0, 0), expansion.executions.length - 1);
    const { unit } = stepExecution(step, typedFor(step, expansion.executions[row]), undefined);
    lines.push(...(unit.lines ?? []));
    taskNotes.push(...(unit.lineNotes ?? []));
    selected = { row, unit: { ...unit, name: `${def.name} #${row + 1}` } };
  }
  const preview: LaunchPreview = { ...base, lines, selected, facts: [...base.facts, ...taskNotes.map((n) => ({ label: 'Note', value: n }))] };
  if (request.report) {
    preview.report = {
      count: expansion.count,
      executions: expansion.executions.map((values) => {
        const { values: merged } = stepExecution(step, typedFor(step, values), undefined, { lines: false });
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
  // A task node is expanded as its task is (its executions as a table).
  for (const node of nodes) {
    const task = node.kind === 'task' && typeof node.target === 'string' ? model.tasks.get(node.target) : undefined;
    if (!task || node.problems.some((p) => p.startsWith('Task '))) continue;
    const expansion = expandTask(model, task, { limit: NODE_TABLE_LIMIT, ctx });
    if (expansion.executions.length > 0) node.table = taskTable(expansion, false);
  }
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
    const found = nodeLines(run, plan.stepImages.get(node.node));
    lines.push(...found.lines);
    facts.push(...found.notes.map((n) => ({ label: 'Note', value: n })));
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

