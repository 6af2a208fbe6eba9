/**
 * What one execution runs, as the preview shows it: the command items (each piece a parameter
 * produced reveals that parameter when clicked), the script with "Copy", and where inputs land.
 */
import { useId, useState } from 'react';
import type { StepPreview } from '../core/contracts/preview';
import { useDocumentStore } from '../store/react';

export async function copyText(text: string): Promise<void> {
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

/** "Copy" for a text, with a status that says whether it worked. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <span>
      <span className="preview-copied" role="status">
        {copied}
      </span>{' '}
      <button
        type="button"
        className="small-button"
        aria-label={label}
        onClick={() =>
          copyText(text).then(
            () => setCopied('Copied'),
            () => setCopied('Could not copy'),
          )
        }
      >
        Copy
      </button>
    </span>
  );
}

export function CommandView({ step }: { step: StepPreview }) {
  const noteId = useId();
  const store = useDocumentStore();
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
        <CopyButton text={step.script} label={`Copy the ${step.name} script`} />
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

export function InputsView({ step }: { step: StepPreview }) {
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

