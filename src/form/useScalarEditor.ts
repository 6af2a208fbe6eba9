/**
 * Typing into a scalar field. The first keystroke asks the document service to plan the edit
 * (it knows where the value sits, its quoting, whether the key exists yet); the plan says where
 * the written value now is, so the following keystrokes replace exactly those bytes without a
 * round trip — as long as nothing else changed the text meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { renderScalar } from '../core/document/scalar';
import type { Path } from '../core/contracts/path';
import { useDocumentStore } from '../store/react';
import { useFormEnv } from './FormContext';
import type { ScalarKind } from './formModel';
import { pathKey } from './formModel';
import { displayText, interpret, sameValue } from './scalarText';

interface Binding {
  version: number;
  start: number;
  end: number;
  style: string;
  context?: 'block' | 'flow';
}

const INLINE_STYLES = new Set(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);

export function useScalarEditor(path: Path, value: unknown, as: ScalarKind | 'any') {
  const store = useDocumentStore();
  const { yamlVersion } = useFormEnv();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const binding = useRef<Binding | null>(null);
  const inFlight = useRef(false);
  const queued = useRef<{ value: unknown; literal?: string } | null>(null);

  // A change from elsewhere (the editor, undo) replaces what is being typed; our own echo does not.
  useEffect(() => {
    setDraft((d) => {
      if (d === null) return d;
      const typed = interpret(d, as, yamlVersion);
      return typed.ok && sameValue(typed.value, value) ? d : null;
    });
  }, [value, as, yamlVersion]);

  const write = useCallback(
    (next: unknown, literal?: string) => {
      const s = store.getState();
      const b = binding.current;
      const writeAs = as === 'any' || as === 'number' ? undefined : as;
      if (b && b.version === s.version && INLINE_STYLES.has(b.style) && !inFlight.current) {
        const { source, style } = renderScalar(next, { version: yamlVersion, style: b.style, as: writeAs, literal, context: b.context });
        if (!source.includes('\n')) {
          s.applyEdits([{ offset: b.start, length: b.end - b.start, insert: source }], 'form', pathKey(path));
          binding.current = { ...b, version: store.getState().version, end: b.start + source.length, style };
          return;
        }
      }
      if (inFlight.current) {
        queued.current = { value: next, literal };
        return;
      }
      inFlight.current = true;
      s.applyIntent({ kind: 'set', path, value: next, as: writeAs, literal }, 'form', pathKey(path)).then(
        ({ plan, version }) => {
          binding.current = plan.valueRange ? { version, start: plan.valueRange[0], end: plan.valueRange[1], style: plan.style ?? 'PLAIN' } : null;
        },
        (e: unknown) => {
          binding.current = null;
          setError(e instanceof Error ? e.message : String(e));
        },
      ).finally(() => {
        inFlight.current = false;
        const q = queued.current;
        queued.current = null;
        if (q) write(q.value, q.literal);
      });
    },
    [store, path, as, yamlVersion],
  );

  const onChange = useCallback(
    (text: string) => {
      setDraft(text);
      const typed = interpret(text, as, yamlVersion);
      if (!typed.ok) {
        setError(typed.message);
        return;
      }
      setError(null);
      write(typed.value, typed.literal);
    },
    [as, yamlVersion, write],
  );

  const onBlur = useCallback(() => {
    setDraft(null);
    setError(null);
  }, []);

  return { text: draft ?? displayText(value, as), error, onChange, onBlur, write };
}
