/**
 * `pipewright lint --format …`: the findings of every file checked, written for a person (text),
 * for scripts (json), for a GitHub Actions log (github), for code-scanning tools (sarif) or for
 * tools that read checkstyle XML (checkstyle).
 *
 * Usage: `formatReports('sarif', [{ file, text, diagnostics }], { unreadable })` → the text to print
 */
import packageJson from '../../package.json';
import type { LocatedDiagnostic, Severity } from '../core/contracts/diagnostics';

export const LINT_FORMATS = ['text', 'json', 'github', 'sarif', 'checkstyle'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export const isLintFormat = (s: string): s is LintFormat => (LINT_FORMATS as readonly string[]).includes(s);

/** One file that was read and checked: its name as given, its text and what was found in it. */
export interface FileReport {
  file: string;
  text: string;
  diagnostics: LocatedDiagnostic[];
}

export interface FormatContext {
  /** Files that could not be read, each with why (already said on stderr; SARIF records them too). */
  unreadable: { file: string; reason: string }[];
}

/** The text to print on stdout for these reports (empty when a format has nothing to say). */
export function formatReports(format: LintFormat, reports: FileReport[], context: FormatContext): string {
  switch (format) {
    case 'text':
      return reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`)).join('\n');
    case 'json':
      return JSON.stringify(jsonRows(reports), null, 2);
    case 'github':
      return reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) => githubCommand(file, d))).join('\n');
    case 'sarif':
      return JSON.stringify(sarifLog(reports, context), null, 2);
    case 'checkstyle':
      return checkstyleXml(reports);
  }
}

/** `N file(s) checked: E error(s), O other finding(s)`, for stderr. */
export function summaryLine(reports: FileReport[]): string {
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  return `${reports.length} file(s) checked: ${errors} error(s), ${all.length - errors} other finding(s)`;
}

// ---------------------------------------------------------------------------------------------
// json: the rows `--json` has always printed.

function jsonRows(reports: FileReport[]) {
  return reports.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => ({
      file,
      severity: d.severity,
      message: d.message,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      path: d.path,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Rule ids, shared by sarif (ruleId) and checkstyle (source) and github (title).

/** The finding's stable name: its code, or the layer that found it (`yaml`, `schema`, `lint`). */
export const ruleIdOf = (d: Pick<LocatedDiagnostic, 'code' | 'source'>): string => d.code ?? d.source;

const RULE_DESCRIPTIONS: Record<string, string> = {
  yaml: 'The YAML cannot be read as the platform reads it.',
  schema: "A value does not fit the platform's configuration schema.",
  lint: "The platform would refuse or misread this (a rule beyond the schema).",
  'duplicate-key': 'A mapping has the same key twice.',
  'collection-key': 'A key is a list or mapping, which the platform files under its text.',
  lookalike: 'A value is read differently from what it looks like (YAML 1.1 numbers, booleans, a missing space after a colon).',
  'swallowed-list': 'List items are read as part of the text above them.',
  'secret-in-file': 'A credential is written in the file.',
  'unused-parameter': 'No command passes this parameter to the code.',
  'unknown-parameter-placeholder': 'A placeholder names no parameter of its step.',
  'unchecked-setup': 'A setup command can fail without stopping the execution.',
};

/** A short description of a rule: known ones in words, others from their name (`removed-searcher` → "Removed searcher."). */
export function ruleDescription(id: string): string {
  const known = RULE_DESCRIPTIONS[id];
  if (known) return known;
  const words = id.replace(/[-_]+/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

// ---------------------------------------------------------------------------------------------
// github: workflow commands, one per finding.
//
// The command is `::error file=F,line=L,col=C,endLine=…,endColumn=…,title=T::MESSAGE` (also
// `::warning` and `::notice`), as "Workflow commands for GitHub Actions" documents
// (docs.github.com/en/actions/reference/workflow-commands-for-github-actions, "Setting an error
// message"). Escaping is the one the runner undoes, as @actions/core writes it
// (actions/toolkit, packages/core/src/command.ts: escapeData / escapeProperty): in the message
// `%` → %25, CR → %0D, LF → %0A; in a property value also `:` → %3A and `,` → %2C.

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export const escapeGithubData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeGithubProperty = (s: string): string => escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function githubCommand(file: string, d: LocatedDiagnostic): string {
  const props: [string, string | number][] = [
    ['file', file],
    ['line', d.line],
    ['col', d.column],
    ['endLine', d.endLine],
    ['endColumn', d.endColumn],
    ['title', `pipewright ${ruleIdOf(d)}`],
  ];
  return `::${GITHUB_COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',')}::${escapeGithubData(d.message)}`;
}

// ---------------------------------------------------------------------------------------------
// sarif: SARIF 2.1.0 (OASIS), one run.
//
// Regions are 1-based lines and columns counted in UTF-16 code units (run.columnKind says so),
// the same positions the text format prints. Quick fixes become `fixes`: each edit a replacement
// of charOffset/charLength (UTF-16 code units from the start of the file, as the edits are) by
// its text. A file that starts with a byte-order mark gets no fixes: the editor's offsets count
// the mark as a character, and rather no fix than one a consumer applies one place off.

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A path as given → a URI reference: forward slashes, each segment percent-encoded; absolute paths as file: URIs. */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const segments = slashed.split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s)));
  const path = segments.join('/');
  if (drive) return `file:///${path}`;
  if (slashed.startsWith('/')) return `file://${path}`;
  return path;
}

function sarifLog(reports: FileReport[], context: FormatContext) {
  const ruleIds: string[] = [];
  for (const r of reports) for (const d of r.diagnostics) if (!ruleIds.includes(ruleIdOf(d))) ruleIds.push(ruleIdOf(d));
  const results = reports.flatMap(({ file, text, diagnostics }) => {
    const uri = artifactUri(file);
    const canFix = !text.startsWith('\uFEFF');
    return diagnostics.map((d) => {
      const fixes = canFix ? (d.fixes ?? []).filter((f) => f.edits.length > 0) : [];
      return {
        ruleId: ruleIdOf(d),
        ruleIndex: ruleIds.indexOf(ruleIdOf(d)),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
        ...(fixes.length > 0
          ? {
              fixes: fixes.map((f) => ({
                description: { text: f.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri },
                    replacements: f.edits.map((e) => ({ deletedRegion: { charOffset: e.offset, charLength: e.length }, insertedContent: { text: e.insert } })),
                  },
                ],
              })),
            }
          : {}),
      };
    });
  });
  const notifications = context.unreadable.map(({ file, reason }) => ({
    level: 'error' as const,
    message: { text: `${file}: ${reason}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) } } }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pipewright',
            version: packageJson.version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        invocations: [{ executionSuccessful: context.unreadable.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// checkstyle: <checkstyle version="4.3"><file name="…"><error …/></file></checkstyle>, every file
// checked listed (as checkstyle does), findings as <error> with severity error|warning|info.

const CHECKSTYLE_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/**
 * Text for an XML attribute value: the five markup characters as entities, tab/LF/CR as character
 * references (a parser would otherwise turn them into spaces), and the characters XML 1.0 cannot
 * hold at all (other controls, lone surrogates, U+FFFE/U+FFFF) left out.
 */
export function xmlAttribute(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function checkstyleXml(reports: FileReport[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const { file, diagnostics } of reports) {
    if (diagnostics.length === 0) {
      out.push(`  <file name="${xmlAttribute(file)}"/>`);
      continue;
    }
    out.push(`  <file name="${xmlAttribute(file)}">`);
    for (const d of diagnostics) {
      out.push(
        `    <error line="${d.line}" column="${d.column}" severity="${CHECKSTYLE_SEVERITY[d.severity]}" message="${xmlAttribute(d.message)}" source="pipewright.${xmlAttribute(ruleIdOf(d))}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n');
}
