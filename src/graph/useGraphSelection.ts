/**
 * What is selected in the pipeline graph, and which pipeline it shows. Selecting a box or an
 * arrow reveals its definition in the editor and the form, and a box's command in the preview;
 * moving the editor's cursor selects what it is in (and the pipeline it is in), without moving
 * the cursor back.
 */
import { useEffect, useRef, useState } from 'react';
import type { GraphOp, PipelineGraph } from '../core/contracts/graph';
import { useDocument, useDocumentStore } from '../store/react';
import { elementAt } from './graphView';

export type Picked = { kind: 'node' | 'edge'; id: string };
export type Selection = Picked | null;

export interface GraphSelection {
  /** The pipeline shown: its index in `graphs`, and it. */
  index: number;
  graph: PipelineGraph;
  /** The one the editor, the form and the preview show: the one picked last. */
  selected: Selection;
  /** Everything selected (Shift- or Ctrl-click adds, Shift-drag draws a box around boxes). */
  picked: readonly Picked[];
  /** Show another pipeline, nothing selected. */
  choose(index: number): void;
  /** xyflow's selection changed: these elements of one kind were selected (`on`) or let go (`off`). */
  selectionChanged(kind: Picked['kind'], on: string[], off: string[]): void;
  /** The selected box was renamed: it stays selected under its new name. */
  renamed(to: string): void;
}

/** `graphs` is never empty. */
export function useGraphSelection(graphs: readonly PipelineGraph[]): GraphSelection {
  const store = useDocumentStore();
  const [chosen, setChosen] = useState(0);
  const index = Math.min(chosen, graphs.length - 1);
  const graph = graphs[index];
  const [selected, setSelected] = useState<Selection>(null);
  const [picked, setPicked] = useState<readonly Picked[]>([]);
  // The same as `selected`, at once: xyflow reports one click as a node change and then an edge change.
  const shown = useRef<Selection>(null);
  const cursorPath = useDocument((s) => s.cursorPath);

  /** Show one element, without telling anyone (the cursor moved there) or as the person's choice (reveal it). */
  const showOne = (next: Selection, reveal: boolean, g: PipelineGraph = graph) => {
    shown.current = next;
    setSelected(next);
    const node = next?.kind === 'node' ? g.nodes.find((n) => n.id === next.id) : undefined;
    const edge = next?.kind === 'edge' ? g.edges.find((e) => e.id === next.id) : undefined;
    const state = store.getState();
    state.setFocus(node && (node.kind === 'execution' || node.kind === 'task') ? node.path : null);
    if (!reveal) return;
    if (node && node.kind !== 'missing') state.revealPath(node.path, { focus: false });
    else if (edge) state.revealPath(edge.path, { at: 'self', focus: false });
  };
  /** Select just this (or nothing). */
  const select = (next: Selection, reveal: boolean, g: PipelineGraph = graph) => {
    showOne(next, reveal, g);
    setPicked(next ? [next] : []);
  };

  // The editor's cursor selects the box or arrow it is in (and the pipeline it is in).
  useEffect(() => {
    if (!cursorPath) return;
    const at = graphs.findIndex((g) => g.path.every((seg, i) => String(seg) === String(cursorPath[i])));
    if (at < 0) return;
    const g = graphs[at];
    if (at !== index) setChosen(at);
    const found = elementAt(g, cursorPath);
    const next: Selection = found ? { kind: found.kind, id: found.element.id } : null;
    if (next?.kind !== selected?.kind || next?.id !== selected?.id) select(next, false, g);
    // Only a cursor move re-selects; a new graph or selection alone must not undo the person's click.
  }, [cursorPath]);

  // Nothing selected once the pane goes (or the selection's node is gone from the text).
  useEffect(() => () => store.getState().setFocus(null), [store]);
  useEffect(() => {
    const exists = (p: Picked) => (p.kind === 'node' ? graph.nodes : graph.edges).some((e) => e.id === p.id);
    if (picked.some((p) => !exists(p))) setPicked(picked.filter(exists));
    if (selected && !exists(selected)) showOne(null, false);
  }, [graph]);

  return {
    index,
    graph,
    selected,
    picked,
    choose(i) {
      setChosen(i);
      select(null, false, graphs[i]);
    },
    selectionChanged(kind, on, off) {
      if (on.length === 0 && off.length === 0) return;
      setPicked((prev) => [...prev.filter((p) => p.kind !== kind || (!on.includes(p.id) && !off.includes(p.id))), ...on.map((id) => ({ kind, id }))]);
      if (on.length > 0) showOne({ kind, id: on[on.length - 1] }, true);
      else if (shown.current?.kind === kind && off.includes(shown.current.id)) showOne(null, false);
    },
    renamed(to) {
      // (Its path is unchanged, so what the preview shows stays as it is.)
      const renamed = { kind: 'node', id: to } as const;
      shown.current = renamed;
      setSelected(renamed);
      setPicked([renamed]);
    },
  };
}

/** The edit that deletes what is selected, in one change. */
export function deletionOf(picked: readonly Picked[]): GraphOp {
  const of = (kind: Picked['kind']) => picked.filter((p) => p.kind === kind).map((p) => p.id);
  return { kind: 'delete', nodes: of('node'), edges: of('edge') };
}
