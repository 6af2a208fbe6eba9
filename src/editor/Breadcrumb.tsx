/**
 * Where the cursor is in the document's structure, above the editor: `step: train › parameters ›
 * learning_rate`. Each part is a button that puts the cursor on that item's name. The outline
 * is asked for once typing pauses (it is the whole document's), the chain is found locally.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { breadcrumbAt } from '../core/assist/outline';
import type { OutlineItem } from '../core/contracts/symbols';
import type { DocumentStore } from '../store/documentStore';

/** Kinds shown with their kind word, as a person names them: `step: train`. */
const NAMED = new Set(['step', 'task', 'pipeline', 'endpoint', 'deployment', 'node']);

const PAUSE_MS = 150;

function label(item: OutlineItem): string {
  return NAMED.has(item.kind) ? `${item.kind}: ${item.name}` : item.name;
}

export function Breadcrumb({ store }: { store: DocumentStore }) {
  const version = useStore(store, (s) => s.analysis.version);
  const cursor = useStore(store, (s) => s.cursor);
  const [outline, setOutline] = useState<OutlineItem[]>([]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      store
        .getState()
        .query({ kind: 'outline' })
        .then((items) => live && setOutline(items))
        .catch(() => undefined);
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, version]);

  const chain = useMemo(() => breadcrumbAt(outline, cursor), [outline, cursor]);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {chain.length === 0 && <li className="breadcrumb-empty">(top of the document)</li>}
        {chain.map((item, i) => (
          <li key={`${i}:${item.selection[0]}`}>
            <button type="button" aria-current={i === chain.length - 1 ? 'location' : undefined} onClick={() => store.getState().revealAt(item.selection[0])}>
              {label(item)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
