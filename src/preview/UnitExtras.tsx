/**
 * The parts of a preview unit that only some dialects fill: short facts, actions (e.g.
 * "Resample"), an editable list of command-line overrides, and further texts with marked spans
 * (an effective config with the keys an override changed). See core/dialects/preview.ts.
 * A code block is a named figure that takes the focus, so a keyboard can scroll its long lines.
 */
import { useId } from 'react';
import type { PreviewBlock, StepPreview } from '../core/contracts/preview';
import { useDocument, useDocumentStore } from '../store/react';

export function FactsView({ step }: { step: StepPreview }) {
  const facts = step.facts ?? [];
  const actions = step.actions ?? [];
  const store = useDocumentStore();
  if (facts.length === 0 && actions.length === 0) return null;
  return (
    <div className="preview-section">
      {facts.length > 0 && (
        <dl className="preview-facts" aria-label={`Facts of ${step.name}`}>
          {facts.map((f) => (
            <div key={f.label} className="preview-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {actions.map((a) => (
        <button key={a.id} type="button" className="small-button" onClick={() => store.getState().pressAction(step.name, a.id)}>
          {a.label}
        </button>
      ))}
    </div>
  );
}

/** The override lines as typed (synchronously from the store, so typing never lags), with the platform's verdict on each. */
export function OverridesView({ step }: { step: StepPreview }) {
  const store = useDocumentStore();
  const id = useId();
  const typed = useDocument((s) => s.previewInputs.overrides?.[step.name]);
  const spec = step.overrides;
  if (!spec) return null;
  const items = typed ?? spec.items;
  const set = (next: string[]) => store.getState().setOverrides(step.name, next);
  return (
    <div className="preview-section" role="group" aria-labelledby={`${id}-title`}>
      <h3 className="preview-heading" id={`${id}-title`}>
        {spec.label}
      </h3>
      {items.map((item, i) => {
        const errors = spec.errors[i] ?? [];
        return (
          <div key={i} className={`field scalar-item${errors.length ? ' has-problems' : ''}`}>
            <input
              type="text"
              className="field-input"
              aria-label={`Override ${i + 1}`}
              placeholder={spec.placeholder}
              value={item}
              spellCheck={false}
              aria-invalid={errors.length > 0 || undefined}
              aria-describedby={errors.length ? `${id}-e${i}` : undefined}
              onChange={(e) => set(items.map((x, j) => (j === i ? e.currentTarget.value : x)))}
            />
            <button type="button" className="small-button" aria-label={`Remove override ${i + 1}`} onClick={() => set(items.filter((_, j) => j !== i))}>
              Remove
            </button>
            {errors.length > 0 && (
              <ul className="field-diagnostics" id={`${id}-e${i}`}>
                {errors.map((m, k) => (
                  <li key={k} className="field-diagnostic diag-error">
                    <span className="visually-hidden">error: </span>
                    {m}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      <button type="button" className="small-button" onClick={() => set([...items, ''])}>
        Add override
      </button>
    </div>
  );
}

export function BlocksView({ step }: { step: StepPreview }) {
  const blocks = step.blocks ?? [];
  return (
    <>
      {blocks.map((b) => (
        <div key={b.title} className="preview-section">
          <h3 className="preview-heading">{b.title}</h3>
          {b.marks && b.marks.length > 0 && (
            <p className="field-help">
              {b.marks.length} change{b.marks.length === 1 ? '' : 's'} marked
            </p>
          )}
          <pre role="figure" tabIndex={0} className={`preview-code lang-${b.language}`} aria-label={`${b.title} of ${step.name}`}>
            <code>
              <Marked block={b} />
            </code>
          </pre>
        </div>
      ))}
    </>
  );
}

function Marked({ block }: { block: PreviewBlock }) {
  const marks = [...(block.marks ?? [])].sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  marks.forEach((m, i) => {
    if (m.start < at) return;
    if (m.start > at) out.push(block.text.slice(at, m.start));
    out.push(
      <mark key={i} title={m.note}>
        {block.text.slice(m.start, m.end)}
        <span className="visually-hidden"> ({m.note})</span>
      </mark>,
    );
    at = m.end;
  });
  if (at < block.text.length) out.push(block.text.slice(at));
  return <>{out}</>;
}
