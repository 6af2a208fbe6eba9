/**
 * A valohai.yaml against the code it runs (issue 18). For each step, the command is resolved to
 * the scripts it runs (code/command.ts: `python train.py`, `python -m pkg.train`, `bash run.sh`,
 * `cd src && ...`, `{source-path}`), each script's command line is read from its source
 * (code/scriptInterface.ts: argparse, click, valohai-utils) and compared with what the step
 * passes — the parameters `{parameters}` / `{parameter:NAME}` render (their `pass-as`, flags,
 * `multiple`) and the options written into the command itself:
 *
 * - script-missing (error): a script or module the command runs is not in the project, at its
 *   name in the command, with the nearest file of the folder as a fix;
 * - parameter-not-accepted (error; info when the script leaves unknown options alone —
 *   parse_known_args, click's ignore_unknown_options — or its options could not all be read):
 *   a parameter renders an option the script does not define, at the parameter's name (or its
 *   pass-as), with the nearest option as did-you-mean and a `pass-as` fix;
 *   option-not-accepted (error): the same for an option written into the command;
 * - parameter-type-differs: a flag passed to an option that needs a value, or a value passed to a
 *   switch (error: the parser refuses both); a value the script converts with int()/float() from a
 *   parameter of another type (warning; error when the parameter's own default is refused);
 *   type=bool fed text (warning: bool('False') is True);
 * - parameter-choice-refused (error): the parameter's default is not among the script's choices;
 * - parameter-multiple-differs (warning): `multiple: repeat` into an option that keeps only the
 *   last value, `multiple: separate` into one that takes several values (it gets one `a,b`);
 * - parameter-default-differs (hint): the step's default and the script's own differ;
 * - required-option-missing / required-argument-missing (error): the script requires an option
 *   or argument the command never passes; argument-not-accepted (error): more positional
 *   arguments than the script takes;
 * - option-without-parameter (hint, at `{parameters}`): options the script reads that no parameter
 *   sets, with a fix adding them as parameters (minimal edits, one undo step);
 * - valohai-utils: valohai-parameter-missing / valohai-input-missing (warning) for
 *   `valohai.prepare(default_parameters=..., default_inputs=...)` keys and `valohai.parameters('x')`
 *   reads the step does not define (on Valohai the script sees only the step's), with a fix
 *   adding them; parameter-not-read / input-not-read (hint) for step entries the script never reads;
 *   type and default differences as above;
 * - script-unreadable (info, once per script): a script that does not parse as Python 3, cannot
 *   be read, or reads its command line with something we do not read (hydra, absl, fire...): its
 *   options are not checked. script-reads-no-options (hint): parameters passed to a script that
 *   reads no command line at all (nor does a module of the project it imports).
 *
 * Usage:
 *   checkValohaiProject(parsed, files, '')       // configDir: the config's folder, relative to the project root
 *   generateStep({ path: 'train.py', source })   // see projectStep.ts
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Diagnostic, Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import type { ProjectFiles, PyLiteral, ScriptInterface, ScriptOption } from '../../contracts/project';
import { resolveCommand, type CommandWord, type ScriptRun } from '../../code/command';
import { dirOf, FileIndex } from '../../code/files';
import { findModule } from '../../code/modules';
import { pyLiteralRepr } from '../../code/python';
import { optionStrings, readScriptInterface, takesValue } from '../../code/scriptInterface';
import { planEdit, EditError, type EditIntent } from '../../document/edit';
import { rangeOfPath } from '../../document/paths';
import { sourceRange } from '../../document/scalarSource';
import { suggest } from '../../schema/didYouMean';
import { namedParameter, placeholders } from './parameterPlaceholders';
import { intentValue, optionParameter, valohaiUtilsParameter, type ParameterSpec } from './projectStep';
import { pyFloatParses, pyIntParses, pyListify, pyNumber, pyStr, type PyValue } from './python/values';
import { pySplit } from './python/text';
import { stepsOf, type Step, type StepParameter } from './steps';

export { generateStep, parameterSpecs, DEFAULT_IMAGE, type GenerateOptions } from './projectStep';

export const PROJECT_CODES = [
  'script-missing',
  'script-unreadable',
  'script-reads-no-options',
  'parameter-not-accepted',
  'option-not-accepted',
  'parameter-type-differs',
  'parameter-choice-refused',
  'parameter-multiple-differs',
  'parameter-default-differs',
  'required-option-missing',
  'required-argument-missing',
  'argument-not-accepted',
  'option-without-parameter',
  'valohai-parameter-missing',
  'valohai-input-missing',
  'parameter-not-read',
  'input-not-read',
] as const;
export type ProjectCode = (typeof PROJECT_CODES)[number];

/** A script's interface with where each option is defined (a parser may live in a helper module). */
interface Face extends ScriptInterface {
  file: string;
  optionFile: Map<ScriptOption, string>;
}

/** How one parameter appears on the command line. */
interface Passed {
  param: StepParameter;
  /** The option string it renders (`--lr`); undefined for a positional value. */
  option?: string;
  /** A value goes with it (`--lr=0.1`, `--lr 0.1`, or a positional value). */
  withValue: boolean;
  /** For a flag with pass-true-as / pass-false-as: which of them; the text after `=` if any. */
  when?: 'true' | 'false';
  flagValue?: string;
  /** Where to mark a finding about it. */
  markPath: Path;
}

const VALUE_PLACEHOLDER = /^\{(v|value)\}$/;

function formatName(template: string, name: string): string {
  return template.replace(/\{name\}/g, name).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

/** The option strings a parameter's templates render, as `build_command` renders them. */
function passedForms(p: StepParameter): Passed[] {
  const out: Passed[] = [];
  const add = (template: string, markPath: Path, when?: 'true' | 'false') => {
    const pieces = pySplit(template);
    if (pieces.length === 0) return;
    const first = formatName(pieces[0], p.name);
    if (VALUE_PLACEHOLDER.test(first)) {
      out.push({ param: p, withValue: true, markPath, when });
      return;
    }
    if (!first.startsWith('-')) return;
    const eq = first.indexOf('=');
    const option = eq >= 0 ? first.slice(0, eq) : first;
    if (/[{}]/.test(option)) return;
    const passed: Passed = { param: p, option, withValue: eq >= 0 || pieces.length > 1, markPath, when };
    if (when && eq >= 0) passed.flagValue = first.slice(eq + 1);
    out.push(passed);
  };
  if (p.type === 'flag') {
    if (p.passTrueAs || p.passFalseAs) {
      if (p.passTrueAs) add(p.passTrueAs, [...p.path, 'pass-true-as'], 'true');
      if (p.passFalseAs) add(p.passFalseAs, [...p.path, 'pass-false-as'], 'false');
    } else add(p.passAs ?? '--{name}', p.passAs ? [...p.path, 'pass-as'] : [...p.path, 'name']);
  } else add(p.passAs ?? '--{name}={value}', p.passAs ? [...p.path, 'pass-as'] : [...p.path, 'name']);
  return out;
}

function literalText(v: PyLiteral | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'str') return v.value;
  if (v.kind === 'int' || v.kind === 'float' || v.kind === 'bool') return pyLiteralRepr(v);
  return undefined;
}

/** Whether the script's converter accepts the text. */
function converts(o: ScriptOption, text: string): boolean {
  if (o.type === 'int') return pyIntParses(text);
  if (o.type === 'float') return pyFloatParses(text);
  return true;
}

/** A value as the script compares it: a number for int/float options, text otherwise. */
function scriptValue(o: ScriptOption, text: string): number | string {
  if ((o.type === 'int' || o.type === 'float') && pyFloatParses(text)) return Number(text.replace(/_/g, ''));
  return text;
}

function literalValue(o: ScriptOption, v: PyLiteral): number | string | undefined {
  if (v.kind === 'int' || v.kind === 'float') return v.value;
  if (v.kind === 'str') return (o.type === 'int' || o.type === 'float') && pyFloatParses(v.value) ? Number(v.value) : v.value;
  return undefined;
}

const TYPE_WORDS: Record<string, string> = { int: 'int()', float: 'float()', bool: 'bool()' };

function list(items: string[], max = 6): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

class ProjectCheck {
  readonly found: Diagnostic[] = [];
  private readonly faces = new Map<string, Face | undefined>();
  private readonly saidOnce = new Set<string>();

  constructor(
    readonly parsed: ParsedDocument,
    readonly index: FileIndex,
    readonly configDir: string,
  ) {}

  report(severity: Severity, code: ProjectCode, path: Path, range: [number, number], message: string, fixes?: Fix[]): void {
    const d: Diagnostic = { severity, message, path, range, source: 'lint', code };
    if (fixes && fixes.length) d.fixes = fixes;
    this.found.push(d);
  }

  rangeOf(path: Path, part: 'key' | 'value' = 'value'): [number, number] {
    return rangeOfPath(this.parsed.doc, path, part);
  }

  // ---- scripts ------------------------------------------------------------------------------

  /** The script's interface, with the parser of a project module it imports when it has none of its own. */
  face(file: string): Face | undefined {
    if (this.faces.has(file)) return this.faces.get(file);
    const text = this.index.read(file);
    let face: Face | undefined;
    if (text !== undefined) {
      const own = readScriptInterface(text);
      // A copy: a borrowed parser adds to the lists, and readScriptInterface may hand out the same object again.
      face = { ...own, options: [...own.options], readers: [...own.readers], file, optionFile: new Map(own.options.map((o) => [o, file])) };
      if (own.options.length === 0 && own.readers.length === 0 && own.syntaxErrors.length === 0) this.borrowParser(face);
    }
    this.faces.set(file, face);
    return face;
  }

  /** `from config import get_args`: the parser defined in a module of the project the script imports. */
  private borrowParser(face: Face): void {
    const roots = [dirOf(face.file), this.configDir];
    const seen = new Set<string>();
    for (const d of face.definitions) {
      if (d.kind !== 'import' || !d.from || d.from.module.startsWith('.')) continue;
      const file = findModule(this.index, roots, d.from.module);
      if (!file || seen.has(file)) continue;
      seen.add(file);
      const text = this.index.read(file);
      if (text === undefined) continue;
      const other = readScriptInterface(text);
      if (other.readers.length === 0) continue;
      for (const o of other.options) {
        face.options.push(o);
        face.optionFile.set(o, file);
      }
      face.readers.push(...other.readers.filter((r) => !face.readers.includes(r)));
      face.complete &&= other.complete;
      face.allowAbbrev &&= other.allowAbbrev;
      face.acceptsUnknown ??= other.acceptsUnknown;
    }
  }

  faceWhere(face: Face, o: ScriptOption): string {
    const file = face.optionFile.get(o) ?? face.file;
    return file === face.file ? `line ${o.line}` : `${file} line ${o.line}`;
  }

  // ---- steps --------------------------------------------------------------------------------

  step(step: Step): void {
    const items = step.command.t === 'str' ? [step.command.v] : step.command.t === 'list' ? step.command.items.map((i) => (i.t === 'str' ? i.v : '')) : [];
    const itemPath = (i: number): Path => (step.command.t === 'str' ? [...step.path, 'command'] : [...step.path, 'command', i]);
    const sourcePath = step.sourcePath?.t === 'str' ? step.sourcePath.v : undefined;
    const runs = resolveCommand(items, this.index, { cwd: this.configDir, sourcePath });
    for (const run of runs) new RunCheck(this, step, run, itemPath).check();
  }

  onceFor(key: string): boolean {
    if (this.saidOnce.has(key)) return false;
    this.saidOnce.add(key);
    return true;
  }
}

class RunCheck {
  private face?: Face;
  private readonly matched = new Set<ScriptOption>();

  constructor(
    readonly c: ProjectCheck,
    readonly step: Step,
    readonly run: ScriptRun,
    readonly itemPath: (i: number) => Path,
  ) {}

  /** Where a word of the command is (a word inside a shell script: where the command names that script). */
  at(word: CommandWord): { path: Path; range: [number, number]; exact: boolean } {
    const w = word.file ? this.run.at : word;
    const path = this.itemPath(w.item);
    const exact = sourceRange(this.c.parsed, path, w.from, w.to);
    return { path, range: exact ?? this.c.rangeOf(path), exact: exact !== undefined };
  }

  get label(): string {
    return this.run.file ?? this.run.written;
  }

  /** `src/train.py`, or `src/train.py (run by run.sh, line 4)`. */
  get named(): string {
    return this.run.via ? `${this.label} (run by ${this.run.via.file}, line ${this.run.via.line})` : this.label;
  }

  check(): void {
    const run = this.run;
    if (run.candidates.length === 0) return;
    if (!run.file) return this.missing();
    if (run.kind === 'shell') return;
    const face = this.c.face(run.file);
    const { path, range } = this.at(run.at);
    if (!face) {
      if (this.c.onceFor(`read:${run.file}`)) this.c.report('info', 'script-unreadable', path, range, `${run.file} could not be read as text, so the step's parameters were not checked against it`);
      return;
    }
    if (face.syntaxErrors.length) {
      if (this.c.onceFor(`parse:${run.file}`)) {
        this.c.report(
          'info',
          'script-unreadable',
          path,
          range,
          `${run.file} does not parse as Python 3 (line ${face.syntaxErrors[0]}), so the step's parameters were not checked against it`,
        );
      }
      return;
    }
    this.face = face;
    const foreign = face.readers.filter((r) => !['argparse', 'click', 'valohai-utils'].includes(r));
    const known = face.readers.filter((r) => ['argparse', 'click', 'valohai-utils'].includes(r));
    if (foreign.length && known.length === 0) {
      if (this.c.onceFor(`foreign:${run.file}`)) {
        this.c.report('info', 'script-unreadable', path, range, `${run.file} reads its command line with ${foreign.join(' and ')}, which Pipewright does not read: the step's parameters were not checked against it`);
      }
      return;
    }
    const passed = this.passedParameters();
    if (face.readers.length === 0) {
      if (passed.length) {
        this.c.report(
          'hint',
          'script-reads-no-options',
          path,
          range,
          `${this.named} reads no command-line options (no argparse, click or valohai-utils in it or in the project modules it imports), so the parameters the command passes to it have no effect`,
        );
      }
      return;
    }
    if (face.valohai) this.valohaiUtils(face);
    const onlyValohai = known.every((r) => r === 'valohai-utils');
    if (!onlyValohai) {
      for (const p of passed) for (const form of passedForms(p)) this.checkPassed(form);
      this.literalOptions();
      this.required(passed);
      this.positionals(passed);
    }
    this.optionsWithoutParameter();
  }

  private missing(): void {
    const run = this.run;
    const { path, range, exact } = this.at(run.at);
    const looked = run.candidates.length > 1 ? ` (looked for ${run.candidates.join(' and ')})` : '';
    const what = run.kind === 'module' ? `python -m ${run.written}: module` : run.kind === 'shell' ? 'the shell script' : 'the script';
    const target = run.kind === 'module' ? run.written : run.candidates[0];
    let guess: string | undefined;
    let fixes: Fix[] | undefined;
    if (run.kind !== 'module' && !run.via) {
      const missing = run.candidates[0];
      const dir = dirOf(missing);
      const base = missing.slice(dir ? dir.length + 1 : 0);
      const ext = /\.[^./]+$/.exec(base)?.[0] ?? '';
      const siblings = this.c.index.filesIn(dir).filter((f) => f.endsWith(ext));
      guess = suggest(base, siblings);
      if (guess && exact && run.written.endsWith(base) && this.c.parsed.text.slice(range[0], range[1]) === run.written) {
        fixes = [{ title: `Change to ${run.written.slice(0, run.written.length - base.length)}${guess}`, edits: [{ offset: range[1] - base.length, length: base.length, insert: guess }] }];
      }
    }
    const message = run.via
      ? `Step "${this.step.name}" runs ${run.via.file}, whose line ${run.via.line} runs ${run.written}: ${what} ${target} is not in the project${looked}, so the execution fails there`
      : `${what.charAt(0).toUpperCase()}${what.slice(1)} ${target} is not in the project${looked}${guess ? `: did you mean ${guess}?` : ''} — step "${this.step.name}" would fail at once`;
    this.c.report('error', 'script-missing', path, range, message, fixes);
  }

  // ---- what the command passes ---------------------------------------------------------------

  /** `{parameters}` / `{params}`: all of them; `{parameter:NAME}`: that one. */
  private passedParameters(): StepParameter[] {
    let all = false;
    const names = new Set<string>();
    for (const w of this.run.args) {
      for (const p of placeholders(w.text)) {
        if (p.inner === 'parameters' || p.inner === 'params') all = true;
        const named = namedParameter(p);
        if (named && p.inner.startsWith('parameter:')) names.add(named.name);
      }
    }
    return this.step.parameters.filter((p) => all || names.has(p.name));
  }

  private get allPassed(): CommandWord | undefined {
    return this.run.args.find((w) => placeholders(w.text).some((p) => p.inner === 'parameters' || p.inner === 'params'));
  }

  /** The script option an option string names (exactly, or as argparse's unique prefix). */
  private find(option: string): { o: ScriptOption; off: boolean; abbreviation?: boolean } | undefined {
    const face = this.face!;
    for (const o of face.options) {
      if (o.flags.includes(option)) return { o, off: false };
      if (o.offFlags.includes(option)) return { o, off: true };
    }
    const argparse = face.options.filter((o) => o.library !== 'click');
    if (face.allowAbbrev && option.startsWith('--') && option.length > 2) {
      const hits = argparse.filter((o) => optionStrings(o).some((f) => f.startsWith(option)));
      if (hits.length === 1) return { o: hits[0], off: hits[0].offFlags.some((f) => f.startsWith(option)), abbreviation: true };
    }
    return undefined;
  }

  private notAccepted(option: string): { severity: Severity; why: string; guess?: string } {
    const face = this.face!;
    const all = face.options.flatMap(optionStrings);
    const guess = suggest(option, all);
    const their = all.filter((f) => f.startsWith('--'));
    const hint = guess ? `: did you mean ${guess}?` : their.length ? ` (its options: ${list(their)})` : '';
    if (face.acceptsUnknown) {
      return { severity: 'info', why: `${this.named} ignores ${option}: ${face.acceptsUnknown.reason} (line ${face.acceptsUnknown.line}), so unless something else reads it, it has no effect${hint}`, guess };
    }
    if (!face.complete) return { severity: 'info', why: `${this.named} does not seem to accept ${option} (some of its options are built at run time and could not be read)${hint}`, guess };
    return { severity: 'error', why: `${this.named} does not accept ${option}, so its parser stops the execution at once${hint}`, guess };
  }

  private checkPassed(form: Passed): void {
    const p = form.param;
    const markPath = form.markPath;
    const range = this.c.rangeOf(markPath);
    if (!form.option) return;
    const hit = this.find(form.option);
    if (!hit) {
      const { severity, why, guess } = this.notAccepted(form.option);
      const fixes: Fix[] = [];
      if (guess && !form.when) {
        const fix = this.setFix(p, 'pass-as', p.type === 'flag' ? guess : `${guess}={v}`, `Pass it as ${guess} (pass-as)`);
        if (fix) fixes.push(fix);
      }
      this.c.report(severity, 'parameter-not-accepted', markPath, range, `Parameter "${p.name}" of step "${this.step.name}" is passed as ${form.option}, but ${why}`, fixes);
      return;
    }
    const o = hit.o;
    this.matched.add(o);
    const where = this.c.faceWhere(this.face!, o);
    const needsValue = takesValue(o) && o.nargs !== '?' && o.nargs !== '*';
    if (form.withValue && !takesValue(o)) {
      const fixes = p.type !== 'flag' ? [this.setFix(p, 'type', 'flag', 'Make it a flag parameter')].filter((f): f is Fix => f !== undefined) : [];
      this.c.report(
        'error',
        'parameter-type-differs',
        markPath,
        range,
        `${this.named} takes ${form.option} as a switch without a value (${where}), but parameter "${p.name}" passes ${form.option}=…: the parser refuses it${p.type !== 'flag' ? ' — make it a flag parameter (type: flag)' : ''}`,
        fixes,
      );
      return;
    }
    if (!form.withValue && needsValue) {
      this.c.report(
        'error',
        'parameter-type-differs',
        markPath,
        range,
        `${this.named} needs a value after ${form.option} (${where}), but the flag parameter "${p.name}" passes ${form.option} alone: the parser refuses it — make it ${o.type === 'int' ? 'an integer' : o.type === 'float' ? 'a float' : 'a string'} parameter${o.type === 'int' || o.type === 'float' ? '' : ` (or give it pass-true-as: ${form.option}=true)`}`,
      );
      return;
    }
    if (!form.withValue) return;
    this.checkValue(form, o, where);
  }

  /** Type, choices, multiple and default of a value the parameter passes. */
  private checkValue(form: Passed, o: ScriptOption, where: string): void {
    const p = form.param;
    const range = this.c.rangeOf(form.markPath);
    const atoms: string[] = form.flagValue !== undefined ? [form.flagValue] : pyListify(p.default).map(pyStr);
    const refused = atoms.find((a) => !converts(o, a));
    const typeWord = TYPE_WORDS[o.type ?? ''];
    if (refused !== undefined && typeWord) {
      this.c.report(
        'error',
        'parameter-type-differs',
        form.markPath,
        range,
        `${this.named} converts ${form.option ?? o.dest} with ${typeWord} (${where}), which refuses "${refused}", the value parameter "${p.name}" passes by default: the execution stops at once`,
      );
      return;
    }
    const mismatch =
      (o.type === 'int' && (p.type === 'float' || p.type === 'string')) || (o.type === 'float' && p.type === 'string');
    if (mismatch && form.flagValue === undefined) {
      const want = o.type === 'int' ? 'integer' : 'float';
      const fix = this.setFix(p, 'type', want, `Make it ${want === 'integer' ? 'an integer' : 'a float'} parameter`);
      this.c.report(
        'warning',
        'parameter-type-differs',
        form.markPath,
        range,
        `${this.named} converts ${form.option ?? o.dest} with ${typeWord} (${where}), but parameter "${p.name}" is ${p.type === 'float' ? 'a float' : 'text'}: a value such as ${o.type === 'int' ? '"0.5" (or even "1.0")' : '"auto"'} would stop the execution`,
        fix ? [fix] : undefined,
      );
    }
    if (o.type === 'bool' && p.type !== 'flag') {
      this.c.report(
        'warning',
        'parameter-type-differs',
        form.markPath,
        range,
        `${this.named} reads ${form.option ?? o.dest} with bool() (${where}), which turns any text but an empty one into True: passing False still gives True`,
      );
    }
    if (o.choices && atoms.length) {
      const allowed = o.choices.map((c) => literalValue(o, c));
      if (allowed.every((a) => a !== undefined)) {
        const out = atoms.find((a) => !allowed.includes(scriptValue(o, a)));
        if (out !== undefined) {
          this.c.report(
            'error',
            'parameter-choice-refused',
            form.markPath,
            range,
            `${this.named} accepts only ${o.choices.map(pyLiteralRepr).join(', ')} for ${form.option ?? o.dest} (${where}), but parameter "${p.name}" passes "${out}" by default: the parser refuses it`,
          );
          return;
        }
      }
    }
    const keepsOne = o.action === 'store' && (o.nargs === undefined || o.nargs === '?');
    const takesSeveral = o.nargs === '+' || o.nargs === '*' || (typeof o.nargs === 'number' && o.nargs > 1) || o.action === 'append' || o.action === 'extend';
    if (p.multiple === 'repeat' && keepsOne && !o.positional) {
      this.c.report(
        'warning',
        'parameter-multiple-differs',
        form.markPath,
        range,
        `Parameter "${p.name}" repeats ${form.option} for each of its values (multiple: repeat), but ${this.named} keeps only the last one (${where}) — use action='append' in the script, or a single value`,
      );
    } else if (p.multiple === 'separate' && takesSeveral && o.type !== 'custom') {
      this.c.report(
        'warning',
        'parameter-multiple-differs',
        form.markPath,
        range,
        `Parameter "${p.name}" joins its values into one (${form.option}=a${p.separator}b, multiple: separate), but ${this.named} expects separate values for ${form.option} (${where}): it gets one value "a${p.separator}b"`,
      );
    }
    // The defaults: only for single values the script converts as we can.
    if (form.flagValue === undefined && p.default.t !== 'none' && p.default.t !== 'list' && o.default && o.action === 'store' && !p.multiple) {
      const mine = scriptValue(o, pyStr(p.default));
      const theirs = literalValue(o, o.default);
      const same = theirs === undefined || (typeof mine === 'number' && typeof theirs === 'number' ? Math.abs(mine - theirs) <= 1e-12 * Math.max(1, Math.abs(theirs)) : mine === theirs);
      if (!same) {
        this.c.report(
          'hint',
          'parameter-default-differs',
          [...p.path, 'default'],
          this.c.rangeOf([...p.path, 'default']),
          `The step's default for "${p.name}" (${pyStr(p.default)}) is not ${this.label}'s own (${literalText(o.default) ?? pyLiteralRepr(o.default)}, ${where}): executions on Valohai start from ${pyStr(p.default)}`,
        );
      }
    }
  }

  /** Options written into the command itself (`python train.py --epochs 3`). */
  private literalOptions(): void {
    const words = this.run.args;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const text = w.text;
      if (w.dynamic || !text.startsWith('-') || text === '-' || text === '--' || /^-\d/.test(text) || /[{}]/.test(text)) continue;
      const eq = text.indexOf('=');
      const option = eq >= 0 ? text.slice(0, eq) : text;
      const hit = this.find(option);
      const { path, range } = this.at(w);
      if (!hit) {
        // A short option with its value attached (`-b64`) or grouped switches (`-vx`).
        if (!option.startsWith('--') && option.length > 2 && this.find(option.slice(0, 2))) continue;
        const { severity, why } = this.notAccepted(option);
        const inShell = w.file ? ` (in ${w.file})` : '';
        this.c.report(severity, 'option-not-accepted', path, range, `The command of step "${this.step.name}" passes ${option}${inShell}, but ${why}`);
        continue;
      }
      this.matched.add(hit.o);
      // Its value is the next word: not an option, not an argument.
      if (eq < 0 && takesValue(hit.o) && !hit.off && hit.o.nargs !== '?' && hit.o.nargs !== '*' && hit.o.nargs !== '+') i++;
      else if (eq < 0 && (hit.o.nargs === '+' || hit.o.nargs === '*')) while (i + 1 < words.length && !words[i + 1].text.startsWith('-')) i++;
    }
  }

  private required(passed: StepParameter[]): void {
    const face = this.face!;
    const forms = passed.flatMap(passedForms);
    for (const o of face.options) {
      if (!o.required || o.positional || o.library === 'valohai-utils' || this.matched.has(o)) continue;
      const viaParam = forms.find((f) => f.option && o.flags.includes(f.option));
      if (viaParam) continue;
      const { path, range } = this.at(this.run.at);
      const spec = optionParameter(o, this.label);
      const fix = this.allPassed && spec ? this.addParametersFix([spec], `Add parameter "${spec.name}" to step "${this.step.name}"`) : undefined;
      this.c.report(
        'error',
        'required-option-missing',
        path,
        range,
        `${this.named} requires ${o.flags[0]} (${this.c.faceWhere(face, o)}), which the command of step "${this.step.name}" never passes: the parser stops the execution at once${spec ? ` — add a parameter "${spec.name}"` : ''}`,
        fix ? [fix] : undefined,
      );
    }
  }

  /** Positional arguments: the command's own words and parameters passed as `{v}` against what the script takes. */
  private positionals(passed: StepParameter[]): void {
    const face = this.face!;
    if (!face.complete || face.acceptsUnknown) return;
    const slots = face.options.filter((o) => o.positional && o.library !== 'valohai-utils');
    let given = 0;
    let open = false;
    const words = this.run.args;
    let unknown = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (placeholders(w.text).some((p) => p.inner === 'parameters' || p.inner === 'params' || p.inner.startsWith('parameter:'))) continue;
      if (w.text.startsWith('-') && w.text !== '-') {
        const eq = w.text.indexOf('=');
        const hit = this.find(eq >= 0 ? w.text.slice(0, eq) : w.text);
        if (hit && eq < 0 && takesValue(hit.o) && !hit.off && hit.o.nargs !== '?') i++;
        // An unknown option is reported already; whether its value follows it, nobody knows.
        if (!hit) unknown = true;
        continue;
      }
      if (w.dynamic) open = true;
      given++;
    }
    for (const p of passed) {
      for (const f of passedForms(p)) {
        if (f.option || !f.withValue) continue;
        if (p.multiple === 'repeat') open = true;
        else if (p.default.t !== 'none' || !p.optional) given++;
      }
    }
    if (unknown) return;
    const min = (o: ScriptOption) => (o.nargs === '?' || o.nargs === '*' || o.nargs === '...' || (o.library === 'click' && !o.required) ? 0 : typeof o.nargs === 'number' ? o.nargs : 1);
    const max = (o: ScriptOption) => (o.nargs === '*' || o.nargs === '+' || o.nargs === '...' ? Infinity : typeof o.nargs === 'number' ? o.nargs : 1);
    const need = slots.reduce((n, o) => n + min(o), 0);
    const room = slots.reduce((n, o) => n + max(o), 0);
    const { path, range } = this.at(this.run.at);
    if (given < need && !open) {
      let left = given;
      const missing = slots.filter((o) => {
        const m = min(o);
        if (left >= m) {
          left -= m;
          return false;
        }
        return m > 0;
      });
      const specs = missing.map((o) => optionParameter(o, this.label)).filter((s): s is ParameterSpec => s !== undefined && !this.step.parameters.some((p) => p.name === s.name));
      const fix = this.allPassed && specs.length ? this.addParametersFix(specs, `Add ${specs.map((s) => `"${s.name}"`).join(', ')} to the parameters of step "${this.step.name}"`) : undefined;
      this.c.report(
        'error',
        'required-argument-missing',
        path,
        range,
        `${this.named} needs the argument${missing.length > 1 ? 's' : ''} ${missing.map((o) => `${o.dest} (${this.c.faceWhere(face, o)})`).join(', ')}, which the command of step "${this.step.name}" never passes: the parser stops the execution at once`,
        fix ? [fix] : undefined,
      );
    } else if (given > room) {
      this.c.report(
        'error',
        'argument-not-accepted',
        path,
        range,
        `${this.named} takes ${room === 0 ? 'no positional arguments' : `at most ${room} positional argument${room > 1 ? 's' : ''}`}, but the command of step "${this.step.name}" passes ${given}: the parser refuses the rest`,
      );
    }
  }

  private optionsWithoutParameter(): void {
    const word = this.allPassed;
    const face = this.face!;
    if (!word) return;
    const taken = new Set(this.step.parameters.map((p) => p.name));
    const specs: ParameterSpec[] = [];
    const names: string[] = [];
    for (const o of face.options) {
      if (o.positional || o.required || o.library === 'valohai-utils' || this.matched.has(o)) continue;
      const spec = optionParameter(o, this.label);
      if (!spec || taken.has(spec.name)) continue;
      taken.add(spec.name);
      specs.push(spec);
      names.push(o.flags.find((f) => f.startsWith('--')) ?? o.flags[0]);
    }
    if (specs.length === 0) return;
    const { path, range } = this.at(word);
    const fix = this.addParametersFix(specs, specs.length === 1 ? `Add parameter "${specs[0].name}" to step "${this.step.name}"` : `Add the ${specs.length} missing parameters to step "${this.step.name}"`);
    this.c.report(
      'hint',
      'option-without-parameter',
      path,
      range,
      `${this.named} also reads ${list(names)}, which no parameter of step "${this.step.name}" sets: they always keep the script's defaults (add them as parameters to set them per execution)`,
      fix ? [fix] : undefined,
    );
  }

  // ---- valohai-utils ------------------------------------------------------------------------

  private valohaiUtils(face: Face): void {
    const prepare = face.valohai!;
    const step = this.step;
    const stepParams = new Map(step.parameters.map((p) => [p.name, p]));
    const stepInputs = new Set(step.inputs.map((i) => i.name));
    const anchor = (key: 'parameters' | 'inputs'): { path: Path; range: [number, number] } => {
      const present = key === 'parameters' ? step.parameters.length > 0 : step.inputs.length > 0;
      const path = present ? [...step.path, key] : [...step.path, 'name'];
      return { path, range: this.c.rangeOf(path, present ? 'key' : 'value') };
    };
    const missing: ParameterSpec[] = [];
    for (const vp of prepare.parameters) {
      const p = stepParams.get(vp.name);
      if (!p) {
        const spec = valohaiUtilsParameter(vp);
        if (spec) missing.push(spec);
        continue;
      }
      this.valohaiTypes(p, vp.default, vp.spec.type);
    }
    const declared = new Set(prepare.parameters.map((p) => p.name));
    const readOnly = face.valohaiReads.filter((r) => r.kind === 'parameter' && !declared.has(r.name) && !stepParams.has(r.name));
    if (missing.length || readOnly.length) {
      const { path, range } = anchor('parameters');
      const fix = missing.length ? this.addParametersFix(missing, `Add ${missing.map((m) => `"${m.name}"`).join(', ')} to the parameters of step "${step.name}"`) : undefined;
      const what = [
        ...missing.map((m) => `"${m.name}" (valohai.prepare, line ${prepare.line})`),
        ...readOnly.map((r) => `"${r.name}" (valohai.parameters, line ${r.line})`),
      ];
      this.c.report(
        'warning',
        'valohai-parameter-missing',
        path,
        range,
        `${this.named} reads the parameter${what.length > 1 ? 's' : ''} ${list(what)}, which step "${step.name}" does not define: on Valohai the script gets only the step's parameters, so it reads None`,
        fix ? [fix] : undefined,
      );
    }
    if (prepare.complete) {
      const reads = new Set(face.valohaiReads.filter((r) => r.kind === 'parameter').map((r) => r.name));
      for (const p of step.parameters) {
        if (declared.has(p.name) || reads.has(p.name)) continue;
        if (face.options.some((o) => o.library !== 'valohai-utils' && optionStrings(o).some((f) => f === `--${p.name}`))) continue;
        this.c.report('hint', 'parameter-not-read', [...p.path, 'name'], this.c.rangeOf([...p.path, 'name']), `${this.named} never reads parameter "${p.name}" (it is not in valohai.prepare's default_parameters, and no valohai.parameters("${p.name}") reads it)`);
      }
    }
    const declaredInputs = new Set(prepare.inputs.map((i) => i.name));
    const missingInputs = [
      ...prepare.inputs.filter((i) => !stepInputs.has(i.name)).map((i) => `"${i.name}" (valohai.prepare, line ${prepare.line})`),
      ...face.valohaiReads.filter((r) => r.kind === 'input' && !declaredInputs.has(r.name) && !stepInputs.has(r.name)).map((r) => `"${r.name}" (valohai.inputs, line ${r.line})`),
    ];
    if (missingInputs.length) {
      const { path, range } = anchor('inputs');
      this.c.report(
        'warning',
        'valohai-input-missing',
        path,
        range,
        `${this.named} reads the input${missingInputs.length > 1 ? 's' : ''} ${list([...new Set(missingInputs)])}, which step "${step.name}" does not define: on Valohai nothing is downloaded for ${missingInputs.length > 1 ? 'them' : 'it'}`,
      );
    }
    if (prepare.complete) {
      const inputReads = new Set(face.valohaiReads.filter((r) => r.kind === 'input').map((r) => r.name));
      const source = this.c.index.read(face.file) ?? '';
      for (const input of step.inputs) {
        if (declaredInputs.has(input.name) || inputReads.has(input.name) || source.includes(input.name)) continue;
        this.c.report('hint', 'input-not-read', [...input.path, 'name'], this.c.rangeOf([...input.path, 'name']), `${this.named} never reads input "${input.name}" (not in valohai.prepare's default_inputs, no valohai.inputs("${input.name}"), and its name appears nowhere in the script)`);
      }
    }
  }

  /** A step parameter against the valohai.prepare entry of the same name. */
  private valohaiTypes(p: StepParameter, def: PyLiteral | undefined, declared: PyLiteral | undefined): void {
    const want = declared?.kind === 'str' ? declared.value : def?.kind === 'bool' ? 'flag' : def?.kind === 'int' ? 'integer' : def?.kind === 'float' ? 'float' : def?.kind === 'str' ? 'string' : undefined;
    const path = [...p.path, 'name'];
    if (want && want !== p.type && !(want === 'integer' && p.type === 'float')) {
      const fix = this.setFix(p, 'type', want, `Make it a ${want} parameter`);
      this.c.report(
        'warning',
        'parameter-type-differs',
        path,
        this.c.rangeOf(path),
        `valohai.prepare in ${this.label} gives "${p.name}" ${declared ? `the type ${want}` : `the default ${def ? pyLiteralRepr(def) : ''} (${want === 'flag' ? 'a boolean' : want === 'string' ? 'text' : `a${want === 'integer' ? 'n integer' : ' float'}`})`}, but the step's parameter is ${p.type === 'flag' ? 'a flag' : p.type === 'string' ? 'text' : `a${p.type === 'integer' ? 'n integer' : ' float'}`}: the script gets a value of another type than it was written for`,
        fix ? [fix] : undefined,
      );
      return;
    }
    if (!def || p.default.t === 'none' || def.kind === 'list' || def.kind === 'dict' || def.kind === 'unknown' || def.kind === 'none') return;
    const mine: PyValue = p.default;
    const same =
      def.kind === 'bool'
        ? mine.t === 'bool' && mine.v === def.value
        : def.kind === 'str'
          ? pyStr(mine) === def.value
          : pyNumber(mine) !== undefined && pyNumber(mine) === def.value;
    if (!same) {
      this.c.report(
        'hint',
        'parameter-default-differs',
        [...p.path, 'default'],
        this.c.rangeOf([...p.path, 'default']),
        `The step's default for "${p.name}" (${pyStr(mine)}) is not the one in valohai.prepare (${pyLiteralRepr(def)}, ${this.label} line ${this.face!.valohai!.line}): executions on Valohai start from ${pyStr(mine)}`,
      );
    }
  }

  // ---- fixes --------------------------------------------------------------------------------

  private plan(intent: EditIntent, title: string): Fix | undefined {
    try {
      const plan = planEdit(this.c.parsed, intent, { version: '1.1' });
      return plan.edits.length ? { title, edits: plan.edits } : undefined;
    } catch (e) {
      if (e instanceof EditError) return undefined;
      throw e;
    }
  }

  private setFix(p: StepParameter, key: string, value: string, title: string): Fix | undefined {
    return this.plan({ kind: 'set', path: [...p.path, key], value, as: 'string' }, title);
  }

  addParametersFix(specs: ParameterSpec[], title: string): Fix | undefined {
    return addParametersFix(this.c.parsed, this.step, specs, title);
  }
}

/**
 * The quick fix "add the missing parameters to the step": one insert per parameter into the
 * step's `parameters` (created when absent), as one batch of minimal edits.
 */
export function addParametersFix(parsed: ParsedDocument, step: Step, specs: ParameterSpec[], title: string): Fix | undefined {
  const taken = new Set(step.parameters.map((p) => p.name));
  const fresh = specs.filter((s) => !taken.has(s.name));
  if (fresh.length === 0) return undefined;
  const intents: EditIntent[] = fresh.map((s) => ({ kind: 'insert', path: [...step.path, 'parameters'], value: intentValue(s) }));
  try {
    const plan = planEdit(parsed, { kind: 'batch', intents }, { version: '1.1' });
    return plan.edits.length ? { title, edits: plan.edits } : undefined;
  } catch (e) {
    if (e instanceof EditError) return undefined;
    throw e;
  }
}

/**
 * The parameters a step lacks for the options of the script its command runs (those no
 * parameter renders), as specs for `addParametersFix`. Undefined when the step runs no script
 * we can read.
 */
export function missingParameters(parsed: ParsedDocument, files: ProjectFiles, configDir: string, stepName: string): { step: Step; specs: ParameterSpec[] } | undefined {
  const step = stepsOf(parsed).find((s) => s.name === stepName);
  if (!step) return undefined;
  const index = new FileIndex(files);
  const items = step.command.t === 'str' ? [step.command.v] : step.command.t === 'list' ? step.command.items.map((i) => (i.t === 'str' ? i.v : '')) : [];
  const specs: ParameterSpec[] = [];
  for (const run of resolveCommand(items, index, { cwd: configDir, sourcePath: step.sourcePath?.t === 'str' ? step.sourcePath.v : undefined })) {
    if (!run.file || run.kind === 'shell') continue;
    const text = index.read(run.file);
    if (text === undefined) continue;
    const face = readScriptInterface(text);
    const names = new Set([...step.parameters.map((p) => p.name), ...specs.map((s) => s.name)]);
    const rendered = new Set(step.parameters.flatMap(passedForms).flatMap((f) => (f.option ? [f.option] : [])));
    for (const o of face.options) {
      if (o.positional || o.library === 'valohai-utils' || optionStrings(o).some((f) => rendered.has(f))) continue;
      const spec = optionParameter(o, run.file);
      if (spec && !names.has(spec.name)) {
        names.add(spec.name);
        specs.push(spec);
      }
    }
  }
  return { step, specs };
}

/**
 * Every finding about the steps of a valohai.yaml against the project's code; see the file
 * comment. `configDir` is the folder of the valohai.yaml relative to the project root ('' for the
 * root): commands run there (Valohai runs them in the repository root, where valohai.yaml lives).
 */
export function checkValohaiProject(parsed: ParsedDocument, files: ProjectFiles, configDir: string): Diagnostic[] {
  if (!parsed.ok) return [];
  const check = new ProjectCheck(parsed, new FileIndex(files), configDir);
  for (const step of stepsOf(parsed)) check.step(step);
  return check.found;
}
