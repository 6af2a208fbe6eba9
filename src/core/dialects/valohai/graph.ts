/**
 * The pipelines of a valohai.yaml as graphs (the "Pipeline graph" view), and graph operations
 * turned back into edit intents on the text.
 *
 * Reading: one PipelineGraph per `pipeline` / `blueprint` item. Pipeline nodes become boxes whose
 * ports are what the node's step declares (inputs, parameters, environment variables, outputs),
 * what its `override` adds, and built-in ports (`output.*`, `dependency.*`, a deployment's IDs);
 * every edge item becomes one edge, every pipeline parameter a box with an edge per target.
 * Anything an edge names that is not declared still shows (undeclared port, or a `missing` box),
 * so a broken file draws what it says. Reading never throws, whatever the value's shape.
 *
 * Ids: a pipeline node's id is its name. The platform resolves a name to the LAST node of that
 * name, so that node gets the plain name and earlier namesakes `name#1`, `name#2`...; nodes without
 * a name `#1`, `#2`...; pipeline parameters `parameter:<name>`; names edges use that no node has
 * `missing:<name>`. Edges: `edge:<index>`, and `<parameter box id>:<k>` for a parameter's targets.
 * A node `type` other than task/deployment (or none) reads as `execution` (the linter reports it).
 *
 * Usage:
 *   const [g] = valohaiGraph.graphs(parsed.value);
 *   const intent = valohaiGraph.edit(parsed.value, g, { kind: 'renameNode', node: 'train', to: 'fit' });
 */
import type { EditIntent } from '../../contracts/change';
import {
  GraphEditError,
  type GraphEdge,
  type GraphNode,
  type GraphOp,
  type GraphPort,
  type GraphSupport,
  type PaletteEntry,
  type PipelineGraph,
  type PortSide,
} from '../../contracts/graph';
import type { Path } from '../../contracts/path';
import { asArray, isMapping, valueAt } from '../../guards';
import { type Obj } from './context';
import { KINDS } from './model';
import { splitSocket } from './pipelines';

/** The node kinds that are pipeline nodes (the others are boxes the view adds). */
const NODE_KINDS = new Set(['execution', 'task', 'deployment']);

/** Which 'in' port kinds an 'out' port of each kind may feed, and how to say so when it may not. */
const FEEDS: Record<string, { to: string[]; refusal: string }> = {
  output: { to: ['input', 'file'], refusal: 'An output can only go to an input or a deployment file' },
  // Passing an input's files on (`a.input.x*` → `b.input.x`) is in the platform's own examples.
  input: { to: ['input'], refusal: 'An input can only be passed on to another input' },
  parameter: { to: ['parameter'], refusal: 'A parameter can only go to a parameter' },
  metadata: { to: ['parameter'], refusal: 'Metadata can only go to a parameter' },
  'environment-variable': { to: ['environment-variable'], refusal: 'An environment variable can only go to an environment variable' },
  deployment: { to: ['parameter'], refusal: 'A deployment ID can only go to a parameter' },
  dependency: { to: ['dependency'], refusal: 'A dependency can only go to a dependency' },
};

// ---- reading plain values ---------------------------------------------------------------------

/** A name as edges spell it: text as is, other scalars printed; nothing for collections and null. */
function nameText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}


/** A value on one line, for a box's second line (`default: [a, b]`). */
function display(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(display).join(', ')}]`;
  if (isMapping(v)) return `{${Object.entries(v).map(([k, x]) => `${k}: ${display(x)}`).join(', ')}}`;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

interface Definition {
  path: Path;
  data: Obj;
}

/** The top-level definitions a pipeline refers to, by name (a later one replaces an earlier one). */
interface Definitions {
  step: Map<string, Definition>;
  task: Map<string, Definition>;
  endpoint: Map<string, Definition>;
  deployment: Map<string, Definition>;
}

function definitionsOf(value: unknown): Definitions {
  const defs: Definitions = { step: new Map(), task: new Map(), endpoint: new Map(), deployment: new Map() };
  asArray(value).forEach((item, index) => {
    if (!isMapping(item)) return;
    const kind = KINDS.find((k) => k in item);
    if (kind !== 'step' && kind !== 'task' && kind !== 'endpoint' && kind !== 'deployment') return;
    const data = item[kind];
    const name = isMapping(data) ? nameText(data.name) : undefined;
    if (isMapping(data) && name !== undefined) defs[kind].set(name, { path: [index, kind], data });
  });
  return defs;
}

/** The mapping items of a list that have a name, each name once (at its first place, with its last definition). */
function namedItems(list: unknown, listPath: Path): { name: string; path: Path }[] {
  const found = new Map<string, Path>();
  asArray(list).forEach((item, i) => {
    const name = isMapping(item) ? nameText(item.name) : undefined;
    if (name !== undefined) found.set(name, [...listPath, i]);
  });
  return [...found].map(([name, path]) => ({ name, path }));
}

/** The two specifiers of an edge item (shorthand or mapping), when both are text. */
export function edgeEnds(edge: unknown): [string, string] | undefined {
  const [source, target] = Array.isArray(edge) ? (edge.length === 2 ? edge : []) : isMapping(edge) ? [edge.source, edge.target] : [];
  return typeof source === 'string' && typeof target === 'string' ? [source, target] : undefined;
}

/** A pipeline parameter's targets as written: `target: x`, `targets: x` or `targets: [x, y]`, with where each is. */
export function targetsOf(param: Obj, path: Path): { spec: unknown; path: Path; k: number }[] {
  if ('target' in param) return [{ spec: param.target, path: [...path, 'target'], k: 0 }];
  if (Array.isArray(param.targets)) return param.targets.map((spec, k) => ({ spec, path: [...path, 'targets', k], k }));
  if (param.targets === undefined || param.targets === null) return [];
  return [{ spec: param.targets, path: [...path, 'targets'], k: 0 }];
}

// ---- document → graph -------------------------------------------------------------------------

function addPort(node: GraphNode, side: PortSide, id: string, kind: string, label: string, declared: boolean, path?: Path): void {
  if (node.ports.some((p) => p.side === side && p.id === id)) return;
  const port: GraphPort = { id, kind, side, label, declared };
  if (path) port.path = path;
  node.ports.push(port);
}

/** The step a node runs: its `task`'s step for a task node naming a task, else its `step`. */
function stepOfNode(defs: Definitions, item: Obj, kind: string): Definition | undefined {
  const taskName = nameText(item.task);
  if (kind === 'task' && taskName !== undefined) {
    const stepName = nameText(defs.task.get(taskName)?.data.step);
    return stepName === undefined ? undefined : defs.step.get(stepName);
  }
  const stepName = nameText(item.step);
  return stepName === undefined ? undefined : defs.step.get(stepName);
}

/** What the node's step declares and its override adds, plus the built-in ports. */
function executionPorts(defs: Definitions, node: GraphNode, item: Obj): void {
  const step = stepOfNode(defs, item, node.kind);
  const sp = step?.path ?? [];
  const sd = step?.data ?? {};
  const override = isMapping(item.override) ? item.override : {};
  const op = [...node.path, 'override'];
  const both = (key: string) => [...(step ? namedItems(sd[key], [...sp, key]) : []), ...namedItems(override[key], [...op, key])];
  for (const { name, path } of both('inputs')) addPort(node, 'in', `input.${name}`, 'input', name, true, path);
  for (const kind of ['parameter', 'environment-variable']) {
    for (const { name, path } of both(`${kind}s`)) {
      addPort(node, 'in', `${kind}.${name}`, kind, name, true, path);
      addPort(node, 'out', `${kind}.${name}`, kind, name, true, path);
    }
  }
  if (step) for (const { name, path } of namedItems(sd.outputs, [...sp, 'outputs'])) addPort(node, 'out', `output.${name}`, 'output', name, true, path);
  // Every output, declared or not (outputs are whatever files the execution writes).
  addPort(node, 'out', 'output.*', 'output', '*', true);
}

/** A deployment node takes its endpoints' files, and gives its deployment's IDs. */
function deploymentPorts(defs: Definitions, node: GraphNode, item: Obj): void {
  for (const e of asArray(item.endpoints)) {
    const name = nameText(e);
    const endpoint = name === undefined ? undefined : defs.endpoint.get(name);
    if (!endpoint) continue;
    for (const file of namedItems(endpoint.data.files, [...endpoint.path, 'files'])) {
      addPort(node, 'in', `file.${name}.${file.name}`, 'file', `${name}.${file.name}`, true, file.path);
    }
  }
  addPort(node, 'out', 'deployment.id', 'deployment', 'id', true);
  addPort(node, 'out', 'deployment.version_id', 'deployment', 'version_id', true);
}

function readPipeline(defs: Definitions, data: Obj, path: Path): PipelineGraph {
  const used = new Set<string>();
  /** `base` if free, else `base#1`, `base#2`... */
  const claim = (base: string, plain = true): string => {
    let id = base;
    for (let k = 1; (!plain && id === base) || used.has(id); k++) id = `${base}#${k}`;
    used.add(id);
    return id;
  };

  const items = asArray(data.nodes).flatMap((item, i) => (isMapping(item) ? [{ item, i, name: nameText(item.name) }] : []));
  // Edges reach the last node of a name: it keeps the plain name as its id.
  const byName = new Map<string, number>();
  for (const { i, name } of items) if (name !== undefined && name !== '') byName.set(name, i);
  for (const name of byName.keys()) used.add(name);

  const nodes: GraphNode[] = [];
  const nodeByName = new Map<string, GraphNode>();
  for (const { item, i, name } of items) {
    const last = name !== undefined && byName.get(name) === i ? name : undefined;
    const id = last ?? claim(name ?? '', false);
    const kind = item.type === 'task' || item.type === 'deployment' ? item.type : 'execution';
    const ref = kind === 'deployment' ? 'deployment' : kind === 'task' && 'task' in item ? 'task' : 'step';
    const node: GraphNode = { id, kind, name: name ?? '', path: [...path, 'nodes', i], ports: [] };
    const runs = nameText(item[ref]);
    if (runs !== undefined) node.detail = `${ref}: ${runs}`;
    if (kind === 'deployment') deploymentPorts(defs, node, item);
    else executionPorts(defs, node, item);
    addPort(node, 'in', 'dependency.*', 'dependency', '*', true);
    addPort(node, 'out', 'dependency.*', 'dependency', '*', true);
    nodes.push(node);
    if (last !== undefined) nodeByName.set(last, node);
  }

  const missing: GraphNode[] = [];
  const missingByName = new Map<string, GraphNode>();
  /** The node and port a specifier names (`parts` = node, type, key), adding what is not there. */
  const end = (parts: string[], side: PortSide, at: Path): { node: string; port: string } => {
    const [name, type, key] = parts;
    let node = nodeByName.get(name) ?? missingByName.get(name);
    if (!node) {
      node = { id: claim(`missing:${name}`), kind: 'missing', name, path: at, ports: [] };
      missing.push(node);
      missingByName.set(name, node);
    }
    const port = `${type}.${key}`;
    addPort(node, side, port, type, key, false);
    return { node: node.id, port };
  };

  const edges: GraphEdge[] = [];
  asArray(data.edges).forEach((edge, i) => {
    const ends = edgeEnds(edge);
    if (!ends) return;
    const [s, t] = ends.map(splitSocket);
    if (s.length !== 3 || t.length !== 3) return;
    const edgePath = [...path, 'edges', i];
    const source = end(s, 'out', edgePath);
    const target = end(t, 'in', edgePath);
    const label = s[1] === 'dependency' || t[1] === 'dependency' ? 'dependency' : `${s[2]} → ${t[2]}`;
    edges.push({ id: `edge:${i}`, source: source.node, sourcePort: source.port, target: target.node, targetPort: target.port, label, path: edgePath });
  });

  asArray(data.parameters).forEach((param, i) => {
    if (!isMapping(param)) return;
    const name = nameText(param.name) ?? '';
    const paramPath = [...path, 'parameters', i];
    const box: GraphNode = { id: claim(`parameter:${name}`), kind: 'parameter', name, path: paramPath, ports: [] };
    if ('default' in param) box.detail = `default: ${display(param.default)}`;
    const port = `parameter.${name}`;
    addPort(box, 'out', port, 'parameter', name, true, paramPath);
    nodes.push(box);
    for (const target of targetsOf(param, paramPath)) {
      if (typeof target.spec !== 'string') continue;
      const parts = splitSocket(target.spec);
      if (parts.length !== 3) continue;
      const to = end(parts, 'in', target.path);
      edges.push({ id: `${box.id}:${target.k}`, source: box.id, sourcePort: port, target: to.node, targetPort: to.port, label: `${name} → ${parts[2]}`, path: target.path });
    }
  });

  return { name: nameText(data.name) ?? '', path, nodes: [...nodes, ...missing], edges };
}

function graphs(value: unknown): PipelineGraph[] {
  const defs = definitionsOf(value);
  return asArray(value).flatMap((item, index) => {
    if (!isMapping(item)) return [];
    const kind = KINDS.find((k) => k in item);
    const data = kind ? item[kind] : undefined;
    if ((kind !== 'pipeline' && kind !== 'blueprint') || !isMapping(data)) return [];
    return [readPipeline(defs, data, [index, kind])];
  });
}

// ---- connections ------------------------------------------------------------------------------

type Verdict = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): Verdict => ({ ok: false, reason });

/** Why edges cannot name this pipeline node, if they cannot. */
function unaddressable(node: GraphNode): string | undefined {
  if (node.name === '') return 'This node has no name, so edges cannot name it — name it first';
  if (node.name.includes('.')) return `The node name "${node.name}" has a dot, so edges cannot name it — rename it first`;
  if (node.id !== node.name) return `A later node is also named "${node.name}" and edges reach only that one — rename this node first`;
  return undefined;
}

function canConnect(graph: PipelineGraph, source: { node: string; port: string }, target: { node: string; port: string }): Verdict {
  const from = graph.nodes.find((n) => n.id === source.node);
  const to = graph.nodes.find((n) => n.id === target.node);
  if (!from || !to) return refuse('That node is not in the pipeline (any more)');
  if (from.id === to.id) return refuse('A node cannot be connected to itself');
  for (const n of [from, to]) if (n.kind === 'missing') return refuse(`There is no node named "${n.name}" — add it first`);
  if (to.kind === 'parameter') return refuse('A pipeline parameter takes no edges; connect from it instead');
  const out = from.ports.find((p) => p.side === 'out' && p.id === source.port);
  if (!out) return refuse(from.ports.some((p) => p.id === source.port) ? `${source.port} takes edges; it cannot start one` : `${from.name} has no port ${source.port}`);
  const into = to.ports.find((p) => p.side === 'in' && p.id === target.port);
  if (!into) return refuse(to.ports.some((p) => p.id === target.port) ? `${target.port} starts edges; it cannot take one` : `${to.name} has no port ${target.port}`);
  for (const n of from.kind === 'parameter' ? [to] : [from, to]) {
    const why = unaddressable(n);
    if (why) return refuse(why);
  }
  if (graph.edges.some((e) => e.source === from.id && e.sourcePort === out.id && e.target === to.id && e.targetPort === into.id)) {
    return refuse('These ports are already connected');
  }
  if (from.kind === 'parameter') return into.kind === 'parameter' ? { ok: true } : refuse('A pipeline parameter can only go to a node parameter');
  const rule = FEEDS[out.kind];
  if (!rule) return refuse(`A port of type "${out.kind}" cannot start an edge`);
  return rule.to.includes(into.kind) ? { ok: true } : refuse(rule.refusal);
}

// ---- palette ----------------------------------------------------------------------------------

/** The Valohai deployment a new deployment node names: the file's first one, else a placeholder to rename. */
function deploymentTarget(defs: Definitions): string {
  return defs.deployment.keys().next().value ?? 'my-deployment';
}

function palette(value: unknown): PaletteEntry[] {
  const defs = definitionsOf(value);
  return [
    ...[...defs.step.keys()].map((name) => ({ id: `step:${name}`, label: name, group: 'Steps' })),
    ...[...defs.task.keys()].map((name) => ({ id: `task:${name}`, label: name, group: 'Tasks' })),
    ...[...defs.endpoint.keys()].map((name) => ({ id: `deployment:${name}`, label: name, group: 'Deployments' })),
  ];
}

/** `Train model` → `train-model`; then `train-model-2`... when taken. */
function uniqueSlug(text: string, taken: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
  return name;
}

// ---- graph operations → edit intents ----------------------------------------------------------

/** Append `item` to the list at `path`; an empty `[]` is replaced by a block list rather than grown into `[[...]]`. */
function append(list: unknown, path: Path, item: unknown, flow = false): EditIntent {
  if (list !== undefined && list !== null && !Array.isArray(list)) throw new GraphEditError(`"${path[path.length - 1]}" is not a list — fix it in the text first`);
  const insert: EditIntent = { kind: 'insert', path, value: item, flow };
  if (Array.isArray(list) && list.length === 0) return { kind: 'batch', intents: [{ kind: 'set', path, value: null }, insert] };
  return insert;
}

/** A new target for a pipeline parameter, keeping the form it has (`target: x` grows into `targets: [x, y]`). */
function addTarget(param: Obj, path: Path, spec: string): EditIntent {
  const targets = [...path, 'targets'];
  if (Array.isArray(param.targets)) return append(param.targets, targets, spec);
  const grow = (old: unknown): EditIntent[] => [
    { kind: 'set', path: targets, value: [] },
    { kind: 'insert', path: targets, value: old },
    { kind: 'insert', path: targets, value: spec },
  ];
  if (typeof param.targets === 'string') return { kind: 'batch', intents: grow(param.targets) };
  if (typeof param.target === 'string') return { kind: 'batch', intents: [{ kind: 'renameKey', path: [...path, 'target'], to: 'targets' }, ...grow(param.target)] };
  if ('targets' in param) return { kind: 'set', path: targets, value: [spec] };
  return { kind: 'set', path: [...path, 'target'], value: spec, as: 'string' };
}

/** Deletions in an order where none moves what a later one deletes: later list items first. A path inside another deleted one goes with it. */
function deletions(paths: Path[]): EditIntent {
  const order = (a: Path, b: Path): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] === b[i]) continue;
      if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
      return String(a[i]) < String(b[i]) ? -1 : 1;
    }
    return b.length - a.length;
  };
  const unique = [...new Map(paths.map((p) => [JSON.stringify(p), p])).values()];
  const outermost = unique.filter((p) => !unique.some((q) => q.length < p.length && q.every((seg, i) => seg === p[i])));
  return { kind: 'batch', intents: outermost.sort(order).map((path) => ({ kind: 'delete', path })) };
}

/** What deleting a node deletes: its item (a missing node has none) and every edge or parameter target that names it. */
function nodeDeletions(g: PipelineGraph, node: GraphNode): Path[] {
  if (node.kind === 'parameter') return [node.path];
  const paths = g.edges.filter((e) => e.source === node.id || e.target === node.id).map((e) => e.path);
  return node.kind === 'missing' ? paths : [...paths, node.path];
}

function edgeOf(graph: PipelineGraph, id: string): GraphEdge {
  const edge = graph.edges.find((e) => e.id === id);
  if (!edge) throw new GraphEditError('That edge is not in the pipeline (any more)');
  return edge;
}

function nodeOf(graph: PipelineGraph, id: string): GraphNode {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) throw new GraphEditError('That node is not in the pipeline (any more)');
  return node;
}

function connect(value: unknown, pipeline: Obj, g: PipelineGraph, op: Extract<GraphOp, { kind: 'connect' }>): EditIntent {
  const verdict = canConnect(g, { node: op.source, port: op.sourcePort }, { node: op.target, port: op.targetPort });
  if (!verdict.ok) throw new GraphEditError(verdict.reason);
  const from = nodeOf(g, op.source);
  const targetSpec = `${nodeOf(g, op.target).name}.${op.targetPort}`;
  if (from.kind === 'parameter') return addTarget(valueAt(value, from.path) as Obj, from.path, targetSpec);
  const sourceSpec = `${from.name}.${op.sourcePort}`;
  const edges = pipeline.edges;
  // New edges are written like the last one: `{source, target}` after a mapping, else `[a, b]`.
  const last = Array.isArray(edges) ? edges[edges.length - 1] : undefined;
  const item = isMapping(last) ? { source: sourceSpec, target: targetSpec } : [sourceSpec, targetSpec];
  return append(edges, [...g.path, 'edges'], item, !isMapping(last));
}

/** Move an edge's ends: only the specifier that changes is rewritten; a parameter's target keeps its place. */
function reconnect(value: unknown, g: PipelineGraph, op: Extract<GraphOp, { kind: 'reconnect' }>): EditIntent {
  const edge = g.edges.find((e) => e.id === op.edge);
  if (!edge) throw new GraphEditError('That edge is not in the pipeline (any more)');
  const moveSource = op.source !== edge.source || op.sourcePort !== edge.sourcePort;
  const moveTarget = op.target !== edge.target || op.targetPort !== edge.targetPort;
  if (!moveSource && !moveTarget) return { kind: 'batch', intents: [] };
  // Judged as a new edge would be, the moved edge itself set aside.
  const others = { ...g, edges: g.edges.filter((e) => e.id !== edge.id) };
  const verdict = canConnect(others, { node: op.source, port: op.sourcePort }, { node: op.target, port: op.targetPort });
  if (!verdict.ok) throw new GraphEditError(verdict.reason);
  const targetSpec = `${nodeOf(g, op.target).name}.${op.targetPort}`;
  if (edge.path[edge.path.length - 2] !== 'edges' && edge.path[edge.path.length - 1] !== 'edges') {
    // A pipeline parameter's target: its path is the target text itself.
    if (moveSource) throw new GraphEditError('To feed this target from another pipeline parameter, connect from that parameter instead');
    return { kind: 'set', path: edge.path, value: targetSpec, as: 'string' };
  }
  const item = valueAt(value, edge.path);
  const intents: EditIntent[] = [];
  if (moveSource) intents.push({ kind: 'set', path: [...edge.path, Array.isArray(item) ? 0 : 'source'], value: `${nodeOf(g, op.source).name}.${op.sourcePort}`, as: 'string' });
  if (moveTarget) intents.push({ kind: 'set', path: [...edge.path, Array.isArray(item) ? 1 : 'target'], value: targetSpec, as: 'string' });
  return intents.length === 1 ? intents[0] : { kind: 'batch', intents };
}

function addNode(value: unknown, pipeline: Obj, g: PipelineGraph, entry: string): EditIntent {
  const defs = definitionsOf(value);
  const at = entry.indexOf(':');
  const [group, ref] = [entry.slice(0, at), entry.slice(at + 1)];
  const taken = new Set(g.nodes.filter((n) => NODE_KINDS.has(n.kind) || n.kind === 'missing').map((n) => n.name));
  let item: Obj;
  if (group === 'step' && defs.step.has(ref)) item = { name: uniqueSlug(ref, taken), type: 'execution', step: ref };
  else if (group === 'task' && defs.task.has(ref)) item = { name: uniqueSlug(ref, taken), type: 'task', task: ref };
  else if (group === 'deployment' && defs.endpoint.has(ref)) {
    item = { name: uniqueSlug(`deploy-${ref}`, taken), type: 'deployment', deployment: deploymentTarget(defs), endpoints: [ref] };
  } else throw new GraphEditError(`There is no ${group || 'entry'} "${ref}" in the file to add`);
  return append(pipeline.nodes, [...g.path, 'nodes'], item);
}

function renameNode(value: unknown, g: PipelineGraph, op: Extract<GraphOp, { kind: 'renameNode' }>): EditIntent {
  const node = nodeOf(g, op.node);
  if (!NODE_KINDS.has(node.kind)) throw new GraphEditError('Only pipeline nodes can be renamed');
  const to = op.to;
  if (to.trim() === '') throw new GraphEditError('A node needs a name');
  if (to.includes('.')) throw new GraphEditError('A node name cannot contain a dot: edges name ports as node.type.key');
  if (to === node.name) return { kind: 'batch', intents: [] };
  if (g.nodes.some((n) => NODE_KINDS.has(n.kind) && n.name === to)) throw new GraphEditError(`Another node is already named "${to}"`);
  const intents: EditIntent[] = [{ kind: 'set', path: [...node.path, 'name'], value: to, as: 'string' }];
  /** Rewrite the node part of the specifier at `path`. */
  const respell = (path: Path) => {
    const spec = valueAt(value, path);
    if (typeof spec === 'string') intents.push({ kind: 'set', path, value: to + spec.slice(node.name.length), as: 'string' });
  };
  for (const e of g.edges) {
    const item = valueAt(value, e.path);
    const isItem = e.path[e.path.length - 2] === 'edges';
    if (e.source === node.id && isItem) respell([...e.path, Array.isArray(item) ? 0 : 'source']);
    if (e.target === node.id) respell(isItem ? [...e.path, Array.isArray(item) ? 1 : 'target'] : e.path);
  }
  return { kind: 'batch', intents };
}

function edit(value: unknown, graph: PipelineGraph, op: GraphOp): EditIntent {
  // Read the pipeline again from the value the intent is planned against, so every path is current.
  const pipeline = valueAt(value, graph.path);
  if (!isMapping(pipeline)) throw new GraphEditError('This pipeline is no longer in the document');
  const g = readPipeline(definitionsOf(value), pipeline, graph.path);
  switch (op.kind) {
    case 'connect':
      return connect(value, pipeline, g, op);
    case 'delete':
      // An edge is an edge item, or one target of a parameter (`target`, a `targets` item, or `targets: x`).
      return deletions([...op.nodes.flatMap((id) => nodeDeletions(g, nodeOf(g, id))), ...op.edges.map((id) => edgeOf(g, id).path)]);
    case 'reconnect':
      return reconnect(value, g, op);
    case 'addNode':
      return addNode(value, pipeline, g, op.entry);
    case 'renameNode':
      return renameNode(value, g, op);
  }
}

export const valohaiGraph: GraphSupport = { graphs, canConnect, palette, edit };
