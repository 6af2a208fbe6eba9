/**
 * The form's leaves: one control for one scalar (text, choice, checkbox) and the row for a key
 * the schema does not know (kept as is). Each writes through useEdit as one intent, origin 'form'.
 */
import { useId } from 'react';
import type { EditIntent } from '../core/contracts/change';
import type { Path } from '../core/contracts/path';
import type { JsonSchema } from '../core/contracts/schema';
import { useDocumentStore } from '../store/react';
import { Diagnostics, describedBy, FieldRow, useDiagnosticsAt } from './FieldRow';
import { pathKey } from './formModel';
import { useScalarEditor } from './useScalarEditor';
import { RenameUses } from './RenameUses';

/** What every node of the form gets: where it is, its schema (and that schema's signature) and value. */
export interface NodeProps {
  path: Path;
  schema: JsonSchema | undefined;
  sig: string;
  value: unknown;
  label: string;
  present: boolean;
  required: boolean;
}

export function useEdit() {
  const store = useDocumentStore();
  return (intent: EditIntent) => {
    store
      .getState()
      .applyIntent(intent, 'form')
      .catch((e: unknown) => store.getState().setNotice(`The form could not make that change: ${e instanceof Error ? e.message : String(e)}`));
  };
}

export function description(schema: JsonSchema | undefined): string | undefined {
  return typeof schema?.description === 'string' ? schema.description : undefined;
}

export function useRemoveKey(path: Path, present: boolean, required: boolean) {
  const edit = useEdit();
  return present && !required ? () => edit({ kind: 'delete', path }) : undefined;
}

export function ScalarField({ path, schema, value, label, present, required, as }: NodeProps & { as: Parameters<typeof useScalarEditor>[2] }) {
  const id = useId();
  const editor = useScalarEditor(path, value, as);
  const help = description(schema);
  const multiline = typeof value === 'string' && value.includes('\n');
  const common = {
    id,
    value: editor.text,
    onChange: (e: { currentTarget: { value: string } }) => editor.onChange(e.currentTarget.value),
    onBlur: editor.onBlur,
    'aria-describedby': describedBy(id, help, editor.error),
    'aria-invalid': editor.error ? true : undefined,
    'aria-required': required || undefined,
    placeholder: !present && schema && 'default' in schema ? `default: ${String(schema.default)}` : undefined,
    spellCheck: false,
    className: 'field-input',
  };
  return (
    <FieldRow path={path} label={label} controlId={id} help={help} required={required} onRemove={useRemoveKey(path, present, required)} error={editor.error}>
      {multiline ? <textarea rows={Math.min(8, String(value).split('\n').length + 1)} {...common} /> : <input type="text" inputMode={as === 'integer' || as === 'float' || as === 'number' ? 'decimal' : undefined} {...common} />}
      {path[path.length - 1] === 'name' && typeof value === 'string' && <RenameUses path={path} name={value} />}
    </FieldRow>
  );
}

export function EnumField({ path, schema, value, label, present, required, options }: NodeProps & { options: unknown[] }) {
  const id = useId();
  const edit = useEdit();
  const help = description(schema);
  const index = options.findIndex((o) => o === value);
  const unlisted = present && index < 0;
  const dflt = schema && 'default' in schema ? `default: ${String(schema.default)}` : 'not set';
  return (
    <FieldRow path={path} label={label} controlId={id} help={help} required={required} onRemove={useRemoveKey(path, present, required)}>
      <select
        id={id}
        className="field-input"
        aria-describedby={describedBy(id, help, null)}
        value={present ? (unlisted ? 'unlisted' : String(index)) : ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (v === '') {
            if (present && !required) edit({ kind: 'delete', path });
          } else if (v !== 'unlisted') edit({ kind: 'set', path, value: options[Number(v)] });
        }}
      >
        {(!present || !required) && <option value="">({dflt})</option>}
        {unlisted && <option value="unlisted">{String(value)} (not allowed)</option>}
        {options.map((o, i) => (
          <option key={i} value={String(i)}>
            {String(o)}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

export function BooleanField({ path, schema, value, label, present, required }: NodeProps) {
  const id = useId();
  const edit = useEdit();
  const help = description(schema);
  const checked = present ? value === true : schema?.default === true;
  return (
    <FieldRow path={path} label={label} controlId={id} help={help} required={required} onRemove={useRemoveKey(path, present, required)}>
      <input
        id={id}
        type="checkbox"
        className="field-checkbox"
        checked={checked}
        aria-describedby={describedBy(id, help, null)}
        onChange={(e) => edit({ kind: 'set', path, value: e.currentTarget.checked, as: 'boolean' })}
      />
    </FieldRow>
  );
}

export function KeptAsIs({ path, name, value }: { path: Path; name: string; value: unknown }) {
  const diagnostics = useDiagnosticsAt(path);
  const shown = JSON.stringify(value, (_k, v) => (v instanceof Date ? v.toISOString() : v));
  return (
    <div className="field kept" role="group" aria-label={`${name} (kept as is)`}>
      <span className="field-label">{name}</span>
      <output className="kept-value">{shown && shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}</output>
      <p className="field-help">Not a key the schema knows — kept as is; edit it in the YAML editor.</p>
      <Diagnostics items={diagnostics} id={`${pathKey(path)}-kept`} />
    </div>
  );
}
