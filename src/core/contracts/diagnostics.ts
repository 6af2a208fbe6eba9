import type { TextEdit } from './change';
import type { Path } from './path';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * One finding about the document. `range` is a pair of character offsets into the text
 * (end exclusive); line/column are derived from it where a person needs them.
 */
export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Where in the value the finding is about ([] for the whole document). */
  path: Path;
  range: [number, number];
  /** Which layer found it: the YAML reader, the JSON schema, or the dialect's own rules. */
  source: 'yaml' | 'schema' | 'lint';
  /** A stable name for findings other code must recognise (e.g. 'duplicate-key'). */
  code?: string;
  /**
   * Ways to fix the finding, best first, as edits on the exact text the finding was made for
   * (offsets into that text). Only findings that know how to fix themselves carry any.
   */
  fixes?: Fix[];
}

/** A quick fix: a title for the menu and the edits that make it (see core/document/edits.ts). */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** A diagnostic with 1-based line/column positions, as the CLI and the Problems list show it. */
export interface LocatedDiagnostic extends Diagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The code of findings that a credential is written in the file (the app asks before sharing such a document). */
export const SECRET_IN_FILE = 'secret-in-file';
