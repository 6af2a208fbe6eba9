/** One labelled row of the form: label, control, help text, the diagnostics at this path, cursor highlight. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { Path } from '../core/contracts/path';
import { useDocument, useDocumentStore } from '../store/react';
import { diagnosticIndex, pathKey, samePath } from './formModel';

/** The diagnostics at exactly this path, as one string so the row re-renders only when they change. */
export function useDiagnosticsAt(path: Path): { severity: string; message: string }[] {
  const key = pathKey(path);
  const joined = useDocument((s) => diagnosticIndex(s.analysis.diagnostics).at.get(key) ?? '');
  return joined === '' ? [] : joined.split('\n').map((l) => ({ severity: l.slice(0, l.indexOf('\t')), message: l.slice(l.indexOf('\t') + 1) }));
}

export function useCursorHere(path: Path): boolean {
  return useDocument((s) => samePath(path, s.cursorPath));
}

export function Diagnostics({ items, id }: { items: { severity: string; message: string }[]; id: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="field-diagnostics" id={id}>
      {items.map((d, i) => (
        <li key={i} className={`field-diagnostic diag-${d.severity}`}>
          <span className="visually-hidden">{d.severity}: </span>
          {d.message}
        </li>
      ))}
    </ul>
  );
}

export function FieldRow({
  path,
  label,
  controlId,
  help,
  required,
  onRemove,
  error,
  children,
}: {
  path: Path;
  label: string;
  controlId: string;
  help?: string;
  required?: boolean;
  onRemove?: () => void;
  error?: string | null;
  children: ReactNode;
}) {
  const store = useDocumentStore();
  const diagnostics = useDiagnosticsAt(path);
  const here = useCursorHere(path);
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (here) row.current?.scrollIntoView({ block: 'nearest' });
  }, [here]);
  return (
    <div
      ref={row}
      className={`field${here ? ' at-cursor' : ''}${diagnostics.length ? ' has-problems' : ''}`}
      onFocus={() => store.getState().focusPath(path)}
    >
      <div className="field-head">
        <span>
          <label htmlFor={controlId} className="field-label">
            {label}
          </label>
          {required && (
            <span className="required-mark" title="required">
              {' '}
              *
            </span>
          )}
        </span>
        {onRemove && (
          <button type="button" className="icon-button" aria-label={`Remove ${label}`} title={`Remove ${label}`} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      {children}
      {error && (
        <p className="field-error" id={`${controlId}-error`}>
          {error} — not written
        </p>
      )}
      {help && (
        <p className="field-help" id={`${controlId}-help`}>
          {help}
        </p>
      )}
      <Diagnostics items={diagnostics} id={`${controlId}-diagnostics`} />
    </div>
  );
}

/** aria-describedby for a control: its help, its problems. */
export function describedBy(controlId: string, help: string | undefined, error: string | null | undefined): string {
  return [help ? `${controlId}-help` : '', error ? `${controlId}-error` : '', `${controlId}-diagnostics`].filter(Boolean).join(' ');
}
