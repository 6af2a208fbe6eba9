/**
 * Lines to copy into a shell that start what the preview shows: `vh execution run`, `vh pipeline
 * run`, `vh task run`, and a `docker run` that reproduces one execution on a laptop. Every rule
 * and its source is in docs/valohai-launch-lines.md; every word is quoted for POSIX sh, so a line
 * survives any value (quotes, `$`, backticks, newlines, a leading `-`).
 *
 * Usage:
 *   const launch = { step, image: stepImage(parsed, step.name), values, inputs, env, script, parametersFile: parametersFile(step, values) };
 *   vhExecutionLine(launch)   // "vh execution run -- train --learning-rate=0.01"
 *   dockerRunLine(launch).text
 */
import type { ParsedDocument } from '../../contracts/document';
import type { ShellLine } from '../../contracts/preview';
import { LintContext } from './context';
import { buildModel } from './model';
import { shlexQuote } from './python/text';
import { isSecretName } from './secrets';
import { pyFloatParses, pyFloatRepr, pyIntParses, pyRepr, pyStr, pyTruthy, type PyValue } from './python/values';
import type { ParamValues, Step, StepParameter } from './render';

export interface ExecutionLaunch {
  step: Step;
  image: string | undefined;
  /** Parameter name → value, as the preview holds them (defaults already merged). */
  values: ParamValues;
  /** Input name → URLs. */
  inputs: Record<string, string[]>;
  /** Environment variable values. */
  env: Record<string, string>;
  /** The rendered script (render.ts `renderStep(...).script`). */
  script: string;
  /** render.ts `parametersFile(step, values)`. */
  parametersFile: string;
  /** The image the step declares ({@link stepImage}); `--image` is given unless `image` equals it. */
  stepImage?: string;
  /** `--adhoc`: upload the working directory instead of using a pushed commit. */
  adhoc?: boolean;
  /** `--commit=SHA`. */
  commit?: string;
  /** `--environment=SLUG`. */
  environment?: string;
}

/** A line and what it cannot say (each note one sentence). */
export interface LineWithNotes {
  text: string;
  notes: string[];
}

const q = shlexQuote;

/**
 * The option names vh's own `execution run` command takes (valohai-cli frontend_command.py). A
 * step option after the step name with one of these names would be taken by vh itself, which is
 * why step options always follow a `--` (click then hands everything after it to the step).
 */
export const VH_EXECUTION_OPTIONS = [
  'commit', 'environment', 'image', 'title', 'watch', 'open-browser', 'var', 'tag', 'sync', 'adhoc', 'git-packaging',
  'no-git-packaging', 'validate-adhoc', 'no-validate-adhoc', 'yaml', 'debug-port', 'debug-key-file', 'ssh', 'autorestart',
  'no-autorestart', 'priority', 'k8s-cpu-min', 'k8s-memory-min', 'k8s-cpu-max', 'k8s-memory-max', 'k8s-device',
  'k8s-device-none', 'k8s-preset',
] as const;

/** The image the step declares (`image:`), as text; undefined without a step of that name or a text image. */
export function stepImage(parsed: ParsedDocument, stepName: string): string | undefined {
  if (!parsed.ok) return undefined;
  const ctx = new LintContext(parsed);
  const def = buildModel(ctx, parsed.value).steps.get(stepName);
  if (!def) return undefined;
  const image = ctx.py([...def.path, 'image']);
  return image.t === 'str' ? image.v : undefined;
}

/**
 * valohai-cli's `sanitize_option_name`: NFKD, non-ASCII dropped, every run of characters other
 * than ASCII letters, digits and `-` becomes one `-`, dashes trimmed at both ends.
 */
export function vhOptionName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  return ascii.replace(/[^-a-z0-9]+/gi, '-').replace(/^-+|-+$/g, '');
}

const sameValue = (a: PyValue, b: PyValue): boolean => a.t === b.t && pyRepr(a) === pyRepr(b);

/** A value as vh reads it back from the command line: text, numbers as Python writes them. */
function optionText(atom: PyValue): string {
  if (atom.t === 'float') return pyFloatRepr(atom.v);
  return pyStr(atom);
}

/** Why vh (click.INT / click.FLOAT) would refuse this text for the parameter, if it would. */
function refusal(p: StepParameter, text: string): string | undefined {
  if (p.type === 'integer' && !pyIntParses(text)) return `vh refuses ${JSON.stringify(text)} for the integer parameter ${p.name}`;
  if (p.type === 'float' && !pyFloatParses(text)) return `vh refuses ${JSON.stringify(text)} for the float parameter ${p.name}`;
  return undefined;
}

/** vh's step options: which option reaches which parameter or input (a later one shadows an earlier one, as in click). */
function optionOwners(step: Step): Map<string, string> {
  const owners = new Map<string, string>([['--parameter-file', ':parameter-file']]);
  for (const p of step.parameters) owners.set(`--${vhOptionName(p.name).toLowerCase()}`, `parameter:${p.name}`);
  for (const i of step.inputs) owners.set(`--${vhOptionName(i.name).toLowerCase()}`, `input:${i.name}`);
  owners.set('--help', ':help');
  return owners;
}

function parameterOptions(launch: ExecutionLaunch, option: (owner: string, name: string) => string | undefined, notes: string[]): string[] {
  const words: string[] = [];
  for (const p of launch.step.parameters) {
    const value = launch.values.get(p.name);
    const fallback = p.default.t === 'none' ? undefined : p.default;
    if (value === undefined) {
      if (!fallback && !p.optional) notes.push(`Parameter ${p.name} has no value: vh stops with "Required parameters missing"`);
      continue;
    }
    if (fallback && sameValue(value, fallback)) continue;
    if (value.t === 'none') {
      if (fallback) notes.push(`Parameter ${p.name}: vh cannot unset a parameter that has a default; it sends ${pyRepr(fallback)}`);
      continue;
    }
    const opt = option(`parameter:${p.name}`, p.name);
    if (!opt) continue;
    if (p.type === 'flag') {
      words.push(`${opt}=${pyTruthy(value) ? 'true' : 'false'}`);
      continue;
    }
    let atoms: PyValue[];
    if (value.t === 'list') {
      if (!p.multiple) {
        notes.push(`Parameter ${p.name} takes one value, not a list; vh would keep only the last`);
        continue;
      }
      if (value.items.length === 0) {
        notes.push(`Parameter ${p.name}: vh cannot give an empty list; it sends the default`);
        continue;
      }
      atoms = value.items;
    } else atoms = [value];
    for (const atom of atoms) {
      const text = optionText(atom);
      const refused = refusal(p, text);
      if (refused) notes.push(refused);
      words.push(`${opt}=${text}`);
    }
  }
  return words;
}

function inputOptions(launch: ExecutionLaunch, option: (owner: string, name: string) => string | undefined, notes: string[]): string[] {
  const words: string[] = [];
  const declared = new Set(launch.step.inputs.map((i) => i.name));
  for (const name of Object.keys(launch.inputs)) if (!declared.has(name)) notes.push(`Input ${name} is not an input of step ${launch.step.name}; vh has no option for it`);
  for (const input of launch.step.inputs) {
    const urls = launch.inputs[input.name] ?? [];
    if (urls.length === input.defaults.length && urls.every((u, i) => u === input.defaults[i])) {
      if (urls.length === 0 && !input.optional) notes.push(`Input ${input.name} has no URL: vh asks for --${vhOptionName(input.name).toLowerCase()}`);
      continue;
    }
    if (urls.length === 0) {
      notes.push(`Input ${input.name}: vh cannot give no files where the step has defaults; it sends the defaults`);
      continue;
    }
    const opt = option(`input:${input.name}`, input.name);
    if (!opt) continue;
    for (const url of urls) words.push(`${opt}=${url}`);
  }
  return words;
}

function envOptions(launch: ExecutionLaunch, notes: string[]): string[] {
  const words: string[] = [];
  const defaults = new Map(launch.step.environmentVariables.map((e) => [e.name, e.default]));
  for (const [name, value] of Object.entries(launch.env)) {
    if (defaults.get(name) === value) continue;
    if (name.trim() === '' || name.includes('=') || name !== name.trim()) {
      notes.push(`Environment variable ${JSON.stringify(name)}: vh's --var NAME=VALUE cannot carry this name`);
      continue;
    }
    if (value !== value.trim()) notes.push(`Environment variable ${name}: vh strips the spaces around its value`);
    words.push(`--var=${name}=${value}`);
  }
  for (const [name, value] of defaults) {
    // A secret's default is not repeated here (see secrets.ts): the preview never shows it.
    if (value !== undefined && !(name in launch.env)) {
      notes.push(`Environment variable ${name}: vh sends the step's default${isSecretName(name) ? '' : ` ${JSON.stringify(value)}`}; it cannot leave it out`);
    }
  }
  return words;
}

/** {@link vhExecutionLine} with what the line cannot say. */
export function vhExecutionLaunchLine(launch: ExecutionLaunch): LineWithNotes {
  const notes: string[] = [];
  const owners = optionOwners(launch.step);
  const option = (owner: string, name: string): string | undefined => {
    const sanitized = vhOptionName(name).toLowerCase();
    if (sanitized === '') {
      notes.push(`${owner.split(':')[0]} ${name}: vh makes no option of a name without ASCII letters or digits`);
      return undefined;
    }
    const opt = `--${sanitized}`;
    if (owners.get(opt) !== owner) {
      notes.push(`${owner.split(':')[0]} ${name}: its option ${opt} is taken by ${owners.get(opt)?.replace(/^:/, 'vh ') ?? 'another'}, so vh cannot set it`);
      return undefined;
    }
    return opt;
  };
  const stepOptions = [...parameterOptions(launch, option, notes), ...inputOptions(launch, option, notes)];
  const own: string[] = [];
  if (launch.adhoc) own.push('--adhoc');
  if (launch.commit !== undefined) own.push(`--commit=${launch.commit}`);
  if (launch.environment !== undefined) own.push(`--environment=${launch.environment}`);
  if (launch.image !== undefined && launch.image !== launch.stepImage) own.push(`--image=${launch.image}`);
  own.push(...envOptions(launch, notes));
  // `--` stops vh's own option parsing: the step name may start with `-`, and a step option
  // named like one of vh's (`--title`) still reaches the step.
  const words = ['vh', 'execution', 'run', ...own, ...(stepOptions.length > 0 || launch.step.name.startsWith('-') ? ['--'] : []), launch.step.name, ...stepOptions];
  return { text: words.map(q).join(' '), notes };
}

/**
 * `vh execution run [vh options] -- STEP --param=value ... --input=URL ...` launching exactly
 * these values. Only what differs from the step's defaults is given: vh sends every other
 * parameter's and input's default itself, with its YAML type intact.
 */
export function vhExecutionLine(launch: ExecutionLaunch): string {
  return vhExecutionLaunchLine(launch).text;
}

/** A pipeline parameter value as vh passes it on: text (vh types nothing itself). */
function pipelineText(v: PyValue): string {
  if (v.t === 'bool') return v.v ? 'true' : 'false';
  return optionText(v);
}

/**
 * `vh pipeline run NAME --param=value ...`. vh reads `--NAME=VALUE` (or `--NAME VALUE`) for a
 * pipeline parameter and `--NAME+=VALUE` repeated for a list; a name with `.` means a node's
 * parameter, so such a pipeline parameter cannot be given.
 */
export function vhPipelineLine(name: string, params: Record<string, PyValue>): { text: string; note?: string } {
  const notes: string[] = [];
  const options: string[] = [];
  for (const [param, value] of Object.entries(params)) {
    if (param === '' || param.includes('.') || param.includes('=')) {
      notes.push(`Pipeline parameter ${JSON.stringify(param)}: vh reads a name with "." as node.parameter and cannot take "=" in a name`);
      continue;
    }
    if (value.t === 'none') {
      notes.push(`Pipeline parameter ${param}: vh cannot pass an empty value (None); it keeps the default`);
      continue;
    }
    if (value.t === 'list') {
      if (value.items.length === 0) notes.push(`Pipeline parameter ${param}: vh cannot pass an empty list; it keeps the default`);
      for (const item of value.items) options.push(q(`--${param}+=${pipelineText(item)}`));
      continue;
    }
    const text = pipelineText(value);
    // vh looks for "+=" anywhere in an `--x=v` word; a value holding it goes as the next word instead.
    if (!text.includes('+=')) options.push(q(`--${param}=${text}`));
    else if (!text.startsWith('--') && param !== 'help') options.push(`${q(`--${param}`)} ${q(text)}`);
    else notes.push(`Pipeline parameter ${param}: vh cannot read the value ${JSON.stringify(text)}`);
  }
  const words = ['vh', 'pipeline', 'run'].map(q);
  if (options.length > 0 || name.startsWith('-')) words.push('--');
  const text = [...words, q(name), ...options].join(' ');
  return notes.length > 0 ? { text, note: notes.join('. ') + '.' } : { text };
}

/**
 * A task over a step's parameters. vh starts tasks only from a `task:` blueprint in valohai.yaml
 * (`vh task run NAME`); it cannot make one from values typed on the command line. With the
 * blueprint's name, the line runs it; without, a note says how to get one.
 */
export function vhTaskLine(stepName: string, variants: { name: string; values: PyValue[] }[], blueprint?: string): { text?: string; note?: string } {
  if (blueprint !== undefined) {
    const text = ['vh', 'task', 'run', ...(blueprint.startsWith('-') ? ['--'] : []), blueprint].map(q).join(' ');
    return { text };
  }
  const listed = variants.map((v) => `${v.name} (${v.values.map(pyRepr).join(', ')})`).join(', ');
  return {
    note:
      `vh cannot start a task from values on the command line: add a "task:" blueprint for step ${stepName}` +
      (listed ? ` whose parameters use style "multiple" with these items — ${listed} —` : '') +
      ' and start it with "vh task run NAME", or start the task from the web UI.',
  };
}

const CONFIG = '/valohai/config';
const INPUTS = '/valohai/inputs';
const OUTPUTS = '/valohai/outputs';
const REPOSITORY = '/valohai/repository';

/** How the script is started: its shebang's interpreter when it has one, else sh. */
function interpreter(script: string): { entrypoint: string; args: string[] } {
  if (script.startsWith('#!')) {
    const line = script.slice(2, script.includes('\n') ? script.indexOf('\n') : undefined).trim();
    const space = line.search(/[ \t]/);
    if (line === '') return { entrypoint: '/bin/sh', args: [] };
    // Linux hands everything after the interpreter's path to it as one argument.
    if (space < 0) return { entrypoint: line, args: [] };
    const rest = line.slice(space).trim();
    return { entrypoint: line.slice(0, space), args: rest ? [rest] : [] };
  }
  return { entrypoint: '/bin/sh', args: [] };
}

/**
 * `mkdir -p ... && printf '%s' PARAMETERS > config/parameters.json && docker run ...`: one
 * execution on a laptop, laid out as the platform lays it out (see the docs for each path).
 */
export function dockerRunLine(launch: ExecutionLaunch): { text?: string; note?: string } {
  if (!launch.image) return { note: `Step ${launch.step.name} names no image, so there is nothing to run with docker` };
  if (launch.image.startsWith('-')) return { note: `The image ${JSON.stringify(launch.image)} starts with "-", which docker reads as an option` };
  if (launch.script.trim() === '') return { note: `Step ${launch.step.name} has no command to run (it could not be built)` };
  const inputNames = [...new Set([...launch.step.inputs.map((i) => i.name), ...Object.keys(launch.inputs)])];
  const bad = inputNames.find((n) => n.includes(':') || n === '' || n === '.' || n === '..' || n.includes('/'));
  if (bad !== undefined) return { note: `The input name ${JSON.stringify(bad)} cannot be a folder mounted with docker -v` };

  const local = (path: string) => `"$PWD"/${q(path)}`;
  const mkdir = ['mkdir', '-p', 'config', 'outputs', ...inputNames.map((n) => `inputs/${n}`)].map(q).join(' ');
  const write = `printf '%s' ${q(launch.parametersFile)} > config/parameters.json`;
  const env: [string, string][] = [
    ...Object.entries(launch.env),
    ['VH_CONFIG_DIR', CONFIG],
    ['VH_INPUTS_DIR', INPUTS],
    ['VH_OUTPUTS_DIR', OUTPUTS],
    ['VH_REPOSITORY_DIR', REPOSITORY],
  ];
  const { entrypoint, args } = interpreter(launch.script);
  const words = [
    'docker run --rm',
    ...env.map(([k, v]) => `-e ${q(`${k}=${v}`)}`),
    ...inputNames.map((n) => `-v ${local(`inputs/${n}:${INPUTS}/${n}`)}`),
    `-v ${local(`outputs:${OUTPUTS}`)}`,
    `-v ${local(`config:${CONFIG}`)}`,
    `-v "$PWD":${REPOSITORY}`,
    `-w ${REPOSITORY}`,
    `--entrypoint ${q(entrypoint)}`,
    q(launch.image),
    ...args.map(q),
    '-c',
    q(launch.script),
  ];
  return { text: `${mkdir} && ${write} && ${words.join(' ')}` };
}

/** The lines that start one execution — `vh execution run` and its `docker run` reproduction — and what they cannot express. */
export function executionLines(launch: ExecutionLaunch): { lines: ShellLine[]; notes: string[] } {
  const vh = vhExecutionLaunchLine(launch);
  const lines: ShellLine[] = [{ label: 'vh', text: vh.text }];
  const notes = [...vh.notes];
  const docker = dockerRunLine(launch);
  if (docker.text !== undefined) lines.push({ label: 'docker run', text: docker.text });
  else if (docker.note) notes.push(docker.note);
  return { lines, notes };
}
