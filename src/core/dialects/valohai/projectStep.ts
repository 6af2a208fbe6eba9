/**
 * A valohai.yaml step written from a script's own options, so that the command the platform
 * renders is one the script's parser accepts:
 *
 * - a value option becomes a parameter named after its long option (`--batch-size` →
 *   `batch-size`, which renders `--batch-size=64`); an option with only a short switch gets
 *   `pass-as: -b {v}`; its type comes from `type=` (int → integer, float → float, others text),
 *   else from the default;
 * - `store_true` / `store_const` / `count` / click `is_flag` become flags (`--x` when true);
 *   `store_false` becomes a flag named after its `dest`, default true, with `pass-false-as: --no-x`;
 *   on/off pairs (click `--x/--no-x`, BooleanOptionalAction) get `pass-true-as` and `pass-false-as`;
 *   `type=bool` becomes a flag passing `--x=1` / `--x=` (bool('') is the only false text);
 * - `action='append'` / `extend` and click `multiple=True` become `multiple: repeat`
 *   (`--x=a --x=b`, which append collects); positional arguments get `pass-as: {v}`, repeated for
 *   `nargs='+'`/`'*'` (`a b c`);
 * - an option taking several values in one go (`nargs='+'`, `'*'` or a number) cannot be written
 *   by Valohai as `--x a b` (each rendered piece is quoted whole, `separate` joins the values into
 *   one `a,b`, `repeat` makes argparse keep only the last): it becomes a single-valued parameter,
 *   optional unless the script's default has exactly one value, with a comment saying so;
 * - valohai-utils `default_parameters` as `vh yaml step` writes them (a bool is a flag passing
 *   `--x=true` / `--x=false`, a list is `multiple: separate`), `default_inputs` as inputs;
 * - a default that is not a literal, or None, is left out and the parameter made optional, so the
 *   script's own default applies; `help` becomes the description.
 *
 * The image defaults to python:3.12: the official Python image is the one base every script can
 * start from and a current Python; the packages the script imports must still be added (a
 * requirements install, or a framework image). Scalars go through `renderScalar`, so each reads
 * back under YAML 1.1 as exactly the value meant.
 *
 * Usage:
 *   generateStep({ path: 'train.py', source }, { name: 'train' })   // "- step:\n    name: train\n ..."
 *   parameterSpecs(readScriptInterface(source))                      // what generateStep writes, per parameter
 */
import type { PyLiteral, ScriptInterface, ScriptOption, ValohaiUtilsInput, ValohaiUtilsParameter } from '../../contracts/project';
import { renderScalar } from '../../document/scalar';
import { Leaf } from '../../document/edit/emit';
import { pyFloatText, pyLiteralRepr } from '../../code/python';
import { readScriptInterface, takesValue } from '../../code/scriptInterface';
import { shlexQuote } from './python/text';

/** A value written into the YAML: text, a whole number, a float, a boolean, or a list of them. */
export type SpecValue = { t: 'str'; v: string } | { t: 'int'; v: number } | { t: 'float'; v: number } | { t: 'bool'; v: boolean } | { t: 'list'; items: SpecValue[] };

/** One parameter (or input) to write: its keys in order, and a comment for the line above it. */
export interface ParameterSpec {
  name: string;
  entries: [string, SpecValue][];
  comment?: string;
  /** The script option it stands for (absent for valohai-utils entries). */
  option?: ScriptOption;
}

const str = (v: string): SpecValue => ({ t: 'str', v });

/** A Python literal as a YAML value, or undefined when it is not one (None, unknown, dicts). */
function specOf(v: PyLiteral | undefined): SpecValue | undefined {
  if (!v) return undefined;
  switch (v.kind) {
    case 'str':
      return str(v.value);
    case 'int':
      return { t: 'int', v: v.value };
    case 'float':
      return Number.isFinite(v.value) ? { t: 'float', v: v.value } : undefined;
    case 'bool':
      return { t: 'bool', v: v.value };
    case 'list': {
      const items = v.items.map(specOf);
      return items.every((i): i is SpecValue => i !== undefined && i.t !== 'list') ? { t: 'list', items } : undefined;
    }
    default:
      return undefined;
  }
}

/** Python's str() of a literal, for a text parameter's default. */
function textOf(v: PyLiteral): string | undefined {
  if (v.kind === 'str') return v.value;
  if (v.kind === 'int') return String(v.value);
  if (v.kind === 'float') return pyFloatText(v.value);
  if (v.kind === 'bool') return v.value ? 'True' : 'False';
  return undefined;
}

function valohaiType(o: ScriptOption): 'integer' | 'float' | 'string' {
  const t = o.type ?? (o.default?.kind === 'int' ? 'int' : o.default?.kind === 'float' ? 'float' : undefined);
  const element = o.default?.kind === 'list' ? o.default.items[0]?.kind : undefined;
  const inferred = t ?? (element === 'int' ? 'int' : element === 'float' ? 'float' : undefined);
  return inferred === 'int' ? 'integer' : inferred === 'float' ? 'float' : 'string';
}

/** A default as the parameter's type writes it: 20 for a float stays 20, text for a string. */
function typedDefault(type: 'integer' | 'float' | 'string', v: PyLiteral | undefined): SpecValue | undefined {
  if (!v || v.kind === 'none' || v.kind === 'unknown') return undefined;
  if (type === 'string') {
    const t = textOf(v);
    return t === undefined ? undefined : str(t);
  }
  if (v.kind === 'int') return { t: 'int', v: v.value };
  if (v.kind === 'float') return type === 'integer' ? (Number.isInteger(v.value) ? { t: 'int', v: v.value } : undefined) : { t: 'float', v: v.value };
  if (v.kind === 'str') {
    const n = Number(v.value.trim());
    if (v.value.trim() === '' || Number.isNaN(n)) return undefined;
    if (type === 'integer') return /^[-+]?\d+$/.test(v.value.trim()) ? { t: 'int', v: n } : undefined;
    return { t: 'float', v: n };
  }
  return undefined;
}

function describe(o: ScriptOption, script: string): string | undefined {
  if (!o.help) return undefined;
  const def = o.default ? (textOf(o.default) ?? pyLiteralRepr(o.default)) : 'None';
  const text = o.help
    .replace(/%\(default\)s/g, def)
    .replace(/%\(prog\)s/g, script)
    .replace(/%%/g, '%')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

/** The name a parameter gets for an option: its long switch without dashes, else the dest. */
export function parameterName(o: ScriptOption): string {
  if (o.positional || o.action === 'store_false') return o.dest;
  const long = o.flags.find((f) => f.startsWith('--'));
  return long ? long.slice(2) : o.dest;
}

function choicesOf(o: ScriptOption, def: SpecValue | undefined, type: 'integer' | 'float' | 'string'): SpecValue | undefined {
  if (!o.choices || o.choices.length === 0) return undefined;
  const items = o.choices.map((c) => typedDefault(type, c));
  if (!items.every((i): i is SpecValue => i !== undefined)) return undefined;
  // A default outside the choices would be a lint warning: the script's parser never checks its own default.
  if (def && !items.some((i) => JSON.stringify(i) === JSON.stringify(def))) return undefined;
  return { t: 'list', items };
}

/** The parameter for one script option; undefined for --help/--version and options Valohai cannot pass. */
export function optionParameter(o: ScriptOption, script = 'the script'): ParameterSpec | undefined {
  if (o.action === 'help' || o.action === 'version' || o.action === 'other' || o.nargs === '...' || o.nargs === 0) return undefined;
  if (!o.positional && o.flags.length === 0) return undefined;
  const name = parameterName(o);
  const entries: [string, SpecValue][] = [['name', str(name)]];
  const description = describe(o, script);
  const long = o.flags.find((f) => f === `--${name}`);
  const flag = long ?? o.flags[0];
  const finish = (spec: ParameterSpec) => {
    if (description) spec.entries.push(['description', str(description)]);
    spec.option = o;
    return spec;
  };

  if (!takesValue(o)) {
    entries.push(['type', str('flag')]);
    if (o.action === 'store_false') {
      entries.push(['default', { t: 'bool', v: true }], ['pass-false-as', str(flag)]);
    } else if (o.offFlags.length > 0) {
      const def = o.default?.kind === 'bool' ? o.default.value : false;
      entries.push(['default', { t: 'bool', v: def }], ['pass-true-as', str(flag)], ['pass-false-as', str(o.offFlags[0])]);
    } else {
      entries.push(['default', { t: 'bool', v: o.action === 'store_true' && o.default?.kind === 'bool' ? o.default.value : false }]);
      if (flag !== `--${name}`) entries.push(['pass-as', str(flag)]);
    }
    return finish({ name, entries });
  }

  if (o.type === 'bool') {
    // bool('False') is True: only an empty value turns it off.
    const def = o.default?.kind === 'bool' ? o.default.value : undefined;
    entries.push(['type', str('flag')]);
    if (def !== undefined) entries.push(['default', { t: 'bool', v: def }]);
    entries.push(['pass-true-as', str(`${flag}=1`)], ['pass-false-as', str(`${flag}=`)]);
    return finish({ name, entries, comment: `${flag} is read with bool(): only an empty value is false` });
  }

  const type = valohaiType(o);
  const repeated = o.action === 'append' || o.action === 'extend' || (o.positional && (o.nargs === '+' || o.nargs === '*'));
  const several = !repeated && (o.nargs === '+' || o.nargs === '*' || (typeof o.nargs === 'number' && o.nargs > 1));
  if (type !== 'string') entries.push(['type', str(type)]);
  let comment: string | undefined;
  let def: SpecValue | undefined;
  if (repeated) {
    const atoms = o.default?.kind === 'list' ? o.default.items : o.default && o.default.kind !== 'none' ? [o.default] : [];
    const items = atoms.map((a) => typedDefault(type, a));
    if (atoms.length > 0 && items.every((i): i is SpecValue => i !== undefined)) def = { t: 'list', items };
    entries.push(['multiple', str('repeat')]);
  } else if (several) {
    const atoms = o.default?.kind === 'list' ? o.default.items : [];
    if (atoms.length === 1) def = typedDefault(type, atoms[0]);
    comment = `${o.positional ? o.dest : flag} takes several values (nargs=${JSON.stringify(o.nargs)}); Valohai passes one`;
  } else def = typedDefault(type, o.default);
  if (def) entries.push(['default', def]);
  else if (!o.required) entries.push(['optional', { t: 'bool', v: true }]);
  if (o.positional) entries.push(['pass-as', str('{v}')]);
  else if (flag !== `--${name}`) entries.push(['pass-as', str(flag.startsWith('--') ? `${flag}={v}` : `${flag} {v}`)]);
  const choices = choicesOf(o, def?.t === 'list' ? undefined : def, type);
  if (choices) entries.push(['choices', choices]);
  return finish({ name, entries, comment });
}

/** A valohai-utils parameter as `vh yaml step` writes it (valohai-utils' yaml.parse_parameter). */
export function valohaiUtilsParameter(p: ValohaiUtilsParameter): ParameterSpec | undefined {
  const entries: [string, SpecValue][] = [['name', str(p.name)]];
  const declared = p.spec.type?.kind === 'str' ? p.spec.type.value : undefined;
  const def = p.default;
  const type =
    declared ?? (def?.kind === 'bool' ? 'flag' : def?.kind === 'float' ? 'float' : def?.kind === 'int' ? 'integer' : def?.kind === 'list' ? 'string' : 'string');
  if (!['flag', 'float', 'integer', 'string'].includes(type)) return undefined;
  if (type !== 'string') entries.push(['type', str(type)]);
  if (def?.kind === 'list') {
    const v = specOf(def);
    entries.push(['multiple', str('separate')]);
    if (v && v.t === 'list' && v.items.length > 0) entries.push(['default', v]);
    else entries.push(['optional', { t: 'bool', v: true }]);
  } else {
    const v = type === 'flag' ? specOf(def) : typedDefault(type as 'string', def);
    if (v) entries.push(['default', v]);
    else if (type !== 'flag') entries.push(['optional', { t: 'bool', v: true }]);
  }
  if (type === 'flag') entries.push(['pass-true-as', str(`--${p.name}=true`)], ['pass-false-as', str(`--${p.name}=false`)]);
  const description = p.spec.description;
  if (description?.kind === 'str' && description.value.trim()) entries.push(['description', str(description.value.trim())]);
  return { name: p.name, entries };
}

function inputSpec(i: ValohaiUtilsInput): ParameterSpec {
  const entries: [string, SpecValue][] = [['name', str(i.name)]];
  if (i.defaults.length === 1) entries.push(['default', str(i.defaults[0])]);
  else if (i.defaults.length > 1) entries.push(['default', { t: 'list', items: i.defaults.map(str) }]);
  else entries.push(['optional', { t: 'bool', v: true }]);
  // As valohai-utils does: a wildcard keeps the folders below its fixed part.
  if (i.defaults.some((u) => u.includes('*'))) entries.push(['keep-directories', str('suffix')]);
  return { name: i.name, entries };
}

/** The parameters a step running this script gets, in the script's order (the first of a name wins). */
export function parameterSpecs(face: ScriptInterface, script = 'the script'): ParameterSpec[] {
  const out: ParameterSpec[] = [];
  const seen = new Set<string>();
  const add = (spec: ParameterSpec | undefined) => {
    if (!spec || seen.has(spec.name)) return;
    seen.add(spec.name);
    out.push(spec);
  };
  for (const o of face.options) add(o.library === 'valohai-utils' ? undefined : optionParameter(o, script));
  for (const p of face.valohai?.parameters ?? []) add(valohaiUtilsParameter(p));
  return out;
}

// ---- writing ----------------------------------------------------------------------------------

function scalar(v: SpecValue): string {
  if (v.t === 'list') return `[${v.items.map(scalar).join(', ')}]`;
  const as = v.t === 'str' ? 'string' : v.t === 'int' ? 'integer' : v.t === 'float' ? 'float' : 'boolean';
  return renderScalar(v.v, { version: '1.1', as }).source;
}

/** A list of mappings as block YAML at `indent`. */
function writeItems(specs: ParameterSpec[], indent: string): string {
  return specs
    .map((spec) => {
      const lines: string[] = [];
      if (spec.comment) lines.push(`${indent}# ${spec.comment}`);
      spec.entries.forEach(([key, value], i) => {
        const lead = i === 0 ? `${indent}- ` : `${indent}  `;
        if (value.t === 'list') {
          lines.push(`${lead}${key}:`);
          for (const item of value.items) lines.push(`${indent}    - ${scalar(item)}`);
        } else lines.push(`${lead}${key}: ${scalar(value)}`);
      });
      return lines.join('\n');
    })
    .join('\n');
}

/** A spec as the value an insert intent writes (floats kept floats). */
export function intentValue(spec: ParameterSpec): Record<string, unknown> {
  const js = (v: SpecValue): unknown => (v.t === 'list' ? v.items.map(js) : v.t === 'float' ? new Leaf(v.v, 'float') : v.v);
  return Object.fromEntries(spec.entries.map(([k, v]) => [k, js(v)]));
}

export interface GenerateOptions {
  /** The step's name; default: valohai.prepare's `step`, else the script's file name without `.py`. */
  name?: string;
  /** The Docker image; default: valohai.prepare's `image`, else python:3.12. */
  image?: string;
}

export const DEFAULT_IMAGE = 'python:3.12';

/**
 * The YAML text of a complete step item (`- step:` ...) running `script`: `path` is how the
 * command names it from the config's folder (`train.py`, `src/train.py`).
 */
export function generateStep(script: { path: string; source: string }, opts: GenerateOptions = {}): string {
  const face = readScriptInterface(script.source);
  const base = script.path.slice(script.path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const name = opts.name ?? face.valohai?.step ?? base;
  const image = opts.image ?? face.valohai?.image ?? DEFAULT_IMAGE;
  const parameters = parameterSpecs(face, base);
  const command = `python ${shlexQuote(script.path)}${parameters.length ? ' {parameters}' : ''}`;
  const lines = ['- step:', `    name: ${scalar(str(name))}`, `    image: ${scalar(str(image))}`, `    command: ${scalar(str(command))}`];
  if (parameters.length) lines.push('    parameters:', writeItems(parameters, '      '));
  const inputs = (face.valohai?.inputs ?? []).map(inputSpec);
  if (inputs.length) lines.push('    inputs:', writeItems(inputs, '      '));
  return lines.join('\n') + '\n';
}
