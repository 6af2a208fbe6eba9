/**
 * The "Form" region: the document as a form generated from the dialect's schema. While the text
 * is not valid YAML it shows the last good state read-only, with a banner pointing at the error.
 */
import type { KeyboardEvent } from 'react';
import { useMemo } from 'react';
import { dialectById, dialects } from '../core/dialects';
import { resolveSchema } from '../core/schema/schemaAtPath';
import { useDocument, useDocumentStore } from '../store/react';
import { useLasting } from '../ui/useLasting';
import { Node, schemaSignature } from './fields';
import { FormContext, type FormEnv } from './FormContext';
import { pathOf } from './formModel';

const ROOT = pathOf([]);

export function FormPane() {
  const store = useDocumentStore();
  const dialectId = useDocument((s) => s.dialectId);
  const parses = useDocument((s) => s.current.ok);
  // Typing passes through broken states all the time (`key:` before its value): the form turns
  // read-only only once the text has stayed broken for a moment, and heals at once. Meanwhile a
  // form edit is refused by the service (it cannot plan on broken text) with a message.
  const ok = !useLasting(!parses, 300);
  const value = useDocument((s) => s.current.value);
  const syntaxError = useDocument((s) => (s.analysis.ok ? undefined : s.analysis.diagnostics.find((d) => d.source === 'yaml' && d.severity === 'error')));
  const dialect = dialectById(dialectId) ?? dialects[0];
  // Stable while the YAML breaks and heals: the fieldset's `disabled` makes the form read-only,
  // so no field re-renders for it.
  const env: FormEnv = useMemo(() => ({ root: dialect.schema, yamlVersion: dialect.yaml.version }), [dialect]);
  const rootSchema = useMemo(() => resolveSchema(dialect.schema, dialect.schema, value), [dialect, value]);

  // One history: Ctrl+Z here undoes the last change of either view.
  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const key = e.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) store.getState().redo();
      else store.getState().undo();
    }
  };

  return (
    <section className="form-pane" aria-labelledby="form-title" onKeyDown={onKeyDown}>
      <h2 id="form-title" className="pane-title">
        Form
      </h2>
      {!ok && (
        <div className="form-banner" role="status">
          The YAML does not parse{syntaxError ? ` (line ${syntaxError.line}, column ${syntaxError.column}: ${syntaxError.message})` : ''} — the form shows the last valid
          state, read-only, until the text parses again.{' '}
          {syntaxError && (
            <button type="button" className="link-button" onClick={() => store.getState().revealAt(syntaxError.range[0])}>
              Go to the error
            </button>
          )}
        </div>
      )}
      <FormContext.Provider value={env}>
        <fieldset className="form-root" disabled={!ok}>
          <legend className="visually-hidden">{dialect.label}</legend>
          <Node path={ROOT} schema={rootSchema} sig={schemaSignature(rootSchema)} value={value} label={dialect.defaultFileName} present required />
        </fieldset>
      </FormContext.Provider>
    </section>
  );
}

