/**
 * The "Command preview" region: for each step of the document, a parameter form generated from
 * the step's parameters, the command the platform would run with those values (each piece a
 * parameter produced reveals that parameter when clicked), the script with "Copy", where inputs
 * land, the environment and the parameters file. The model comes from the dialect's `preview`
 * hook, computed in the document service; each step's view is memoized on its (structurally
 * shared) model, so a keystroke re-renders only the step it changed.
 */
import { memo, useId, useState } from 'react';
import type { PreviewParam, PreviewValue, StepPreview } from '../core/contracts/preview';
import { useDocument, useDocumentStore } from '../store/react';
import { BlocksView, FactsView, OverridesView } from './UnitExtras';

/** Steps open by default while the document has at most this many (a long file opens collapsed). */
const OPEN_BY_DEFAULT = 12;
/** Steps shown at first, and added by "Show more": a 30,000-step file stays light to render. */
const PAGE = 50;

export function PreviewPane() {
  const preview = useDocument((s) => s.preview);
  const ok = useDocument((s) => s.analysis.ok);
  const steps = preview?.steps ?? [];
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="preview-pane" aria-labelledby="preview-title">
      <h2 id="preview-title" className="pane-title">
        Command preview
      </h2>
      {!ok && preview && (
        <p className="form-banner" role="status">
          The YAML does not parse — the preview shows the last valid state.
        </p>
      )}
      {!preview ? (
        <p className="preview-empty">This kind of document has no command preview.</p>
      ) : steps.length === 0 ? (
        <p className="preview-empty">Nothing to run in this document yet.</p>
      ) : (
        <>
          {steps.slice(0, shown).map((step) => (
            <StepView key={step.name} step={step} defaultOpen={steps.length <= OPEN_BY_DEFAULT} />
          ))}
          {steps.length > shown && (
            <button type="button" className="small-button" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, steps.length - shown)} more steps (of {steps.length - shown} not shown)
            </button>
          )}
        </>
      )}
    </section>
  );
}

const StepView = memo(function StepView({ step, defaultOpen }: { step: StepPreview; defaultOpen: boolean }) {
  const store = useDocumentStore();
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <fieldset className={`group preview-step${open ? ' open' : ''}`} aria-labelledby={`${id}-title`}>
      <legend className="group-legend">
        <button type="button" id={`${id}-title`} className="group-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className="chevron">
            {open ? '▾' : '▸'}
          </span>
          {step.name}
        </button>
      </legend>
      <div id={`${id}-body`} hidden={!open}>
        {open && (
          <>
            {step.params.length > 0 && (
              <div className="preview-section">
                <div className="preview-section-head">
                  <h3 className="preview-heading">Parameters</h3>
                  <button type="button" className="small-button" onClick={() => store.getState().resetPreview(step.name)}>
                    Reset to defaults
                  </button>
                </div>
                {step.params.map((p) => (
                  <ParamField key={p.name} step={step.name} param={p} />
                ))}
              </div>
            )}
            <FactsView step={step} />
            <OverridesView step={step} />
            <CommandView step={step} />
            <BlocksView step={step} />
            <InputsView step={step} />
            <EnvView step={step} />
            {step.parametersFile !== undefined && (
              <div className="preview-section">
                <h3 className="preview-heading">Parameters file</h3>
                <pre role="figure" tabIndex={0} className="preview-code" aria-label={`Parameters file of ${step.name}`}>
                  <code>{step.parametersFile}</code>
                </pre>
              </div>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
});

// ---- parameters ---------------------------------------------------------------------------

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

const ParamField = memo(function ParamField({ step, param }: { step: string; param: PreviewParam }) {
  const store = useDocumentStore();
  const id = useId();
  const typed = useDocument((s) => s.previewInputs.values[step]?.[param.name]);
  const value = shownValue(param, typed);
  const set = (v: PreviewValue) => store.getState().setPreviewValue(step, param.name, v);
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

// ---- command --------------------------------------------------------------------------------

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (insecure context, no permission): the old way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('copy refused');
  }
}

function CommandView({ step }: { step: StepPreview }) {
  const noteId = useId();
  const store = useDocumentStore();
  const [copied, setCopied] = useState<string | null>(null);
  const reveal = (param: string) => {
    const p = step.params.find((x) => x.name === param);
    if (p) store.getState().revealPath(p.path);
  };
  return (
    <div className="preview-section">
      <h3 className="preview-heading">Command</h3>
      {step.errors.length > 0 && (
        <ul className="field-diagnostics" aria-label={`Why ${step.name} cannot run`}>
          {step.errors.map((m, i) => (
            <li key={i} className="field-diagnostic diag-error">
              {m}
            </li>
          ))}
        </ul>
      )}
      {step.warnings.length > 0 && (
        <ul className="field-diagnostics">
          {step.warnings.map((m, i) => (
            <li key={i} className="field-diagnostic">
              {m}
            </li>
          ))}
        </ul>
      )}
      {step.commandNote && (
        <p className="field-help" id={noteId}>
          {step.commandNote}
        </p>
      )}
      <ol className="command-items" aria-label={`Command items of ${step.name}`} aria-describedby={step.commandNote ? noteId : undefined}>
        {step.command.map((item, i) => (
          <li key={i}>
            <code>
              <Pieces item={item} pieces={step.pieces[i] ?? []} onReveal={reveal} />
            </code>
          </li>
        ))}
      </ol>
      <div className="preview-section-head">
        <h4 className="preview-subheading">Script</h4>
        <span>
          <span className="preview-copied" role="status">
            {copied}
          </span>{' '}
          <button
            type="button"
            className="small-button"
            onClick={() =>
              copyText(step.script).then(
                () => setCopied('Copied'),
                () => setCopied('Could not copy'),
              )
            }
          >
            Copy
          </button>
        </span>
      </div>
      <pre role="figure" tabIndex={0} className="preview-code" aria-label={`Script of ${step.name}`}>
        <code>{step.script}</code>
      </pre>
    </div>
  );
}

function Pieces({ item, pieces, onReveal }: { item: string; pieces: StepPreview['pieces'][number]; onReveal: (param: string) => void }) {
  const out = [];
  let at = 0;
  pieces.forEach((p, i) => {
    if (p.start > at) out.push(item.slice(at, p.start));
    out.push(
      <button key={i} type="button" className="command-piece" title={`Show parameter ${p.param}`} data-param={p.param} onClick={() => onReveal(p.param)}>
        {item.slice(p.start, p.end)}
      </button>,
    );
    at = p.end;
  });
  if (at < item.length) out.push(item.slice(at));
  return <>{out}</>;
}

// ---- inputs and environment -----------------------------------------------------------------

function InputsView({ step }: { step: StepPreview }) {
  if (step.inputs.length === 0) return null;
  return (
    <div className="preview-section">
      <h3 className="preview-heading">Inputs</h3>
      <ul className="preview-inputs" aria-label={`Inputs of ${step.name}`}>
        {step.inputs.map((input) => (
          <li key={input.name}>
            <code>{input.directory}</code> <span className="preview-name">{input.name}</span>
            {input.optional && <span className="preview-tag"> (optional)</span>}
            {input.description && <span className="field-help"> — {input.description}</span>}
            {input.files.length > 0 ? (
              <ul>
                {input.files.map((f, i) => (
                  <li key={i}>
                    <code>{f.path}</code> ← <span className="preview-url">{f.url}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="field-help"> — no default: files are given per execution</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EnvView({ step }: { step: StepPreview }) {
  const store = useDocumentStore();
  const id = useId();
  const notes = step.envNotes ?? [];
  if (step.env.length === 0 && notes.length === 0) return null;
  return (
    <div className="preview-section">
      <h3 className="preview-heading">Environment variables</h3>
      {step.env.map((e, i) => (
        <EnvField key={e.name} id={`${id}-${i}`} step={step.name} env={e} onChange={(v) => store.getState().setEnvValue(step.name, e.name, v)} />
      ))}
      {notes.length > 0 && (
        <ul className="preview-notes" aria-label={`Where else the environment of ${step.name} comes from`}>
          {notes.map((n, i) => (
            <li key={i} className="field-help">
              {n}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EnvField({ id, step, env, onChange }: { id: string; step: string; env: StepPreview['env'][number]; onChange: (v: string | undefined) => void }) {
  const typed = useDocument((s) => s.previewInputs.env[step]?.[env.name]);
  const value = typed ?? env.default ?? '';
  const shownDefault = env.default === undefined ? 'no default' : env.secret ? 'default: hidden (it looks like a secret)' : `default: ${env.default}`;
  const help = [env.description, env.optional ? 'optional' : 'required', shownDefault].filter(Boolean).join(' — ');
  return (
    <div className={`field${env.edited ? ' edited' : ''}`}>
      <div className="field-head">
        <label htmlFor={id} className="field-label">
          {env.name}
        </label>
        {env.optional && <span className="preview-tag">optional</span>}
      </div>
      <input id={id} type={env.secret ? 'password' : 'text'} autoComplete="off" className="field-input" value={value} spellCheck={false} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.currentTarget.value)} />
      <p className="field-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}
