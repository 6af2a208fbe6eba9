/**
 * What a run of one pipeline starts: its nodes in the order they can start, each execution
 * node's command with the node's override and the pipeline parameters applied, where each input's
 * files come from, how many executions a task node starts, and what a deployment node receives.
 *
 * Rules (sources in docs/valohai-pipelines.md):
 * - every edge makes its target node wait for its source node; nodes whose sources have all
 *   finished start together (a wave);
 * - an input fed by edges gets the files those edges name; `edge-merge-mode: append` keeps the
 *   input's default URLs before them, `replace` (the default) drops them;
 * - a pipeline parameter's value (typed, else its `default`) is set on every target
 *   `node.parameter.NAME`; a `parameter` edge copies the source node's value, a `metadata` edge
 *   sets it when the source reports it (shown as a note);
 * - a node that would start with a required input that nothing feeds and that has no default
 *   is a problem.
 *
 * Usage: `planPipeline(parsed, model, model.pipelines.get('train-and-eval')!, { values: {} })`
 */
import type { ParsedDocument } from '../../contracts/document';
import type { LaunchNode } from '../../contracts/launch';
import type { Path } from '../../contracts/path';
import type { PreviewParam, PreviewValue, StepPreview } from '../../contracts/preview';
import { asArray, isMapping } from '../../guards';
import { LintContext, truthy, type Obj } from './context';
import { edgeEnds, targetsOf } from './graph';
import type { Definition, Model } from './model';
import { splitSocket } from './pipelines';
import { controlOf, displayOf, mergedStep, stepExecution } from './preview';
import type { PyValue } from './python/values';
import type { Step } from './render';

/** One execution node's (or task node's) step run: what the launch lines need. */
export interface NodeRun {
  step: Step;
  unit: StepPreview;
  values: Map<string, PyValue>;
  /** Input name → the URLs or `node.output.FILE` sources its files come from. */
  inputs: Record<string, string[]>;
  image: string | undefined;
}

export interface PipelinePlan {
  name: string;
  path: Path;
  waves: LaunchNode[][];
  /** The pipeline parameters as a form (value = typed, else default, else the first target's own value). */
  params: PreviewParam[];
  /** The values the pipeline parameters take, by name (only those that have one). */
  paramValues: Record<string, PyValue>;
  /** Execution and task nodes' runs, by node name. */
  runs: Map<string, NodeRun>;
  /** The image each run's step declares (before the node's override), by node name. */
  stepImages: Map<string, string | undefined>;
  /** Executions the run starts in all (task nodes count their executions). */
  executions: number;
  warnings: string[];
}

interface NodeItem {
  name: string;
  kind: LaunchNode['kind'];
  path: Path;
  data: Obj;
}

function textOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** The pipeline's nodes by name; a repeated name means its last node (as the platform resolves it). */
function nodesOf(pipeline: Definition): Map<string, NodeItem> {
  const nodes = new Map<string, NodeItem>();
  asArray(pipeline.data.nodes).forEach((n, i) => {
    if (!isMapping(n)) return;
    const name = textOf(n.name);
    if (name === undefined) return;
    const kind = n.type === 'task' || n.type === 'deployment' ? n.type : 'execution';
    nodes.delete(name);
    nodes.set(name, { name, kind, path: [...pipeline.path, 'nodes', i], data: n });
  });
  return nodes;
}

interface Edge {
  source: string[];
  target: string[];
}

function edgesOf(pipeline: Definition, nodes: Map<string, NodeItem>): Edge[] {
  return asArray(pipeline.data.edges).flatMap((e) => {
    const ends = edgeEnds(e);
    if (!ends) return [];
    const [source, target] = ends.map(splitSocket);
    // Malformed specifiers and unknown nodes are the linter's to report; they start nothing.
    return source.length === 3 && target.length === 3 && nodes.has(source[0]) && nodes.has(target[0]) ? [{ source, target }] : [];
  });
}

/** Nodes in waves: each wave's nodes wait only for nodes of earlier waves. Nodes on a cycle never start. */
function wavesOf(nodes: Map<string, NodeItem>, edges: Edge[]): { waves: NodeItem[][]; stuck: NodeItem[] } {
  const waitsFor = new Map<string, Set<string>>([...nodes.keys()].map((n) => [n, new Set()]));
  for (const e of edges) waitsFor.get(e.target[0])!.add(e.source[0]);
  const done = new Set<string>();
  const waves: NodeItem[][] = [];
  for (;;) {
    const ready = [...nodes.values()].filter((n) => !done.has(n.name) && [...waitsFor.get(n.name)!].every((s) => done.has(s)));
    if (ready.length === 0) break;
    for (const n of ready) done.add(n.name);
    waves.push(ready);
  }
  return { waves, stuck: [...nodes.values()].filter((n) => !done.has(n.name)) };
}

/** A value typed as text (the CLI's `--param NAME=VALUE`) in the shape the target's control takes. */
function asControl(value: PreviewValue | undefined, control: ReturnType<typeof controlOf>): PreviewValue | undefined {
  if (value?.kind !== 'text') return value;
  if (control === 'flag') return { kind: 'bool', value: /^(true|yes|on|1)$/i.test(value.text.trim()) };
  if (control === 'list') return { kind: 'list', items: [value.text] };
  return value;
}

function stepOf(model: Model, node: NodeItem): { step?: Definition; task?: Definition } {
  if (node.kind === 'task' && typeof node.data.task === 'string') {
    const task = model.tasks.get(node.data.task);
    const stepName = task?.data.step;
    return { task, step: typeof stepName === 'string' ? model.steps.get(stepName) : undefined };
  }
  return { step: typeof node.data.step === 'string' ? model.steps.get(node.data.step) : undefined };
}

/**
 * The run plan of `pipeline` for the typed pipeline parameter values. `taskCount` says how many
 * executions a task definition starts (see tasks.ts).
 */
export function planPipeline(
  parsed: ParsedDocument,
  model: Model,
  pipeline: Definition,
  options: { values?: Record<string, PreviewValue>; taskCount?: (task: Definition) => number },
): PipelinePlan {
  const ctx = new LintContext(parsed);
  const nodes = nodesOf(pipeline);
  const edges = edgesOf(pipeline, nodes);
  const { waves, stuck } = wavesOf(nodes, edges);
  const warnings: string[] = [];

  // The steps the execution and task nodes run, with their overrides merged.
  const steps = new Map<string, { step: Step; definition: Definition; task?: Definition }>();
  for (const node of nodes.values()) {
    if (node.kind === 'deployment' || truthy(node.data.commit)) continue;
    const { step, task } = stepOf(model, node);
    if (!step) continue;
    const merged = mergedStep(parsed, step, [...node.path, 'override'], isMapping(node.data.override) ? node.data.override : {});
    if (merged) steps.set(node.name, { step: merged, definition: step, task });
  }

  // Pipeline parameters: what each sets on its targets.
  const typedFor = new Map<string, Record<string, PreviewValue>>();
  const setOn = (node: string, param: string, value: PreviewValue) => {
    const typed = typedFor.get(node) ?? {};
    typed[param] = value;
    typedFor.set(node, typed);
  };
  const pipelineParams: { name: string; path: Path; description?: string; targets: string[][]; value?: PreviewValue; typed: boolean; defaultValue?: PreviewValue }[] = [];
  asArray(pipeline.data.parameters).forEach((p, i) => {
    if (!isMapping(p)) return;
    const name = textOf(p.name);
    if (name === undefined) return;
    const path: Path = [...pipeline.path, 'parameters', i];
    const targets = targetsOf(p, path).flatMap((t) => (typeof t.spec === 'string' ? [splitSocket(t.spec)] : [])).filter((t) => t.length === 3);
    // The first target that is a real step parameter decides how the value is read and shown.
    const first = targets.map((t) => steps.get(t[0])?.step.parameters.find((sp) => sp.name === t[2])).find((sp) => sp !== undefined);
    const typed = first ? asControl(options.values?.[name], controlOf(first)) : options.values?.[name];
    const defaultValue = first && 'default' in p && p.default !== null ? displayOf(first, controlOf(first), ctx.py([...path, 'default'])) : undefined;
    const value = typed ?? defaultValue;
    pipelineParams.push({ name, path, description: textOf(p.description), targets, value, typed: typed !== undefined, defaultValue });
    if (value) for (const [node, , param] of targets) setOn(node, param, value);
  });

  // Units in wave order, so a parameter edge reads its source's value.
  const runs = new Map<string, NodeRun>();
  const notes = new Map<string, string[]>();
  const note = (node: string, text: string) => notes.set(node, [...(notes.get(node) ?? []), text]);
  for (const node of waves.flat()) {
    const found = steps.get(node.name);
    if (!found) continue;
    for (const e of edges) {
      if (e.target[0] !== node.name || !e.target[1].startsWith('parameter')) continue;
      const spec = e.source.join('.');
      if (e.source[1] === 'parameter') {
        const from = runs.get(e.source[0])?.unit.params.find((sp) => sp.name === e.source[2]);
        if (from) setOn(node.name, e.target[2], from.value);
      } else note(node.name, `Parameter ${e.target[2]} is set when the pipeline runs, from ${spec}.`);
    }
    const override = isMapping(node.data.override) ? node.data.override : {};
    const image = textOf(truthy(override.image) ? override.image : found.definition.data.image);
    const { unit, values } = stepExecution(found.step, typedFor.get(node.name), undefined, { lines: false });
    runs.set(node.name, { step: found.step, unit, values, inputs: {}, image });
  }

  // Where inputs come from.
  const fed = new Map<string, Map<string, string[]>>();
  for (const e of edges) {
    if (e.target[1] !== 'input' && e.target[1] !== 'file') continue;
    const byInput = fed.get(e.target[0]) ?? new Map<string, string[]>();
    const key = e.target[1] === 'file' ? `file ${e.target[2]}` : e.target[2];
    byInput.set(key, [...(byInput.get(key) ?? []), e.source.join('.')]);
    fed.set(e.target[0], byInput);
  }

  let executions = 0;
  const launchNode = (node: NodeItem, cycle: boolean): LaunchNode => {
    const run = runs.get(node.name);
    const problems: string[] = cycle ? ['It waits for itself through its edges (a cycle), so it never starts.'] : [];
    const nodeNotes = [...(notes.get(node.name) ?? [])];
    const inputs: Record<string, string[]> = {};
    const byInput = fed.get(node.name) ?? new Map<string, string[]>();
    let target = textOf(node.data.step) ?? textOf(node.data.task);
    let count: number | undefined;
    if (node.kind === 'deployment') {
      target = textOf(node.data.deployment);
      for (const [key, sources] of byInput) inputs[key] = sources;
      const endpoints = asArray(node.data.endpoints).map(textOf).filter((x) => x !== undefined);
      if (endpoints.length > 0) nodeNotes.push(`Creates a deployment version with the endpoint${endpoints.length > 1 ? 's' : ''} ${endpoints.join(', ')}.`);
      if (byInput.size === 0) nodeNotes.push('Receives no files from other nodes.');
    } else if (truthy(node.data.commit)) {
      nodeNotes.push(`Runs step "${target}" as it is in commit ${String(node.data.commit)}, so its command cannot be shown from this file.`);
    } else if (!run) {
      problems.push(node.kind === 'task' && typeof node.data.task === 'string' ? `Task "${node.data.task}" or its step does not exist.` : `Step "${target}" does not exist.`);
    } else {
      const append = node.data['edge-merge-mode'] === 'append';
      for (const input of run.step.inputs) {
        const sources = byInput.get(input.name);
        inputs[input.name] = sources ? (append ? [...input.defaults, ...sources] : sources) : input.defaults;
        if (inputs[input.name].length === 0 && !input.optional) {
          problems.push(`Input "${input.name}": nothing feeds it and it has no default, so the execution starts without its files.`);
        }
      }
      for (const key of byInput.keys()) {
        if (!(key in inputs)) nodeNotes.push(`An edge feeds "${key}", which step "${run.step.name}" does not declare.`);
      }
      run.inputs = inputs;
    }
    if (node.kind === 'task') {
      const task = run ? steps.get(node.name)?.task : undefined;
      if (task && options.taskCount) count = options.taskCount(task);
      else {
        count = 1;
        nodeNotes.push('The task runs the variants chosen when the pipeline is created; with none, one execution.');
      }
    }
    if (node.kind !== 'deployment' && !cycle && !truthy(node.data.commit) && run) executions += count ?? 1;
    return { node: node.name, kind: node.kind, target, path: node.path, command: run?.unit.command ?? [], inputs, count, problems, notes: nodeNotes };
  };
  const planned = waves.map((wave) => wave.map((n) => launchNode(n, false)));
  if (stuck.length > 0) {
    planned.push(stuck.map((n) => launchNode(n, true)));
    warnings.push(`Nodes ${stuck.map((n) => `"${n.name}"`).join(', ')} wait for each other and never start.`);
  }

  const params: PreviewParam[] = [];
  const paramValues: Record<string, PyValue> = {};
  for (const p of pipelineParams) {
    const [node, , param] = p.targets.find((t) => runs.get(t[0])?.unit.params.some((sp) => sp.name === t[2])) ?? [];
    const target = node ? runs.get(node)!.unit.params.find((sp) => sp.name === param)! : undefined;
    if (target) {
      params.push({ ...target, name: p.name, path: p.path, description: p.description ?? target.description, default: p.defaultValue ?? target.default, edited: p.typed });
      const value = runs.get(node!)!.values.get(param!);
      if (value) paramValues[p.name] = value;
    } else {
      params.push({ name: p.name, path: p.path, control: 'text', type: 'string', description: p.description, optional: true, default: { kind: 'unset' }, value: p.value ?? { kind: 'unset' }, edited: p.typed, errors: [] });
    }
  }
  const stepImages = new Map([...steps].map(([node, s]) => [node, textOf(s.definition.data.image)]));
  return { name: pipeline.name, path: pipeline.path, waves: planned, params, paramValues, runs, stepImages, executions, warnings };
}
