/**
 * The command preview for valohai.yaml: for each step, a parameter form's model (every
 * parameter starting at its default, flags included, as the platform's execution form starts),
 * the rendered command with the spans each parameter produced, where inputs land, the
 * environment and the parameters file — all on top of render.ts, as plain data.
 *
 * A step's preview is cached by its definition and the values typed for it, so an edit
 * elsewhere in a long document hands back the very same objects for every other step.
 *
 * With a focus on a pipeline node (`inputs.focus`, e.g. the node selected in the graph), the
 * node's own unit comes first: its step with the node's `override` merged in, as the platform
 * runs it (named `<pipeline> › <node>`, typed values kept under that name). It is one unit,
 * computed on every call.
 *
 * Usage: `previewValohai(parsed, { values: { train: { lr: { kind: 'text', text: '0.1' } } }, env: {} })`
 */
import { asArray, isMapping } from '../../guards';
import { Document, isAlias, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import { locatePath } from '../../document/paths';
import type { Path } from '../../contracts/path';
import { LintContext, truthy } from './context';
import { buildModel, KINDS, type Definition } from './model';
import type { CommandPiece, FoldedStep, FoldedUnits, PreviewControl, PreviewInputs, PreviewModel, PreviewParam, PreviewValue, ShownPreview, StepPreview } from '../../contracts/preview';
import { shlexQuote } from './python/text';
import { executionLines } from './launchLines';
import { isSecretName, maskSecret, urlCredentials } from './secrets';
import { pyStr, pyTruthy, type PyValue } from './python/values';
import {
  convertParameterValue,
  defaultValues,
  environmentOf,
  formatParameter,
  inputsOf,
  parametersFile,
  renderStep,
  stepsOf,
  validateParameterValue,
  type Step,
  type StepParameter,
} from './render';

/** Anchors and aliases (as the incremental parser tells them). */
const ENTANGLED = /(?:^|[\s[\]{},])[&*][^\s[\]{},]/m;

const PLACEHOLDER = /\{([^\n]+?)\}/g;

export function controlOf(p: StepParameter): PreviewControl {
  if (p.type === 'flag') return 'flag';
  if (p.multiple) return 'list';
  if (p.choices) return 'choice';
  if (p.type === 'integer' || p.type === 'float') return p.type;
  return 'text';
}

/** A Python value as the form shows it. */
export function displayOf(p: StepParameter, control: PreviewControl, v: PyValue): PreviewValue {
  if (control === 'flag') return { kind: 'bool', value: v.t !== 'none' && pyTruthy(v) };
  if (v.t === 'none') return p.optional ? { kind: 'unset' } : control === 'list' ? { kind: 'list', items: [] } : { kind: 'text', text: '' };
  if (control === 'list') return { kind: 'list', items: (v.t === 'list' ? v.items : [v]).map(pyStr) };
  return { kind: 'text', text: pyStr(v) };
}

/** What the person typed as the Python value the platform receives (a text field gives text). */
function typedValue(value: PreviewValue): PyValue {
  switch (value.kind) {
    case 'unset':
      return { t: 'none' };
    case 'bool':
      return { t: 'bool', v: value.value };
    case 'list':
      return { t: 'list', items: value.items.map((text) => ({ t: 'str', v: text })) };
    default:
      return { t: 'str', v: value.text };
  }
}

function fits(control: PreviewControl, p: StepParameter, v: PreviewValue): boolean {
  if (v.kind === 'unset') return p.optional;
  if (control === 'flag') return v.kind === 'bool';
  if (control === 'list') return v.kind === 'list';
  return v.kind === 'text';
}

/** JSON, but with bigints as text: a cache key for a step's definition. */
function keyOf(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** Where each parameter's output sits in each rendered item, found left to right as the item's placeholders produce it. */
function piecesOf(step: Step, items: string[], merged: Map<string, PyValue>): CommandPiece[][] {
  const rendered = new Map<string, string>();
  for (const p of step.parameters) {
    try {
      const args = formatParameter(p, merged.get(p.name));
      if (args && args.length > 0) rendered.set(p.name, args.map(shlexQuote).join(' '));
    } catch {
      // The render reports it; nothing to point at.
    }
  }
  const names = new Set(step.parameters.map((p) => p.name));
  const templates = step.command.t === 'list' ? step.command.items : [step.command];
  return items.map((item, i) => {
    const template = templates[i];
    if (!template || template.t !== 'str') return [];
    const expected: [string, string][] = [];
    for (const m of template.v.matchAll(PLACEHOLDER)) {
      const inner = m[1];
      if (inner === 'parameters' || inner === 'params') {
        for (const p of step.parameters) if (rendered.has(p.name)) expected.push([p.name, rendered.get(p.name)!]);
      } else if (inner.startsWith('parameter:')) {
        const name = inner.slice('parameter:'.length);
        if (rendered.has(name)) expected.push([name, rendered.get(name)!]);
      } else if (inner.startsWith('parameter-value:')) {
        const name = inner.slice('parameter-value:'.length);
        const v = merged.get(name);
        if (names.has(name) && v !== undefined) expected.push([name, shlexQuote(pyStr(v))]);
      }
    }
    const pieces: CommandPiece[] = [];
    let from = 0;
    for (const [param, text] of expected) {
      if (text === '') continue;
      const at = item.indexOf(text, from);
      if (at < 0) continue;
      pieces.push({ start: at, end: at + text.length, param });
      from = at + text.length;
    }
    return pieces;
  });
}

function previewStep(step: Step, typed: Record<string, PreviewValue> | undefined, envTyped: Record<string, string> | undefined): StepPreview {
  return stepExecution(step, typed, envTyped).unit;
}

/**
 * One execution of a step with these typed values: its preview unit and the parameter values
 * it runs with (as Python values, defaults merged), for the lines that launch it.
 */
export function stepExecution(
  step: Step,
  typed: Record<string, PreviewValue> | undefined,
  envTyped: Record<string, string> | undefined,
  /** `lines: false` when the caller builds its own lines (a pipeline node) or needs none (the CLI report). */
  options: { lines?: boolean } = {},
): { unit: StepPreview; values: Map<string, PyValue> } {
  const values = defaultValues(step);
  const params: PreviewParam[] = step.parameters.map((p) => {
    const control = controlOf(p);
    const typedHere = typed && Object.hasOwn(typed, p.name) ? typed[p.name] : undefined;
    // A value typed for another kind of control (the parameter's type changed since) is ignored.
    const user = typedHere && fits(control, p, typedHere) ? typedHere : undefined;
    const raw = user ? typedValue(user) : p.default;
    if (user) values.set(p.name, convertParameterValue(p, raw));
    // An optional parameter may have no value; a flag with none is simply off.
    const errors = raw.t === 'none' && p.optional ? [] : validateParameterValue(p, raw);
    return {
      name: p.name,
      path: p.path,
      control,
      type: p.type,
      description: p.description,
      min: p.min.t === 'none' ? undefined : pyStr(p.min),
      max: p.max.t === 'none' ? undefined : pyStr(p.max),
      choices: control === 'choice' ? p.choices!.map(pyStr) : undefined,
      optional: p.optional,
      default: displayOf(p, control, p.default),
      value: user ?? displayOf(p, control, p.default),
      edited: user !== undefined,
      errors,
    };
  });
  const rendered = renderStep(step, values);
  const merged = new Map<string, PyValue>();
  for (const p of step.parameters) if (p.type !== 'flag' && p.default.t !== 'none') merged.set(p.name, p.default);
  for (const [k, v] of values) merged.set(k, v);
  const unit: StepPreview = {
    name: step.name,
    path: step.path,
    params,
    command: rendered.command,
    script: rendered.script,
    pieces: piecesOf(step, rendered.command, merged),
    warnings: rendered.warnings,
    errors: rendered.errors,
    commandNote: rendered.command.length > 1 ? LAST_COMMAND_DECIDES : undefined,
    // A password in an input's URL is not shown (the file's author should not have put it there: see lint).
    inputs: inputsOf(step).map((i) => ({
      name: i.name,
      directory: i.directory,
      files: i.files.map((f) => (urlCredentials(f.url) ? { ...f, url: maskSecret(f.url) } : f)),
      optional: i.optional,
      description: i.description,
    })),
    env: environmentOf(step).map((e) => {
      const edited = envTyped !== undefined && Object.hasOwn(envTyped, e.name);
      const secret = isSecretName(e.name) || undefined;
      return { name: e.name, value: edited ? envTyped[e.name] : e.value, default: e.value, edited, optional: e.optional, description: e.description, secret };
    }),
    envNotes: environmentNotes(step),
    parametersFile: parametersFile(step, values),
  };
  if (rendered.errors.length === 0 && options.lines !== false) {
    // Secrets stay out of the lines, as out of the preview: the shell passes them in.
    const env: Record<string, string> = {};
    for (const e of unit.env) if (e.value !== undefined && !e.secret) env[e.name] = e.value;
    const inputs = Object.fromEntries(step.inputs.map((i) => [i.name, i.defaults.filter((url) => !urlCredentials(url))]));
    const { lines, notes } = executionLines({ step, image: step.image, stepImage: step.image, values, inputs, env, script: unit.script, parametersFile: unit.parametersFile! });
    unit.lines = lines;
    if (notes.length > 0) unit.lineNotes = notes;
  }
  return { unit, values };
}

const LAST_COMMAND_DECIDES =
  'The items run one after another in one script; only the last one\'s exit status decides whether the execution succeeds (an earlier item that fails does not stop it).';

/** What the execution's environment holds besides the variables listed here. */
function environmentNotes(step: Step): string[] {
  const groups = step.environmentGroups;
  const notes: string[] = [];
  if (groups.length > 0) {
    const names = groups.map((g) => `"${g}"`).join(', ');
    notes.push(`The platform adds the variables of the environment variable group${groups.length > 1 ? 's' : ''} ${names}; their values are kept in the project, not in this file.`);
  }
  notes.push("The project's own environment variables are inherited when the execution asks for them; they are not in this file either.");
  return notes;
}

/** The last call's step previews by key: what lets an unchanged step keep its objects (and skip all work). */
let cache = new Map<string, StepPreview>();

/**
 * The same by the step's own mapping: IncrementalParser hands back the same object while the
 * step's text is unchanged, so a keystroke elsewhere in a 50,000-line file finds every other step
 * here without slicing and hashing its text. Valid only for the same place and typed values.
 */
const byStep = new WeakMap<object, { index: number; values: unknown; env: unknown; preview: StepPreview }>();

/**
 * The step items of the document with their source text, or undefined when steps cannot be told
 * apart by their own text (a name that is not text, or two steps with one name).
 */
function stepItems(parsed: ParsedDocument): { index: number; name: string; step: object; source: () => string }[] | undefined {
  const value = parsed.value;
  const contents = parsed.doc.contents;
  if (!Array.isArray(value) || !isSeq(contents) || contents.items.length !== value.length) return undefined;
  // An alias reaches into another item: then no step is known by its own text alone.
  if (ENTANGLED.test(parsed.text)) return undefined;
  const out: { index: number; name: string; step: object; source: () => string }[] = [];
  const names = new Set<string>();
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (!isMapping(item) || !('step' in item) || !isMapping(item.step)) continue;
    const name = item.step.name;
    const range = (contents.items[index] as { range?: [number, number, number] } | null)?.range;
    if (typeof name !== 'string' || names.has(name) || !range) return undefined;
    names.add(name);
    out.push({ index, name, step: item.step, source: () => parsed.text.slice(range[0], range[1]) });
  }
  return out;
}

export function previewValohai(parsed: ParsedDocument, inputs: PreviewInputs): PreviewModel;
export function previewValohai(parsed: ParsedDocument, inputs: PreviewInputs, folded: FoldedUnits): ShownPreview;
export function previewValohai(parsed: ParsedDocument, inputs: PreviewInputs, folded?: FoldedUnits): ShownPreview {
  if (!parsed.ok) return { steps: [] };
  const focus = inputs.focus ? focusUnit(parsed, inputs, inputs.focus) : undefined;
  const model = previewSteps(parsed, inputs, folded, focus ? 1 : 0);
  return focus ? { steps: [focus, ...model.steps] } : model;
}

/** Every step's preview, each unchanged one from the cache. */
/** The steps' previews; a step `folded` folds is its name only (`others`: how many more units the preview shows). */
function previewSteps(parsed: ParsedDocument, inputs: PreviewInputs, folded: FoldedUnits | undefined, others: number): ShownPreview {
  const next = new Map<string, StepPreview>();
  const keyFor = (index: number, name: string, source: string) => `${index}\0${source}\0${keyOf([inputs.values[name], inputs.env[name]])}`;
  const items = stepItems(parsed);
  if (items) {
    const fold = items.map((it) => folded?.(it.name, items.length + others) ?? false);
    const known = items.map((it, i) => {
      if (fold[i]) return undefined;
      const kept = byStep.get(it.step);
      return kept && kept.index === it.index && kept.values === inputs.values[it.name] && kept.env === inputs.env[it.name] ? kept.preview : undefined;
    });
    const keys = items.map((it, i) => (known[i] || fold[i] ? '' : keyFor(it.index, it.name, it.source())));
    const missing = items.filter((_, i) => !known[i] && !fold[i] && !cache.has(keys[i]));
    // Only the steps whose text or values changed are read: the others' items are left out.
    const sparse: unknown[] = (parsed.value as unknown[]).map(() => null);
    for (const it of missing) sparse[it.index] = (parsed.value as unknown[])[it.index];
    const read = missing.length ? new Map(stepsOf({ ...parsed, value: sparse }).map((s) => [s.name, s])) : new Map<string, Step>();
    const previews = items.map((it, i): StepPreview | FoldedStep =>
      fold[i] ? { name: it.name, path: [it.index, 'step'], folded: true } : (known[i] ?? cache.get(keys[i]) ?? previewStep(read.get(it.name)!, inputs.values[it.name], inputs.env[it.name])),
    );
    items.forEach((it, i) => {
      const preview = previews[i];
      if ('folded' in preview) return;
      byStep.set(it.step, { index: it.index, values: inputs.values[it.name], env: inputs.env[it.name], preview });
      if (!known[i]) next.set(keys[i], preview);
    });
    cache = next;
    return { steps: previews };
  }
  const steps = stepsOf(parsed);
  const previews = steps.map((step): StepPreview | FoldedStep => {
    if (folded?.(step.name, steps.length + others)) return { name: step.name, path: step.path, folded: true };
    const key = keyOf([step, inputs.values[step.name], inputs.env[step.name]]);
    const preview = next.get(key) ?? cache.get(key) ?? previewStep(step, inputs.values[step.name], inputs.env[step.name]);
    next.set(key, preview);
    return preview;
  });
  cache = next;
  return { steps: previews };
}

// ---- the focused pipeline node ------------------------------------------------------------

/** The step lists a node's override merges into its step item by item, by name. */
const MERGED_LISTS = ['parameters', 'inputs', 'environment-variables'];

/** Where the merged step's pieces come from, a collection node and its plain value side by side. */
interface Part {
  node: unknown;
  data: unknown;
}

function keyOfPair(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function itemName(item: unknown): string | undefined {
  if (!isMapping(item)) return undefined;
  const name = item.name;
  return typeof name === 'string' || typeof name === 'number' || typeof name === 'boolean' ? String(name) : undefined;
}

/**
 * A step list merged with the override's list of the same key, by name (valohai-yaml
 * `merge_dicts`): the step's items in order, each with the fields the override item of its name
 * gives laid over it, then the override's items the step does not have. (valohai-yaml's
 * `merge_simple` copies every attribute of the parsed override item, unset ones included; the
 * node template the platform builds from it keeps only the merged defaults, so the step's type
 * and pass-as still apply — hence field by field here.) `origins` says where each resulting item
 * is defined: the override item when there is one.
 */
function mergeList(doc: Document.Parsed, step: Part, stepPath: Path, over: Part, overPath: Path): { part: Part; origins: Path[] } {
  const deref = (n: unknown) => (isAlias(n) ? n.resolve(doc) : n);
  const stepSeq = deref(step.node);
  const overSeq = deref(over.node);
  const overItems = asArray(over.data);
  const overByName = new Map<string, number>();
  overItems.forEach((item, j) => {
    const name = itemName(item);
    if (name !== undefined) overByName.set(name, j);
  });
  const overNode = (j: number) => (isSeq(overSeq) ? deref(overSeq.items[j]) : null);
  const seq = new YAMLSeq();
  const data: unknown[] = [];
  const origins: Path[] = [];
  const push = (node: unknown, item: unknown, origin: Path) => {
    seq.items.push(node);
    data.push(item);
    origins.push(origin);
  };
  const inStep = new Set<string>();
  asArray(step.data).forEach((item, i) => {
    const name = itemName(item);
    const stepNode = isSeq(stepSeq) ? deref(stepSeq.items[i]) : null;
    const j = name === undefined ? undefined : overByName.get(name);
    if (name !== undefined) inStep.add(name);
    if (j === undefined) return push(stepNode, item, [...stepPath, i]);
    const given = overNode(j);
    const merged = new YAMLMap();
    if (isMap(stepNode) && isMap(given)) {
      const givenKeys = new Set(given.items.map(keyOfPair));
      merged.items = [...stepNode.items.filter((p) => !givenKeys.has(keyOfPair(p))), ...given.items];
    } else if (isMap(given)) merged.items = [...given.items];
    push(merged, { ...(item as Record<string, unknown>), ...(overItems[j] as Record<string, unknown>) }, [...overPath, j]);
  });
  overItems.forEach((item, j) => {
    const name = itemName(item);
    if (name !== undefined && !inStep.has(name) && overByName.get(name) === j) push(overNode(j), item, [...overPath, j]);
  });
  return { part: { node: seq, data }, origins };
}

/**
 * The step a pipeline node runs, as the platform runs it (valohai-yaml `Override.merge_with_step`):
 * the override's image and command replace the step's when given, its parameters, inputs and
 * environment variables are merged by name. Read by `stepsOf` from a stand-in document: the
 * original items (so aliases still resolve) followed by the merged step built from the original
 * YAML nodes (so values keep their exact Python types); paths then point back at the file.
 */
export function mergedStep(parsed: ParsedDocument, step: Definition, overridePath: Path, override: Record<string, unknown>): Step | undefined {
  const contents = parsed.doc.contents;
  const stepMap = locatePath(parsed.doc, step.path).node;
  if (!isSeq(contents) || !isMap(stepMap)) return undefined;
  const found = locatePath(parsed.doc, overridePath);
  const overMap = found.depth === overridePath.length && isMap(found.node) ? found.node : new YAMLMap();
  const overNode = (key: string) => overMap.items.find((p) => keyOfPair(p) === key)?.value;

  const replaced = new Map<string, Part>();
  for (const key of ['image', 'command']) if (truthy(override[key])) replaced.set(key, { node: overNode(key), data: override[key] });
  const origins = new Map<string, Path[]>();
  for (const key of MERGED_LISTS) {
    if (!(key in step.data) && !(key in override)) continue;
    const stepPart = { node: stepMap.items.find((p) => keyOfPair(p) === key)?.value, data: step.data[key] };
    const merged = mergeList(parsed.doc, stepPart, [...step.path, key], { node: overNode(key), data: override[key] }, [...overridePath, key]);
    replaced.set(key, merged.part);
    origins.set(key, merged.origins);
  }

  const map = new YAMLMap();
  const data: Record<string, unknown> = { ...step.data };
  map.items = stepMap.items.map((pair) => {
    const part = replaced.get(keyOfPair(pair) ?? '');
    return part ? new Pair(pair.key, part.node) : pair;
  });
  for (const [key, part] of replaced) {
    if (!map.items.some((p) => keyOfPair(p) === key)) map.items.push(new Pair(new Scalar(key), part.node));
    data[key] = part.data;
  }

  const at = (parsed.value as unknown[]).length;
  const seq = new YAMLSeq();
  seq.items = [...contents.items, new YAMLMap()];
  (seq.items[at] as YAMLMap).items.push(new Pair(new Scalar('step'), map));
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = seq as unknown as Document.Parsed['contents'];
  // Only the stand-in item is read: every original item is left out of the value.
  const value = [...(parsed.value as unknown[]).map(() => null), { step: data }];
  const [read] = stepsOf({ ...parsed, doc, value });
  if (!read) return undefined;
  const back = (path: Path): Path => origins.get(String(path[2]))?.[path[3] as number] ?? path;
  return {
    ...read,
    parameters: read.parameters.map((p) => ({ ...p, path: back(p.path) })),
    inputs: read.inputs.map((i) => ({ ...i, path: back(i.path) })),
    environmentVariables: read.environmentVariables.map((e) => ({ ...e, path: back(e.path) })),
  };
}

/** The unit of the pipeline node `focus` points at or into, when it runs a step of this file. */
function focusUnit(parsed: ParsedDocument, inputs: PreviewInputs, focus: Path): StepPreview | undefined {
  const [index, kind, nodes, n] = focus;
  if (!Array.isArray(parsed.value) || typeof index !== 'number' || nodes !== 'nodes' || typeof n !== 'number') return undefined;
  const item: unknown = parsed.value[index];
  if (!isMapping(item) || KINDS.find((k) => k in item) !== kind || (kind !== 'pipeline' && kind !== 'blueprint')) return undefined;
  const pipeline = item[kind];
  const node: unknown = isMapping(pipeline) ? asArray(pipeline.nodes)[n] : undefined;
  // With a commit, the step comes from another version of the file.
  if (!isMapping(pipeline) || !isMapping(node) || (node.type !== 'execution' && node.type !== 'task') || truthy(node.commit)) return undefined;
  const model = buildModel(new LintContext(parsed), parsed.value);
  const facts = [
    { label: 'Pipeline', value: itemName(pipeline) ?? '' },
    { label: 'Node', value: itemName(node) ?? '' },
  ];
  let stepName = node.step;
  if (node.type === 'task' && typeof node.task === 'string') {
    facts.push({ label: 'Task', value: node.task });
    stepName = model.tasks.get(node.task)?.data.step;
  }
  const step = typeof stepName === 'string' ? model.steps.get(stepName) : undefined;
  if (!step) return undefined;
  const nodePath = focus.slice(0, 4);
  const merged = mergedStep(parsed, step, [...nodePath, 'override'], isMapping(node.override) ? node.override : {});
  if (!merged) return undefined;
  const name = `${facts[0].value} › ${facts[1].value}`;
  facts.push({ label: 'Step', value: step.name });
  const { image } = isMapping(node.override) && truthy(node.override.image) ? node.override : step.data;
  if (typeof image === 'string') facts.push({ label: 'Image', value: image });
  return { ...previewStep(merged, inputs.values[name], inputs.env[name]), name, path: nodePath, facts };
}
