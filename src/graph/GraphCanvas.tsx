/**
 * The pipeline graph's canvas: one pipeline drawn with @xyflow/react, its boxes where the person
 * left them (useBoxPositions). Drawing an arrow from port to port, dragging an arrow's end to
 * another port, and Delete or Backspace while the keyboard is in the canvas each run one edit;
 * xyflow's selection is reported to the pane (selectionChanged), which owns it.
 */
import {
  applyNodeChanges,
  Controls,
  getNodesBounds,
  getViewportForBounds,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic } from '../core/contracts/diagnostics';
import type { GraphOp, GraphSupport, PipelineGraph } from '../core/contracts/graph';
import { useDocument } from '../store/react';
import { problemsByElement, type PipelineFlowEdge, type PipelineFlowNode } from './graphView';
import { mergeNodes, toFlowEdges, toFlowNodes, withSelectedEdges } from './flowElements';
import { PipelineEdgeView } from './PipelineEdgeView';
import { PipelineNodeView } from './PipelineNodeView';
import { useBoxPositions } from './useBoxPositions';
import { deletionOf, type Picked } from './useGraphSelection';

const NODE_TYPES = { pipeline: PipelineNodeView };
const EDGE_TYPES = { pipeline: PipelineEdgeView };
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;

export function GraphCanvas({
  graph,
  pipelineNames,
  support,
  theme,
  picked,
  selectionChanged,
  run,
  size,
}: {
  graph: PipelineGraph;
  pipelineNames: readonly string[];
  support: GraphSupport;
  theme: 'light' | 'dark';
  size: { width: number; height: number } | null;
  picked: readonly Picked[];
  selectionChanged: (kind: Picked['kind'], on: string[], off: string[]) => void;
  run: (op: GraphOp) => Promise<boolean>;
}) {
  const diagnostics = useDocument((s) => s.analysis.diagnostics);
  // Every analysis brings a new diagnostics list; the boxes are rebuilt only when THEIR problems change.
  const lastProblems = useRef<{ key: string; map: Map<string, Diagnostic[]> } | null>(null);
  const problems = useMemo(() => {
    const map = problemsByElement(graph, diagnostics);
    const key = JSON.stringify([...map].map(([id, ds]) => [id, ds.map((d) => [d.severity, d.message])]));
    if (lastProblems.current?.key !== key) lastProblems.current = { key, map };
    return lastProblems.current.map;
  }, [graph, diagnostics]);
  const flow = useRef<ReactFlowInstance<PipelineFlowNode, PipelineFlowEdge> | null>(null);
  const { laidOut, positions, tidied, move, tidy } = useBoxPositions(graph, pipelineNames);

  const built = useMemo(() => toFlowNodes(graph, laidOut, problems), [graph, laidOut, problems]);
  const builtEdges = useMemo(() => toFlowEdges(graph, problems), [graph, problems]);

  const pickedNodes = useMemo(() => new Set(picked.filter((p) => p.kind === 'node').map((p) => p.id)), [picked]);
  const pickedEdges = useMemo(() => new Set(picked.filter((p) => p.kind === 'edge').map((p) => p.id)), [picked]);
  const [nodes, setNodes] = useState(() => mergeNodes(built, [], pickedNodes, positions));
  // The drawing follows the document and the selection; xyflow's own state (measured sizes, a box
  // being dragged) is kept where nothing changed (mergeNodes returns the same list then).
  useEffect(() => setNodes((prev) => mergeNodes(built, prev, pickedNodes, positions)), [built, pickedNodes, positions]);
  const edges = useMemo(() => withSelectedEdges(builtEdges, pickedEdges), [builtEdges, pickedEdges]);
  useEffect(() => {
    if (tidied > 0) requestAnimationFrame(() => flow.current?.fitView());
  }, [tidied]);

  const onNodesChange = (changes: NodeChange<PipelineFlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    // A box the person moved stays there: boxes drawn again later (new problems, a new label) are put there.
    move(changes.flatMap((c) => (c.type === 'position' && c.position && !c.dragging ? [[c.id, c.position] as const] : [])));
    selectionChanged('node', ...selectChanges(changes));
  };
  const onEdgesChange = (changes: EdgeChange[]) => selectionChanged('edge', ...selectChanges(changes));

  const portOf = (handle: string | null | undefined) => (handle ?? '').replace(/^(in|out):/, '');
  const check = (c: Connection | Edge) => support.canConnect(graph, { node: c.source, port: portOf(c.sourceHandle) }, { node: c.target, port: portOf(c.targetHandle) });

  // Fitted to the canvas from the first drawing: xyflow's store starts there (width, height and
  // fitView below) and its pan-zoom starts there too (defaultViewport), so nothing is drawn at
  // zoom 1 first — for a big pipeline that would be every port of every box, drawn for nothing.
  const initialViewport = useMemo(
    () => (size ? getViewportForBounds(getNodesBounds(nodes), size.width, size.height, MIN_ZOOM, MAX_ZOOM, 0.1) : undefined),
    // Only the first drawing needs it; later the person's pan and zoom stay.
    [size !== null],
  );

  // xyflow fits the view once its boxes are all measured; ours come with their size and handles,
  // are never measured (see patches/), and the fit it queued would otherwise wait for the next
  // change of the boxes — a click after the person has panned would jump the view back. The store
  // starts fitted (above), so the queued fit is taken back once xyflow is drawn — not before: until
  // the canvas's size is known xyflow is not there, and it must start with `fitView` then.
  const [fitQueued, setFitQueued] = useState(true);
  const drawn = size !== null;
  useEffect(() => {
    if (drawn) setFitQueued(false);
  }, [drawn]);

  // Delete / Backspace remove the selection while the keyboard is in the canvas — never from a
  // key pressed elsewhere on the page — and through the dialect's edit, never xyflow's own removal.
  const onKeyDown = (e: KeyboardEvent) => {
    keepFocus(e);
    if ((e.key !== 'Delete' && e.key !== 'Backspace') || picked.length === 0) return;
    if ((e.target as HTMLElement).closest('input, textarea, select, [contenteditable]')) return;
    e.preventDefault();
    void run(deletionOf(picked));
  };

  return (
    <div className="graph-canvas" onKeyDown={onKeyDown}>
      <button
        type="button"
        className="small-button graph-tidy"
        onClick={tidy}
      >
        Tidy layout
      </button>
      {size && initialViewport && (
      <ReactFlow<PipelineFlowNode, PipelineFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onInit={(instance) => {
          flow.current = instance;
        }}
        isValidConnection={(c) => check(c).ok}
        // Dragging an arrow's end to another port moves that end (only the specifier that changes).
        onReconnect={(old, c) =>
          void run({ kind: 'reconnect', edge: old.id, source: c.source, sourcePort: portOf(c.sourceHandle), target: c.target, targetPort: portOf(c.targetHandle) })
        }
        onConnect={(c) =>
          void run({ kind: 'connect', source: c.source, sourcePort: portOf(c.sourceHandle), target: c.target, targetPort: portOf(c.targetHandle) })
        }
        // Delete is handled on the canvas (below): only while the keyboard is in the graph.
        deleteKeyCode={null}
        // Shift- or Ctrl-click (Cmd on a Mac) adds to the selection, Shift-drag selects what a box takes in.
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        // With the canvas's size known, xyflow's store starts already zoomed to fit: the first
        // drawing is at the right level of detail (a small box per node for a big pipeline).
        width={size.width}
        height={size.height}
        fitView={fitQueued}
        defaultViewport={initialViewport}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        colorMode={theme}
        ariaLabelConfig={{
          'node.a11yDescription.default': 'Press Enter or Space to select this box and show it in the editor, Delete to remove it from the pipeline, arrow keys to move it.',
          'edge.a11yDescription.default': 'Press Enter or Space to select this edge and show it in the editor, Delete to remove it from the pipeline.',
        }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
      )}
    </div>
  );
}

/**
 * xyflow takes the keyboard off a box or arrow that a key lets go (Escape, or Shift+Enter on a
 * selected one), a frame later: the keyboard would land on the page's body, and a person using it
 * would have to find their way back. Give it back to the same element.
 */
function keepFocus(e: KeyboardEvent) {
  const element = e.target as HTMLElement;
  if (!['Escape', 'Enter', ' '].includes(e.key) || !element.matches('.react-flow__node, .react-flow__edge')) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if ((document.activeElement === document.body || document.activeElement === null) && element.isConnected) element.focus({ preventScroll: true });
    }),
  );
}

/** The ids a batch of xyflow changes selected and let go. */
function selectChanges(changes: readonly (NodeChange<PipelineFlowNode> | EdgeChange)[]): [string[], string[]] {
  const on: string[] = [];
  const off: string[] = [];
  for (const c of changes) if (c.type === 'select') (c.selected ? on : off).push(c.id);
  return [on, off];
}
