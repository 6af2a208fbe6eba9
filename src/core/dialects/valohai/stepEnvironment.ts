/**
 * Lint of a step's environment variables beyond what the platform checks: files that are valid
 * but will not do what their author meant.
 *
 * - a near miss of an agent variable (`VH_CLEEN`): the agent never sees it (warning, rename fix);
 * - `export VH_CLEAN=1` in the command: the agent acted before the command ran (warning, at the
 *   exact text when the command's source maps onto its value, else on the whole command item);
 * - `optional: true` on a variable: that is already the default (hint, remove fix) — unlike an
 *   input's `optional`, whose default is false (docs/valohai.md, input-item vs
 *   environment-variable-item);
 * - a secret written into the file: a default for a secret-looking name, or a URL with a
 *   password, since the file goes into git (warning).
 *
 * Usage: `lintStepEnvironment(ctx, step)` from lintValohai.
 */
import { isMap, isScalar, type Node } from 'yaml';
import { asArray, isMapping } from '../../guards';
import { locatePath } from '../../document/paths';
import type { Path } from '../../contracts/path';
import type { Fix } from '../../contracts/diagnostics';
import type { LintContext } from './context';
import type { Definition } from './model';
import { agentVariable, misspeltAgentVariable } from './agentVariables';
import { partRange, report } from './exactRanges';
import { sourceRange } from '../../document/scalarSource';
import { isSecretName, urlCredentials } from './secrets';

export const SECRET_ADVICE = "the file goes into git, so anyone who can read the repository can read it: set the value in the project's environment variables (marked secret) instead";

export function lintStepEnvironment(ctx: LintContext, step: Definition): void {
  const variables = asArray(step.data['environment-variables']);
  variables.forEach((item, index) => {
    if (isMapping(item)) lintVariable(ctx, [...step.path, 'environment-variables', index], item);
  });
  const command = step.data.command;
  if (typeof command === 'string') lintCommandExports(ctx, [...step.path, 'command'], command);
  else asArray(command).forEach((c, i) => typeof c === 'string' && lintCommandExports(ctx, [...step.path, 'command', i], c));
}

function lintVariable(ctx: LintContext, path: Path, item: Record<string, unknown>): void {
  const name = item.name;
  if (typeof name === 'string') {
    const meant = misspeltAgentVariable(name);
    if (meant) {
      const range = sourceRange(ctx.parsed, [...path, 'name'], 0, name.length);
      const fixes: Fix[] = range ? [{ title: `Rename to ${meant}`, edits: [{ offset: range[0], length: range[1] - range[0], insert: meant }] }] : [];
      report(ctx, {
        severity: 'warning',
        path: [...path, 'name'],
        range: range ?? ctx.rangeOf([...path, 'name'], 'value'),
        message: `The Valohai agent reads no variable \`${name}\`; did you mean \`${meant}\`? As written, the setting has no effect.`,
        code: 'agent-variable-typo',
        fixes,
      });
    }
  }
  if (item.optional === true) optionalHint(ctx, [...path, 'optional']);
  const value = item.default;
  if (typeof value !== 'string' || value === '') return;
  if (typeof name === 'string' && isSecretName(name)) {
    report(ctx, {
      severity: 'warning',
      path: [...path, 'default'],
      range: ctx.rangeOf([...path, 'default'], 'value'),
      message: `\`${name}\` looks like a secret and has its value written here; ${SECRET_ADVICE}.`,
      code: 'secret-in-file',
    });
  } else credentialsInUrl(ctx, [...path, 'default'], value, 'This default');
}

/** Warn when the URL at `path` carries a user and password, at exactly that part when it can. */
export function credentialsInUrl(ctx: LintContext, path: Path, url: string, subject: string): void {
  const credentials = urlCredentials(url);
  if (!credentials) return;
  report(ctx, {
    severity: 'warning',
    path,
    range: partRange(ctx, path, credentials.start, credentials.end).range,
    message: `${subject} has a user and password in its URL; ${SECRET_ADVICE}, or connect the store to the project so its credentials stay in the project's settings.`,
    code: 'secret-in-file',
  });
}

function optionalHint(ctx: LintContext, path: Path): void {
  const found = locatePath(ctx.parsed.doc, path);
  const key = found.pair?.key as Node | undefined;
  if (!key?.range || !isScalar(key)) return;
  report(ctx, {
    severity: 'hint',
    path,
    range: [key.range[0], ((found.node as Node | undefined)?.range ?? key.range)[1]],
    message: 'Environment variables are optional by default, so `optional: true` changes nothing; only `optional: false` makes one required.',
    code: 'default-optional',
    fixes: removeLineFix(ctx, path),
  });
}

/** Deleting the `optional: true` line, when the pair has a line of its own in a block mapping. */
function removeLineFix(ctx: LintContext, path: Path): Fix[] {
  const text = ctx.parsed.text;
  const found = locatePath(ctx.parsed.doc, path);
  const parent = found.parent?.node;
  const key = found.pair?.key as Node | undefined;
  const value = found.node as Node | undefined;
  if (!isMap(parent) || parent.flow || !key?.range || !value?.range || parent.items.length < 2) return [];
  const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  if (text.slice(lineStart, key.range[0]).trim() !== '') return [];
  let lineEnd = text.indexOf('\n', value.range[1]);
  if (lineEnd < 0) lineEnd = text.length;
  if (!/^\s*(#.*)?$/.test(text.slice(value.range[1], lineEnd))) return [];
  return [{ title: 'Remove `optional: true`', edits: [{ offset: lineStart, length: Math.min(lineEnd + 1, text.length) - lineStart, insert: '' }] }];
}

/** `export NAME` (with an optional `=value`) at the start of a shell word. */
const EXPORT = /(^|[\s;&|(`])(export\s+([A-Za-z_][A-Za-z0-9_]*)(=(?:"[^"]*"|'[^']*'|[^\s;&|)]*))?)/g;

function lintCommandExports(ctx: LintContext, path: Path, command: string): void {
  for (const m of command.matchAll(EXPORT)) {
    const name = m[3];
    if (!agentVariable(name)) continue;
    const start = m.index + m[1].length;
    const { range, exact } = partRange(ctx, path, start, start + m[2].length);
    const where = exact ? '' : ` (\`export ${name}\` in this command)`;
    report(ctx, {
      severity: 'warning',
      path,
      range,
      message: `Exporting \`${name}\` in the command has no effect${where}: the Valohai agent reads it before the command runs. Declare it under the step's \`environment-variables\` instead.`,
      code: 'agent-variable-export',
    });
  }
}
