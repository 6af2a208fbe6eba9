/**
 * One open document as the language server sees it: its text at each version, whether it is a
 * pipeline config at all (recognise.ts), whether it can be checked as you type (not binary, not
 * huge), and for one that can, its parse and its findings — from the same core, with the same
 * parsers kept warm, as the app's document service (src/store/service.ts).
 *
 * Plain data in and out (offsets into the text); lsp/convert.ts turns it into LSP.
 *
 * Usage:
 *   const doc = new CheckedDocument('valohai.yaml'); doc.update(text, version)
 *   doc.view()         → { kind: 'ignored' } | { kind: 'refused', … } | { kind: 'checked', dialect, parsed, … }
 *   doc.diagnostics()  → the findings of the current version (one for a refused document)
 */
import type { Dialect } from '../../core/contracts/dialect';
import type { ParsedDocument } from '../../core/contracts/document';
import type { LocatedDiagnostic } from '../../core/contracts/diagnostics';
import { decodeFile, encodeText } from '../../core/document/decode';
import { IncrementalParser } from '../../core/document/incremental';
import { analyzeParsed } from '../../core/lint';
import { Recogniser } from './recognise';

/**
 * Larger texts (UTF-16 code units, ≈ bytes for YAML) are not checked as you type: checking one
 * takes about 0.2 s a keystroke at 1.3 MB and grows with the size, and the server answers one
 * message at a time. The app opens files up to 50 MB (its checks run in a worker); the CLI's
 * `lint` checks any size once.
 */
export const MAX_CHECKED_LENGTH = 2 * 1024 * 1024;

/** Characters that have no place in YAML text and, in numbers, mean binary data (as core/document/decode.ts). */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

export type View =
  /** Not a pipeline config (or not open): the server says nothing about it. */
  | { kind: 'ignored' }
  /** A pipeline config that is not checked, and why (too large, binary). */
  | { kind: 'refused'; dialect: Dialect; reason: string; severity: 'error' | 'warning' }
  | { kind: 'checked'; dialect: Dialect; text: string; parsed: ParsedDocument; assistParser: IncrementalParser };

function formatMB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why this text is not checked as you type, or undefined when it is. */
export function refusal(text: string): { reason: string; severity: 'error' | 'warning' } | undefined {
  if (text.length > MAX_CHECKED_LENGTH) {
    const bytes = Buffer.byteLength(text, 'utf8');
    return {
      severity: 'warning',
      reason: `This file is too large to check as you type (${formatMB(bytes)}; at most ${formatMB(MAX_CHECKED_LENGTH)}) — \`pipewright lint\` checks it once.`,
    };
  }
  if (CONTROL.test(text)) {
    // The app's own rule for opening a file: any NUL, or control characters in numbers.
    const decoded = decodeFile(encodeText(text));
    if (!decoded.ok) return { severity: 'error', reason: decoded.reason.replace(/ — the current document is kept\.$/, '.') };
  }
  return undefined;
}

export class CheckedDocument {
  private text = '';
  private version = -1;
  private readonly recogniser = new Recogniser();
  private dialect: Dialect | undefined;
  private parser: IncrementalParser | undefined;
  /** Completion parses probe texts: its own parser keeps them from shifting the document's nodes (as the service). */
  private assistParser: IncrementalParser | undefined;
  private current: { version: number; view: View } | undefined;
  private analysis: { version: number; diagnostics: LocatedDiagnostic[] } | undefined;

  constructor(readonly fileName: string | undefined) {}

  update(text: string, version: number): void {
    this.text = text;
    this.version = version;
  }

  get textVersion(): number {
    return this.version;
  }

  /** What the server can do with the current version (worked out once per version). */
  view(): View {
    if (this.current?.version === this.version) return this.current.view;
    const view = this.compute();
    this.current = { version: this.version, view };
    return view;
  }

  private compute(): View {
    const { dialect, recognised } = this.recogniser.recognise(this.fileName, this.text);
    if (!recognised) return { kind: 'ignored' };
    const refused = refusal(this.text);
    if (refused) return { kind: 'refused', dialect, ...refused };
    if (dialect !== this.dialect || !this.parser || !this.assistParser) {
      this.dialect = dialect;
      this.parser = new IncrementalParser(dialect.yaml);
      this.assistParser = new IncrementalParser(dialect.yaml);
    }
    return { kind: 'checked', dialect, text: this.text, parsed: this.parser.parse(this.text), assistParser: this.assistParser };
  }

  /** The findings of the current version: the core's for a checked document, the reason for a refused one. */
  diagnostics(): LocatedDiagnostic[] {
    if (this.analysis?.version === this.version) return this.analysis.diagnostics;
    const view = this.view();
    let diagnostics: LocatedDiagnostic[] = [];
    if (view.kind === 'checked') diagnostics = analyzeParsed(view.parsed, view.dialect).diagnostics;
    else if (view.kind === 'refused') {
      diagnostics = [{ severity: view.severity, message: view.reason, path: [], range: [0, 0], source: 'lint', line: 1, column: 1, endLine: 1, endColumn: 1 }];
    }
    this.analysis = { version: this.version, diagnostics };
    return diagnostics;
  }

  /** Whether the findings of the current version are known already. */
  get analysed(): boolean {
    return this.analysis?.version === this.version;
  }
}
