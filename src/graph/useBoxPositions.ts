/**
 * Where a pipeline's boxes are: kept in the document's store by pipeline name (and with the
 * document in the browser's storage), so switching tabs or pipelines, or reloading the page, finds
 * them where they were. The store remembers boxes that are gone (placeGraphBoxes); this hook lays
 * out, reads and writes, and changes nothing in place.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PipelineGraph } from '../core/contracts/graph';
import { useDocument, useDocumentStore } from '../store/react';
import { layoutKey, nodeSize } from './graphView';
import { placeNewNodes, type Positions } from './layout';
import { graphStats } from './stats';

type Point = { x: number; y: number };

export interface BoxPositions {
  /** Where the last layout put each box (it changes only when boxes or connections do). */
  laidOut: Positions;
  /** Where each box is now: where the person moved it since, else where it was laid out. */
  positions: Positions;
  /** How many times "Tidy layout" was pressed. */
  tidied: number;
  /** The person moved these boxes: they stay there. */
  move(moved: readonly (readonly [string, Point])[]): void;
  /** Forget every place and lay the pipeline out afresh. */
  tidy(): void;
}

export function useBoxPositions(graph: PipelineGraph, pipelineNames: readonly string[]): BoxPositions {
  const store = useDocumentStore();
  const [tidied, setTidied] = useState(0);

  // Layout only when boxes or connections change: a keystroke elsewhere keeps `key` (and the picture).
  // Boxes already placed stay where they are; "Tidy layout" forgets them all first.
  const key = layoutKey(graph);
  const laidOut = useMemo(() => {
    const started = performance.now();
    const input = { nodes: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n) })), edges: graph.edges };
    const next = placeNewNodes(input, new Map(Object.entries(store.getState().graphLayout[graph.name] ?? {})));
    graphStats.layouts++;
    graphStats.lastLayoutMs = performance.now() - started;
    return next;
  }, [key, tidied]);
  useEffect(() => store.getState().placeGraphBoxes(graph.name, Object.fromEntries(laidOut), pipelineNames), [laidOut]);

  const saved = useDocument((s) => s.graphLayout[graph.name]);
  const positions = useMemo(
    (): Positions => new Map([...laidOut].map(([id, at]) => [id, saved && Object.hasOwn(saved, id) ? saved[id] : at])),
    [laidOut, saved],
  );

  return {
    laidOut,
    positions,
    tidied,
    move(moved) {
      if (moved.length > 0) store.getState().placeGraphBoxes(graph.name, Object.fromEntries([...positions, ...moved]), pipelineNames);
    },
    tidy() {
      store.getState().setGraphLayout(graph.name, undefined, pipelineNames);
      setTidied((t) => t + 1);
    },
  };
}
