/**
 * Pipeline rules: unique node names, nodes that refer to steps and tasks of the file, node
 * overrides that match their step, edges between existing nodes, and pipeline parameters
 * that reach real node parameters. Messages are the platform's, word for word.
 */
import type { Path } from '../../contracts/path';
import { asArray, isMapping } from '../../guards';
import { nameOf, truthy, type LintContext, type Obj } from './context';
import type { Definition, Model } from './model';
import { effectiveParameters } from './parameters';
import { pyRepr, pyStrRepr } from './python/values';

const EDGE_TYPES = new Set(['dependency', 'deployment', 'environment-variable', 'file', 'input', 'metadata', 'output', 'parameter']);
const WELL_KNOWN_WHENS = new Set(['node-complete', 'node-starting', 'node-error']);
const WELL_KNOWN_THENS = new Set(['noop', 'stop-pipeline', 'error-pipeline']);
const PRESET_WITHOUT_ENVIRONMENT = 'missing "environment". When specifying a runtime config preset, you must also specify an environment.';

interface PipelineNode {
  name: string | undefined;
  type: unknown;
  path: Path;
  data: Obj;
}

/** `node.type.key`, split on the first two dots only: keys such as `model.pkl` keep their dots. */
export function splitSocket(spec: string): string[] {
  const parts = spec.split('.');
  return parts.length <= 3 ? parts : [parts[0], parts[1], parts.slice(2).join('.')];
}

function namesIn(list: unknown): Set<string> {
  const names = new Set<string>();
  for (const item of asArray(list)) if (isMapping(item) && item.name !== undefined && item.name !== null) names.add(String(item.name));
  return names;
}

export function lintPipeline(ctx: LintContext, model: Model, pipeline: Definition): void {
  const p = pipeline.name;
  const nodes: PipelineNode[] = asArray(pipeline.data.nodes).flatMap((n, i) => {
    const path = [...pipeline.path, 'nodes', i];
    return isMapping(n) ? [{ name: nameOf(ctx, [...path, 'name'], n.name), type: n.type, path, data: n }] : [];
  });
  // Like the platform's node map, a repeated name refers to the last node of that name.
  const nodeMap = new Map(nodes.filter((n) => n.name !== undefined).map((n) => [n.name!, n]));

  const seen = new Map<string, number>();
  for (const node of nodes) {
    if (node.name === undefined) continue;
    const count = (seen.get(node.name) ?? 0) + 1;
    seen.set(node.name, count);
    if (count === 2) {
      const total = nodes.filter((n) => n.name === node.name).length;
      ctx.error([...node.path, 'name'], `Pipeline ${p} has ${total} nodes with the same name of ${node.name}`);
    }
  }

  for (const node of nodes) lintNode(ctx, model, p, node);
  asArray(pipeline.data.edges).forEach((edge, i) => lintEdge(ctx, p, nodeMap, [...pipeline.path, 'edges', i], edge));
  asArray(pipeline.data.parameters).forEach((param, i) => {
    if (isMapping(param)) lintPipelineParameter(ctx, model, p, nodeMap, [...pipeline.path, 'parameters', i], param);
  });
}

function lintNode(ctx: LintContext, model: Model, p: string, node: PipelineNode): void {
  asArray(node.data.actions).forEach((action, i) => {
    if (isMapping(action)) lintAction(ctx, [...node.path, 'actions', i], action);
  });
  const name = node.name ?? '';
  if (node.type === 'deployment') {
    // A missing name is the schema's to report; an empty one only the platform notices.
    if ('name' in node.data && !truthy(node.data.name)) ctx.error(node.path, 'Deployment has no name', 'object');
    return;
  }
  if (node.type !== 'execution' && node.type !== 'task') return;
  // With a commit, the step comes from another version of the file and cannot be checked here.
  if (truthy(node.data.commit)) return;
  const { task, step } = node.data;
  if (node.type === 'task' && typeof task === 'string' && task) lintTaskReference(ctx, model, p, name, node, task);
  if (typeof step === 'string' && step) lintStepReference(ctx, model, p, name, node, step);
}

function lintAction(ctx: LintContext, path: Path, action: Obj): void {
  // The platform lowercases `when` into a set; `then` stays a list as written.
  const whenPaths: [string, Path][] = Array.isArray(action.when)
    ? action.when.map((_w, i) => [ctx.str([...path, 'when', i]).toLowerCase(), [...path, 'when', i]])
    : action.when === undefined || action.when === null
      ? []
      : [[ctx.str([...path, 'when']).toLowerCase(), [...path, 'when']]];
  const whens = [...new Set(whenPaths.map(([w]) => w))];
  const whenRepr = `{${whens.map(pyStrRepr).join(', ')}}`;
  const reported = new Set<string>();
  for (const [when, wPath] of whenPaths) {
    if (WELL_KNOWN_WHENS.has(when) || reported.has(when)) continue;
    reported.add(when);
    ctx.warning(wPath, `"when" value ${whenRepr} is not well-known; the action might never be triggered`);
  }
  const then = ctx.py([...path, 'then']);
  const thens = then.t === 'list' ? then.items : then.t === 'none' ? [] : [then];
  const thenRepr = pyRepr({ t: 'list', items: thens });
  thens.forEach((t, i) => {
    if (t.t === 'str' && WELL_KNOWN_THENS.has(t.v)) return;
    ctx.warning(then.t === 'list' ? [...path, 'then', i] : [...path, 'then'], `"then" value ${thenRepr} is not well-known; the action might do nothing`);
  });
}

function lintStepReference(ctx: LintContext, model: Model, p: string, nodeName: string, node: PipelineNode, stepName: string): void {
  const prefix = `Pipeline "${p}" node "${nodeName}" step "${stepName}"`;
  const step = model.steps.get(stepName);
  if (!step) {
    ctx.error([...node.path, 'step'], `${prefix} does not exist`);
    return;
  }
  lintOverride(ctx, prefix, node, step);
}

function lintTaskReference(ctx: LintContext, model: Model, p: string, nodeName: string, node: PipelineNode, taskName: string): void {
  const prefix = `Pipeline "${p}" node "${nodeName}" task "${taskName}"`;
  const task = model.tasks.get(taskName);
  if (!task) {
    ctx.error([...node.path, 'task'], `${prefix} does not exist`);
    return;
  }
  const stepName = typeof task.data.step === 'string' ? task.data.step : ctx.str([...task.path, 'step']);
  const step = model.steps.get(stepName);
  if (!step) {
    ctx.error([...node.path, 'task'], `${prefix}: task's step "${stepName}" does not exist`);
    return;
  }
  lintOverride(ctx, prefix, node, step);
}

/** An override may only change inputs and parameters that its step has. */
function lintOverride(ctx: LintContext, prefix: string, node: PipelineNode, step: Definition): void {
  const override = node.data.override;
  if (!isMapping(override)) return;
  const overridePath = [...node.path, 'override'];
  for (const [key, label] of [
    ['inputs', 'input'],
    ['parameters', 'parameter'],
  ] as const) {
    const known = key === 'parameters' ? new Set(effectiveParameters(step.data.parameters).keys()) : namesIn(step.data.inputs);
    const reported = new Set<string>();
    asArray(override[key]).forEach((item, i) => {
      if (!isMapping(item) || item.name === undefined || item.name === null) return;
      const name = ctx.str([...overridePath, key, i, 'name']);
      if (known.has(name) || reported.has(name)) return;
      reported.add(name);
      ctx.error([...overridePath, key, i, 'name'], `${prefix}: ${label} ${name} does not exist in step`);
    });
  }
  if (truthy(override['runtime-config-preset']) && !truthy(override.environment)) {
    ctx.error([...overridePath, 'runtime-config-preset'], `${prefix}: ${PRESET_WITHOUT_ENVIRONMENT}`);
  }
}

function lintEdge(ctx: LintContext, p: string, nodeMap: Map<string, PipelineNode>, path: Path, edge: unknown): void {
  let ends: [unknown, Path][];
  if (Array.isArray(edge)) {
    // Three or more items are a schema error already; fewer than two the platform calls malformed.
    if (edge.length < 2) {
      ctx.error(path, `Malformed edge shorthand ${pyRepr(ctx.py(path))}`);
      return;
    }
    if (edge.length > 2) return;
    ends = [
      [edge[0], [...path, 0]],
      [edge[1], [...path, 1]],
    ];
  } else if (isMapping(edge)) {
    ends = [
      [edge.source, [...path, 'source']],
      [edge.target, [...path, 'target']],
    ];
  } else {
    return;
  }
  const sides: { parts: string[]; path: Path }[] = [];
  for (const [[spec, specPath], label] of [
    [ends[0], 'Source'],
    [ends[1], 'Target'],
  ] as const) {
    if (typeof spec !== 'string') return;
    const parts = splitSocket(spec);
    if (parts.length !== 3) {
      ctx.error(specPath, `${label} specifier ${pyStrRepr(spec)} must have 3 parts (it has ${parts.length})`);
      return;
    }
    sides.push({ parts, path: specPath });
  }
  const [source, target] = sides;
  const between = `(between ${source.parts[0]} and ${target.parts[0]})`;
  if (!nodeMap.has(source.parts[0])) ctx.error(source.path, `Pipeline ${p} edge source node ${source.parts[0]} does not exist`);
  if (!nodeMap.has(target.parts[0])) ctx.error(target.path, `Pipeline ${p} edge target node ${target.parts[0]} does not exist`);
  if (!EDGE_TYPES.has(source.parts[1])) ctx.error(source.path, `Pipeline ${p} source type ${source.parts[1]} ${between} not valid`);
  if (!EDGE_TYPES.has(target.parts[1])) ctx.error(target.path, `Pipeline ${p} target type ${target.parts[1]} ${between} not valid`);
}

function lintPipelineParameter(ctx: LintContext, model: Model, p: string, nodeMap: Map<string, PipelineNode>, path: Path, param: Obj): void {
  if (param.name === undefined || param.name === null) return;
  const name = ctx.str([...path, 'name']);
  const prefix = `Pipeline "${p}" parameter "${name}"`;
  if ('target' in param && 'targets' in param) {
    // The platform stops reading the file here ("cannot have both: target and targets").
    ctx.error([...path, 'targets'], `${prefix}: cannot have both "target" and "targets" — keep one of them`, 'key');
    return;
  }
  const targets: [unknown, Path][] =
    'target' in param
      ? [[param.target, [...path, 'target']]]
      : Array.isArray(param.targets)
        ? param.targets.map((t, i) => [t, [...path, 'targets', i]])
        : param.targets === undefined || param.targets === null
          ? []
          : [[param.targets, [...path, 'targets']]];
  if (targets.length === 0) {
    ctx.warning([...path, 'name'], `${prefix}: no targets.`);
    return;
  }
  for (const [target, targetPath] of targets) {
    if (typeof target !== 'string') continue;
    const where = `${prefix} target "${target}"`;
    const parts = splitSocket(target);
    if (parts.length !== 3) {
      // The platform stops reading the file on such a target.
      ctx.error(targetPath, `${where}: must have 3 parts, written node.parameter.name (it has ${parts.length})`);
      continue;
    }
    const [nodeName, socketType, paramName] = parts;
    if (!socketType.startsWith('parameter')) ctx.error(targetPath, `${where}: socket type "${socketType}" is not supported.`);
    const node = nodeMap.get(nodeName);
    if (!node) {
      ctx.error(targetPath, `${where}: the node "${nodeName}" does not exist.`);
      continue;
    }
    if (node.type !== 'execution' || typeof node.data.step !== 'string') continue;
    const step = model.steps.get(node.data.step);
    if (!step) {
      // Without a commit the node's own error says it; with one, the platform fails to read the file.
      if (truthy(node.data.commit)) {
        ctx.error(targetPath, `${where}: node "${nodeName}" runs step "${node.data.step}" from another commit, so its parameters cannot be checked — Valohai rejects this file`);
      }
      continue;
    }
    if (!effectiveParameters(step.data.parameters).has(paramName)) {
      ctx.error(targetPath, `${where}: the parameter "${paramName}" does not exist in step "${step.name}".`);
    }
  }
}
