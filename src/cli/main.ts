/**
 * pipewright — the command-line face of the same core the editor uses.
 *
 *   pipewright lint FILE... [--format text|json|github|sarif|checkstyle] [--fix [--dry-run]] [--dialect ID]
 *   pipewright render FILE [--step NAME] [--param NAME=VALUE]... [--command CMD]... [key.path=VALUE]... [--json]
 *   pipewright render FILE (--task NAME | --pipeline NAME [--param NAME=VALUE]... | --search) [--json]
 *   pipewright effective FILE [--stream NAME] [key.path=VALUE]... [--json]
 *   pipewright schema --dialect ID
 *   (pipewright lsp and pipewright open: dispatched by bin.ts before runCli, each its own chunk)
 *
 * Exit status: lint: 0 when no file has an error, 1 when one has; render/effective: 0 when
 * built, 1 when the platform would refuse (render: the file, an override or the command);
 * all: 2 on a usage or read problem.
 *
 * The commands' own work lives beside this file: lintFormats.ts (lint's output formats), fix.ts
 * (lint --fix), schemaCommand.ts (schema); this file reads the command line and dispatches.
 */
import { basename } from 'node:path';
import { detectDialect, dialectById, dialects } from '../core/dialects';
import { stringify } from 'yaml';
import { NO_PREVIEW_INPUTS, type PreviewBlock, type PreviewEnv, type PreviewValue, type RenderOutcome, type RenderRequest } from '../core/contracts/preview';
import type { LaunchPreview } from '../core/contracts/launch';
import type { Dialect } from '../core/contracts/dialect';
import { locate, parseText } from '../core/document/parse';
import type { ParsedDocument } from '../core/contracts/document';
import { analyzeParsed, loadValidators } from '../core/lint';
import { LINT_FORMATS } from './lintFormats';
import { lintCommand, prepareLint } from './lintCommand';
import { defaultIO, readText, type CliIO } from './io';

export type { CliIO };
import { schemaCommand } from './schemaCommand';
import { generateCommand } from './generateCommand';

const USAGE = `Usage:
  pipewright lint FILE... [--format ${LINT_FORMATS.join('|')}] [--fix [--dry-run]] [--skip-unrecognised] [--dialect ${dialects.map((d) => d.id).join('|')}]
  pipewright render FILE [--step NAME] [--param NAME=VALUE]... [--command CMD]... [key.path=VALUE]... [--json] [--dialect ID]
  pipewright render FILE (--task NAME | --pipeline NAME [--param NAME=VALUE]... | --search) [--json] [--dialect ID]
  pipewright effective FILE [--stream NAME] [key.path=VALUE]... [--json] [--dialect ID]
  pipewright schema --dialect ID
  pipewright lsp [--stdio]
  pipewright open [DIR] [--port N] [--no-browser]
  pipewright generate step SCRIPT [--name NAME] [--image IMAGE]

The dialect is detected from the file's name and content; --dialect forces one.

lint: checks each FILE as the platform would read it.
  --format text (default): one line per problem, FILE:LINE:COLUMN: severity: message,
    and a count on stderr.
  --format json (or --json): a list of {file, severity, message, line, column, endLine,
    endColumn, path}.
  --format github: GitHub Actions workflow commands (::error file=…,line=…::message),
    so each problem shows on the pull request's diff.
  --format sarif: a SARIF 2.1.0 log (for github/codeql-action/upload-sarif and other
    code-scanning tools), quick fixes included.
  --format checkstyle: checkstyle XML.
  Columns count UTF-16 code units. A file that cannot be read is said on stderr.
  --fix: applies the quick fixes that need no choice (a finding with one fix that
    decides nothing only you know: not a lookalike, a placeholder or a nearest value),
    in rounds, and writes each file that changed; says on stderr what it fixed and
    what it left, then reports what remains in the chosen format.
  --fix --dry-run: prints the changes as a unified diff instead (apply it with
    patch -p0) and writes nothing.
  --skip-unrecognised: passes over YAML files that are not recognisably one of our
    configs (a CI workflow, a compose file), as the pre-commit hook does; without it
    (or with --dialect) every FILE is checked.
  Exit status: 1 if any error was found (after --fix: remains), 0 otherwise, 2 on a usage,
  read or write problem.

render: prints the script one unit runs, character for character.
  valohai.yaml: the execution of step NAME. Every parameter starts at its default
  (flags included); each --param sets one, VALUE read as YAML 1.1 (0.1 is a float,
  yes is true, 'yes' is text, [1, 2] a list); giving a NAME again makes a list.
  --command replaces the step's command (repeat it for several items). --step may
  be left out when the file has a single step.
  Determined / emloop: the launch command of the experiment, or the emloop command
  of --step/--unit NAME (train, resume, "eval STREAM"), with each key.path=VALUE
  override applied (also as --override or --config key.path=VALUE); further texts
  (the environment variables it runs with, the create command, the effective
  config) follow the script.
  --json prints {"command": [...], "script": "...", "blocks": [...]}.
  --task NAME (valohai.yaml): every execution the task starts, as a table; with --json
  {"count": N, "executions": [{"parameters": {...}, "command": [...]}, ...]} (random
  search: its samples, each with "sampled": true; at most 10,000 listed, count is exact).
  --pipeline NAME (valohai.yaml): the run plan, nodes in the waves they start in, each
  execution node's command with its override and the pipeline parameters (--param
  NAME=VALUE sets one); with --json {"waves": [[{"node", "kind", "command", "inputs"}, ...], ...]}.
  --search (Determined): the trials the searcher creates and how long each trains; with
  --json {"trials": N, "hparams": [...]} or {"trials": N, "brackets": [...]}.
  Each is followed by the lines that start it (vh, docker run, det).
  Exit status: 0 when rendered, 1 when the platform would refuse (the file as a
  whole, because it has an error: the script is still printed and the first error
  said on stderr; a bad override; a command it cannot build), 2 on a usage or read
  problem (unknown step or parameter, a list for a single-value parameter, a VALUE
  that is not YAML).

effective: prints the configuration a run actually uses (YAML, or JSON with
--json): for emloop the base config, then eval section --stream NAME (if given),
then the overrides; for Determined the file with its --config overrides.
Exit status: 0 printed, 1 the platform would refuse the overrides, 2 on a usage
or read problem.

schema: prints the JSON Schema a dialect's files are validated with, descriptions
included, as standard JSON Schema draft-07 (our own keywords translated or left out;
rules no JSON Schema can say stay in pipewright lint). Save it and point
yaml-language-server at it: # yaml-language-server: $schema=./valohai.schema.json

lsp: a Language Server Protocol server over stdio, for editors.

lint also checks each config against the code beside it (the scripts its commands run
and the options they read, the classes it names), when its folder holds any code;
--no-project skips that.

generate step: prints a valohai.yaml step for a Python script: its command-line options
(argparse, click, valohai-utils) as parameters with their types, defaults and help, its
valohai-utils inputs; to paste under the file's other items.

open: serves the editor on 127.0.0.1 with the files of DIR (default: the current folder):
its configs open as tabs, Save writes them back, the configs are checked against the
scripts beside them. Opens the browser and prints the address, which carries a one-time
token (only a page holding it may read or write DIR). Ctrl+C stops it.`;

/** `--name value` or `--name=value`; undefined (after an error) when the value is missing. */
function optionValue(args: string[], i: number, name: string): { value: string; next: number } | undefined {
  const a = args[i];
  if (a.startsWith(`${name}=`)) return { value: a.slice(name.length + 1), next: i };
  if (i + 1 >= args.length) return undefined;
  return { value: args[i + 1], next: i + 1 };
}

/** The file read with the chosen (or detected) dialect; undefined after saying why not. */
function readDocument(file: string, dialectId: string | undefined, io: CliIO): { dialect: Dialect; parsed: ParsedDocument } | undefined {
  const forced = dialectId === undefined ? undefined : dialectById(dialectId);
  if (dialectId !== undefined && !forced) {
    io.err(`Unknown dialect "${dialectId}"; known: ${dialects.map((d) => d.id).join(', ')}`);
    return undefined;
  }
  const text = readText(file, io);
  if (text === undefined) return undefined;
  const dialect = forced ?? detectDialect(basename(file), text);
  const parsed = parseText(text, dialect.yaml);
  if (!parsed.ok) {
    for (const d of parsed.diagnostics.filter((x) => x.severity === 'error')) {
      const at = locate(parsed, d);
      io.err(`${file}:${at.line}:${at.column}: error: ${d.message}`);
    }
    io.err(`${file}: the YAML cannot be read, so there is nothing to show`);
    return undefined;
  }
  return { dialect, parsed };
}

interface CommandLine {
  files: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
  /** Arguments that are overrides (`key.path=value`) rather than files. */
  positionalOverrides: string[];
}

/** Options with values (`--x v` / `--x=v`, repeatable), flags, files; undefined after a usage error. */
function parseArgs(args: string[], valued: string[], flags: string[], io: CliIO): CommandLine | undefined {
  const out: CommandLine = { files: [], options: new Map(), flags: new Set(), positionalOverrides: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const option = valued.find((o) => a === o || a.startsWith(`${o}=`));
    if (flags.includes(a)) out.flags.add(a);
    else if (option) {
      const got = optionValue(args, i, option);
      if (!got) {
        io.err(`${option} needs a value\n\n${USAGE}`);
        return undefined;
      }
      i = got.next;
      out.options.set(option, [...(out.options.get(option) ?? []), got.value]);
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`Unknown option ${a}\n\n${USAGE}`);
      return undefined;
    } else if (out.files.length > 0 && a.includes('=')) out.positionalOverrides.push(a);
    else out.files.push(a);
  }
  if (out.files.length !== 1) {
    io.err(`${out.files.length === 0 ? 'No file given.' : 'Give one file.'}\n\n${USAGE}`);
    return undefined;
  }
  return out;
}

function renderCommand(args: string[], io: CliIO): number {
  const cl = parseArgs(args, ['--step', '--unit', '--param', '--command', '--override', '--config', '--dialect', '--task', '--pipeline'], ['--json', '--search'], io);
  if (!cl) return 2;
  if (cl.options.has('--task') || cl.options.has('--pipeline') || cl.flags.has('--search')) return launchCommand(cl, io);
  const params: [string, string][] = [];
  for (const p of cl.options.get('--param') ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) {
      io.err(`--param wants NAME=VALUE, got "${p}"\n\n${USAGE}`);
      return 2;
    }
    params.push([p.slice(0, eq), p.slice(eq + 1)]);
  }
  const file = cl.files[0];
  const doc = readDocument(file, cl.options.get('--dialect')?.[0], io);
  if (!doc) return 2;
  const request: RenderRequest = {
    unit: (cl.options.get('--step') ?? cl.options.get('--unit'))?.[0],
    params,
    commands: cl.options.get('--command') ?? [],
    overrides: [...(cl.options.get('--override') ?? []), ...(cl.options.get('--config') ?? []), ...cl.positionalOverrides],
    fileName: basename(file),
  };
  const result = doc.dialect.render ? doc.dialect.render(doc.parsed, request) : renderFromPreview(doc.dialect, doc.parsed, request);
  if (result.code === 2) {
    for (const w of result.warnings) io.err(`warning: ${w}`);
    for (const e of result.errors) io.err(e);
    return 2;
  }
  const refused = refusal(file, doc);
  if (refused) io.err(refused);
  for (const w of result.warnings) io.err(`warning: ${w}`);
  if (result.code === 1) {
    for (const e of result.errors) io.err(`error: ${e}`);
    return 1;
  }
  if (cl.flags.has('--json')) io.out(JSON.stringify({ command: result.command, script: result.script, ...(result.blocks ? { blocks: result.blocks } : {}) }, null, 2));
  else io.out([result.script, ...(result.blocks ?? []).map((b) => `\n# ${b.title}\n${b.text}`)].join('\n'));
  return refused ? 1 : 0;
}

/** `render --task/--pipeline/--search`: what a whole launch starts, from the dialect's `launch` hook. */
function launchCommand(cl: CommandLine, io: CliIO): number {
  const kinds = [cl.options.has('--task'), cl.options.has('--pipeline'), cl.flags.has('--search')].filter(Boolean).length;
  if (kinds > 1 || cl.options.has('--step') || cl.options.has('--unit') || cl.options.has('--command')) {
    io.err(`Give one of --task, --pipeline, --search, without --step or --command\n\n${USAGE}`);
    return 2;
  }
  const params: Record<string, PreviewValue> = {};
  for (const p of cl.options.get('--param') ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0 || !cl.options.has('--pipeline')) {
      io.err(eq <= 0 ? `--param wants NAME=VALUE, got "${p}"` : '--param sets pipeline parameters: only with --pipeline');
      return 2;
    }
    params[p.slice(0, eq)] = { kind: 'text', text: p.slice(eq + 1) };
  }
  const file = cl.files[0];
  const doc = readDocument(file, cl.options.get('--dialect')?.[0], io);
  if (!doc) return 2;
  const id = cl.options.has('--task') ? `task:${cl.options.get('--task')![0]}` : cl.options.has('--pipeline') ? `pipeline:${cl.options.get('--pipeline')![0]}` : 'search';
  const kind = id.split(':')[0];
  if (!doc.dialect.launch) {
    io.err(`${doc.dialect.label} has nothing to launch but its own command: use pipewright render without --${kind}`);
    return 2;
  }
  const json = cl.flags.has('--json');
  const model = doc.dialect.launch(doc.parsed, { id, values: params, fileName: basename(file), report: json });
  const launch = model.launch;
  if (!launch) {
    const known = model.choices.filter((c) => c.kind === kind).map((c) => `"${c.id.slice(kind.length + 1)}"`);
    io.err(kind === 'search' ? `${file} has no searcher to preview` : `no ${kind} "${id.slice(kind.length + 1)}"; ${kind}s: ${known.join(', ') || 'none'}`);
    return 2;
  }
  if (launch.params) {
    const unknown = Object.keys(params).filter((n) => !launch.params!.some((p) => p.name === n));
    if (unknown.length > 0) {
      io.err(`Pipeline "${id.slice(9)}" has no parameter "${unknown[0]}"; its parameters: ${launch.params.map((p) => p.name).join(', ') || 'none'}`);
      return 2;
    }
    for (const p of launch.params) for (const e of p.errors) io.err(`warning: parameter ${p.name}: ${e}`);
  }
  const refused = refusal(file, doc);
  if (refused) io.err(refused);
  for (const w of launch.warnings) io.err(`warning: ${w}`);
  for (const e of launch.errors) io.err(`error: ${e}`);
  if (json) io.out(JSON.stringify(launch.report ?? null, null, 2));
  else io.out(launchText(launch));
  return launch.errors.length > 0 || refused ? 1 : 0;
}

/** A launch as text: its title and facts, its table (columns aligned) or waves, then its lines. */
function launchText(launch: LaunchPreview): string {
  const out = [launch.title, ...launch.facts.map((f) => `${f.label}: ${f.value}`)];
  if (launch.table) {
    const { columns, rows } = launch.table;
    const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    out.push('', line(columns), ...rows.map(line));
    if (launch.table.sampled) out.push('(sampled here: the platform draws its own values)');
  }
  launch.waves?.forEach((wave, w) => {
    out.push('', `Wave ${w + 1}:`);
    for (const n of wave) {
      const count = n.count !== undefined ? `, ${n.count} executions` : '';
      out.push(`  ${n.node} (${n.kind}${n.target ? ` ${n.target}` : ''}${count})`);
      for (const item of n.command) out.push(`    $ ${item}`);
      for (const [name, sources] of Object.entries(n.inputs)) out.push(`    ${name.startsWith('file ') ? name : `/valohai/inputs/${name}/`} <- ${sources.join(', ') || 'nothing'}`);
      for (const p of n.problems) out.push(`    problem: ${p}`);
      for (const note of n.notes) out.push(`    note: ${note}`);
    }
  });
  for (const l of launch.lines) out.push('', `# ${l.label}`, l.text);
  return out.join('\n');
}

/**
 * When the file has an error-level finding the platform refuses it as a whole, whichever unit
 * is rendered: say so with the first error, as `pipewright lint` would place it.
 */
function refusal(file: string, doc: { dialect: Dialect; parsed: ParsedDocument }): string | undefined {
  const errors = analyzeParsed(doc.parsed, doc.dialect).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const [first] = errors;
  const more = errors.length > 1 ? ` (${errors.length - 1} more: pipewright lint ${file} lists them all)` : '';
  return `error: the platform would refuse ${file} as a whole, so this unit would not run as printed; first error at ${first.line}:${first.column}: ${first.message}${more}`;
}

/** Render one unit of a dialect's command preview, with override lines typed into it. */
function renderFromPreview(dialect: Dialect, parsed: ParsedDocument, request: RenderRequest): RenderOutcome {
  const refuse = (message: string): RenderOutcome => ({ code: 2, command: [], script: '', warnings: [], errors: [message] });
  if (!dialect.preview) return refuse(`${dialect.label} has no command preview`);
  if (request.params.length > 0 || request.commands.length > 0) return refuse(`${dialect.label} takes no --param or --command; give overrides as key.path=value`);
  const base = { ...NO_PREVIEW_INPUTS, fileName: request.fileName };
  const first = dialect.preview(parsed, base).steps;
  const known = first.map((u) => `"${u.name}"`).join(', ') || 'none';
  const name = request.unit ?? (first.length === 1 ? first[0].name : undefined);
  if (name === undefined) return refuse(`Which one? Give --unit NAME; units: ${known}`);
  if (!first.some((u) => u.name === name)) return refuse(`no unit "${name}"; units: ${known}`);
  const unit = dialect.preview(parsed, { ...base, overrides: { [name]: request.overrides } }).steps.find((u) => u.name === name)!;
  // A refused override is said once, with the line it is about.
  const overrideErrors = (unit.overrides?.errors ?? []).flatMap((list, i) => list.map((m) => ({ m, line: `override ${request.overrides[i] ?? i + 1}: ${m}` })));
  const errors = [...unit.errors.filter((e) => !overrideErrors.some((o) => o.m === e)), ...overrideErrors.map((o) => o.line)];
  return { code: errors.length > 0 ? 1 : 0, command: unit.command, script: unit.script, warnings: unit.warnings, errors, blocks: [...environmentBlock(unit.env), ...(unit.blocks ?? [])] };
}

/**
 * The variables the unit runs with, as the preview lists them (for Determined: the
 * environment_variables for the trial's slot type, then DET_HPARAMS), one NAME=VALUE a line —
 * the form Determined's environment_variables take. Variables without a value are not set.
 */
function environmentBlock(env: PreviewEnv[]): PreviewBlock[] {
  const set = env.filter((e) => e.value !== undefined);
  return set.length === 0 ? [] : [{ title: 'Environment variables', text: set.map((e) => `${e.name}=${e.value}`).join('\n'), language: 'text' }];
}

function effectiveCommand(args: string[], io: CliIO): number {
  const cl = parseArgs(args, ['--stream', '--unit', '--override', '--config', '--dialect'], ['--json'], io);
  if (!cl) return 2;
  const doc = readDocument(cl.files[0], cl.options.get('--dialect')?.[0], io);
  if (!doc) return 2;
  if (!doc.dialect.effective) {
    io.err(`${doc.dialect.label} has no effective configuration: the file is what runs`);
    return 2;
  }
  const overrides = [...(cl.options.get('--override') ?? []), ...(cl.options.get('--config') ?? []), ...cl.positionalOverrides];
  const result = doc.dialect.effective(doc.parsed, { unit: (cl.options.get('--stream') ?? cl.options.get('--unit'))?.[0], overrides });
  if (result.errors.length > 0) {
    for (const e of result.errors) io.err(`error: ${e}`);
    return 1;
  }
  io.out(cl.flags.has('--json') ? JSON.stringify(result.value, null, 2) : stringify(result.value));
  return 0;
}

/**
 * runCli, after loading the dialects' schema validators, and the checks against the code beside a
 * config when a lint will use them: a config alone is linted without loading a Python parser.
 */
export async function runCliAsync(argv: string[], io: CliIO = defaultIO): Promise<number> {
  await loadValidators(dialects);
  if (argv[0] === 'lint') await prepareLint(argv.slice(1), io);
  return runCli(argv, io);
}

export function runCli(argv: string[], io: CliIO = defaultIO): number {
  const [command, ...rest] = argv;
  if (command === 'lint') return lintCommand(rest, io, USAGE);
  if (command === 'render') return renderCommand(rest, io);
  if (command === 'effective') return effectiveCommand(rest, io);
  if (command === 'schema') return schemaCommand(rest, io, USAGE);
  if (command === 'generate') return generateCommand(rest, io, USAGE);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  io.err(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
  return 2;
}
