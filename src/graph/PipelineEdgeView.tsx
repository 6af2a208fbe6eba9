/**
 * One arrow of the pipeline graph: a curve from an out port to an in port, with what flows along
 * it written in the gap between the boxes. The label never grows wider than that gap (it would
 * hide the ports it names): a longer one is cut short with an ellipsis and shown whole while the
 * arrow is selected. The arrow's accessible name (set on xyflow's edge) already says it in full,
 * so the drawn label is hidden from assistive technology.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { COLUMN_GAP } from './layout';
import type { PipelineFlowEdge } from './graphView';

/** Room left for a label between two columns of boxes (handles stick out a little on both sides). */
const LABEL_WIDTH = COLUMN_GAP - 24;

function PipelineEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth, selected, data }: EdgeProps<PipelineFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {data?.shown && (
        <EdgeLabelRenderer>
          <div
            className={`graph-edge-label${selected ? ' selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, maxWidth: selected ? undefined : LABEL_WIDTH }}
            aria-hidden="true"
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const PipelineEdgeView = memo(PipelineEdge);
