/**
 * The command a Valohai execution runs, character for character: a port of valohai-yaml's
 * `Step.build_command(values, command=None)`, `Parameter.format_cli` and `join_command`, plus
 * what the preview shows beside it (where inputs land, environment variables, the parameters
 * file) and `Parameter.validate`'s messages for a parameter form.
 *
 * Values are Python values ({@link PyValue}): `5` and `5.0` render differently (`5`, `5.0`).
 * Defaults come from the YAML nodes; a user's values from {@link parseUserValue}.
 *
 * Usage:
 *   const step = stepsOf(parsed).find((s) => s.name === 'train')!;
 *   const values = defaultValues(step);              // every default, flags included
 *   values.set('lr', parseUserValue('0.1').value);
 *   renderStep(step, values).script                   // e.g. "python train.py --lr=0.1"
 */
import { parseText } from '../../document/parse';
import { formatMap } from './python/formatMap';
import { pyIntValue } from './python/formatSpec';
import { PyError, pySplit, pyStrip, shlexQuote } from './python/text';
import {
  pyEquals,
  pyFloatParses,
  pyFloatRepr,
  pyFromNode,
  pyIntParses,
  pyListify,
  pyNumber,
  pyRepr,
  pyStr,
  pyStrRepr,
  pyTruthy,
  type PyValue,
} from './python/values';
import { stepsOf, type Step, type StepParameter } from './steps';

export { stepsOf };
export type { Step, StepEnvironmentVariable, StepInput, StepParameter } from './steps';

/** Parameter values by name. A name present with None is an explicit null (it renders nothing). */
export type ParamValues = ReadonlyMap<string, PyValue>;

export interface RenderResult {
  /** One string per command item, each interpolated and stripped; [] when rendering failed. */
  command: string[];
  /** The items joined into the script the execution runs ({@link joinCommand}). */
  script: string;
  /** An item the platform leaves un-interpolated (Python's `CommandInterpolationWarning`). */
  warnings: string[];
  /** Why the platform would fail to build the command at all; then `command` is empty. */
  errors: string[];
}

export interface RenderOptions {
  /** Replaces the step's command when non-empty (as `build_command(values, command)` does). */
  command?: string | readonly string[];
  /** What joins the items into a script; a newline unless told otherwise. */
  joiner?: string;
}

/** Items run one after another in one script; see {@link joinCommand}. */
export const DEFAULT_JOINER = '\n';

/** A failure that stops `build_command` as a whole (what Python would raise out of it). */
class RenderFailure extends Error {}

const str = (v: string): PyValue => ({ t: 'str', v });

// ---- values ----------------------------------------------------------------------------

/**
 * The starting values of the preview and the CLI: every parameter's default, flags included,
 * as the platform's execution form starts. (`build_command` alone applies no flag default.)
 */
export function defaultValues(step: Step): Map<string, PyValue> {
  const values = new Map<string, PyValue>();
  for (const p of step.parameters) if (p.default.t !== 'none') values.set(p.name, p.default);
  return values;
}

/** A value as a user types it (CLI `--param`, a form field), read as YAML 1.1 like the file itself. */
export function parseUserValue(text: string): { value: PyValue } | { error: string } {
  const parsed = parseText(text, { version: '1.1', duplicateKeys: 'warning' });
  if (!parsed.ok) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    return { error: `not a YAML value: ${first?.message ?? 'cannot be read'}` };
  }
  return { value: pyFromNode(parsed.doc.contents, parsed.doc, parsed.text) };
}

// ---- one parameter ---------------------------------------------------------------------

/** `Parameter._get_pass_as_template`: which template a value renders with, if any. */
function templateFor(p: StepParameter, value: PyValue): string | undefined {
  if (value.t === 'none') return undefined;
  if (p.type === 'flag') {
    if (p.passTrueAs || p.passFalseAs) return pyTruthy(value) ? p.passTrueAs : p.passFalseAs;
    if (!pyTruthy(value)) return undefined;
    return p.passAs ?? '--{name}';
  }
  return p.passAs ?? '--{name}={value}';
}

/** `Parameter.format_cli`: the argv pieces for one parameter's value, not yet quoted; undefined for none. */
export function formatParameter(p: StepParameter, value: PyValue | undefined): string[] | undefined {
  const v = value ?? { t: 'none' };
  const template = templateFor(p, v);
  if (!template) return undefined;
  const bits = pySplit(template);
  const formatAtom = (atom: PyValue) => bits.map((bit) => formatMap(bit, { name: str(p.name), value: atom, v: atom }));
  if (p.multiple === 'repeat') {
    return pyListify(v).flatMap((atom) => {
      if (atom.t === 'list') throw new PyError('TypeError', `nested list value ${pyRepr(atom)} for repeat-style multiple parameter not allowed`);
      return formatAtom(atom);
    });
  }
  if (p.multiple === 'separate') {
    const atoms = pyListify(v);
    // No `--foo=` for an empty list.
    return atoms.length > 0 ? formatAtom(str(atoms.map(pyStr).join(p.separator))) : undefined;
  }
  if (v.t === 'list') throw new PyError('TypeError', `list value ${pyRepr(v)} for non-multiple parameter ${pyStrRepr(p.name)} not allowed`);
  return formatAtom(v);
}

function describeFailure(p: StepParameter, e: PyError): string {
  if (e.pyType === 'Unsupported') return `Parameter ${p.name}: the preview cannot compute this value: ${e.message}`;
  const hint = e.pyType === 'KeyError' ? ' — a pass-as template can only use {name}, {value} and {v}' : '';
  return `Parameter ${p.name}: ${e.pyText}${hint}`;
}

// ---- the command ---------------------------------------------------------------------------

const PLACEHOLDER = /\{([^\n]+?)\}/g;

function quoteMultiple(args: string[] | undefined): string {
  return args && args.length > 0 ? args.map(shlexQuote).join(' ') : '';
}

/**
 * `Step.build_command(values, command)`: the step's command items with placeholders filled in.
 * Non-flag defaults are merged under `values` first, exactly as the platform does; pass
 * {@link defaultValues} (or values built on it) to start from every default as the preview does.
 */
export function buildCommand(step: Step, values: ParamValues, command?: string | readonly string[]): { command: string[]; warnings: string[] } {
  const problems = step.parameters.filter((p) => p.problem).map((p) => `Parameter ${p.name}: ${p.problem} — the platform cannot read this file`);
  if (problems.length > 0) throw new RenderFailure(problems.join('\n'));

  const merged = new Map<string, PyValue>();
  for (const p of step.parameters) if (p.type !== 'flag' && p.default.t !== 'none') merged.set(p.name, p.default);
  for (const [name, value] of values) merged.set(name, value);
  const byName = new Map(step.parameters.map((p) => [p.name, p]));

  const render = (p: StepParameter): string => {
    try {
      return quoteMultiple(formatParameter(p, merged.get(p.name)));
    } catch (e) {
      if (e instanceof PyError && e.pyType === 'ValueError') throw e;
      if (e instanceof PyError) throw new RenderFailure(describeFailure(p, e));
      throw e;
    }
  };
  const replace = (match: string, inner: string): string => {
    if (inner === 'source-path' && step.sourcePath !== undefined) {
      if (step.sourcePath.t !== 'str') throw new RenderFailure(`source-path ${pyRepr(step.sourcePath)} is not text`);
      return shlexQuote(step.sourcePath.v);
    }
    if (inner === 'parameters' || inner === 'params') return step.parameters.map(render).filter((s) => s !== '').join(' ');
    if (inner.startsWith('parameter:')) {
      const p = byName.get(inner.slice('parameter:'.length));
      if (p) return render(p);
    }
    if (inner.startsWith('parameter-value:')) {
      const value = merged.get(inner.slice('parameter-value:'.length));
      if (value !== undefined) return shlexQuote(pyStr(value));
    }
    return match;
  };

  const override = command === undefined ? undefined : typeof command === 'string' ? (command ? [command] : []) : [...command];
  let items: PyValue[];
  if (override && override.length > 0) items = override.map(str);
  else items = pyListify(step.command);
  const out: string[] = [];
  const warnings: string[] = [];
  items.forEach((item, i) => {
    if (item.t !== 'str') throw new RenderFailure(`Command item ${i + 1} is ${pyRepr(item)}, not text`);
    let text = item.v;
    try {
      text = text.replace(PLACEHOLDER, replace);
    } catch (e) {
      if (!(e instanceof PyError && e.pyType === 'ValueError')) throw e;
      // The platform leaves the whole item as written and only warns.
      warnings.push(`failed to interpolate into ${pyStrRepr(item.v)}: ${e.message}`);
    }
    out.push(pyStrip(text));
  });
  return { command: out, warnings };
}

/**
 * `join_command(items, joiner)`: blank items dropped, the rest joined; a shebang line at the
 * start of the first item stays a line of its own.
 */
export function joinCommand(items: readonly string[], joiner: string = DEFAULT_JOINER): string {
  let shebang: string | undefined;
  const bits: string[] = [];
  items.forEach((item, i) => {
    let cmd = item;
    if (i === 0 && cmd.startsWith('#!')) {
      const nl = cmd.indexOf('\n');
      shebang = nl < 0 ? cmd : cmd.slice(0, nl);
      cmd = nl < 0 ? '' : cmd.slice(nl + 1);
    }
    if (pyStrip(cmd) !== '') bits.push(cmd);
  });
  const joined = bits.join(joiner);
  return shebang ? `${shebang}\n${joined}` : joined;
}

/** The command and script for these values, with the platform's warnings, or why it cannot be built. */
export function renderStep(step: Step, values: ParamValues, options: RenderOptions = {}): RenderResult {
  try {
    const { command, warnings } = buildCommand(step, values, options.command);
    return { command, script: joinCommand(command, options.joiner), warnings, errors: [] };
  } catch (e) {
    if (e instanceof RenderFailure) return { command: [], script: '', warnings: [], errors: e.message.split('\n') };
    throw e;
  }
}

// ---- validation ----------------------------------------------------------------------------

/** Python's `a < b` where it is defined (numbers with numbers, text with text); undefined where Python raises TypeError. */
function pyLess(a: PyValue, b: PyValue): boolean | undefined {
  const na = pyNumber(a);
  const nb = pyNumber(b);
  if (na !== undefined && nb !== undefined) {
    if (a.t === 'int' && b.t === 'int') return pyIntValue(a) < pyIntValue(b);
    return na < nb;
  }
  if (a.t === 'str' && b.t === 'str') {
    const x = Array.from(a.v).map((c) => c.codePointAt(0)!);
    const y = Array.from(b.v).map((c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i];
    return x.length < y.length;
  }
  return undefined;
}

function toInt(text: string): PyValue {
  const big = BigInt(text.trim().replace(/_/g, ''));
  const n = Number(big);
  return Number.isSafeInteger(n) ? { t: 'int', v: n } : { t: 'int', v: n, big };
}

function toFloat(text: string): PyValue {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return { t: 'float', v: sign * Infinity };
  if (body === 'nan') return { t: 'float', v: NaN };
  return { t: 'float', v: Number(t) };
}

/** `Parameter._validate_type`: the value converted to the parameter's type, or a message. */
function typed(p: StepParameter, atom: PyValue, errors: string[]): PyValue {
  const text = pyStr(atom);
  const empty = atom.t === 'str' && atom.v === '';
  if (p.type === 'integer') {
    if (pyIntParses(text)) return toInt(text);
    errors.push(empty ? 'No value supplied' : `${text} is not an integer`);
  } else if (p.type === 'float') {
    if (pyFloatParses(text)) return toFloat(text);
    errors.push(empty ? 'No value supplied' : `${text} is not a floating-point number`);
  }
  return atom;
}

/**
 * A value converted to the parameter's type as the platform's validation converts it
 * (`"5"` for an integer parameter becomes 5, `"1e-3"` for a float 0.001); unchanged where it
 * does not convert. Lists are converted atom by atom.
 */
export function convertParameterValue(p: StepParameter, value: PyValue): PyValue {
  if (value.t === 'list') return { t: 'list', items: value.items.map((atom) => (atom.t === 'list' ? atom : typed(p, atom, []))) };
  return typed(p, value, []);
}

/**
 * `Parameter.validate(value)`'s messages, in its order (what the platform's execution form
 * refuses); [] when the value is fine. undefined means no value at all.
 */
export function validateParameterValue(p: StepParameter, value: PyValue | undefined): string[] {
  const v = value ?? { t: 'none' };
  const errors: string[] = [];
  if (!p.multiple && v.t === 'list') errors.push('Only a single value is allowed');
  if (v.t === 'none') errors.push('No value supplied');
  for (const atom of pyListify(v)) {
    if (atom.t === 'list') {
      errors.push(`nested list atom ${pyRepr(atom)} not allowed`);
      break;
    }
    const converted = typed(p, atom, errors);
    if (p.min.t !== 'none' && pyLess(converted, p.min)) errors.push(`${pyStr(converted)} is less than the minimum allowed (${pyStr(p.min)})`);
    if (p.max.t !== 'none' && pyLess(p.max, converted)) errors.push(`${pyStr(converted)} is greater than the maximum allowed (${pyStr(p.max)})`);
    if (p.choices && !p.choices.some((c) => pyEquals(c, converted))) {
      errors.push(`${pyStr(converted)} is not among the choices allowed (${pyRepr({ t: 'list', items: p.choices })})`);
    }
  }
  return errors;
}

// ---- what else the preview shows ------------------------------------------------------------

export interface InputFile {
  /** The default URL as written. */
  url: string;
  /** Where the file lands in the execution. */
  path: string;
}

export interface InputInfo {
  name: string;
  /** `/valohai/inputs/<name>/`. */
  directory: string;
  files: InputFile[];
  optional: boolean;
  download: string;
  keepDirectories: 'none' | 'full' | 'suffix';
  description: string | undefined;
}

/** The last path segment of a URL, without its query or fragment ('' for a URL ending in '/'). */
export function urlBasename(url: string): string {
  const bare = url.replace(/[?#].*$/s, '');
  return bare.slice(bare.lastIndexOf('/') + 1);
}

/**
 * Where each input's default files land: `/valohai/inputs/<name>/<file>`, the file named by
 * `filename` for a single-file input, else by the last segment of its URL.
 */
export function inputsOf(step: Step): InputInfo[] {
  return step.inputs.map((input) => {
    const directory = `/valohai/inputs/${input.name}/`;
    const single = input.defaults.length === 1 && input.filename !== undefined;
    return {
      name: input.name,
      directory,
      files: input.defaults.map((url) => ({ url, path: directory + (single ? input.filename! : urlBasename(url)) })),
      optional: input.optional,
      download: input.download,
      keepDirectories: input.keepDirectories,
      description: input.description,
    };
  });
}

export interface EnvironmentInfo {
  name: string;
  /** The default value, if the step gives one. */
  value: string | undefined;
  optional: boolean;
  description: string | undefined;
}

export function environmentOf(step: Step): EnvironmentInfo[] {
  return step.environmentVariables.map((e) => ({ name: e.name, value: e.default, optional: e.optional, description: e.description }));
}

function jsonOf(v: PyValue, indent: string): string {
  const inner = indent + '  ';
  switch (v.t) {
    case 'none':
      return 'null';
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'int':
      return pyRepr(v);
    case 'float':
      // As Python's json module writes floats: repr, with its non-standard Infinity/NaN.
      return Number.isNaN(v.v) ? 'NaN' : v.v === Infinity ? 'Infinity' : v.v === -Infinity ? '-Infinity' : pyFloatRepr(v.v);
    case 'str':
      return JSON.stringify(v.v);
    case 'list':
      return v.items.length === 0 ? '[]' : `[\n${v.items.map((x) => inner + jsonOf(x, inner)).join(',\n')}\n${indent}]`;
    case 'dict':
      return v.entries.length === 0
        ? '{}'
        : `{\n${v.entries.map(([k, x]) => `${inner}${JSON.stringify(pyStr(k))}: ${jsonOf(x, inner)}`).join(',\n')}\n${indent}}`;
    default:
      return JSON.stringify(pyStr(v));
  }
}

/**
 * The parameters file of an execution with these values: name → value for every parameter
 * that has one, integers and floats converted as the platform's validation converts them
 * (`"5"` for an integer parameter becomes 5), floats written as Python writes them (`1.0`).
 */
export function parametersFile(step: Step, values: ParamValues): string {
  const entries: [PyValue, PyValue][] = [];
  for (const p of step.parameters) {
    const value = values.get(p.name) ?? (p.type !== 'flag' ? p.default : undefined);
    if (!value || value.t === 'none') continue;
    const convert = (atom: PyValue): PyValue => {
      if (atom.t === 'list') return atom;
      const ignored: string[] = [];
      return typed(p, atom, ignored);
    };
    const converted: PyValue = value.t === 'list' ? { t: 'list', items: value.items.map(convert) } : convert(value);
    entries.push([str(p.name), converted]);
  }
  return jsonOf({ t: 'dict', entries }, '');
}
