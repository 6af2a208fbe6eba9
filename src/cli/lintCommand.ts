/**
 * `pipewright lint`: each file checked as the platform reads it (and against the code beside it,
 * when its folder holds code), reported in the chosen format, fixed with --fix.
 */
import { basename, dirname } from 'node:path';
import { detectDialectScore, dialectById, dialects, loadProjectChecks, RECOGNISED_SCORE } from '../core/dialects';
import { analyze, analyzeParsed, type ProjectContext } from '../core/lint';
import { fixFile } from './fix';
import { defaultIO, readText, type CliIO } from './io';
import { formatReports, isLintFormat, LINT_FORMATS, summaryLine, type FileReport, type LintFormat } from './lintFormats';
import { diskProject } from './projectFiles';

/** Files that make a folder a project whose code the config can be checked against. */
const CODE_FILE = /\.(py|sh|bash)$/;

/**
 * The config's folder as its project (the scripts its commands run), or undefined when the folder
 * holds no code at all — a config copied somewhere alone is not checked against code that is not there.
 */
function projectOf(dir: string, io: CliIO): ProjectContext | undefined {
  let byDir = projects.get(io);
  if (!byDir) projects.set(io, (byDir = new Map()));
  if (!byDir.has(dir)) {
    const files = (io.project ?? diskProject)(dir);
    byDir.set(dir, files.list().some((p) => CODE_FILE.test(p)) ? { files, configDir: '' } : undefined);
  }
  return byDir.get(dir);
}

/** Each folder is listed once per run, however many of its configs are linted. */
const projects = new WeakMap<CliIO, Map<string, ProjectContext | undefined>>();

/** The FILE arguments of `lint` (the values of its options left out). */
function lintFiles(args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format' || args[i] === '--dialect') i++;
    else if (!args[i].startsWith('-') || args[i] === '-') files.push(args[i]);
  }
  return files;
}

/** Load the checks against the code beside a config when a lint will use them (a config's folder holds code). */
export async function prepareLint(argv: string[], io: CliIO = defaultIO): Promise<void> {
  if (argv.includes('--no-project')) return;
  const dirs = new Set(lintFiles(argv).map((f) => dirname(f)));
  if ([...dirs].some((d) => projectOf(d, io) !== undefined)) await loadProjectChecks();
}

export function lintCommand(args: string[], io: CliIO, USAGE: string): number {
  const files: string[] = [];
  let format: LintFormat | undefined;
  let dialectId: string | undefined;
  let fix = false;
  let dryRun = false;
  let skipUnrecognised = false;
  let project = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === '--format' || a === '--dialect' ? args[++i] : a.startsWith('--format=') || a.startsWith('--dialect=') ? a.slice(a.indexOf('=') + 1) : undefined;
    if (a === '--json') format = 'json';
    else if (a === '--fix') fix = true;
    else if (a === '--dry-run') dryRun = true;
    else if (a === '--skip-unrecognised' || a === '--skip-unrecognized') skipUnrecognised = true;
    else if (a === '--no-project') project = false;
    else if (a === '--format' || a.startsWith('--format=')) {
      if (value === undefined || !isLintFormat(value)) {
        io.err(`${value === undefined ? '--format needs a value' : `Unknown format "${value}"`}; formats: ${LINT_FORMATS.join(', ')}\n\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (a === '--dialect' || a.startsWith('--dialect=')) {
      if (value === undefined) {
        io.err(`--dialect needs a value\n\n${USAGE}`);
        return 2;
      }
      dialectId = value;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`Unknown option ${a}\n\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.err(`No file given.\n\n${USAGE}`);
    return 2;
  }
  if (dryRun && !fix) {
    io.err(`--dry-run goes with --fix\n\n${USAGE}`);
    return 2;
  }
  if (dryRun && format !== undefined && format !== 'text') {
    io.err(`--fix --dry-run prints a diff; it takes no --format\n\n${USAGE}`);
    return 2;
  }
  const forced = dialectId === undefined ? undefined : dialectById(dialectId);
  if (dialectId !== undefined && !forced) {
    io.err(`Unknown dialect "${dialectId}"; known: ${dialects.map((d) => d.id).join(', ')}`);
    return 2;
  }
  const reports: FileReport[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  let writeFailed = false;
  let skipped = 0;
  for (const file of files) {
    const text = readText(file, io, unreadable);
    if (text === undefined) continue;
    // Detection's own reading of the file is kept for the check when it is the dialect's.
    const detected = forced ? undefined : detectDialectScore(basename(file), text);
    if (skipUnrecognised && detected && detected.score < RECOGNISED_SCORE) {
      skipped++;
      continue;
    }
    const dialect = forced ?? detected!.dialect;
    if (fix) {
      const fixed = fixFile(file, text, dialect, io, dryRun);
      writeFailed ||= fixed.writeFailed;
      reports.push({ file, text: fixed.text, diagnostics: fixed.diagnostics });
    } else {
      const context = project && dialect.project ? projectOf(dirname(file), io) : undefined;
      reports.push({ file, text, diagnostics: (detected?.parsed ? analyzeParsed(detected.parsed, dialect, context) : analyze(text, dialect, context)).diagnostics });
    }
  }
  const chosen = format ?? 'text';
  const summary = `${summaryLine(reports)}${skipped > 0 ? `; ${skipped} other YAML file(s) skipped` : ''}`;
  if (dryRun) io.err(`${summary} would remain`);
  else {
    const printed = formatReports(chosen, reports, { unreadable });
    if (printed !== '') io.out(printed);
    if (chosen === 'text' || chosen === 'github') io.err(summary);
  }
  if (unreadable.length > 0 || writeFailed) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
