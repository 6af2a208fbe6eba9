/**
 * `pipewright render` for an emloop config.yaml: the command of one unit (train, resume,
 * `eval STREAM`) with the `key.path=value` lines given on the command line, and the effective
 * config it runs with. `eval STREAM` works for any stream, as emloop's own does: without an
 * `eval.STREAM` block the stream runs with the base configuration, and a warning says so.
 *
 * Usage: `renderEmloop(parsed, { unit: 'eval test', params: [], commands: [], overrides: ['model.lr=0.1'] })`
 */
import type { ParsedDocument } from '../../contracts/document';
import { NO_PREVIEW_INPUTS, type RenderOutcome, type RenderRequest } from '../../contracts/preview';
import { previewEmloop, previewUnit } from './preview';

const LABEL = 'emloop (config.yaml)';

export function renderEmloop(parsed: ParsedDocument, request: RenderRequest): RenderOutcome {
  const refuse = (message: string): RenderOutcome => ({ code: 2, command: [], script: '', warnings: [], errors: [message] });
  if (request.params.length > 0 || request.commands.length > 0) return refuse(`${LABEL} takes no --param or --command; give overrides as key.path=value`);
  const inputs = { ...NO_PREVIEW_INPUTS, fileName: request.fileName };
  const listed = previewEmloop(parsed, inputs).steps;
  const known = listed.map((u) => `"${u.name}"`).join(', ') || 'none';
  const name = request.unit ?? (listed.length === 1 ? listed[0].name : undefined);
  if (name === undefined) return refuse(`Which one? Give --unit NAME; units: ${known}`);
  const unit = previewUnit(parsed, { ...inputs, overrides: { [name]: request.overrides } }, name);
  if (!unit) return refuse(`no unit "${name}"; units: ${known}, or "eval STREAM" for any stream`);
  // A refused override is said once, with the line it is about.
  const overrideErrors = (unit.overrides?.errors ?? []).flatMap((list, i) => list.map((m) => ({ m, line: `override ${request.overrides[i] ?? i + 1}: ${m}` })));
  const errors = [...unit.errors.filter((e) => !overrideErrors.some((o) => o.m === e)), ...overrideErrors.map((o) => o.line)];
  return { code: errors.length > 0 ? 1 : 0, command: unit.command, script: unit.script, warnings: unit.warnings, errors, blocks: unit.blocks };
}
