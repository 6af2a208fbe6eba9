/**
 * Where the cursor is in the document's structure, above the editor: `step: train › parameters ›
 * learning_rate`. Each part is a button that puts the cursor on that item's name. Only the chain
 * at the cursor is asked for (the whole outline of a 50,000-line file is megabytes to copy across
 * threads): right away when the cursor moves, once typing pauses when the text changes.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { OutlineItem } from '../core/contracts/symbols';
import type { DocumentStore } from '../store/documentStore';
import { afterPaint } from '../store/firstAnalysis';

/** Kinds shown with their kind word, as a person names them: `step: train`. */
const NAMED = new Set(['step', 'task', 'pipeline', 'endpoint', 'deployment', 'node']);

const PAUSE_MS = 150;

function label(item: OutlineItem): string {
  return NAMED.has(item.kind) ? `${item.kind}: ${item.name}` : item.name;
}

export function Breadcrumb({ store }: { store: DocumentStore }) {
  const version = useStore(store, (s) => s.version);
  const cursor = useStore(store, (s) => s.cursor);
  const [chain, setChain] = useState<OutlineItem[]>([]);
  const askedFor = useRef(version);
  const shown = useRef(false);

  useEffect(() => {
    let live = true;
    const typed = askedFor.current !== version;
    askedFor.current = version;
    const ask = () => {
      if (!live) return;
      store
        .getState()
        .query({ kind: 'breadcrumb', offset: cursor })
        .then((items) => live && setChain(items))
        .catch(() => undefined);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The first question waits for the editor's first frame: answering it may be the document's
    // first analysis, which would otherwise hold that frame back.
    if (!shown.current) {
      shown.current = true;
      afterPaint(ask);
    } else timer = setTimeout(ask, typed ? PAUSE_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, version, cursor]);

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
