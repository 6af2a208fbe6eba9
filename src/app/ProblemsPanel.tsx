/** The Problems list: every diagnostic with its severity and position; activating one moves the editor there. */
import { useId } from 'react';
import { useLasting } from '../ui/useLasting';
import { useDocument } from '../store/react';

/** Rendering thousands of rows would stall the page; the editor still marks every problem. */
const MAX_LISTED = 500;

const LABEL = { error: 'Error', warning: 'Warning', info: 'Info', hint: 'Hint' } as const;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Hints are suggestions, not problems: a document with only hints still has "No problems". */
function summarize(errors: number, warnings: number, infos: number, hints: number): string {
  if (errors + warnings + infos === 0) return hints === 0 ? 'No problems' : `No problems, ${count(hints, 'hint')}`;
  const parts = [count(errors, 'error'), count(warnings, 'warning')];
  if (infos + hints > 0) parts.push(`${infos + hints} other`);
  return parts.join(', ');
}

export function ProblemsPanel() {
  const diagnostics = useDocument((s) => s.analysis.diagnostics);
  const revealAt = useDocument((s) => s.revealAt);
  // Shown only when checking takes a while: a keystroke's check is done before anyone could read it.
  const checking = useLasting(useDocument((s) => s.analysis.version !== s.version), 150);
  // Not checked even once yet (a big document, or a page still loading): no claim of "No problems".
  const unchecked = useDocument((s) => s.analysis.version < 0);
  const headingId = useId();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const hints = diagnostics.filter((d) => d.severity === 'hint').length;
  return (
    <section className="problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="pane-title">
        Problems
      </h2>
      <span className="problems-summary" aria-live="polite">
        {unchecked ? 'Checking…' : summarize(errors, warnings, diagnostics.length - errors - warnings - hints, hints)}
      </span>
      {checking && !unchecked && <span className="problems-checking">checking…</span>}
      {diagnostics.length > 0 && (
        <ul className="problems-list">
          {diagnostics.slice(0, MAX_LISTED).map((d, i) => (
            <li key={`${d.range[0]}:${i}`}>
              <button type="button" className={`problem problem-${d.severity}`} onClick={() => revealAt(d.range[0])}>
                <span className="problem-severity">{LABEL[d.severity]}</span>
                <span className="problem-position">
                  {d.line}:{d.column}
                </span>
                <span className="problem-message">{d.message}</span>
              </button>
            </li>
          ))}
          {diagnostics.length > MAX_LISTED && <li className="problems-more">…and {diagnostics.length - MAX_LISTED} more</li>}
        </ul>
      )}
    </section>
  );
}
