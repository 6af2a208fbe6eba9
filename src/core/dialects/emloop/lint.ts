/**
 * The semantic lint of an emloop config.yaml: what emloop itself refuses or warns about when it
 * builds the dataset, the model, the hooks and the main loop, and what `emloop eval` does with
 * the eval blocks, and what it reads otherwise than the author meant (a model without inputs or
 * outputs, cxflow's module names, ComputeStats entries it ignores) — each finding at the key or
 * value it is about. Runs after the schema, so every rule reads the value defensively and skips
 * what it cannot make sense of.
 *
 * Usage: `lintEmloop(parsed)` → diagnostics with source 'lint'
 */
import { isMapping } from '../../guards';
import { isMap, isScalar, isSeq, stringify, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import { locatePath } from '../../document/paths';
import { suggest } from '../../schema/didYouMean';
import type { Diagnostic, Fix } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import { ALL_HOOKS, configName, EMLOOP_HOOKS, findHook, TENSORFLOW_HOOKS, type HookInfo } from './hooks';
import { cxflowRename, type CxflowRename } from './cxflow';
import { moveToEvalFix } from './moveToEval';
import { mapToListFix } from './variablesFix';
import schema from './schema.json';

type Obj = Record<string, unknown>;
const MAIN_LOOP_KEYS = Object.keys(schema.$defs.mainLoop.properties);
const EVAL_KEYS = Object.keys(schema.$defs.evalStream.properties);
const SECTIONS = ['dataset', 'model', 'main_loop'];

class Findings {
  readonly list: Diagnostic[] = [];
  constructor(readonly parsed: ParsedDocument) {}

  add(severity: Diagnostic['severity'], path: Path, part: 'key' | 'value', message: string, fixes?: Fix[]): void {
    const d: Diagnostic = { severity, message, path, range: this.range(path, part), source: 'lint' };
    if (fixes && fixes.length > 0) d.fixes = fixes;
    this.list.push(d);
  }

  /** The key naming the value at `path`, or the value itself (a list item has no key). */
  range(path: Path, part: 'key' | 'value'): [number, number] {
    const found = locatePath(this.parsed.doc, path);
    const node = (part === 'key' && found.pair ? found.pair.key : found.node) as Node | null | undefined;
    const r = node?.range ?? (found.pair?.key as Node | null | undefined)?.range;
    if (!r) return [0, 0];
    // A block collection's range runs on to the next line: mark its text only.
    let end = r[1];
    while (end > r[0] && /\s/.test(this.parsed.text[end - 1])) end--;
    return [r[0], end];
  }

  /** A fix replacing the text of the key or value at `path`. */
  replace(path: Path, part: 'key' | 'value', title: string, insert: string): Fix {
    const [start, end] = this.range(path, part);
    return { title, edits: [{ offset: start, length: end - start, insert }] };
  }
}

export function lintEmloop(parsed: ParsedDocument): Diagnostic[] {
  const f = new Findings(parsed);
  const config = parsed.value;
  if (!isMapping(config)) return f.list;
  lintSections(f, config, []);
  lintModelIo(f, config.model);
  lintCxflowClasses(f, parsed.doc.contents as Node | null, []);
  if (!('hooks' in config)) {
    f.add('warning', [Object.keys(config)[0]], 'key', 'No `hooks` section — emloop warns and runs with TrainingTrace only; add hooks such as LogVariables and StopAfter');
  }
  if (isMapping(config.eval)) {
    for (const [stream, block] of Object.entries(config.eval)) lintEvalBlock(f, config, stream, block);
  }
  if ('predict' in config) {
    const fix = moveToEvalFix(parsed);
    f.add(
      'warning',
      ['predict'],
      'key',
      'emloop 0.2 ignores a top-level `predict` section — it belongs under `eval:` as `eval.predict` (run it with `emloop eval predict MODEL_PATH`)',
      fix ? [fix] : undefined,
    );
  }
  return f.list;
}

/** dataset / model / hooks / main_loop, at the top level (`at` = []) or in an eval block. */
function lintSections(f: Findings, sections: Obj, at: Path, onIncorrectConfig?: unknown): void {
  for (const name of ['dataset', 'model']) {
    const section = sections[name];
    if (!isMapping(section)) continue;
    if (typeof section.class === 'string' && !section.class.includes('.')) {
      f.add(
        'error',
        [...at, name, 'class'],
        'value',
        `"${section.class}" is not a full class path — emloop imports \`module.Class\`, so write the module too (e.g. \`${name === 'model' ? 'models' : 'datasets'}.${section.class}\`)`,
      );
    }
  }
  if (isMapping(sections.dataset) && 'output_dir' in sections.dataset) {
    f.add('error', [...at, 'dataset', 'output_dir'], 'key', 'The `output_dir` key is reserved and can not be used in dataset configuration — emloop passes the output directory itself');
  }
  if (Array.isArray(sections.hooks)) sections.hooks.forEach((item, i) => lintHook(f, [...at, 'hooks', i], item));
  if (isMapping(sections.main_loop)) lintMainLoop(f, [...at, 'main_loop'], sections.main_loop, onIncorrectConfig);
}

/** Models that take no `inputs` / `outputs`: emloop's Sequence is built from `model_paths` alone. */
const MODELS_WITHOUT_IO = new Set(['emloop.models.Sequence']);

/**
 * The top-level model must name its inputs and outputs: emloop-tensorflow's BaseModel (and
 * emloop's Ensemble) cannot be built without them, and emloop feeds and reads the model by those
 * names. An eval block only updates the base model, so it is the base that must have them.
 * A model section that is missing or not a mapping is the schema's to report.
 */
function lintModelIo(f: Findings, model: unknown): void {
  if (!isMapping(model) || (typeof model.class === 'string' && MODELS_WITHOUT_IO.has(model.class))) return;
  const missing = ['inputs', 'outputs'].filter((k) => !(k in model));
  if (missing.length === 0) return;
  const what = missing.length === 2 ? 'neither `inputs` nor `outputs`' : `no \`${missing[0]}\``;
  f.add(
    'error',
    ['model'],
    'key',
    `The model has ${what} — emloop needs both: \`inputs\`, the stream sources fed to the model, and \`outputs\`, the values it produces for each batch (emloop-tensorflow's BaseModel cannot be built without them); add ${missing.map((k) => `\`${k}: [...]\``).join(' and ')}`,
  );
}

/** `class:` values anywhere in the file that name a cxflow module (walked in the text, so aliases are not reported twice). */
function lintCxflowClasses(f: Findings, node: Node | null | undefined, path: Path): void {
  if (isSeq(node)) node.items.forEach((item, i) => lintCxflowClasses(f, item as Node, [...path, i]));
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === '<<') continue;
    const value = pair.value as Node | null;
    if (key === 'class' && isScalar(value) && typeof value.value === 'string') cxflowHint(f, [...path, key], value.value, 'value', 'class');
    else lintCxflowClasses(f, value, [...path, key]);
  }
}

/** The hint for a `cxflow*` module name, with the fix that renames its package when we know the emloop name; undefined for other names. */
function cxflowHint(f: Findings, path: Path, name: string, part: 'key' | 'value', kind: 'hook' | 'class'): CxflowRename | undefined {
  const cx = cxflowRename(name, kind);
  if (!cx) return undefined;
  const emloopPackage = `emloop${cx.prefix.slice('cxflow'.length)}`;
  const lead = `emloop is cxflow's successor: the module \`${cx.prefix}\` is now \`${emloopPackage}\``;
  if (!cx.target) {
    f.add('hint', path, part, `${lead} — check that "${cx.renamed}" exists (it is not one of the emloop ${kind === 'hook' ? 'hooks' : 'classes'} we know)`);
    return cx;
  }
  let fix: Fix;
  if (cx.target === cx.renamed) {
    const [start, end] = f.range(path, part);
    const at = f.parsed.text.slice(start, end).indexOf(cx.prefix);
    fix = { title: `Change "${cx.prefix}" to "${emloopPackage}"`, edits: [{ offset: start + at, length: 'cxflow'.length, insert: 'emloop' }] };
  } else fix = f.replace(path, part, `Change to "${cx.target}"`, cx.target);
  f.add('hint', path, part, `${lead} — write "${cx.target}"`, [fix]);
  return cx;
}

function lintMainLoop(f: Findings, path: Path, mainLoop: Obj, inherited: unknown): void {
  const action = 'on_incorrect_config' in mainLoop ? mainLoop.on_incorrect_config : (inherited ?? 'error');
  if (action === 'ignore') return;
  for (const key of Object.keys(mainLoop)) {
    if (MAIN_LOOP_KEYS.includes(key)) continue;
    const guess = suggest(key, MAIN_LOOP_KEYS);
    const advice = guess ? ` — did you mean "${guess}"?` : '';
    const fixes = guess && !(guess in mainLoop) ? [f.replace([...path, key], 'key', `Rename to "${guess}"`, guess)] : undefined;
    if (action === 'warn') f.add('warning', [...path, key], 'key', `Unknown main_loop key "${key}" — emloop logs a warning and ignores it (on_incorrect_config: warn)${advice}`, fixes);
    else f.add('error', [...path, key], 'key', `Unknown main_loop key "${key}" — emloop refuses to start (set on_incorrect_config to warn or ignore to allow it)${advice}`, fixes);
  }
}

// ---- hooks --------------------------------------------------------------------------------

function lintHook(f: Findings, path: Path, item: unknown): void {
  if (typeof item === 'string') {
    checkHookName(f, path, item, 'value');
    return;
  }
  if (!isMapping(item)) return;
  const keys = Object.keys(item);
  if (keys.length > 1) {
    f.add(
      'error',
      [...path, keys[1]],
      'key',
      `A hook item must have exactly one key, the hook's name — "${keys[1]}" is a second one; if it is an argument of ${keys[0]}, indent it under "${keys[0]}:"`,
    );
    return;
  }
  if (keys.length === 0) return;
  const name = keys[0];
  const info = checkHookName(f, [...path, name], name, 'key');
  const args = item[name];
  if (args === null || args === undefined) {
    f.add('warning', [...path, name], 'key', `"${name}:" has no arguments under it — emloop warns about the empty config; drop the colon, or add the arguments`, dropColon(f, [...path, name]));
    return;
  }
  if (!isMapping(args)) {
    f.add('error', [...path, name], 'value', `The arguments of ${name} must be a mapping (\`argument: value\` lines under it), not ${Array.isArray(args) ? 'a list' : 'a single value'}`);
    return;
  }
  if (info) lintArguments(f, [...path, name], info, args);
}

/** The fix for `- Name:` with nothing after: `- Name`. */
function dropColon(f: Findings, path: Path): Fix[] {
  const [, end] = f.range(path, 'key');
  const m = /^[ \t]*:/.exec(f.parsed.text.slice(end));
  if (!m) return [];
  return [{ title: 'Remove the colon', edits: [{ offset: end + m[0].length - 1, length: 1, insert: '' }] }];
}

const TF_BY_NAME = new Map(TENSORFLOW_HOOKS.map((h) => [h.name, h]));

/** The hook a name refers to, reporting a name emloop cannot resolve. */
function checkHookName(f: Findings, path: Path, name: string, part: 'key' | 'value'): HookInfo | undefined {
  const info = findHook(name);
  if (info) return info;
  const rename = (to: string) => [f.replace(path, part, `Change to "${to}"`, to)];
  if (!name.includes('.')) {
    const tf = TF_BY_NAME.get(name);
    if (tf) {
      const full = configName(tf);
      f.add('error', path, part, `${name} is an emloop-tensorflow hook — emloop looks up names without a module only among its own hooks; write "${full}"`, rename(full));
      return undefined;
    }
    const guess = suggest(name, EMLOOP_HOOKS.map((h) => h.name)) ?? EMLOOP_HOOKS.find((h) => h.name.toLowerCase() === name.toLowerCase())?.name;
    f.add(
      'error',
      path,
      part,
      `emloop has no hook "${name}" — a name without a module must be one of emloop's own hooks (names are case-sensitive)${guess ? `; did you mean "${guess}"?` : '; for your own hook write `module.Class`'}`,
      guess ? rename(guess) : undefined,
    );
    return undefined;
  }
  // A cxflow name: the hint, then the arguments checked as the emloop hook's when we know it.
  const cx = cxflowHint(f, path, name, part, 'hook');
  if (cx) return cx.target ? findHook(cx.target) : undefined;
  const cls = name.slice(name.lastIndexOf('.') + 1);
  const module = name.slice(0, name.lastIndexOf('.'));
  if (module === 'emloop_tensorflow') {
    const tf = TF_BY_NAME.get(cls);
    if (tf) f.add('error', path, part, `emloop_tensorflow does not export its hooks at the top level — write "${configName(tf)}"`, rename(configName(tf)));
    else f.add('warning', path, part, `emloop_tensorflow has no hook "${cls}" at its top level — its hooks are emloop_tensorflow.hooks.{${TENSORFLOW_HOOKS.map((h) => h.name).join(', ')}}`);
  } else if (module === 'emloop_tensorflow.hooks') {
    f.add('warning', path, part, `"${cls}" is not one of emloop-tensorflow's hooks (${TENSORFLOW_HOOKS.map((h) => h.name).join(', ')})`);
  } else if (module === 'emloop.hooks' || module.startsWith('emloop.hooks.')) {
    const known = ALL_HOOKS.find((h) => h.name === cls && h.package === 'emloop');
    const to = known ? known.name : undefined;
    f.add('error', path, part, `emloop cannot import "${name}"${to ? ` — write just "${to}"` : ' — it is not one of emloop\'s hooks'}`, to ? rename(to) : undefined);
  }
  return undefined;
}

function showValue(v: unknown): string {
  return v === null ? 'null' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

function lintArguments(f: Findings, path: Path, info: HookInfo, args: Obj): void {
  const names = info.args.map((a) => a.name);
  for (const [key, value] of Object.entries(args)) {
    const arg = info.args.find((a) => a.name === key);
    if (!arg) {
      const guess = suggest(key, names);
      const fixes = guess && !(guess in args) ? [f.replace([...path, key], 'key', `Rename to "${guess}"`, guess)] : undefined;
      const known = names.filter((n) => !info.args.find((a) => a.name === n)?.injected);
      f.add(
        'warning',
        [...path, key],
        'key',
        `${info.name} has no argument "${key}" — emloop only warns and ignores it${guess ? `; did you mean "${guess}"?` : known.length > 0 ? ` (it takes ${known.join(', ')})` : ' (it takes no arguments)'}`,
        fixes,
      );
      continue;
    }
    if (arg.enum && !arg.enum.includes(value as string | null)) {
      f.add('error', [...path, key], 'value', `${info.name}: ${key} must be one of ${arg.enum.map(showValue).join(', ')}, not ${showValue(value)}`);
    }
  }
  const missing = info.args.filter((a) => a.required && !(a.name in args)).map((a) => a.name);
  if (missing.length > 0) {
    f.add('error', path, 'key', `${info.name} needs ${missing.map((m) => `"${m}"`).join(' and ')} — emloop cannot build it without`);
  }
  if (info.name === 'StopAfter' && ['epochs', 'iterations', 'minutes'].every((k) => args[k] === undefined || args[k] === null)) {
    f.add('error', path, 'key', 'StopAfter needs at least one of epochs, iterations or minutes — emloop refuses it with "No stopping condition was specified."');
  }
  if (info.args.some((a) => a.name === 'long_term') && typeof args.long_term === 'number' && args.long_term < (typeof args.short_term === 'number' ? args.short_term : 10)) {
    f.add('error', [...path, 'long_term'], 'value', `${info.name}: long_term must be at least short_term`);
  }
  if (info.name === 'ComputeStats' && isMapping(args.variables)) lintStatsMap(f, [...path, 'variables'], args.variables);
}

/** A value as one line of YAML: `[min, max]`. */
const flow = (v: unknown) => stringify(v, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();

/** A map entry that asks for what emloop computes anyway: nothing, or just the mean. */
const onlyMean = (v: unknown) => v === null || v === 'mean' || (Array.isArray(v) && v.length === 1 && v[0] === 'mean');
/** A list of aggregation names, as a list item of `variables` takes them. */
const isNameList = (v: unknown): v is string[] => Array.isArray(v) && v.every((a) => typeof a === 'string');

/**
 * ComputeStats `variables` written as a map: emloop iterates it, which yields its keys, so each
 * variable gets the mean and whatever the map says beyond that is ignored — reported at each entry
 * that asks for more, or once at `variables` when none does (the form still misleads).
 */
function lintStatsMap(f: Findings, path: Path, variables: Obj): void {
  // As list items the entries must be lists of names (`- loss: [min]`; `- loss: mean` would be read letter by letter).
  const fixes = Object.values(variables).every(isNameList) ? mapToListFix(f.parsed, path) : undefined;
  const lost = Object.entries(variables).filter(([, v]) => !onlyMean(v));
  if (lost.length === 0) {
    f.add('warning', path, 'key', 'ComputeStats reads a map of variables as its keys only, so each gets just the mean — write a list: `- loss: [mean, std]`', fixes);
    return;
  }
  for (const [name, v] of lost) {
    const wanted = isNameList(v) ? v : typeof v === 'string' ? [v] : undefined;
    const advice = wanted ? `; write it as a list item to have ${wanted.length === 1 ? 'it' : 'them'}: \`- ${name}: ${flow(wanted)}\`` : '';
    f.add('warning', [...path, name], 'value', `ComputeStats ignores ${flow(v)} — \`variables\` given as a map is read by its keys only, so "${name}" gets just the mean${advice}`, fixes);
  }
}

// ---- eval blocks ----------------------------------------------------------------------------

function lintEvalBlock(f: Findings, config: Obj, stream: string, block: unknown): void {
  const at: Path = ['eval', stream];
  if (!isMapping(block)) return;
  for (const key of Object.keys(block)) {
    if (EVAL_KEYS.includes(key)) continue;
    const guess = suggest(key, EVAL_KEYS);
    f.add('warning', [...at, key], 'key', `emloop ignores "${key}" in an eval block — it reads ${EVAL_KEYS.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  for (const section of SECTIONS) {
    if (!(section in block)) continue;
    if (!(section in config)) {
      f.add(
        'error',
        [...at, section],
        'key',
        `eval.${stream} changes "${section}", which the base config does not have — \`emloop eval ${stream}\` fails with KeyError: '${section}'; add a top-level ${section} section (it may be empty: {})`,
      );
    } else if (!isMapping(config[section])) {
      f.add('error', [...at, section], 'key', `eval.${stream} changes "${section}", but the top-level ${section} is not a mapping — \`emloop eval ${stream}\` fails`);
    }
  }
  if (!('hooks' in block)) {
    f.add('info', at, 'key', `eval.${stream} has no hooks, so \`emloop eval ${stream}\` runs without any (the base hooks are not used)`);
  }
  const inherited = isMapping(config.main_loop) ? config.main_loop.on_incorrect_config : undefined;
  lintSections(f, block, at, inherited);
}

