/**
 * The boxes and arrows handed to xyflow: one box per node with its handles and problems
 * (toFlowNodes), one arrow per edge (toFlowEdges), and the selection marked on them without
 * rebuilding what did not change (mergeNodes, withSelectedEdges). Loaded with the graph pane only.
 */
import { Position } from '@xyflow/react';
import type { PipelineGraph } from '../core/contracts/graph';
import type { Diagnostic } from '../core/contracts/diagnostics';
import type { Positions } from './layout';
import { handleBoxes, kindLabel, nodeSize, portRows, type PipelineFlowEdge, type PipelineFlowNode } from './graphView';

/**
 * Above this many arrows, labels and the grips that move an arrow's ends show only on the selected
 * arrows: hundreds of labels are noise, and hundreds of grips (two each) are elements to draw that
 * nobody can aim at while the whole pipeline fits the view.
 */
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
      reconnectable: !many,
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
  return edges.map((e) => (selected.has(e.id) ? { ...e, selected: true, reconnectable: true, data: { ...e.data!, shown: true } } : e));
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
