/**
 * The pipeline graph's controls: the keyboard's way to everything the canvas does with a mouse
 * (add a node from the palette, rename the selected one, connect one of its out ports, delete the
 * selection), and the choice of pipeline when the document has more than one.
 */
import { cloneElement, useEffect, useId, useMemo, useState, type ReactElement } from 'react';
import type { GraphNode, GraphOp, GraphSupport, PipelineGraph } from '../core/contracts/graph';
import { useDocument } from '../store/react';
import { deletionOf, type Picked, type Selection } from './useGraphSelection';

/** Which pipeline the graph shows, when the document has more than one. */
export function PipelineChoice({ graphs, index, choose }: { graphs: readonly PipelineGraph[]; index: number; choose: (index: number) => void }) {
  if (graphs.length <= 1) return null;
  return (
    <Control label="Pipeline">
      <select value={index} onChange={(e) => choose(Number(e.target.value))}>
        {graphs.map((g, i) => (
          <option key={`${i}:${g.name}`} value={i}>
            {g.name}
          </option>
        ))}
      </select>
    </Control>
  );
}

export function GraphControls({
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

/** "2 nodes", "3 nodes and 6 edges", "1 edge": what a selection holds. */
function countOf(picked: readonly Picked[]): string {
  const count = (kind: Picked['kind']) => {
    const n = picked.filter((p) => p.kind === kind).length;
    return n === 0 ? [] : [`${n} ${kind}${n === 1 ? '' : 's'}`];
  };
  return [...count('node'), ...count('edge')].join(' and ');
}
