/**
 * The active document's pipelines as graphs (empty for dialects without graph support), read
 * from the last value that parsed. A pipeline whose drawing did not change keeps its object, so
 * what is memoized on it — the layout above all — survives keystrokes elsewhere in the file.
 */
import { useMemo, useRef } from 'react';
import { useDocument } from '../store/react';
import { dialectById } from '../core/dialects';
import type { GraphSupport, PipelineGraph } from '../core/contracts/graph';
import { sameOr } from './graphView';

export function usePipelineGraphs(): { support: GraphSupport | undefined; graphs: PipelineGraph[] } {
  const support = useDocument((s) => dialectById(s.dialectId)?.graph);
  const value = useDocument((s) => s.current.value);
  const previous = useRef(new Map<string, PipelineGraph>());
  const graphs = useMemo(() => {
    if (!support) return [];
    const next = support.graphs(value).map((g) => sameOr(previous.current.get(pathKey(g)), g));
    previous.current = new Map(next.map((g) => [pathKey(g), g]));
    return next;
  }, [support, value]);
  return { support, graphs };
}

function pathKey(g: PipelineGraph): string {
  return `${g.name}\0${g.path.join('.')}`;
}
