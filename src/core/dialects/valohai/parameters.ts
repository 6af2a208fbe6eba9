/**
 * Step parameter rules: settings that have no effect, and defaults that the platform would
 * refuse as a value — checked with Python's semantics (`int(str(v), 10)`, truthiness, `==`),
 * because the messages and their conditions must be the platform's own.
 */
import { suggest } from '../../schema/didYouMean';
import type { Path } from '../../contracts/path';
import { isMapping } from '../../guards';
import { truthy, type LintContext, type Obj } from './context';
import {
  pyEquals,
  pyFloatParses,
  pyIntParses,
  pyListify,
  pyNumber,
  pyRepr,
  pyStr,
  pyTruthy,
  pyTypeRepr,
  type PyValue,
} from './python/values';

/** `MultipleMode.cast`: unset, falsy or "none" means a single value. */
function multipleMode(v: unknown): string | undefined {
  if (!truthy(v)) return undefined;
  const mode = String(v).toLowerCase();
  return mode === 'none' ? undefined : mode;
}

/** The parameters that count, by name: a later definition with the same name replaces the earlier one. */
export function effectiveParameters(parameters: unknown): Map<string, number> {
  const byName = new Map<string, number>();
  if (!Array.isArray(parameters)) return byName;
  parameters.forEach((p, i) => {
    if (isMapping(p) && (typeof p.name === 'string' || typeof p.name === 'number')) byName.set(String(p.name), i);
  });
  return byName;
}

/** `Parameter._validate_type`: the messages for one atom that is not of the parameter's type. */
function typeProblems(type: string, atom: PyValue): string[] {
  const isEmptyText = atom.t === 'str' && atom.v === '';
  if (type === 'integer' && !pyIntParses(pyStr(atom))) return [isEmptyText ? 'No value supplied' : `${pyStr(atom)} is not an integer`];
  if (type === 'float' && !pyFloatParses(pyStr(atom))) return [isEmptyText ? 'No value supplied' : `${pyStr(atom)} is not a floating-point number`];
  return [];
}

/** A problem with the default and, where one is obvious, the allowed value nearest to it (a path to copy from). */
interface Problem {
  message: string;
  nearest?: { path: Path; title: string };
}

/** The choice closest to `atom`: numerically for numbers, by spelling for text, else the first. */
function nearestChoice(atom: PyValue, choices: PyValue[]): number {
  const n = pyNumber(atom);
  if (n !== undefined) {
    let best = -1;
    choices.forEach((c, i) => {
      const v = pyNumber(c);
      if (v !== undefined && (best < 0 || Math.abs(v - n) < Math.abs(pyNumber(choices[best])! - n))) best = i;
    });
    if (best >= 0) return best;
  }
  const texts = choices.map(pyStr);
  const guess = suggest(pyStr(atom), texts);
  return guess === undefined ? 0 : texts.indexOf(guess);
}

/** `Parameter._validate_value` on the raw default: comparisons Python cannot make are skipped. */
function valueProblems(atom: PyValue, min: PyValue, max: PyValue, choices: PyValue[] | undefined, path: Path | undefined): Problem[] {
  const problems: Problem[] = [];
  const n = pyNumber(atom);
  const lo = pyNumber(min);
  const hi = pyNumber(max);
  const at = (key: string | number, ...rest: (string | number)[]) => (path ? [...path, key, ...rest] : undefined);
  const near = (p: Path | undefined, v: PyValue) => (p ? { path: p, title: `Use ${pyStr(v)}, the nearest allowed value` } : undefined);
  if (n !== undefined && lo !== undefined && n < lo) problems.push({ message: `${pyStr(atom)} is less than the minimum allowed (${pyStr(min)})`, nearest: near(at('min'), min) });
  if (n !== undefined && hi !== undefined && n > hi) problems.push({ message: `${pyStr(atom)} is greater than the maximum allowed (${pyStr(max)})`, nearest: near(at('max'), max) });
  if (choices && !choices.some((c) => pyEquals(c, atom))) {
    const i = nearestChoice(atom, choices);
    problems.push({ message: `${pyStr(atom)} is not among the choices allowed (${pyRepr({ t: 'list', items: choices })})`, nearest: near(at('choices', i), choices[i]) });
  }
  return problems;
}

const FLAG_CHOICES: PyValue[] = [
  { t: 'bool', v: true },
  { t: 'bool', v: false },
];

export function lintParameter(ctx: LintContext, stepName: string, path: Path, p: Obj): void {
  const name = ctx.str([...path, 'name']);
  const prefix = `Step ${stepName}, parameter ${name}`;
  const type = typeof p.type === 'string' ? p.type : 'string';
  const multiple = multipleMode(p.multiple);

  if (type === 'flag') {
    if (multiple) ctx.error([...path, 'multiple'], `${prefix}: Flag parameters can't be multiple — remove "multiple"`);
    if (truthy(p.optional)) ctx.warning([...path, 'optional'], `${prefix}: \`optional\` has no effect on flag-type parameters`, 'key');
    if ((truthy(p['pass-true-as']) || truthy(p['pass-false-as'])) && truthy(p['pass-as'])) {
      ctx.warning([...path, 'pass-as'], `${prefix}: \`pass-as\` has no effect with \`pass-true-as\`/\`pass-false-as\``, 'key');
    }
  } else {
    for (const key of ['pass-true-as', 'pass-false-as']) {
      if (truthy(p[key])) ctx.warning([...path, key], `${prefix}: \`${key}\` has no effect on non-flag parameters`, 'key');
    }
  }
  lintDefault(ctx, prefix, path, p, type, multiple);
}

function lintDefault(ctx: LintContext, prefix: string, path: Path, p: Obj, type: string, multiple: string | undefined): void {
  if (!('default' in p)) return;
  const defaultPath = [...path, 'default'];
  const value = ctx.py(defaultPath);
  // A multiple parameter's default is always a list; only a truthy default is checked at all.
  const atoms = multiple ? pyListify(value) : [value];
  if (multiple ? atoms.length === 0 : !pyTruthy(value)) return;
  const rawChoices = ctx.py([...path, 'choices']);
  const choices = type === 'flag' ? FLAG_CHOICES : rawChoices.t === 'list' && rawChoices.items.length > 0 ? rawChoices.items : undefined;
  const min = ctx.py([...path, 'min']);
  const max = ctx.py([...path, 'max']);
  // Flags' choices are not written in the file: nothing to copy a nearest value from.
  const own = type === 'flag' ? undefined : path;
  atoms.forEach((atom, i) => {
    const atomPath = value.t === 'list' ? [...defaultPath, i] : defaultPath;
    const problems: Problem[] =
      type === 'string' && atom.t !== 'str'
        ? [{ message: `\`default\` value ${pyRepr(atom)} is not a string (got a ${pyTypeRepr(atom)})` }]
        : [...typeProblems(type, atom).map((message) => ({ message })), ...valueProblems(atom, min, max, choices, own)];
    for (const problem of problems) {
      const replacement = problem.nearest && ctx.source(problem.nearest.path);
      const range = ctx.rangeOf(atomPath, 'value');
      const fixes =
        problem.nearest && replacement && range[1] > range[0]
          ? [{ title: problem.nearest.title, edits: [{ offset: range[0], length: range[1] - range[0], insert: replacement }] }]
          : undefined;
      ctx.warning(atomPath, `${prefix}: default ${problem.message}`, 'value', fixes);
    }
  });
}
