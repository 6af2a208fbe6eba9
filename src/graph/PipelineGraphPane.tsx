/**
 * The "Pipeline graph" region: the document's pipelines drawn left to right with @xyflow/react,
 * bound to the same document store as the editor and the form. Editing here IS editing the
 * YAML: connecting two ports, deleting, adding from the palette and renaming each become one
 * edit intent (the dialect's GraphSupport plans which), applied as the smallest text edits with
 * one undo step. Selecting a box or an arrow reveals its definition in the editor and the form
 * and shows the node's command in the preview; moving the editor's cursor selects what it is in.
 *
 * Everything the mouse does has a keyboard way: boxes and arrows take focus (Tab), Delete
 * removes the selected one, and the controls above the canvas connect, add and rename.
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
import '@xyflow/react/dist/style.css';
import { cloneElement, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useDocument, useDocumentStore } from '../store/react';
import type { GraphNode, GraphOp, GraphSupport, PipelineGraph } from '../core/contracts/graph';
import type { Diagnostic } from '../core/contracts/diagnostics';
import { mergeNodes, problemsByElement, toFlowEdges, toFlowNodes, withSelectedEdges } from './graphView';
import { PipelineEdgeView, type PipelineFlowEdge } from './PipelineEdgeView';
import { PipelineNodeView, type PipelineFlowNode } from './PipelineNodeView';
import { useBoxPositions } from './useBoxPositions';
import { deletionOf, useGraphSelection, type Picked, type Selection } from './useGraphSelection';
import './graph.css';

const NODE_TYPES = { pipeline: PipelineNodeView };
const EDGE_TYPES = { pipeline: PipelineEdgeView };
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;

export default function PipelineGraphPane({ graphs, support, theme }: { graphs: PipelineGraph[]; support: GraphSupport; theme: 'light' | 'dark' }) {
  const store = useDocumentStore();
  const headingId = useId();
  const { index, graph, selected, picked, choose, selectionChanged, renamed } = useGraphSelection(graphs);
  const [message, setMessage] = useState('');
  const pipelineNames = useMemo(() => graphs.map((g) => g.name), [graphs]);
  // The canvas's size, watched (never read in the middle of a drawing, which would force a layout).
  const canvasBox = useRef<HTMLDivElement>(null);
  const [canvasSize, setCanvasSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setCanvasSize({ width: entry.contentRect.width || 600, height: entry.contentRect.height || 300 }));
    observer.observe(canvasBox.current!);
    return () => observer.disconnect();
  }, []);

  const run = async (op: GraphOp): Promise<boolean> => {
    setMessage('');
    try {
      const latest = store.getState().current.value;
      const intent = support.edit(latest, graph, op);
      await store.getState().formEdit(intent);
      return true;
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  return (
    <section className="graph-pane" aria-labelledby={headingId}>
      <div className="graph-header">
        <h2 id={headingId} className="pane-title">
          Pipeline graph
        </h2>
        {graphs.length > 1 && (
          <Control label="Pipeline">
            <select value={index} onChange={(e) => choose(Number(e.target.value))}>
              {graphs.map((g, i) => (
                <option key={`${i}:${g.name}`} value={i}>
                  {g.name}
                </option>
              ))}
            </select>
          </Control>
        )}
        <GraphCounts graph={graph} />
      </div>
      <GraphControls
        key={`${index}:${graph.name}`}
        graph={graph}
        support={support}
        selected={selected}
        picked={picked}
        run={run}
        onRenamed={(from, to) => {
          // The box keeps its place and stays selected under its new name.
          // (Its path is unchanged, so what the preview shows stays as it is.)
          store.getState().renameGraphBox(graph.name, from, to, pipelineNames);
          renamed(to);
        }}
      />
      <p className="graph-message" role="status">
        {message}
      </p>
      <div className="graph-canvas-box" ref={canvasBox}>
        <GraphCanvas
          key={`${index}:${graph.name}`}
          graph={graph}
          pipelineNames={pipelineNames}
          support={support}
          theme={theme}
          picked={picked}
          selectionChanged={selectionChanged}
          run={run}
          size={canvasSize}
        />
      </div>
    </section>
  );
}

/** A visible label for one control (a wrapping label would read the select's current option into its name). */
function Control({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <span className="graph-control">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </span>
  );
}

function GraphCounts({ graph }: { graph: PipelineGraph }) {
  const nodes = graph.nodes.filter((n) => n.kind !== 'parameter' && n.kind !== 'missing').length;
  return (
    <span className="graph-counts">
      {nodes} {nodes === 1 ? 'node' : 'nodes'}, {graph.edges.length} {graph.edges.length === 1 ? 'edge' : 'edges'}
    </span>
  );
}

function GraphCanvas({
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
        fitView
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

/** "2 nodes", "3 nodes and 6 edges", "1 edge": what a selection holds. */
function countOf(picked: readonly Picked[]): string {
  const count = (kind: Picked['kind']) => {
    const n = picked.filter((p) => p.kind === kind).length;
    return n === 0 ? [] : [`${n} ${kind}${n === 1 ? '' : 's'}`];
  };
  return [...count('node'), ...count('edge')].join(' and ');
}

// ---------------------------------------------------------------------------------------------
// The keyboard's way to everything the canvas does with a mouse.

function GraphControls({
  graph,
  support,
  selected,
  picked,
  run,
  onRenamed,
}: {
  graph: PipelineGraph;
  support: GraphSupport;
  selected: Selection;
  picked: readonly Picked[];
  run: (op: GraphOp) => Promise<boolean>;
  onRenamed: (from: string, to: string) => void;
}) {
  const value = useDocument((s) => s.current.value);
  const palette = useMemo(() => support.palette(value), [support, value]);
  const [entry, setEntry] = useState('');
  const node = selected?.kind === 'node' ? graph.nodes.find((n) => n.id === selected.id) : undefined;
  const edge = selected?.kind === 'edge' ? graph.edges.find((e) => e.id === selected.id) : undefined;
  const groups = [...new Set(palette.map((p) => p.group))];

  return (
    <div className="graph-controls">
      <form
        className="graph-control-group"
        onSubmit={(e) => {
          e.preventDefault();
          if (entry) void run({ kind: 'addNode', entry });
        }}
      >
        <Control label="Add node">
          <select value={entry} onChange={(e) => setEntry(e.target.value)}>
            <option value="">Choose a step…</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {palette
                  .filter((p) => p.group === g)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Control>
        <button type="submit" className="small-button" disabled={!entry}>
          Add
        </button>
      </form>
      {node && node.kind !== 'missing' && node.kind !== 'parameter' && <RenameNode key={`rename:${node.id}`} node={node} run={run} onRenamed={onRenamed} />}
      {node && <ConnectFrom key={`connect:${node.id}`} graph={graph} support={support} node={node} run={run} />}
      {picked.length > 1 ? (
        <button type="button" className="small-button" onClick={() => void run(deletionOf(picked))}>
          Delete {countOf(picked)}
        </button>
      ) : (
        (node || edge) && (
          <button type="button" className="small-button" onClick={() => void run(deletionOf([selected!]))}>
            {node ? `Delete ${node.kind === 'parameter' ? 'parameter' : 'node'} ${node.name}` : `Delete edge ${edge!.label}`}
          </button>
        )
      )}
    </div>
  );
}

function RenameNode({ node, run, onRenamed }: { node: GraphNode; run: (op: GraphOp) => Promise<boolean>; onRenamed: (from: string, to: string) => void }) {
  const [name, setName] = useState(node.name);
  useEffect(() => setName(node.name), [node.name]);
  return (
    <form
      className="graph-control-group"
      onSubmit={(e) => {
        e.preventDefault();
        if (name !== node.name) void run({ kind: 'renameNode', node: node.id, to: name }).then((ok) => ok && onRenamed(node.id, name));
      }}
    >
      <Control label="Node name">
        <input value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
      </Control>
      <button type="submit" className="small-button" disabled={!name || name === node.name}>
        Rename
      </button>
    </form>
  );
}

/** The keyboard's way to draw an edge: from one of the selected box's out ports to an in port the platform accepts. */
function ConnectFrom({ graph, support, node, run }: { graph: PipelineGraph; support: GraphSupport; node: GraphNode; run: (op: GraphOp) => Promise<boolean> }) {
  const outs = node.ports.filter((p) => p.side === 'out');
  const [port, setPort] = useState(outs[0]?.id ?? '');
  const [target, setTarget] = useState('');
  const accepted = (n: GraphNode) => n.ports.filter((p) => p.side === 'in' && support.canConnect(graph, { node: node.id, port }, { node: n.id, port: p.id }).ok);
  const targets = graph.nodes.filter((n) => n.id !== node.id && accepted(n).length > 0);
  const targetNode = targets.find((n) => n.id === target.split('\0')[0]);
  const value = targetNode && target.includes('\0') ? target : '';
  if (!outs.length) return null;
  return (
    <form
      className="graph-control-group"
      onSubmit={(e) => {
        e.preventDefault();
        const [to, toPort] = value.split('\0');
        if (to && toPort) void run({ kind: 'connect', source: node.id, sourcePort: port, target: to, targetPort: toPort }).then((ok) => ok && setTarget(''));
      }}
    >
      <Control label="Connect">
        <select value={port} onChange={(e) => (setPort(e.target.value), setTarget(''))}>
          {outs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}
            </option>
          ))}
        </select>
      </Control>
      <Control label="to">
        <select value={value} onChange={(e) => setTarget(e.target.value)} aria-label="Connect to">
          <option value="">Choose an input…</option>
          {targets.map((n) => (
            <optgroup key={n.id} label={n.name}>
              {accepted(n).map((p) => (
                <option key={p.id} value={`${n.id}\0${p.id}`}>
                  {n.name} · {p.id}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Control>
      <button type="submit" className="small-button" disabled={!value}>
        Connect
      </button>
    </form>
  );
}
