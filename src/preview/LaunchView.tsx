/**
 * The Launch part of the command preview: what a whole launch starts. "Launch" picks a task, a
 * pipeline or a search of the document; then its count, facts and problems, a table of its
 * executions or trials (only the visible rows are rendered: a grid may have 10,000), a pipeline's
 * waves of nodes, a form for a pipeline's parameters, the selected execution's command, and the
 * lines (`vh`, `docker run`, `det`) that start it — each with "Copy".
 */
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { LaunchNode, LaunchPreview, LaunchTable } from '../core/contracts/launch';
import { useDocument, useDocumentStore } from '../store/react';
import { CommandView, InputsView } from './CommandView';
import { LinesView } from './ShellLines';
import { ParamInput } from './ParamField';

/** Height of one table row in pixels (rows are fixed-height so only the visible ones are rendered). */
const ROW_HEIGHT = 26;
/** Rows visible at once; the table scrolls beyond. */
const VISIBLE_ROWS = 10;
/** Rows rendered above and below the visible ones, so scrolling shows no gap. */
const OVERSCAN = 5;

export function LaunchView() {
  const launch = useDocument((s) => s.launch);
  const chosen = useDocument((s) => s.previewInputs.launch?.id);
  const store = useDocumentStore();
  const id = useId();
  if (!launch || launch.choices.length === 0) return null;
  return (
    <section className="preview-launch" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="preview-heading">
        Launch
      </h3>
      <label className="field-label" htmlFor={`${id}-choice`}>
        What to launch
      </label>{' '}
      <select id={`${id}-choice`} className="field-input launch-choice" value={chosen ?? ''} onFocus={() => store.getState().expectLaunch()} onChange={(e) => store.getState().chooseLaunch(e.currentTarget.value || undefined)}>
        <option value="">One execution of each step</option>
        {launch.choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {launch.launch && <LaunchBody launch={launch.launch} />}
    </section>
  );
}

const LaunchBody = memo(function LaunchBody({ launch }: { launch: LaunchPreview }) {
  const store = useDocumentStore();
  const typed = useDocument((s) => s.previewInputs.launch?.values);
  return (
    <div className="launch-body">
      <p className="launch-title" role="status" aria-label={`Launch summary: ${launch.title}`}>
        {launch.title}
      </p>
      {launch.errors.length > 0 && (
        <ul className="field-diagnostics" aria-label="Why the platform would refuse this launch">
          {launch.errors.map((m, i) => (
            <li key={i} className="field-diagnostic diag-error">
              {m}
            </li>
          ))}
        </ul>
      )}
      {launch.warnings.length > 0 && (
        <ul className="field-diagnostics" aria-label="Launch warnings">
          {launch.warnings.map((m, i) => (
            <li key={i} className="field-diagnostic diag-warning">
              {m}
            </li>
          ))}
        </ul>
      )}
      {launch.facts.length > 0 && (
        <dl className="preview-facts" aria-label="Facts of this launch">
          {launch.facts.map((f, i) => (
            <div key={i} className="preview-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {launch.params && launch.params.length > 0 && (
        <div className="preview-section" role="group" aria-label="Pipeline parameters">
          <h4 className="preview-subheading">Pipeline parameters</h4>
          {launch.params.map((p) => (
            <ParamInput key={p.name} param={p} typed={typed?.[p.name]} onChange={(v) => store.getState().setLaunchValue(p.name, v)} />
          ))}
        </div>
      )}
      {launch.table && <LaunchTableView table={launch.table} selected={launch.selected?.row} unit={launch.unit} title={launch.title} />}
      {launch.waves && <WavesView waves={launch.waves} selected={launch.selected?.row} />}
      <LinesView lines={launch.lines} />
      {launch.selected && (
        <div className="preview-section launch-selected" role="group" aria-label={`Selected execution: ${launch.selected.unit.name}`}>
          <h4 className="preview-subheading">{launch.selected.unit.name}</h4>
          <CommandView step={launch.selected.unit} />
          <InputsView step={launch.selected.unit} />
        </div>
      )}
    </div>
  );
});

// ---- the table of executions / trials ----------------------------------------------------------

function LaunchTableView({ table, selected, unit, title }: { table: LaunchTable; selected: number | undefined; unit: string; title: string }) {
  const store = useDocumentStore();
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const focusRow = useRef<number | null>(null);
  const rows = table.rows;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + VISIBLE_ROWS * ROW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  const select = (row: number, focus: boolean) => {
    const r = Math.min(Math.max(row, 0), rows.length - 1);
    store.getState().selectLaunchRow(r);
    const el = scroller.current;
    if (el) {
      // Keep the row in view.
      if (r * ROW_HEIGHT < el.scrollTop) el.scrollTop = r * ROW_HEIGHT;
      else if ((r + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight - ROW_HEIGHT) el.scrollTop = (r + 2) * ROW_HEIGHT - el.clientHeight;
      setTop(el.scrollTop);
    }
    if (focus) focusRow.current = r;
  };
  useEffect(() => {
    if (focusRow.current === null) return;
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-row="${focusRow.current}"]`);
    if (button) {
      button.focus();
      focusRow.current = null;
    }
  });
  const onKeyDown = (e: KeyboardEvent) => {
    if (!table.selectable) return;
    const at = selected ?? 0;
    const page = VISIBLE_ROWS - 1;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: rows.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(to, true);
  };
  const label = unit === 'trials' ? 'Trial' : 'Execution';
  return (
    <div className="preview-section">
      {table.sampled && (
        <p className="field-help">These values are samples drawn here to show the shape of the search: the platform draws its own.</p>
      )}
      <div
        ref={scroller}
        className="launch-table-scroller"
        style={{ maxHeight: (VISIBLE_ROWS + 1) * ROW_HEIGHT }}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <table className="launch-table" aria-rowcount={rows.length + 1} aria-label={`${title}: ${rows.length.toLocaleString('en-US')} rows`}>
          <thead>
            <tr aria-rowindex={1}>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
            {rows.slice(first, last).map((cells, k) => {
              const r = first + k;
              const isSelected = r === selected;
              return (
                <tr key={r} aria-rowindex={r + 2} className={isSelected ? 'selected' : undefined} style={{ height: ROW_HEIGHT }}>
                  {cells.map((cell, c) =>
                    c === 0 && table.selectable ? (
                      <td key={c}>
                        <button
                          type="button"
                          className="launch-row-button"
                          data-row={r}
                          aria-pressed={isSelected}
                          tabIndex={isSelected || (selected === undefined && r === 0) ? 0 : -1}
                          aria-label={`${label} ${cell}`}
                          onClick={() => select(r, false)}
                        >
                          {cell}
                        </button>
                      </td>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              );
            })}
            {last < rows.length && <tr aria-hidden="true" style={{ height: (rows.length - last) * ROW_HEIGHT }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}

// ---- a pipeline's waves -------------------------------------------------------------------------

function WavesView({ waves, selected }: { waves: LaunchNode[][]; selected: number | undefined }) {
  const store = useDocumentStore();
  let index = 0;
  return (
    <ol className="launch-waves" aria-label="Run plan">
      {waves.map((wave, w) => (
        <li key={w} className="launch-wave" aria-label={`Wave ${w + 1}`}>
          <span className="preview-subheading">Wave {w + 1}</span>
          <ul className="launch-nodes">
            {wave.map((node) => {
              const at = index++;
              return (
                <li key={node.node} className={`launch-node${node.problems.length ? ' has-problems' : ''}${at === selected ? ' selected' : ''}`} aria-label={`Node ${node.node}`}>
                  <div className="launch-node-head">
                    <strong>{node.node}</strong>{' '}
                    <span className="preview-tag">
                      {node.kind}
                      {node.target ? ` · ${node.target}` : ''}
                      {node.count !== undefined ? ` · ${node.count.toLocaleString('en-US')} executions` : ''}
                    </span>
                    {node.command.length > 0 && (
                      <button type="button" className="small-button" aria-pressed={at === selected} onClick={() => store.getState().selectLaunchRow(at)}>
                        Show execution
                      </button>
                    )}
                  </div>
                  {node.command.length > 0 && (
                    <pre className="preview-code" aria-label={`Command of ${node.node}`}>
                      <code>{node.command.join('\n')}</code>
                    </pre>
                  )}
                  {Object.keys(node.inputs).length > 0 && (
                    <ul className="preview-inputs" aria-label={`Inputs of ${node.node}`}>
                      {Object.entries(node.inputs).map(([name, sources]) => (
                        <li key={name}>
                          <code>{name.startsWith('file ') ? name : `/valohai/inputs/${name}/`}</code> ←{' '}
                          {sources.length > 0 ? <span className="preview-url">{sources.join(', ')}</span> : <span className="field-help">nothing</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                  {node.table && <LaunchTableView table={node.table} selected={undefined} unit="executions" title={`Executions of ${node.node}`} />}
                  {node.problems.map((p, i) => (
                    <p key={`p${i}`} className="field-diagnostic diag-warning">
                      {p}
                    </p>
                  ))}
                  {node.notes.map((n, i) => (
                    <p key={`n${i}`} className="field-help">
                      {n}
                    </p>
                  ))}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}
