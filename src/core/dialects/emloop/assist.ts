/**
 * What completion and hover in an emloop config.yaml know beyond the schema: the standard hook
 * names where a hook item goes (as a list item or as the key of `- Name: {...}`), each hook's
 * arguments inside its map with their types and defaults, the allowed values of an argument,
 * and a hover on a hook name or argument that says what it does. Plain data in and out.
 */
import { escapeSnippet } from '../../assist/complete';
import { escapeMarkdown } from '../../assist/markdown';
import type { AssistContext, AssistHookInput, AssistHooks, Completion, Hover } from '../../contracts/assist';
import { locatePath } from '../../document/paths';
import { renderScalar } from '../../document/scalar';
import type { Path } from '../../contracts/path';
import { ALL_HOOKS, configName, describeArg, findHook, hookMarkdown, type HookArg, type HookInfo } from './hooks';

/** The hooks list a path is in: `hooks`, `eval.<stream>.hooks` or the legacy `predict.hooks`. */
function isHooksList(path: Path): boolean {
  if (path[path.length - 1] !== 'hooks') return false;
  return path.length === 1 || (path.length === 3 && path[0] === 'eval') || (path.length === 2 && path[0] === 'predict');
}

/** `[..hooks, i]`: the place of one hook item. */
const isHookItem = (path: Path) => typeof path[path.length - 1] === 'number' && isHooksList(path.slice(0, -1));

function scalarText(ctx: AssistContext, v: unknown): string {
  try {
    return renderScalar(v, { version: ctx.version }).source;
  } catch {
    return String(v);
  }
}

/** The arguments a new `Name:` map starts with: the required ones, and StopAfter's epochs. */
function startingArgs(info: HookInfo): HookArg[] {
  const required = info.args.filter((a) => a.required);
  if (info.name === 'StopAfter') return info.args.filter((a) => a.name === 'epochs');
  return required;
}

function hookCompletions(ctx: AssistContext, as: 'value' | 'key' | 'item'): Completion[] {
  return ALL_HOOKS.map((info, i) => {
    const name = configName(info);
    let body = escapeSnippet(name);
    const args = startingArgs(info);
    if (as !== 'value' && !ctx.hasColon && args.length > 0) {
      const pad = ' '.repeat(ctx.column + (as === 'item' ? 2 : 0)) + ctx.indentUnit;
      body += ':' + args.map((a, n) => `\n${pad}${a.name}: \${${n + 1}}`).join('');
    }
    return {
      label: name,
      kind: 'value' as const,
      detail: `${info.package} hook${info.base ? ' (base class)' : ''} — ${info.help}`,
      documentation: hookMarkdown(info),
      insertText: (as === 'item' ? '- ' : as === 'value' ? ctx.lead : '') + body,
      range: ctx.word,
      sortText: `${info.base ? 2 : info.package === 'emloop' ? 0 : 1}${String(i).padStart(3, '0')}`,
      filterText: as === 'item' ? `- ${name}` : name,
    };
  });
}

function argumentCompletions(ctx: AssistContext, info: HookInfo): Completion[] {
  return info.args
    .filter((a) => !ctx.existingKeys.includes(a.name))
    .map((a, i) => {
      const value = a.enum ? `\${1|${a.enum.map((v) => scalarText(ctx, v).replace(/[,|\\$}]/g, '\\$&')).join(',')}|}` : a.required || a.default === null || a.default === undefined ? '${1}' : `\${1:${escapeSnippet(scalarText(ctx, a.default))}}`;
      return {
        label: a.name,
        kind: 'key' as const,
        detail: `${a.type}${a.required ? ' (required)' : a.injected ? ' (passed by emloop)' : ''} — ${a.help}`,
        documentation: `${describeArg(a)}\n\n${a.help}`,
        insertText: ctx.hasColon ? a.name : `${a.name}: ${value}`,
        range: ctx.word,
        sortText: `${a.required ? 0 : a.injected ? 2 : 1}${String(i).padStart(3, '0')}`,
      };
    });
}

function valueCompletions(ctx: AssistContext, arg: HookArg): Completion[] {
  const values: unknown[] = arg.enum ?? (arg.type === 'boolean' ? [true, false] : []);
  return values.map((v, i) => ({
    label: String(v),
    kind: 'value' as const,
    detail: v === arg.default ? 'default' : arg.type,
    documentation: arg.help,
    insertText: ctx.lead + escapeSnippet(scalarText(ctx, v)),
    range: ctx.word,
    sortText: `${v === arg.default ? 0 : 1}${String(i).padStart(3, '0')}`,
    preselect: v === arg.default || undefined,
  }));
}

function completions({ ctx }: AssistHookInput): Completion[] {
  const { path } = ctx;
  if (ctx.kind === 'item' && isHooksList(path)) return hookCompletions(ctx, 'item');
  if (isHookItem(path) && ctx.kind === 'value') return hookCompletions(ctx, 'value');
  if (isHookItem(path) && ctx.kind === 'key' && ctx.existingKeys.length === 0) return hookCompletions(ctx, 'key');
  const n = path.length;
  if (ctx.kind === 'key' && n >= 2 && isHookItem(path.slice(0, -1)) && typeof path[n - 1] === 'string') {
    const info = findHook(String(path[n - 1]));
    return info ? argumentCompletions(ctx, info) : [];
  }
  if (ctx.kind === 'value' && n >= 3 && isHookItem(path.slice(0, -2))) {
    const arg = findHook(String(path[n - 2]))?.args.find((a) => a.name === path[n - 1]);
    return arg ? valueCompletions(ctx, arg) : [];
  }
  return [];
}

function hover({ ctx }: AssistHookInput): Hover | undefined {
  const { path } = ctx;
  const found = locatePath(ctx.parsed.doc, path);
  const keyRange = (found.pair?.key as { range?: [number, number, number] } | null | undefined)?.range;
  if (ctx.kind === 'value' && isHookItem(path) && typeof found.node === 'object' && found.node && 'value' in found.node) {
    const info = findHook(String((found.node as { value: unknown }).value));
    const r = (found.node as { range?: [number, number, number] }).range;
    return info && r ? { range: [r[0], r[1]], markdown: hookMarkdown(info) } : undefined;
  }
  if (ctx.kind !== 'key' || !keyRange) return undefined;
  const n = path.length;
  if (isHookItem(path.slice(0, -1))) {
    const info = findHook(String(path[n - 1]));
    return info ? { range: [keyRange[0], keyRange[1]], markdown: hookMarkdown(info) } : undefined;
  }
  if (n >= 3 && isHookItem(path.slice(0, -2))) {
    const info = findHook(String(path[n - 2]));
    const arg = info?.args.find((a) => a.name === path[n - 1]);
    if (info && arg) return { range: [keyRange[0], keyRange[1]], markdown: `**${arg.name}** — argument of ${info.name}\n\n${describeArg(arg)}\n\n${arg.help}` };
    if (info) return { range: [keyRange[0], keyRange[1]], markdown: `**${escapeMarkdown(String(path[n - 1]))}** — not an argument of ${info.name}; emloop warns and ignores it.` };
  }
  return undefined;
}

export const emloopAssist: AssistHooks = { completions, hover };
