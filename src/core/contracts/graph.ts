/**
 * A document's pipelines as graphs, dialect-neutral and plain (structured-cloneable): what a
 * dialect's optional `graph` support reads from the document's value, what the "Pipeline graph"
 * view draws, and the graph operations it turns back into edit intents (so editing the graph is
 * editing the text, with the same minimal edits and the same undo history).
 *
 * Usage:
 *   const [g] = dialect.graph!.graphs(value);
 *   const intent = dialect.graph!.edit(value, g, { kind: 'delete', nodes: [g.nodes[0].id], edges: [] });
 *   store.applyIntent(intent, 'graph');
 */
import type { EditIntent } from './change';
import type { Path } from './path';

/** Which side of its node a port sits on: 'in' ports take edges (drawn left), 'out' ports start them (right). */
export type PortSide = 'in' | 'out';

export interface GraphPort {
  /** Unique among the node's ports of the same side, e.g. `input.training-data`, `output.model*`. */
  id: string;
  /** What flows through it (valohai: the edge type — input, output, parameter, metadata, ...). */
  kind: string;
  side: PortSide;
  /** What a person reads, e.g. `training-data`. */
  label: string;
  /** Declared by the unit the node runs (a step's input) rather than only named by an edge. */
  declared: boolean;
  /** Where the port is defined, when it is (to reveal). */
  path?: Path;
}

export interface GraphNode {
  /**
   * Stable across edits that do not touch the node (the layout keeps positions by it): the node's
   * name for pipeline nodes; prefixed ids (e.g. `parameter:lr`, `missing:b`) for other boxes.
   */
  id: string;
  /** What kind of box: valohai `execution`, `task`, `deployment`, `parameter` (a pipeline parameter), `missing` (a name edges use that no node has). */
  kind: string;
  /** The name shown as the box's title. */
  name: string;
  /** A second line: the step, task or deployment the node runs. */
  detail?: string;
  /** The node's definition (for a missing node: the first edge that names it). */
  path: Path;
  ports: GraphPort[];
}

export interface GraphEdge {
  /** Unique in its graph; stable while the edge list does not change. */
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  /** What flows, e.g. `model* → model`, `lr → learning_rate`. */
  label: string;
  /** The edge's definition (an edge item, or one target of a pipeline parameter). */
  path: Path;
}

export interface PipelineGraph {
  name: string;
  /** The pipeline's definition, e.g. `[4, 'pipeline']`. */
  path: Path;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What the graph view asks to change; node and edge ids are those of the PipelineGraph it was read from. */
export type GraphOp =
  /** Connect an 'out' port to an 'in' port (an edge, or a pipeline parameter's new target). */
  | { kind: 'connect'; source: string; sourcePort: string; target: string; targetPort: string }
  /** Move one or both ends of an edge to other ports (what dragging an arrow's end does). */
  | { kind: 'reconnect'; edge: string; source: string; sourcePort: string; target: string; targetPort: string }
  /**
   * Delete nodes, each with every edge (and pipeline-parameter target) that names it, and edges:
   * one change, one undo step, whether it is one arrow or a whole selection.
   */
  | { kind: 'delete'; nodes: readonly string[]; edges: readonly string[] }
  /** Add a node for a palette entry, named uniquely. */
  | { kind: 'addNode'; entry: string }
  /** Rename a node; the edges and parameter targets that name it follow. */
  | { kind: 'renameNode'; node: string; to: string };

/** Something the palette offers to add as a node (e.g. a step of the file). */
export interface PaletteEntry {
  id: string;
  label: string;
  /** Heading it is listed under, e.g. `Steps`, `Tasks`. */
  group: string;
}

/** Thrown when an operation is refused; the message says why in a person's words. */
export class GraphEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphEditError';
  }
}

/** A dialect's pipelines: reading them as graphs and turning graph operations into edit intents. */
export interface GraphSupport {
  /** Every pipeline of the document's value, in document order. */
  graphs(value: unknown): PipelineGraph[];
  /**
   * Whether the platform accepts an edge from `source` to `target` (both ports of `graph`);
   * a reason when it does not.
   */
  canConnect(graph: PipelineGraph, source: { node: string; port: string }, target: { node: string; port: string }): { ok: true } | { ok: false; reason: string };
  /** What can be added as a node. */
  palette(value: unknown): PaletteEntry[];
  /** The edit that makes `op` true in `graph` (a `batch` when several places change); throws GraphEditError when refused. */
  edit(value: unknown, graph: PipelineGraph, op: GraphOp): EditIntent;
}
