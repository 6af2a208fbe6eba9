/**
 * A row (or column) of panes with a separator between each two: drag it, or focus it and use the
 * arrow keys (Home and End go to the ends, Enter closes and reopens a collapsible pane beside it),
 * as the WAI-ARIA window-splitter pattern describes. Each separator is a labelled `separator` whose
 * value is the size of the pane before it, in percent.
 *
 * Sizes are flex proportions set in the first render: nothing is measured until a drag starts, so
 * the first screen is laid out once, by the browser, with the rest of the page.
 */
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { collapsibleBeside, moveBoundary, toggleCollapsed, type PaneLimits } from './splitSizes';

export interface Pane extends PaneLimits {
  /** Unique within the view. */
  id: string;
  /** Starting size, in percent of the view (the panes' sizes are scaled to add up to 100). */
  size: number;
  /** The name of the separator before this pane: every pane but the first needs one. */
  resizeLabel?: string;
  content: ReactNode;
}

/** How far an arrow key moves a separator, in percent. */
const KEY_STEP = 5;

interface Layout {
  /** Which panes, with which starting sizes, these sizes are for: other panes start over. */
  key: string;
  sizes: number[];
}

function startingLayout(panes: readonly Pane[], key: string): Layout {
  const total = panes.reduce((sum, p) => sum + p.size, 0) || 1;
  return { key, sizes: panes.map((p) => (p.size / total) * 100) };
}

export function SplitView({ orientation, panes }: { orientation: 'horizontal' | 'vertical'; panes: readonly Pane[] }) {
  const uid = useId();
  const key = panes.map((p) => `${p.id}:${p.size}`).join('|');
  const [stored, setLayout] = useState(() => startingLayout(panes, key));
  const layout = stored.key === key ? stored : startingLayout(panes, key);
  const lastOpen = useRef<Record<string, number>>({});
  const group = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const drag = useRef<{ index: number; from: number; length: number; sizes: number[] } | null>(null);
  const horizontal = orientation === 'horizontal';
  const { sizes } = layout;
  panes.forEach((p, i) => {
    if (sizes[i] > 0) lastOpen.current[p.id] = sizes[i];
  });
  const setSizes = (next: number[]) => setLayout({ key, sizes: next });
  const paneId = (i: number) => `${uid}-${panes[i].id}`;

  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    const back = horizontal ? 'ArrowLeft' : 'ArrowUp';
    const forward = horizontal ? 'ArrowRight' : 'ArrowDown';
    let next: number[] | undefined;
    if (e.key === back) next = moveBoundary(sizes, panes, index, -KEY_STEP);
    else if (e.key === forward) next = moveBoundary(sizes, panes, index, KEY_STEP);
    else if (e.key === 'Home') next = moveBoundary(sizes, panes, index, -sizes[index]);
    else if (e.key === 'End') next = moveBoundary(sizes, panes, index, sizes[index + 1]);
    else if (e.key === 'Enter') {
      const beside = collapsibleBeside(panes, index);
      if (beside) next = toggleCollapsed(sizes, panes, beside.pane, beside.neighbour, lastOpen.current[panes[beside.pane].id] ?? panes[beside.pane].size);
    }
    if (!next) return;
    e.preventDefault();
    setSizes(next);
  };

  const onPointerDown = (index: number) => (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !group.current) return;
    e.preventDefault();
    e.currentTarget.focus();
    e.currentTarget.setPointerCapture(e.pointerId);
    const box = group.current.getBoundingClientRect();
    drag.current = { index, from: horizontal ? e.clientX : e.clientY, length: Math.max(1, horizontal ? box.width : box.height), sizes };
    setDragging(index);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const delta = (((horizontal ? e.clientX : e.clientY) - d.from) / d.length) * 100;
    setSizes(moveBoundary(d.sizes, panes, d.index, delta));
  };
  const onPointerEnd = () => {
    drag.current = null;
    setDragging(null);
  };

  return (
    <div ref={group} className={`split-view split-${orientation}`}>
      {panes.map((pane, i) => {
        const closed = sizes[i] === 0;
        return [
          i > 0 && (
            <div
              key={`${pane.id}-separator`}
              role="separator"
              tabIndex={0}
              aria-label={pane.resizeLabel}
              aria-orientation={horizontal ? 'vertical' : 'horizontal'}
              aria-controls={paneId(i - 1)}
              aria-valuenow={Math.round(sizes[i - 1])}
              aria-valuemin={panes[i - 1].collapsible ? 0 : Math.round(Math.min(panes[i - 1].min, sizes[i - 1]))}
              aria-valuemax={Math.round(sizes[i - 1] + sizes[i] - (pane.collapsible ? 0 : Math.min(pane.min, sizes[i])))}
              className={`separator separator-${horizontal ? 'vertical' : 'horizontal'}`}
              data-separator={dragging === i - 1 ? 'active' : undefined}
              onKeyDown={onKeyDown(i - 1)}
              onPointerDown={onPointerDown(i - 1)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerEnd}
              onPointerCancel={onPointerEnd}
            />
          ),
          <div key={pane.id} id={paneId(i)} className="split-pane" style={{ flexGrow: sizes[i] }} data-collapsed={closed || undefined} inert={closed || undefined}>
            {pane.content}
          </div>,
        ];
      })}
    </div>
  );
}
