/**
 * Lint of a step's input sources beyond the platform's own checks: a `default` URL the
 * platform cannot fetch (see inputSources.ts) and one that carries a password (secrets.ts).
 * Each finding is at the part of the URL it is about; a default may be one URL or a list.
 *
 * Usage: `lintStepInputs(ctx, step)` from lintValohai.
 */
import { asArray, isMapping } from '../../guards';
import type { Path } from '../../contracts/path';
import type { LintContext } from './context';
import type { Definition } from './model';
import { partRange, report } from './exactRanges';
import { sourceRange } from '../../document/scalarSource';
import { sourceProblem } from './inputSources';
import { credentialsInUrl } from './stepEnvironment';

export function lintStepInputs(ctx: LintContext, step: Definition): void {
  asArray(step.data.inputs).forEach((input, index) => {
    if (!isMapping(input)) return;
    const path: Path = [...step.path, 'inputs', index, 'default'];
    const value = input.default;
    const name = typeof input.name === 'string' ? `Input "${input.name}"` : 'This input';
    if (typeof value === 'string') lintSource(ctx, path, value, name);
    else if (Array.isArray(value)) value.forEach((url, i) => typeof url === 'string' && lintSource(ctx, [...path, i], url, name));
  });
}

function lintSource(ctx: LintContext, path: Path, url: string, subject: string): void {
  credentialsInUrl(ctx, path, url, subject);
  const problem = sourceProblem(url);
  if (!problem) return;
  const exact = sourceRange(ctx.parsed, path, problem.start, problem.end);
  const fix = problem.fix && exact ? [{ title: problem.fix.title, edits: [{ offset: exact[0], length: exact[1] - exact[0], insert: problem.fix.insert }] }] : undefined;
  report(ctx, {
    severity: 'warning',
    path,
    range: exact ?? partRange(ctx, path, 0, url.length).range,
    message: `${subject}: ${problem.message}`,
    code: 'input-source',
    fixes: fix,
  });
}
