/**
 * The lines that start (or reproduce) an execution from a shell — `vh ...`, `docker run ...`,
 * `det ...` — each with "Copy", and what they cannot express.
 */
import type { ShellLine } from '../core/contracts/preview';
import { CopyButton } from './CommandView';

export function LinesView({ lines, notes = [] }: { lines: ShellLine[]; notes?: string[] }) {
  if (lines.length === 0 && notes.length === 0) return null;
  return (
    <div className="preview-section">
      <h4 className="preview-subheading">Start it from a shell</h4>
      {lines.map((line) => (
        <LineView key={line.label} line={line} />
      ))}
      {notes.map((n, i) => (
        <p key={i} className="field-help">
          {n}
        </p>
      ))}
    </div>
  );
}

function LineView({ line }: { line: ShellLine }) {
  return (
    <div className="launch-line">
      <div className="preview-section-head">
        <span className="preview-tag">{line.label}</span>
        <CopyButton text={line.text} label={`Copy the ${line.label} line`} />
      </div>
      <pre role="figure" tabIndex={0} className="preview-code" aria-label={`${line.label} line`}>
        <code>{line.text}</code>
      </pre>
    </div>
  );
}
