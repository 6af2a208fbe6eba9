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
 * The checks by job: projectRun.ts (one script run against its step), projectRunBase.ts (what those
 * checks share: codes, lookups, fixes, valohai-utils), projectStep.ts (a step from a script).
 *
 * Usage:
 *   checkValohaiProject(parsed, files, '')       // configDir: the config's folder, relative to the project root
 *   generateStep({ path: 'train.py', source })   // see projectStep.ts
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Diagnostic, Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import type { ProjectFiles, ScriptOption } from '../../contracts/project';
import { resolveCommand } from '../../code/command';
import { dirOf, FileIndex } from '../../code/files';
import { findModule } from '../../code/modules';
import { optionStrings, readScriptInterface } from '../../code/scriptInterface';
import { rangeOfPath } from '../../document/paths';
import { optionParameter, type ParameterSpec } from './projectStep';
import { stepsOf, type Step } from './steps';
import { RunCheck } from './projectRun';
import { addParametersFix, passedForms, PROJECT_CODES, type Face, type ProjectCode, type RunContext } from './projectRunBase';

export { generateStep, parameterSpecs, DEFAULT_IMAGE, type GenerateOptions } from './projectStep';
export { addParametersFix, PROJECT_CODES, type ProjectCode };

/** The checks of one valohai.yaml: each step's scripts read once, findings gathered, some said only once. */
class ProjectCheck implements RunContext {
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
