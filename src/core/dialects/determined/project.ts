/**
 * A Determined experiment config against its model definition directory (issue 18): the files
 * `det experiment create CONFIG DIR` uploads, here the config's own folder.
 *
 * - `entrypoint: model_def:Trial` (the legacy form): the module is `model_def.py` or
 *   `model_def/__init__.py` in the folder (`pkg.mod` → `pkg/mod.py`), and it defines `Trial` at
 *   its top level (directly, or through an import from another module of the folder): an error
 *   at the module or the class name otherwise, with the nearest name as did-you-mean (and fix);
 * - a string entrypoint (`python3 train.py --epochs 2`, `python3 -m determined.launch.torch_distributed
 *   python3 train.py`, `cd src && python3 train.py`) and a list entrypoint (`[python3, train.py]`):
 *   each script it runs is in the folder (code/command.ts says what is recognised), an error at
 *   the script's name otherwise; a `--trial model_def:Trial` inside it is checked like the legacy form.
 *
 * Nothing is reported where the answer is unknown (a syntax error in the module, a star import
 * from outside the folder, a path built from variables).
 *
 * Usage: `checkDeterminedProject(parsed, files, 'experiments/mnist')` → diagnostics with source 'lint'
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Diagnostic, Fix } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import type { ProjectFiles } from '../../contracts/project';
import { resolveArgv, resolveCommand, shellWords, type CommandWord, type ScriptRun } from '../../code/command';
import { dirOf, FileIndex } from '../../code/files';
import { lookupName, moduleInfoOf } from '../../code/modules';
import { rangeOfPath } from '../../document/paths';
import { sourceRange } from '../../document/scalarSource';
import { isMapping } from '../../guards';
import { suggest } from '../../schema/didYouMean';
import { LEGACY_ENTRYPOINT } from './dockerLine';

export const ENTRYPOINT_MODULE_MISSING = 'entrypoint-module-missing';
export const ENTRYPOINT_CLASS_MISSING = 'entrypoint-class-missing';
export const SCRIPT_MISSING = 'script-missing';

class Check {
  readonly found: Diagnostic[] = [];
  constructor(
    readonly parsed: ParsedDocument,
    readonly index: FileIndex,
    readonly dir: string,
  ) {}

  /** The text offsets of part of the value at `path`, or the whole value when that part cannot be placed. */
  place(path: Path, from: number, to: number): { range: [number, number]; exact: boolean } {
    const exact = sourceRange(this.parsed, path, from, to);
    return exact ? { range: exact, exact: true } : { range: rangeOfPath(this.parsed.doc, path, 'value'), exact: false };
  }

  error(code: string, path: Path, range: [number, number], message: string, fixes?: Fix[]): void {
    const d: Diagnostic = { severity: 'error', message, path, range, source: 'lint', code };
    if (fixes?.length) d.fixes = fixes;
    this.found.push(d);
  }

  get folder(): string {
    return this.dir ? `the model definition directory ${this.dir}/` : 'the model definition directory';
  }

  /** `module:Class` written at `offset` in the value at `path`. */
  legacy(path: Path, text: string, offset: number, launcher: boolean): void {
    const colon = text.indexOf(':');
    const module = text.slice(0, colon);
    const cls = text.slice(colon + 1);
    const found = lookupName(this.index, [this.dir], module, cls);
    const where = launcher ? `--trial ${text}` : `The entrypoint ${text}`;
    if (found.status === 'module-missing') {
      const { range, exact } = this.place(path, offset, offset + module.length);
      const modules = this.index.filesIn(this.dir).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));
      const guess = module.includes('.') ? undefined : suggest(module, modules);
      const fixes = guess && exact ? [{ title: `Change to ${guess}`, edits: [{ offset: range[0], length: range[1] - range[0], insert: guess }] }] : undefined;
      this.error(
        ENTRYPOINT_MODULE_MISSING,
        path,
        range,
        `${where} names the module ${module}, which is not in ${this.folder} (looked for ${found.candidates.join(' and ')})${guess ? `: did you mean ${guess}?` : ''} — Determined imports the Trial class from the uploaded folder, so the trial fails at once`,
        fixes,
      );
      return;
    }
    if (found.status !== 'name-missing') return;
    const { range, exact } = this.place(path, offset + colon + 1, offset + text.length);
    const info = found.file ? moduleInfoOf(this.index, found.file) : undefined;
    const classes = (info?.definitions ?? []).filter((d) => d.kind === 'class' || d.kind === 'import').map((d) => d.name);
    const guess = suggest(cls, classes);
    const trials = (info?.definitions ?? []).filter((d) => d.kind === 'class' && /Trial$/.test(d.name)).map((d) => d.name);
    const hint = guess ? `: did you mean ${guess}?` : trials.length ? ` (its classes: ${trials.join(', ')})` : '';
    const fixes = guess && exact ? [{ title: `Change to ${guess}`, edits: [{ offset: range[0], length: range[1] - range[0], insert: guess }] }] : undefined;
    this.error(ENTRYPOINT_CLASS_MISSING, path, range, `${where} names the class ${cls}, which ${found.file} does not define${hint} — the trial fails at once`, fixes);
  }

  /** Where a command word is: its own place in the value (item i of a list entrypoint). */
  wordPath(list: boolean, word: CommandWord): Path {
    return list ? ['entrypoint', word.item] : ['entrypoint'];
  }

  run(run: ScriptRun, list: boolean): void {
    if (run.candidates.length === 0 || run.file) return;
    const path = this.wordPath(list, run.at);
    const { range, exact } = this.place(path, run.at.from, run.at.to);
    const missing = run.candidates[0];
    const dir = dirOf(missing);
    const base = missing.slice(dir ? dir.length + 1 : 0);
    const guess = run.kind === 'module' || run.via ? undefined : suggest(base, this.index.filesIn(dir).filter((f) => f.endsWith(/\.[^.]+$/.exec(base)?.[0] ?? '')));
    const fixes =
      guess && exact && run.written.endsWith(base) && this.parsed.text.slice(range[0], range[1]) === run.written
        ? [{ title: `Change to ${run.written.slice(0, run.written.length - base.length)}${guess}`, edits: [{ offset: range[1] - base.length, length: base.length, insert: guess }] }]
        : undefined;
    const what = run.kind === 'module' ? `module ${run.written} (${run.candidates.join(' or ')})` : run.kind === 'shell' ? `shell script ${missing}` : `script ${missing}`;
    const via = run.via ? ` (run by ${run.via.file}, line ${run.via.line})` : '';
    this.error(SCRIPT_MISSING, path, range, `The entrypoint runs the ${what}${via}, which is not in ${this.folder}${guess ? `: did you mean ${guess}?` : ''} — the trial fails at once`, fixes);
  }

  /** `--trial module:Class` given to a launcher inside a command. */
  trialArguments(words: CommandWord[], list: boolean): void {
    words.forEach((w, i) => {
      const value = w.text === '--trial' ? words[i + 1] : w.text.startsWith('--trial=') ? { ...w, text: w.text.slice(8), from: w.from + 8 } : undefined;
      if (value && !value.dynamic && LEGACY_ENTRYPOINT.test(value.text)) this.legacy(this.wordPath(list, value), value.text, value.from, true);
    });
  }
}

/** Every finding about the config's entrypoint against the model definition directory; see the file comment. */
export function checkDeterminedProject(parsed: ParsedDocument, files: ProjectFiles, configDir: string): Diagnostic[] {
  if (!parsed.ok || !isMapping(parsed.value)) return [];
  const entrypoint = parsed.value.entrypoint;
  const c = new Check(parsed, new FileIndex(files), configDir);
  if (typeof entrypoint === 'string') {
    if (LEGACY_ENTRYPOINT.test(entrypoint)) c.legacy(['entrypoint'], entrypoint, 0, false);
    else {
      for (const run of resolveCommand([entrypoint], c.index, { cwd: configDir })) c.run(run, false);
      c.trialArguments(
        shellWords(entrypoint).filter((t): t is CommandWord => 'text' in t),
        false,
      );
    }
  } else if (Array.isArray(entrypoint) && entrypoint.every((a) => typeof a === 'string')) {
    const argv = entrypoint as string[];
    for (const run of resolveArgv(argv, c.index, { cwd: configDir })) c.run(run, true);
    c.trialArguments(
      argv.map((text, item) => ({ text, item, from: 0, to: text.length, dynamic: false })),
      true,
    );
  }
  return c.found;
}
