/**
 * One box of the pipeline graph: its name, what it runs, and one row per port with a handle on
 * the left (takes edges) and/or the right (starts them). Problems colour the box and are listed
 * in its tooltip; the Problems region has them in full.
 */
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { BORDER, kindLabel, nodeSize, rowCentre, type PipelineFlowNode } from './graphView';

/** Short names for the port kinds that do not fit their column. */
const PORT_KIND: Record<string, string> = { 'environment-variable': 'env', dependency: 'after' };

/**
 * Below this zoom the port names are too small to read: a box draws its title only, and handles
 * only where edges attach (at the same heights, so arrows do not move). A 200-node pipeline fits
 * the view at about 0.1, where drawing every port of every box would cost the most and show nothing.
 */
export const DETAIL_ZOOM = 0.45;

export const PipelineNodeView = memo(function PipelineNodeView({ data, selected }: NodeProps<PipelineFlowNode>) {
  const { node, rows, problems, connected } = data;
  const detailed = useStore((s) => s.transform[2] >= DETAIL_ZOOM);
  const { height } = nodeSize(node);
  const severity = problems.some((d) => d.severity === 'error') ? 'error' : problems.length ? 'warning' : '';
  const className = `graph-node graph-node-${node.kind}${severity ? ` graph-node-${severity}` : ''}${selected ? ' selected' : ''}`;
  const title = problems.map((d) => d.message).join('\n') || undefined;
  if (!detailed) {
    // Small: the name, and handles at the heights their rows have when drawn in detail.
    return (
      <div className={`${className} compact`} title={title} style={{ height }}>
        <span className="graph-node-name">{node.name}</span>
        {rows.flatMap((row, i) => [
          ...(row.in && connected.has(`in:${row.in.id}`)
            ? [<Handle key={`in:${row.in.id}`} type="target" position={Position.Left} id={`in:${row.in.id}`} className="graph-handle" style={{ top: rowCentre(i) - BORDER }} />]
            : []),
          ...(row.out && connected.has(`out:${row.out.id}`)
            ? [<Handle key={`out:${row.out.id}`} type="source" position={Position.Right} id={`out:${row.out.id}`} className="graph-handle" style={{ top: rowCentre(i) - BORDER }} />]
            : []),
        ])}
      </div>
    );
  }
  return (
    <div className={className} title={title} style={{ height }}>
      <div className="graph-node-head">
        <span className="graph-node-kind">{kindLabel(node.kind)}</span>
        <span className="graph-node-name">{node.name}</span>
        {node.detail && <span className="graph-node-detail">{node.detail}</span>}
      </div>
      <ul className="graph-ports">
        {rows.map((row) => (
          <li key={row.key} className={`graph-port graph-port-${row.kind}${(row.in ?? row.out)?.declared === false ? ' undeclared' : ''}`}>
            {row.in && <Handle type="target" position={Position.Left} id={`in:${row.in.id}`} className="graph-handle" />}
            <span className="graph-port-kind">{PORT_KIND[row.kind] ?? row.kind}</span>
            <span className="graph-port-label">{row.label}</span>
            {row.out && <Handle type="source" position={Position.Right} id={`out:${row.out.id}`} className="graph-handle" />}
          </li>
        ))}
      </ul>
    </div>
  );
});
