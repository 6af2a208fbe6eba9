/**
 * The shared part of checking one script run of a valohai.yaml step (see project.ts): the codes,
 * a script's interface with where its options are, how a parameter appears on the command line,
 * and what every check uses — where a word is, option lookups, fixes, and valohai-utils.
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import type { PyLiteral, ScriptInterface, ScriptOption } from '../../contracts/project';
import type { CommandWord, ScriptRun } from '../../code/command';
import { FileIndex } from '../../code/files';
import { pyLiteralRepr } from '../../code/python';
import { optionStrings } from '../../code/scriptInterface';
import { planEdit, EditError, type EditIntent } from '../../document/edit';
import { sourceRange } from '../../document/scalarSource';
import { suggest } from '../../schema/didYouMean';
import { placeholders } from './parameterPlaceholders';
import { intentValue, valohaiUtilsParameter, type ParameterSpec } from './projectStep';
import { pyFloatParses, pyIntParses, pyNumber, pyStr, type PyValue } from './python/values';
import { pySplit } from './python/text';
import type { Step, StepParameter } from './steps';



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
export interface Face extends ScriptInterface {
  file: string;
  optionFile: Map<ScriptOption, string>;
}

/** How one parameter appears on the command line. */
export interface Passed {
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

export const VALUE_PLACEHOLDER = /^\{(v|value)\}$/;
/** What a script run's checks need of the file's check (project.ts ProjectCheck). */
export interface RunContext {
  readonly parsed: ParsedDocument;
  readonly index: FileIndex;
  report(severity: Severity, code: ProjectCode, path: Path, range: [number, number], message: string, fixes?: Fix[]): void;
  rangeOf(path: Path, part?: 'key' | 'value'): [number, number];
  face(file: string): Face | undefined;
  faceWhere(face: Face, o: ScriptOption): string;
  onceFor(key: string): boolean;
}


export function formatName(template: string, name: string): string {
  return template.replace(/\{name\}/g, name).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
}

/** The option strings a parameter's templates render, as `build_command` renders them. */
export function passedForms(p: StepParameter): Passed[] {
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

export function literalText(v: PyLiteral | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'str') return v.value;
  if (v.kind === 'int' || v.kind === 'float' || v.kind === 'bool') return pyLiteralRepr(v);
  return undefined;
}

/** Whether the script's converter accepts the text. */
export function converts(o: ScriptOption, text: string): boolean {
  if (o.type === 'int') return pyIntParses(text);
  if (o.type === 'float') return pyFloatParses(text);
  return true;
}

/** A value as the script compares it: a number for int/float options, text otherwise. */
export function scriptValue(o: ScriptOption, text: string): number | string {
  if ((o.type === 'int' || o.type === 'float') && pyFloatParses(text)) return Number(text.replace(/_/g, ''));
  return text;
}

export function literalValue(o: ScriptOption, v: PyLiteral): number | string | undefined {
  if (v.kind === 'int' || v.kind === 'float') return v.value;
  if (v.kind === 'str') return (o.type === 'int' || o.type === 'float') && pyFloatParses(v.value) ? Number(v.value) : v.value;
  return undefined;
}

export const TYPE_WORDS: Record<string, string> = { int: 'int()', float: 'float()', bool: 'bool()' };

export function list(items: string[], max = 6): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** What checks a script run share: where things are, option lookups, fixes, and valohai-utils. */
export class RunBase {
  protected face?: Face;
  protected readonly matched = new Set<ScriptOption>();

  constructor(
    readonly c: RunContext,
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

  protected get allPassed(): CommandWord | undefined {
    return this.run.args.find((w) => placeholders(w.text).some((p) => p.inner === 'parameters' || p.inner === 'params'));
  }

  /** The script option an option string names (exactly, or as argparse's unique prefix). */
  protected find(option: string): { o: ScriptOption; off: boolean; abbreviation?: boolean } | undefined {
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

  protected notAccepted(option: string): { severity: Severity; why: string; guess?: string } {
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

  protected valohaiUtils(face: Face): void {
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
  protected valohaiTypes(p: StepParameter, def: PyLiteral | undefined, declared: PyLiteral | undefined): void {
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

  protected plan(intent: EditIntent, title: string): Fix | undefined {
    try {
      const plan = planEdit(this.c.parsed, intent, { version: '1.1' });
      return plan.edits.length ? { title, edits: plan.edits } : undefined;
    } catch (e) {
      if (e instanceof EditError) return undefined;
      throw e;
    }
  }

  protected setFix(p: StepParameter, key: string, value: string, title: string): Fix | undefined {
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