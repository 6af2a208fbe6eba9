/**
 * From a PipelineGraph to what the graph view draws, without React: each box's port rows and
 * size, which problems belong to which box or arrow, which element a text position is in, a
 * cheap identity check so an unchanged pipeline keeps its objects (and its layout). The boxes and
 * arrows handed to xyflow are built in flowElements.ts. Only type imports from @xyflow/react here:
 * this file is on the first screen (usePipelineGraphs), the graph library is loaded lazily.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode, GraphPort, PipelineGraph } from '../core/contracts/graph';
import type { Diagnostic } from '../core/contracts/diagnostics';
import type { Path } from '../core/contracts/path';

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
