/**
 * The "Command preview" region: for each step of the document, a parameter form generated from
 * the step's parameters, the command the platform would run with those values (each piece a
 * parameter produced reveals that parameter when clicked), the script with "Copy", where inputs
 * land, the environment and the parameters file. The model comes from the dialect's `preview`
 * hook, computed in the document service; each step's view is memoized on its (structurally
 * shared) model, so a keystroke re-renders only the step it changed.
 */
import { memo, useId, useState } from 'react';
import type { FoldedStep, StepPreview } from '../core/contracts/preview';
import { useDocument, useDocumentStore } from '../store/react';
import { unitOpen } from '../store/previewInputs';
import { BlocksView, FactsView, OverridesView } from './UnitExtras';
import { CommandView, InputsView } from './CommandView';
import { ParamField } from './ParamField';
import { LaunchView } from './LaunchView';
import { LinesView } from './ShellLines';

/** Steps shown at first, and added by "Show more": a 30,000-step file stays light to render. */
const PAGE = 50;

export function PreviewPane() {
  const preview = useDocument((s) => s.preview);
  const ok = useDocument((s) => s.analysis.ok);
  const steps = preview?.steps ?? [];
  // Opened and folded as the person left them (a long file opens folded: see unitOpen).
  const inputs = useDocument((s) => s.previewInputs);
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
      <LaunchView />
      {!preview ? (
        <p className="preview-empty">This kind of document has no command preview.</p>
      ) : steps.length === 0 ? (
        <p className="preview-empty">Nothing to run in this document yet.</p>
      ) : (
        <>
          {steps.slice(0, shown).map((step) => (
            <StepView key={step.name} step={step} open={unitOpen(inputs, step.name, steps.length)} />
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

const StepView = memo(function StepView({ step, open }: { step: StepPreview | FoldedStep; open: boolean }) {
  const store = useDocumentStore();
  const id = useId();
  return (
    <fieldset className={`group preview-step${open ? ' open' : ''}`} aria-labelledby={`${id}-title`}>
      <legend className="group-legend">
        <button type="button" id={`${id}-title`} className="group-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => store.getState().setUnitOpen(step.name, !open)}>
          <span aria-hidden="true" className="chevron">
            {open ? '▾' : '▸'}
          </span>
          {step.name}
        </button>
      </legend>
      <div id={`${id}-body`} hidden={!open}>
        {/* Opened a moment ago: its details are on their way from the document service. */}
        {open && 'folded' in step && <p className="preview-empty">Preparing the preview of {step.name}…</p>}
        {open && !('folded' in step) && (
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
            <LinesView lines={step.lines ?? []} notes={step.lineNotes} />
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

// ---- environment -----------------------------------------------------------------------------

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
