/**
 * A parameter's field in the command preview's generated forms (a step's parameters, a
 * pipeline's parameters): the right control for its type, its help, the platform's messages.
 */
import { memo, useId } from 'react';
import type { PreviewParam, PreviewValue } from '../core/contracts/preview';
import { useDocument, useDocumentStore } from '../store/react';

/** The value shown: what the store holds as typed (synchronously, so typing never lags), else the default. */
function shownValue(param: PreviewParam, typed: PreviewValue | undefined): PreviewValue {
  if (!typed) return param.default;
  const fits =
    typed.kind === 'unset' ? param.optional : param.control === 'flag' ? typed.kind === 'bool' : param.control === 'list' ? typed.kind === 'list' : typed.kind === 'text';
  return fits ? typed : param.default;
}

function describe(param: PreviewParam): string | undefined {
  const limits = [param.min !== undefined ? `min ${param.min}` : '', param.max !== undefined ? `max ${param.max}` : ''].filter(Boolean).join(', ');
  const parts = [param.description ?? '', `${param.type}${limits ? ` (${limits})` : ''}${param.optional ? ', optional' : ''}`].filter(Boolean);
  return parts.join(' — ') || undefined;
}

/** A step parameter's field in the preview: the value typed for it in the store, else its default. */
export const ParamField = memo(function ParamField({ step, param }: { step: string; param: PreviewParam }) {
  const store = useDocumentStore();
  const typed = useDocument((s) => s.previewInputs.values[step]?.[param.name]);
  return <ParamInput param={param} typed={typed} onChange={(v) => store.getState().setPreviewValue(step, param.name, v)} />;
});

/** One parameter's field (text, number, flag, choice or list) with its help and the platform's messages. */
export const ParamInput = memo(function ParamInput({ param, typed, onChange: set }: { param: PreviewParam; typed: PreviewValue | undefined; onChange: (v: PreviewValue) => void }) {
  const id = useId();
  const value = shownValue(param, typed);
  const help = describe(param);
  const describedBy = [help ? `${id}-help` : '', param.errors.length ? `${id}-errors` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = param.errors.length > 0 || undefined;
  const unset = value.kind === 'unset';
  const text = value.kind === 'text' ? value.text : '';

  let control;
  if (param.control === 'flag') {
    control = (
      <input id={id} type="checkbox" className="field-checkbox" checked={value.kind === 'bool' && value.value} aria-describedby={describedBy} onChange={(e) => set({ kind: 'bool', value: e.currentTarget.checked })} />
    );
  } else if (param.control === 'choice') {
    const listed = param.choices!.includes(text);
    control = (
      <select
        id={id}
        className="field-input"
        value={unset ? '\u0000unset' : text}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => set(e.currentTarget.value === '\u0000unset' ? { kind: 'unset' } : { kind: 'text', text: e.currentTarget.value })}
      >
        {param.optional && <option value={'\u0000unset'}>(unset)</option>}
        {!unset && !listed && <option value={text}>{text === '' ? '(no value)' : `${text} (not a choice)`}</option>}
        {param.choices!.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (param.control === 'list') {
    const items = value.kind === 'list' ? value.items : [];
    control = (
      <div className="preview-list" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
        {items.map((item, i) => (
          <div key={i} className="scalar-item">
            <input
              type="text"
              className="field-input"
              aria-label={`${param.name} value ${i + 1}`}
              value={item}
              spellCheck={false}
              aria-invalid={invalid}
              onChange={(e) => set({ kind: 'list', items: items.map((x, j) => (j === i ? e.currentTarget.value : x)) })}
            />
            <button type="button" className="small-button" aria-label={`Remove ${param.name} value ${i + 1}`} onClick={() => set({ kind: 'list', items: items.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="small-button" onClick={() => set({ kind: 'list', items: [...items, ''] })}>
          Add value
        </button>
      </div>
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        className="field-input"
        inputMode={param.control === 'integer' ? 'numeric' : param.control === 'float' ? 'decimal' : undefined}
        value={text}
        disabled={unset}
        placeholder={unset ? '(unset)' : undefined}
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => set({ kind: 'text', text: e.currentTarget.value })}
      />
    );
  }

  return (
    <div className={`field preview-param${param.errors.length ? ' has-problems' : ''}${param.edited ? ' edited' : ''}`}>
      <div className="field-head">
        {param.control === 'list' ? (
          <span id={`${id}-label`} className="field-label">
            {param.name}
          </span>
        ) : (
          <label htmlFor={id} id={`${id}-label`} className="field-label">
            {param.name}
          </label>
        )}
        {param.optional && param.control !== 'flag' && param.control !== 'choice' && (
          <label className="preview-unset">
            <input
              type="checkbox"
              checked={unset}
              onChange={(e) => set(e.currentTarget.checked ? { kind: 'unset' } : param.control === 'list' ? { kind: 'list', items: [] } : { kind: 'text', text: '' })}
            />{' '}
            unset
          </label>
        )}
      </div>
      {control}
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {param.errors.length > 0 && (
        <ul className="field-diagnostics" id={`${id}-errors`}>
          {param.errors.map((m, i) => (
            <li key={i} className="field-diagnostic diag-error">
              <span className="visually-hidden">error: </span>
              {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

