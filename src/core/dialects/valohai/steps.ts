/**
 * The steps of a valohai.yaml as valohai-yaml's object model holds them (`Step`, `Parameter`,
 * `Input`, `EnvironmentVariable`): names unique (a later definition replaces an earlier one,
 * keeping its place), a multiple parameter's default always a list, flags always optional with
 * choices [True, False], pass-true-as/pass-false-as dropped from non-flags. Values are Python
 * values read from the YAML nodes, so `5` and `5.0` stay an int and a float.
 *
 * Usage: `stepsOf(parsed).find((s) => s.name === 'train')`
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import { asArray, isMapping } from '../../guards';
import { LintContext, nameOf } from './context';
import { buildModel } from './model';
import { effectiveParameters } from './parameters';
import { pyListify, pyStr, pyTruthy, type PyValue } from './python/values';

export type MultipleMode = 'repeat' | 'separate';

export interface StepParameter {
  name: string;
  /** `string`, `integer`, `float` or `flag` (anything else is kept as written). */
  type: string;
  /** The default as the model keeps it: None when absent; a list for a multiple parameter. */
  default: PyValue;
  optional: boolean;
  multiple: MultipleMode | undefined;
  /** `multiple-separator`, "," when unset or empty. */
  separator: string;
  passAs: string | undefined;
  passTrueAs: string | undefined;
  passFalseAs: string | undefined;
  min: PyValue;
  max: PyValue;
  /** undefined when any value goes; [True, False] for flags. */
  choices: PyValue[] | undefined;
  description: string | undefined;
  /** Where the parameter's mapping is, e.g. `[0, 'step', 'parameters', 2]`. */
  path: Path;
  /** Why the platform could not even read this parameter (it would refuse the whole file). */
  problem: string | undefined;
}

export interface StepInput {
  name: string;
  /** Default URLs in order (a single URL becomes a one-item list). */
  defaults: string[];
  optional: boolean;
  filename: string | undefined;
  description: string | undefined;
  download: string;
  keepDirectories: 'none' | 'full' | 'suffix';
  path: Path;
}

export interface StepEnvironmentVariable {
  name: string;
  default: string | undefined;
  /** Unlike parameters and inputs, environment variables are optional unless said otherwise. */
  optional: boolean;
  description: string | undefined;
  path: Path;
}

export interface Step {
  name: string;
  path: Path;
  /** The `command` value as written: a string, a list of strings, or anything the schema refuses. */
  command: PyValue;
  /** `source-path`, when set (it enables the `{source-path}` placeholder). */
  sourcePath: PyValue | undefined;
  parameters: StepParameter[];
  inputs: StepInput[];
  environmentVariables: StepEnvironmentVariable[];
  /** `environment-variable-groups`: named groups of project variables the platform adds. */
  environmentGroups: string[];
  /** The Docker image, when it is text. */
  image: string | undefined;
}

const FLAG_CHOICES: PyValue[] = [
  { t: 'bool', v: true },
  { t: 'bool', v: false },
];

function text(v: PyValue): string | undefined {
  return pyTruthy(v) ? pyStr(v) : undefined;
}

/** `MultipleMode.cast`: falsy or "none" means single; anything but repeat/separate is refused. */
function multipleOf(v: PyValue): { mode?: MultipleMode; problem?: string } {
  if (!pyTruthy(v)) return {};
  const mode = pyStr(v).toLowerCase();
  if (mode === 'none') return {};
  if (mode === 'repeat' || mode === 'separate') return { mode };
  return { problem: `'${pyStr(v)}' is not a valid MultipleMode` };
}

function readParameter(ctx: LintContext, path: Path, data: Record<string, unknown>, name: string): StepParameter {
  const py = (key: string) => ctx.py([...path, key]);
  const type = typeof data.type === 'string' ? data.type : 'string';
  const { mode, problem: multipleProblem } = multipleOf(py('multiple'));
  const isFlag = type === 'flag';
  const rawDefault = py('default');
  const choices = py('choices');
  return {
    name,
    type,
    default: mode ? { t: 'list', items: pyListify(rawDefault) } : rawDefault,
    optional: isFlag || pyTruthy(py('optional')),
    multiple: mode,
    separator: text(py('multiple-separator')) ?? ',',
    passAs: text(py('pass-as')),
    passTrueAs: isFlag ? text(py('pass-true-as')) : undefined,
    passFalseAs: isFlag ? text(py('pass-false-as')) : undefined,
    min: py('min'),
    max: py('max'),
    choices: isFlag ? FLAG_CHOICES : choices.t === 'list' && choices.items.length > 0 ? choices.items : undefined,
    description: typeof data.description === 'string' ? data.description : undefined,
    path,
    problem: multipleProblem ?? (isFlag && mode ? "Flag parameters can't be multiple" : undefined),
  };
}

/** Items of a named list, the later of two same-named items replacing the earlier in its place. */
function byName(ctx: LintContext, listPath: Path, list: unknown): { path: Path; data: Record<string, unknown>; name: string }[] {
  const found = new Map<string, { path: Path; data: Record<string, unknown>; name: string }>();
  asArray(list).forEach((item, i) => {
    if (!isMapping(item)) return;
    const path = [...listPath, i];
    const name = nameOf(ctx, [...path, 'name'], item.name);
    if (name !== undefined) found.set(name, { path, data: item, name });
  });
  return [...found.values()];
}

function keepDirectories(v: unknown): StepInput['keepDirectories'] {
  if (v === true) return 'full';
  if (v === 'full' || v === 'suffix') return v;
  return 'none';
}

function readStep(ctx: LintContext, name: string, path: Path, data: Record<string, unknown>): Step {
  const parametersPath = [...path, 'parameters'];
  const parameters = [...effectiveParameters(data.parameters)].map(([paramName, index]) => {
    const p = asArray(data.parameters)[index] as Record<string, unknown>;
    return readParameter(ctx, [...parametersPath, index], p, paramName);
  });
  const inputs = byName(ctx, [...path, 'inputs'], data.inputs).map(({ path: p, data: d, name: n }): StepInput => {
    const def = ctx.py([...p, 'default']);
    return {
      name: n,
      defaults: pyListify(def).map(pyStr),
      optional: pyTruthy(ctx.py([...p, 'optional'])),
      filename: text(ctx.py([...p, 'filename'])),
      description: typeof d.description === 'string' ? d.description : undefined,
      download: typeof d.download === 'string' ? d.download : 'always',
      keepDirectories: keepDirectories(d['keep-directories']),
      path: p,
    };
  });
  const environmentVariables = byName(ctx, [...path, 'environment-variables'], data['environment-variables']).map(
    ({ path: p, data: d, name: n }): StepEnvironmentVariable => {
      const def = ctx.py([...p, 'default']);
      return {
        name: n,
        default: def.t === 'none' ? undefined : pyStr(def),
        optional: 'optional' in d ? pyTruthy(ctx.py([...p, 'optional'])) : true,
        description: typeof d.description === 'string' ? d.description : undefined,
        path: p,
      };
    },
  );
  const sourcePath = ctx.py([...path, 'source-path']);
  const image = ctx.py([...path, 'image']);
  return {
    name,
    path,
    command: ctx.py([...path, 'command']),
    sourcePath: sourcePath.t === 'none' ? undefined : sourcePath,
    parameters,
    inputs,
    environmentVariables,
    environmentGroups: asArray(data['environment-variable-groups']).filter((g): g is string => typeof g === 'string'),
    image: image.t === 'str' ? image.v : undefined,
  };
}

/** Every step of the document in the platform's order (a repeated name replaces the earlier step). */
export function stepsOf(parsed: ParsedDocument): Step[] {
  if (!parsed.ok) return [];
  const ctx = new LintContext(parsed);
  const model = buildModel(ctx, parsed.value);
  return [...model.steps.values()].map((d) => readStep(ctx, d.name, d.path, d.data));
}
