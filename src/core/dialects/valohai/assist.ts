/**
 * What completion and hover in a valohai.yaml know beyond the schema: the placeholders of a
 * step's command with THIS step's parameter names, the file's step and task names for pipeline
 * nodes, `node.kind.name` references for edges and pipeline parameter targets, images, and
 * snippets for whole items; environment variables and input sources are stepAssist.ts's.
 * Plain data in and out (see core/assist/types.ts).
 */
import { isMapping } from '../../guards';
import { escapeSnippet, newItemSequence, placeSnippet } from '../../assist/complete';
import { codeSpan, escapeMarkdown } from '../../assist/markdown';
import type { AssistContext, AssistHookInput, AssistHooks, Completion, Hover } from '../../contracts/assist';
import type { Path } from '../../contracts/path';
import { buildCommand, defaultValues, stepsOf } from './render';
import { scalarInsert, stepCompletions, stepHover } from './stepAssist';

type Obj = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const names = (v: unknown): string[] =>
  list(v)
    .map((x) => (isMapping(x) && (typeof x.name === 'string' || typeof x.name === 'number') ? String(x.name) : undefined))
    .filter((x): x is string => x !== undefined);

/** Images people commonly run ML steps in (offered after the file's own). */
export const COMMON_IMAGES = [
  'python:3.12',
  'python:3.11',
  'python:3.10',
  'tensorflow/tensorflow:2.16.1-gpu',
  'tensorflow/tensorflow:2.16.1',
  'pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime',
  'pytorch/pytorch:2.3.1-cuda11.8-cudnn8-runtime',
  'r-base:4.4.1',
];

function definitions(value: unknown, kind: string): Obj[] {
  return list(value)
    .map((item) => (isMapping(item) ? item[kind] : undefined))
    .filter(isMapping);
}

function reference(ctx: AssistContext, label: string, detail: string, sort: number, documentation?: string): Completion {
  return {
    label,
    kind: 'reference',
    detail,
    documentation,
    insertText: ctx.lead + escapeSnippet(scalarInsert(ctx, label)),
    range: ctx.word,
    sortText: `${sort}${label}`,
  };
}

// ---- command placeholders -------------------------------------------------------------

function commandCompletions(ctx: AssistContext, stepData: Obj): Completion[] {
  const before = ctx.text.slice(Math.max(0, ctx.offset - 200), ctx.offset);
  const m = /\{([\w:-]*)$/.exec(before);
  if (!m) return [];
  const start = ctx.offset - m[0].length;
  let end = ctx.offset;
  while (end < ctx.text.length && /[\w:-]/.test(ctx.text[end])) end++;
  if (ctx.text[end] === '}') end++;
  const params = names(stepData.parameters);
  const typed = m[1];
  const options: [string, string][] = [];
  if (!/^parameter(-value)?:/.test(typed)) options.push(['{parameters}', 'Every parameter, each as its `pass-as` says (`--name=value` by default)']);
  for (const name of params) {
    options.push([`{parameter:${name}}`, `Parameter ${codeSpan(name)} as its \`pass-as\` says (${codeSpan(`--${name}=value`)} by default)`]);
    options.push([`{parameter-value:${name}}`, `Only the value of parameter ${codeSpan(name)}`]);
  }
  const wanted = /^parameter-value:/.test(typed) ? '{parameter-value:' : /^parameter:/.test(typed) ? '{parameter:' : '{';
  return options
    .filter(([label]) => label.startsWith(wanted))
    .map(([label, documentation], i) => ({
      label,
      kind: 'reference' as const,
      detail: 'placeholder',
      documentation,
      insertText: escapeSnippet(label),
      range: [start, end] as [number, number],
      sortText: String(i).padStart(4, '0'),
      filterText: label,
    }));
}

// ---- pipeline references ---------------------------------------------------------------

function nodeReferences(ctx: AssistContext, pipeline: Obj, want: 'source' | 'target' | 'parameter'): Completion[] {
  const steps = new Map(definitions(ctx.value, 'step').map((s) => [String(s.name), s]));
  const tasks = new Map(definitions(ctx.value, 'task').map((t) => [String(t.name), t]));
  const out: Completion[] = [];
  for (const node of list(pipeline.nodes).filter(isMapping)) {
    if (typeof node.name !== 'string') continue;
    const stepName = node.type === 'task' ? tasks.get(String(node.step))?.step ?? node.step : node.step;
    const step = steps.get(String(stepName));
    const n = node.name;
    const params = names(step?.parameters);
    if (want === 'parameter') {
      params.forEach((p) => out.push(reference(ctx, `${n}.parameter.${p}`, 'node parameter', 0)));
      continue;
    }
    const outputs = [`${n}.output.*`, ...names(step?.outputs).map((o) => `${n}.output.${o}`)];
    const inputs = names(step?.inputs).map((i) => `${n}.input.${i}`);
    const parameters = params.map((p) => `${n}.parameter.${p}`);
    const first = want === 'source' ? outputs : inputs;
    const second = want === 'source' ? inputs : outputs;
    first.forEach((r) => out.push(reference(ctx, r, 'node reference', 0)));
    parameters.forEach((r) => out.push(reference(ctx, r, 'node parameter', 1)));
    second.forEach((r) => out.push(reference(ctx, r, 'node reference', 2)));
  }
  return out;
}

function pipelineCompletions(ctx: AssistContext, pipeline: Obj, rest: Path): Completion[] {
  const [section, , key, sub] = rest;
  if (section === 'nodes' && key === 'step' && rest.length === 3) {
    return definitions(ctx.value, 'step').map((s) => reference(ctx, String(s.name), 'step', 0, typeof s.description === 'string' ? escapeMarkdown(s.description) : undefined));
  }
  if (section === 'nodes' && key === 'task' && rest.length === 3) {
    return definitions(ctx.value, 'task').map((t) => reference(ctx, String(t.name), 'task', 0));
  }
  if (section === 'edges' && rest.length === 3) {
    const want = key === 'target' || key === 1 ? 'target' : 'source';
    return nodeReferences(ctx, pipeline, want);
  }
  if (section === 'parameters' && (key === 'target' || key === 'targets') && (rest.length === 3 || (rest.length === 4 && typeof sub === 'number'))) {
    return nodeReferences(ctx, pipeline, 'parameter');
  }
  return [];
}

// ---- images ----------------------------------------------------------------------------

function imageCompletions(ctx: AssistContext): Completion[] {
  const used = new Set<string>();
  for (const kind of ['step', 'endpoint']) for (const d of definitions(ctx.value, kind)) if (typeof d.image === 'string' && d.image) used.add(d.image);
  const out = [...used].map((image) => reference(ctx, image, 'used in this file', 0));
  for (const image of COMMON_IMAGES) if (!used.has(image)) out.push(reference(ctx, image, 'common image', 1));
  return out.map((c) => ({ ...c, kind: 'value' as const }));
}

function completions({ ctx }: AssistHookInput): Completion[] {
  if (ctx.kind !== 'value') return [];
  const [index, kind, ...rest] = ctx.path;
  const item = typeof index === 'number' ? list(ctx.value)[index] : undefined;
  const data = isMapping(item) && typeof kind === 'string' ? item[kind] : undefined;
  if (!isMapping(data)) return [];
  if (kind === 'step' && rest[0] === 'command') return commandCompletions(ctx, data);
  if ((kind === 'step' || kind === 'endpoint') && rest.length === 1 && rest[0] === 'image') return imageCompletions(ctx);
  if (kind === 'pipeline' || kind === 'blueprint') return pipelineCompletions(ctx, data, rest);
  return stepCompletions(ctx);
}

// ---- snippets --------------------------------------------------------------------------

const PARAMETER_SNIPPETS: [string, string][] = [
  ['string', 'name: ${1:name}\ntype: string\ndefault: ${2:text}'],
  ['integer', 'name: ${1:epochs}\ntype: integer\ndefault: ${2:10}\nmin: ${3:1}'],
  ['float', 'name: ${1:learning_rate}\ntype: float\ndefault: ${2:0.001}'],
  ['flag', 'name: ${1:verbose}\ntype: flag\ndefault: ${2|false,true|}'],
];

function snippet(ctx: AssistContext, label: string, body: string, documentation: string, sort: number): Completion {
  return { label, kind: 'snippet', detail: 'snippet', documentation, insertText: placeSnippet(ctx, body), range: ctx.word, sortText: `2${sort}`, filterText: label };
}

function snippets({ ctx }: AssistHookInput): Completion[] {
  const seq = newItemSequence(ctx);
  if (!seq) return [];
  if (seq.length === 0) {
    return [
      snippet(
        ctx,
        'step (snippet)',
        'step:\n  name: ${1:train}\n  image: ${2:python:3.12}\n  command: ${3:python train.py {parameters\\}}\n  parameters:\n    - name: ${4:epochs}\n      type: integer\n      default: ${5:10}',
        'A step with an image, a command and one parameter',
        0,
      ),
      snippet(
        ctx,
        'pipeline (snippet)',
        'pipeline:\n  name: ${1:train-and-evaluate}\n  nodes:\n    - name: ${2:train}\n      type: execution\n      step: ${3:train}\n    - name: ${4:evaluate}\n      type: execution\n      step: ${5:evaluate}\n  edges:\n    - [${2:train}.output.${6:*}, ${4:evaluate}.input.${7:model}]',
        'A pipeline with two nodes and an edge from the first to the second',
        1,
      ),
    ];
  }
  const [, kind, section] = seq;
  if (seq.length !== 3 || kind !== 'step') return [];
  if (section === 'parameters') {
    return PARAMETER_SNIPPETS.map(([type, body], i) => snippet(ctx, `${type} parameter`, body, `A parameter of type \`${type}\``, i));
  }
  if (section === 'inputs') return [snippet(ctx, 'input', 'name: ${1:dataset}\ndefault: ${2:s3://bucket/path/data.csv}', 'An input with a default URL', 0)];
  if (section === 'environment-variables') {
    return [snippet(ctx, 'environment variable', 'name: ${1:NAME}\ndefault: ${2:value}', 'An environment variable with a default', 0)];
  }
  return [];
}

// ---- hover -----------------------------------------------------------------------------

/** `{parameter:NAME}` / `{parameter-value:NAME}` under the cursor in a step's command: what it renders to with the defaults. */
function hover({ ctx }: AssistHookInput): Hover | undefined {
  const [index, kind, key] = ctx.path;
  if (kind !== 'step' || key !== 'command' || typeof index !== 'number') return stepHover(ctx);
  const lineStart = ctx.text.lastIndexOf('\n', ctx.offset - 1) + 1;
  let lineEnd = ctx.text.indexOf('\n', ctx.offset);
  if (lineEnd < 0) lineEnd = ctx.text.length;
  const line = ctx.text.slice(lineStart, lineEnd);
  const re = /\{(parameters|parameter(?:-value)?:[^{}\s]+)\}/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (ctx.offset < start || ctx.offset > end) continue;
    const step = stepsOf(ctx.parsed).find((s) => s.path[0] === index);
    if (!step) return undefined;
    let rendered: string;
    try {
      rendered = buildCommand(step, defaultValues(step), m[0]).command.join(' ');
    } catch (e) {
      rendered = '';
      return { range: [start, end], markdown: `${codeSpan(m[0])} cannot be rendered with the defaults: ${escapeMarkdown(e instanceof Error ? e.message : String(e))}` };
    }
    const name = /:(.+)$/.exec(m[1])?.[1];
    const known = name === undefined || step.parameters.some((p) => p.name === name);
    const text = known
      ? `${codeSpan(m[0])} renders as ${codeSpan(rendered || '(nothing)')} with the defaults`
      : `${codeSpan(m[0])}: step "${escapeMarkdown(step.name)}" has no parameter "${escapeMarkdown(String(name))}" — it renders as ${codeSpan(rendered)}`;
    return { range: [start, end], markdown: text };
  }
  return undefined;
}

export const valohaiAssist: AssistHooks = { completions, snippets, hover };
