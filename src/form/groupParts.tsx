/**
 * The form's containers and their tools: a collapsible group, the "new entry" row of a free-form
 * map, and the move/remove buttons of a list item. They hold fields but render none themselves.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Path } from '../core/contracts/path';
import type { JsonSchema } from '../core/contracts/schema';
import { useDocument } from '../store/react';
import { Diagnostics, useDiagnosticsAt } from './FieldRow';
import { useFormEnv } from './FormContext';
import { addLabel, childOf, childPath, diagnosticIndex, hints, isPrefix, newItem, pathKey, switchVariant, variantsOf } from './formModel';
import { useEdit } from './scalarFields';

/** A fieldset that can be collapsed; opens by itself when the editor's cursor moves inside. */
export function Group({ path, title, defaultOpen, actions, children }: { path: Path; title: string; defaultOpen: boolean; actions?: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  const cursorInside = useDocument((s) => isPrefix(path, s.cursorPath));
  const key = pathKey(path);
  const problems = useDocument((s) => diagnosticIndex(s.analysis.diagnostics).errorsWithin.get(key) ?? 0);
  const diagnostics = useDiagnosticsAt(path);
  const bodyId = useId();
  useEffect(() => {
    if (cursorInside) setOpen(true);
  }, [cursorInside]);
  return (
    <fieldset className={`group${open ? ' open' : ''}`} aria-labelledby={`${bodyId}-title`}>
      <legend className="group-legend">
        <button type="button" id={`${bodyId}-title`} className="group-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className="chevron">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </legend>
      {(actions || (!open && problems > 0)) && (
        <div className="group-tools">
          {!open && problems > 0 && <span className="group-problems">{problems === 1 ? '1 error inside' : `${problems} errors inside`}</span>}
          {actions}
        </div>
      )}
      <Diagnostics items={diagnostics} id={`${bodyId}-diagnostics`} />
      <div id={bodyId} className="group-body" hidden={!open}>
        {open && children}
      </div>
    </fieldset>
  );
}

/** The schema of a free-form map's entries (`additionalProperties: {...}`), if the map takes named entries. */
export function entrySchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  const extra = schema?.additionalProperties;
  return typeof extra === 'object' && extra !== null ? (extra as JsonSchema) : undefined;
}

/** A named entry for a free-form map (a hyperparameter, an eval stream): its name, then "Add". */
export function AddEntry({ path, schema, taken }: { path: Path; schema: JsonSchema; taken: string[] }) {
  const { root } = useFormEnv();
  const edit = useEdit();
  const id = useId();
  const [name, setName] = useState('');
  const noun = hints(schema).entry ?? 'entry';
  const trimmed = name.trim();
  const problem = trimmed === '' ? undefined : taken.includes(trimmed) ? `"${trimmed}" is already there` : undefined;
  const add = () => {
    if (trimmed === '' || problem) return;
    const entry = childOf(root, schema, trimmed, undefined);
    const variants = variantsOf(root, entry);
    const value = variants ? switchVariant(root, undefined, variants[0]) : newItem(entry, []);
    edit({ kind: 'set', path: [...path, trimmed], value });
    setName('');
  };
  return (
    <div className="field add-entry">
      <label htmlFor={id} className="field-label">
        New {noun} name
      </label>
      <span className="scalar-item">
        <input
          id={id}
          type="text"
          className="field-input"
          value={name}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small-button" disabled={trimmed === '' || problem !== undefined} onClick={add}>
          {addLabel(noun.charAt(0).toUpperCase() + noun.slice(1))}
        </button>
      </span>
      {problem && (
        <p className="field-help" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

export function ItemActions({ path, index, count, kind }: { path: Path; index: number; count: number; kind: string }) {
  const edit = useEdit();
  const item = childPath(path, index);
  return (
    <span className="item-actions">
      <button type="button" className="small-button" disabled={index === 0} onClick={() => edit({ kind: 'move', path: item, to: index - 1 })}>
        Move up
      </button>
      <button type="button" className="small-button" disabled={index === count - 1} onClick={() => edit({ kind: 'move', path: item, to: index + 1 })}>
        Move down
      </button>
      <button type="button" className="small-button danger" aria-label="Remove" title={`Remove this ${kind}`} onClick={() => edit({ kind: 'delete', path: item })}>
        Remove
      </button>
    </span>
  );
}
