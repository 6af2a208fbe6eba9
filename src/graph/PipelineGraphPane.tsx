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
 *
 * This file puts the parts together and runs the edits: what is selected (useGraphSelection),
 * the controls (GraphControls), the drawing (GraphCanvas; where the boxes are, useBoxPositions),
 * and what is drawn, without React (graphView.ts).
 */
import '@xyflow/react/dist/style.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GraphOp, GraphSupport, PipelineGraph } from '../core/contracts/graph';
import { useDocumentStore } from '../store/react';
import { GraphCanvas } from './GraphCanvas';
import { GraphControls, PipelineChoice } from './GraphControls';
import { useGraphSelection } from './useGraphSelection';
import './graph.css';

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
      await store.getState().applyIntent(intent, 'graph');
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
        <PipelineChoice graphs={graphs} index={index} choose={choose} />
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

function GraphCounts({ graph }: { graph: PipelineGraph }) {
  const nodes = graph.nodes.filter((n) => n.kind !== 'parameter' && n.kind !== 'missing').length;
  return (
    <span className="graph-counts">
      {nodes} {nodes === 1 ? 'node' : 'nodes'}, {graph.edges.length} {graph.edges.length === 1 ? 'edge' : 'edges'}
    </span>
  );
}
