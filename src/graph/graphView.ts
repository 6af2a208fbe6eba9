/**
 * From a PipelineGraph to what the graph view draws, without React: each box's port rows and
 * size, which problems belong to which box or arrow, which element a text position is in, a
 * cheap identity check so an unchanged pipeline keeps its objects (and its layout), and the
 * boxes and arrows handed to xyflow (toFlowNodes, toFlowEdges), selection marked.
 */
import { Position, type Edge, type Node } from '@xyflow/react';
import type { GraphEdge, GraphNode, GraphPort, PipelineGraph } from '../core/contracts/graph';
import type { Diagnostic } from '../core/contracts/diagnostics';
import type { Path } from '../core/contracts/path';
import type { Positions } from './layout';

/** What one box of the drawing carries: the node, its port rows, its problems and the handles edges use. */
export interface PipelineNodeData extends Record<string, unknown> {
  node: GraphNode;
  rows: PortRow[];
  problems: Diagnostic[];
  /** Handle ids (`in:…`, `out:…`) that edges use: all a box needs when drawn small. */
  connected: ReadonlySet<string>;
}

export type PipelineFlowNode = Node<PipelineNodeData, 'pipeline'>;
export type PipelineFlowEdge = Edge<{ label: string; shown: boolean }, 'pipeline'>;

export const NODE_WIDTH = 240;
/** Box geometry, as graph.css draws it: a title block, then one row per port. */
export const HEADER_HEIGHT = 42;
export const ROW_HEIGHT = 20;
/** A box's border (graph.css, the same for every kind of box): handles sit on its inner edge. */
export const BORDER = 1;
/** The first row's top, from the box's outer edge: the border, the title block (its bottom border included), the list's padding. */
const ROWS_TOP = BORDER + HEADER_HEIGHT + 2;
const HANDLE_SIZE = 9;

/** One line of a box: a port that takes edges (left), starts them (right), or both. */
export interface PortRow {
  key: string;
  kind: string;
  label: string;
  in?: GraphPort;
  out?: GraphPort;
}

/** A box's rows: ports of one kind and name share a row, grouped by kind in a fixed order. */
export function portRows(node: GraphNode): PortRow[] {
  const rows = new Map<string, PortRow>();
  for (const port of node.ports) {
    const key = `${port.kind}\0${port.label}`;
    const row = rows.get(key) ?? { key, kind: port.kind, label: port.label };
    row[port.side] = port;
    rows.set(key, row);
  }
  const rank = (kind: string) => {
    const i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return [...rows.values()].sort((a, b) => rank(a.kind) - rank(b.kind));
}

const KIND_ORDER = ['dependency', 'input', 'file', 'parameter', 'environment-variable', 'output', 'metadata', 'deployment'];

export function nodeSize(node: GraphNode): { width: number; height: number } {
  return { width: NODE_WIDTH, height: ROWS_TOP + portRows(node).length * ROW_HEIGHT + 6 };
}

/** Where a row's handle is drawn (its centre's height in the box): the same whether the box is drawn in detail or small. */
export function rowCentre(row: number): number {
  return ROWS_TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/**
 * Every handle's box, known before anything is drawn: given to xyflow up front, arrows are drawn
 * in the same frame as the boxes instead of after a round of measuring the page.
 */
export function handleBoxes(rows: readonly PortRow[]): { id: string; type: 'source' | 'target'; position: 'left' | 'right'; x: number; y: number; width: number; height: number }[] {
  return rows.flatMap((row, i) => {
    const y = rowCentre(i) - HANDLE_SIZE / 2;
    const size = { width: HANDLE_SIZE, height: HANDLE_SIZE };
    return [
      ...(row.in ? [{ id: `in:${row.in.id}`, type: 'target' as const, position: 'left' as const, x: BORDER - HANDLE_SIZE / 2, y, ...size }] : []),
      ...(row.out ? [{ id: `out:${row.out.id}`, type: 'source' as const, position: 'right' as const, x: NODE_WIDTH - BORDER - HANDLE_SIZE / 2, y, ...size }] : []),
    ];
  });
}

function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}

/** The node or edge whose definition holds `path` most closely (the longest prefix), if any. */
export function elementAt(graph: PipelineGraph, path: Path): { kind: 'node'; element: GraphNode } | { kind: 'edge'; element: GraphEdge } | undefined {
  let best: { kind: 'node'; element: GraphNode } | { kind: 'edge'; element: GraphEdge } | undefined;
  let depth = -1;
  for (const element of graph.edges) {
    if (element.path.length > depth && isPrefix(element.path, path)) {
      best = { kind: 'edge', element };
      depth = element.path.length;
    }
  }
  for (const element of graph.nodes) {
    // A missing node's path is an edge's: that edge is the better answer.
    if (element.kind === 'missing') continue;
    if (element.path.length > depth && isPrefix(element.path, path)) {
      best = { kind: 'node', element };
      depth = element.path.length;
    }
  }
  return best;
}

/** The graph's problems by node or edge id (an edge to a missing node also marks that node). */
export function problemsByElement(graph: PipelineGraph, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (id: string, d: Diagnostic) => out.set(id, [...(out.get(id) ?? []), d]);
  for (const d of diagnostics) {
    if (!isPrefix(graph.path, d.path)) continue;
    const at = elementAt(graph, d.path);
    if (!at) continue;
    add(at.kind === 'node' ? `node:${at.element.id}` : `edge:${at.element.id}`, d);
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'missing') continue;
    const named = graph.edges.filter((e) => e.source === node.id || e.target === node.id);
    const found = named.flatMap((e) => out.get(`edge:${e.id}`) ?? []);
    if (found.length) out.set(`node:${node.id}`, found);
  }
  return out;
}

/** `next` if it differs from `previous` in anything drawn, else `previous` (so memos keyed on it hold). */
export function sameOr(previous: PipelineGraph | undefined, next: PipelineGraph): PipelineGraph {
  return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

/** What changes the layout: the boxes (ids and sizes) and which boxes are connected. */
export function layoutKey(graph: PipelineGraph): string {
  const nodes = graph.nodes.map((n) => `${n.id}:${nodeSize(n).height}`).join('\n');
  const edges = graph.edges.map((e) => `${e.source}>${e.target}`).join('\n');
  return `${nodes}\n--\n${edges}`;
}

const KIND_LABEL: Record<string, string> = {
  execution: 'execution',
  task: 'task',
  deployment: 'deployment',
  parameter: 'pipeline parameter',
  missing: 'missing node',
};

/** What a box is, as its title block and its accessible name say it. */
export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

/** Above this many arrows, labels show only on the selected one (hundreds of labels are noise). */
export const LABELS_UP_TO = 60;

const NONE: ReadonlySet<string> = new Set();

/** The handles (`in:…`, `out:…`) edges attach to, by node id. */
function connectedHandles(graph: PipelineGraph): Map<string, ReadonlySet<string>> {
  const at = new Map<string, Set<string>>();
  const add = (node: string, handle: string) => at.set(node, (at.get(node) ?? new Set()).add(handle));
  for (const e of graph.edges) {
    add(e.source, `out:${e.sourcePort}`);
    add(e.target, `in:${e.targetPort}`);
  }
  return at;
}

/**
 * One xyflow box per node, at its place in `positions` (the origin when it has none), with its
 * problems, its size and its handles known up front. Nothing is selected: mergeNodes marks that.
 */
export function toFlowNodes(graph: PipelineGraph, positions: Positions, problems: ReadonlyMap<string, Diagnostic[]>): PipelineFlowNode[] {
  const connected = connectedHandles(graph);
  return graph.nodes.map((node): PipelineFlowNode => {
    const rows = portRows(node);
    const size = nodeSize(node);
    return {
      id: node.id,
      type: 'pipeline',
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { node, rows, problems: problems.get(`node:${node.id}`) ?? [], connected: connected.get(node.id) ?? NONE },
      ariaLabel: `${kindLabel(node.kind)} ${node.name}${node.detail ? `, ${node.detail}` : ''}${problems.has(`node:${node.id}`) ? ', has problems' : ''}`,
      deletable: true,
      width: size.width,
      height: size.height,
      measured: size,
      handles: handleBoxes(rows).map((h) => ({ ...h, position: h.position === 'left' ? Position.Left : Position.Right })),
    };
  });
}

/** One xyflow arrow per edge, coloured by its worst problem; labelled unless there are too many to read. */
export function toFlowEdges(graph: PipelineGraph, problems: ReadonlyMap<string, Diagnostic[]>): PipelineFlowEdge[] {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const many = graph.edges.length > LABELS_UP_TO;
  return graph.edges.map((edge): PipelineFlowEdge => {
    const bad = problems.get(`edge:${edge.id}`);
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: `out:${edge.sourcePort}`,
      targetHandle: `in:${edge.targetPort}`,
      type: 'pipeline',
      data: { label: edge.label, shown: !many },
      ariaLabel: `Edge ${names.get(edge.source)}.${edge.sourcePort} to ${names.get(edge.target)}.${edge.targetPort}${bad ? ', has problems' : ''}`,
      className: bad ? (bad.some((d) => d.severity === 'error') ? 'graph-edge-error' : 'graph-edge-warning') : undefined,
    };
  });
}

/**
 * Arrows have no state of xyflow's own: they are the document's edges with the selection marked
 * (new objects for the selected ones only, so a selection redraws those arrows, not all of them).
 */
export function withSelectedEdges(edges: readonly PipelineFlowEdge[], selected: ReadonlySet<string>): PipelineFlowEdge[] {
  return edges.map((e) => (selected.has(e.id) ? { ...e, selected: true, data: { ...e.data!, shown: true } } : e));
}

function withSelected(n: PipelineFlowNode, on: boolean): PipelineFlowNode {
  return !!n.selected === on ? n : { ...n, selected: on };
}

/**
 * The new drawing of the boxes, keeping those that did not change (and `prev` itself when none
 * did): xyflow's own state in them (a measured size) stays. Each box is where `positions` has it
 * (laid out, or where the person moved it since), and selected when `selected` has it.
 */
export function mergeNodes(built: readonly PipelineFlowNode[], prev: PipelineFlowNode[], selected: ReadonlySet<string>, positions: Positions): PipelineFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const next = built.map((n) => {
    const o = old.get(n.id);
    const at = positions.get(n.id) ?? n.position;
    const same = o && o.data === n.data && o.position.x === at.x && o.position.y === at.y;
    const merged = same ? o : { ...n, position: at, ...(o?.measured ? { measured: o.measured } : {}) };
    return withSelected(merged, selected.has(n.id));
  });
  return next.length === prev.length && next.every((n, i) => n === prev[i]) ? prev : next;
}
