/**
 * One script a valohai.yaml step's command runs, checked against what the step passes it: the
 * options its parameters render, the values they carry, options written into the command,
 * required options and positional arguments, options no parameter sets (see project.ts).
 */
import type { Fix } from '../../contracts/diagnostics';
import type { ScriptOption } from '../../contracts/project';
import { dirOf } from '../../code/files';
import { pyLiteralRepr } from '../../code/python';
import { takesValue } from '../../code/scriptInterface';
import { suggest } from '../../schema/didYouMean';
import { namedParameter, placeholders } from './parameterPlaceholders';
import { optionParameter, type ParameterSpec } from './projectStep';
import { pyListify, pyStr } from './python/values';
import type { StepParameter } from './steps';
import { RunBase, converts, list, literalText, literalValue, passedForms, scriptValue, TYPE_WORDS, type Passed } from './projectRunBase';

/** One script a step's command runs, checked against what the step passes it. */
export class RunCheck extends RunBase {
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

  protected missing(): void {
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
  protected passedParameters(): StepParameter[] {
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

  protected checkPassed(form: Passed): void {
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
  protected checkValue(form: Passed, o: ScriptOption, where: string): void {
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
  protected literalOptions(): void {
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

  protected required(passed: StepParameter[]): void {
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
  protected positionals(passed: StepParameter[]): void {
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

  protected optionsWithoutParameter(): void {
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
}
