/**
 * Completion and hover for a step's environment variables and input sources: the Valohai
 * agent's own variables (names, what they do, the values that turn them on) and the sources an
 * input's `default` can be fetched from.
 *
 * Usage (from assist.ts): `stepCompletions(ctx)` → Completion[]; `stepHover(ctx)` → Hover | undefined
 */
import { isScalar, type Node } from 'yaml';
import { isMapping } from '../../guards';
import { escapeSnippet } from '../../assist/complete';
import { codeSpan, escapeMarkdown } from '../../assist/markdown';
import type { AssistContext, Completion, Hover } from '../../contracts/assist';
import type { Path } from '../../contracts/path';
import { locatePath } from '../../document/paths';
import { renderScalar } from '../../document/scalar';
import { AGENT_VARIABLES, agentVariable, misspeltAgentVariable, switchReading, SWITCH_ON_WORDS, type AgentVariable } from './agentVariables';
import { inputSourcesMarkdown, sourceProblem } from './inputSources';

type Obj = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Source text that inserts `s` as text (quoted when it would read as something else). */
export function scalarInsert(ctx: AssistContext, s: string): string {
  if (ctx.inString) return s;
  try {
    return renderScalar(s, { version: ctx.version }).source;
  } catch {
    return JSON.stringify(s);
  }
}

/** The step-level section and item the path is in: `[i, 'step', section, j, ...rest]`. */
function stepPlace(ctx: AssistContext): { step: Obj; section: string; item: Obj; rest: Path } | undefined {
  const [index, kind, section, j, ...rest] = ctx.path;
  if (kind !== 'step' || typeof index !== 'number' || typeof section !== 'string' || typeof j !== 'number') return undefined;
  const entry = list(ctx.value)[index];
  const step = isMapping(entry) ? entry.step : undefined;
  if (!isMapping(step)) return undefined;
  const item = list(step[section])[j];
  return isMapping(item) ? { step, section, item, rest } : undefined;
}

function describeVariable(v: AgentVariable): string {
  const values = v.kind === 'switch' ? `On when set to ${SWITCH_ON_WORDS}.` : `For example ${v.values.map(([x]) => codeSpan(x)).join(' or ')}.`;
  return `${escapeMarkdown(v.meaning)} ${values}\n\nRead by the Valohai agent before the execution starts, so it works only when declared here, not exported in the command.`;
}

export function stepCompletions(ctx: AssistContext): Completion[] {
  const place = stepPlace(ctx);
  if (ctx.kind !== 'value' || !place || place.section !== 'environment-variables' || place.rest.length !== 1) return [];
  const insert = (label: string) => ctx.lead + escapeSnippet(scalarInsert(ctx, label));
  if (place.rest[0] === 'name') {
    const declared = new Set(list(place.step['environment-variables']).map((x) => (isMapping(x) && x !== place.item ? x.name : undefined)));
    return AGENT_VARIABLES.filter((v) => !declared.has(v.name)).map((v, i) => ({
      label: v.name,
      kind: 'value' as const,
      detail: 'Valohai agent setting',
      documentation: describeVariable(v),
      insertText: insert(v.name),
      range: ctx.word,
      sortText: `1${i}`,
    }));
  }
  const variable = place.rest[0] === 'default' && typeof place.item.name === 'string' ? agentVariable(place.item.name) : undefined;
  if (!variable) return [];
  return variable.values.map(([value, what], i) => ({
    label: value,
    kind: 'value' as const,
    detail: what,
    insertText: insert(value),
    range: ctx.word,
    sortText: `0${i}`,
  }));
}

/** The range of the scalar under the cursor (value hovers) or of the key (key hovers). */
function hoverRange(ctx: AssistContext): [number, number] | undefined {
  const found = locatePath(ctx.parsed.doc, ctx.path);
  const node = (ctx.kind === 'key' ? found.pair?.key : found.node) as Node | null | undefined;
  if (!isScalar(node) || !node.range || ctx.offset < node.range[0] || ctx.offset > node.range[1]) return undefined;
  return [node.range[0], node.range[1]];
}

function variableHover(ctx: AssistContext, item: Obj, key: unknown): string | undefined {
  const name = item.name;
  if (typeof name !== 'string' || ctx.kind !== 'value') return undefined;
  const variable = agentVariable(name);
  if (key === 'name') {
    if (variable) return `**${escapeMarkdown(name)}** — ${describeVariable(variable)}`;
    const meant = misspeltAgentVariable(name);
    return meant ? `The Valohai agent reads no variable ${codeSpan(name)}; did you mean ${codeSpan(meant)}?` : undefined;
  }
  if (key !== 'default' || variable?.kind !== 'switch' || typeof item.default !== 'string') return undefined;
  const value = codeSpan(item.default);
  const reading = switchReading(item.default);
  if (reading === 'on') return `${value} turns ${codeSpan(name)} on.`;
  if (reading === 'case') return `The documented values that turn ${codeSpan(name)} on are ${SWITCH_ON_WORDS}, in lower case; write ${codeSpan(item.default.toLowerCase())} to be sure.`;
  return `${value} leaves ${codeSpan(name)} off: only ${SWITCH_ON_WORDS} turn it on.`;
}

function inputDefaultHover(ctx: AssistContext, item: Obj, rest: Path): string | undefined {
  if (rest[0] !== 'default' || rest.length > 2) return undefined;
  if (ctx.kind === 'key') return rest.length === 1 ? `**default** — where the input's files come from unless the execution names other sources.\n\n${inputSourcesMarkdown()}` : undefined;
  const url = rest.length === 1 ? item.default : list(item.default)[rest[1] as number];
  if (typeof url !== 'string') return undefined;
  const problem = sourceProblem(url);
  return problem ? `⚠ ${problem.message}\n\n${inputSourcesMarkdown()}` : inputSourcesMarkdown();
}

export function stepHover(ctx: AssistContext): Hover | undefined {
  const place = stepPlace(ctx);
  if (!place) return undefined;
  const range = hoverRange(ctx);
  if (!range) return undefined;
  let markdown: string | undefined;
  if (place.section === 'environment-variables' && place.rest.length === 1) markdown = variableHover(ctx, place.item, place.rest[0]);
  if (place.section === 'inputs') markdown = inputDefaultHover(ctx, place.item, place.rest);
  return markdown ? { range, markdown } : undefined;
}
