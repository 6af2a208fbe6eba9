/**
 * The command's parameter placeholders against the step's parameters. The platform puts a
 * parameter on the command line only where the command says so: `{parameters}` / `{params}` (all
 * of them), `{parameter:NAME}` (that one as a flag) or `{parameter-value:NAME}` (its value alone).
 * - A parameter that none of these names is shown in the UI and can be set per run, and then does
 *   nothing to the command: a hint at its name says so.
 * - A placeholder naming no parameter of the step is left in the command exactly as written (the
 *   shell then sees `{parameter:lr}` as text): a warning at the name, with the nearest parameter
 *   as a quick fix.
 *
 * Beyond the platform's lint (it says nothing about either). A step without a command gets no
 * hint: the schema reports the missing command.
 *
 * Usage: `lintUnusedParameters(ctx, step)` and `lintUnknownPlaceholders(ctx, step)` from
 * lintValohai (for the steps that count); `commandReach` and `unusedParameterMessage` are shared
 * with symbols.ts.
 */
import { asArray, isMapping } from '../../guards';
import { suggest } from '../../schema/didYouMean';
import type { LintContext } from './context';
import type { Definition } from './model';
import { partRange, report } from './exactRanges';
import { effectiveParameters } from './parameters';

export const UNUSED_PARAMETER = 'unused-parameter';
export const UNKNOWN_PLACEHOLDER = 'unknown-parameter-placeholder';

/** The platform's placeholder pattern (render.ts): `{` + at least one character, no line break + `}`, non-greedy. */
const PLACEHOLDER = /\{([^\n]+?)\}/g;

export interface Placeholder {
  /** What is between the braces (`parameter:epochs`). */
  inner: string;
  /** Where the inner text starts in the item (just after the `{`). */
  at: number;
}

/** The placeholders of one command item, left to right, as the platform finds them. */
export function placeholders(item: string): Placeholder[] {
  return [...item.matchAll(PLACEHOLDER)].map((m) => ({ inner: m[1], at: m.index + 1 }));
}

/** The parameter a placeholder names (`{parameter:x}`, `{parameter-value:x}`), with where the name starts in the item. */
export function namedParameter(p: Placeholder): { name: string; at: number } | undefined {
  for (const prefix of ['parameter:', 'parameter-value:']) {
    if (p.inner.startsWith(prefix)) return { name: p.inner.slice(prefix.length), at: p.at + prefix.length };
  }
  return undefined;
}

/** A step's command as its text items (a string is one item), or undefined when it has none that is text. */
export function commandTexts(command: unknown): string[] | undefined {
  if (typeof command === 'string') return [command];
  if (!Array.isArray(command)) return undefined;
  return command.filter((c): c is string => typeof c === 'string');
}

/** Which parameters a command passes: all of them (`{parameters}`, `{params}`), or these by name. */
export function commandReach(items: readonly string[]): { all: boolean; names: Set<string> } {
  const names = new Set<string>();
  let all = false;
  for (const item of items) {
    for (const p of placeholders(item)) {
      if (p.inner === 'parameters' || p.inner === 'params') all = true;
      const named = namedParameter(p);
      if (named) names.add(named.name);
    }
  }
  return { all, names };
}

export function unusedParameterMessage(step: string, parameter: string): string {
  return (
    `The command of step "${step}" does not pass parameter "${parameter}" (it has no {parameter:${parameter}}, ` +
    `{parameter-value:${parameter}} or {parameters}), so a value set for it never reaches the command line: ` +
    `add {parameter:${parameter}} or {parameters} to the command, or remove the parameter`
  );
}

export function lintUnusedParameters(ctx: LintContext, step: Definition): void {
  const items = commandTexts(step.data.command);
  if (items === undefined) return;
  const reach = commandReach(items);
  if (reach.all) return;
  const list = asArray(step.data.parameters);
  for (const [name, index] of effectiveParameters(step.data.parameters)) {
    if (reach.names.has(name) || !isMapping(list[index])) continue;
    const path = [...step.path, 'parameters', index, 'name'];
    report(ctx, { severity: 'hint', path, range: ctx.rangeOf(path, 'value'), message: unusedParameterMessage(step.name, name), code: UNUSED_PARAMETER });
  }
}

export function lintUnknownPlaceholders(ctx: LintContext, step: Definition): void {
  const command = step.data.command;
  const items = typeof command === 'string' ? [{ item: command, path: [...step.path, 'command'] }] : asArray(command).map((item, i) => ({ item, path: [...step.path, 'command', i] }));
  const names = [...effectiveParameters(step.data.parameters).keys()];
  for (const { item, path } of items) {
    if (typeof item !== 'string') continue;
    for (const p of placeholders(item)) {
      const named = namedParameter(p);
      if (!named || names.includes(named.name)) continue;
      const { range, exact } = partRange(ctx, path, named.at, named.at + named.name.length);
      const meant = suggest(named.name, names);
      const written = `{${p.inner}}`;
      const prefix = p.inner.slice(0, p.inner.length - named.name.length);
      report(ctx, {
        severity: 'warning',
        path,
        range,
        message:
          `${written} names no parameter of step "${step.name}", so the command keeps it as written` +
          (meant ? `: did you mean "${meant}"?` : names.length ? ` (its parameters: ${names.join(', ')})` : ' (the step has no parameters)'),
        code: UNKNOWN_PLACEHOLDER,
        ...(meant && exact ? { fixes: [{ title: `Change to {${prefix}${meant}}`, edits: [{ offset: range[0], length: range[1] - range[0], insert: meant }] }] } : {}),
      });
    }
  }
}
