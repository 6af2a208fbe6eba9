/**
 * `pipewright render` for valohai.yaml: the script an execution of one step runs, with
 * parameter values given as on the command line (each read as YAML 1.1, a repeated name makes a
 * list) — character for character what the platform renders.
 */
import type { ParsedDocument } from '../../contracts/document';
import type { RenderOutcome, RenderRequest } from '../../contracts/preview';
import type { PyValue } from './python/values';
import { defaultValues, parseUserValue, renderStep, stepsOf, validateParameterValue } from './render';

export function renderValohai(parsed: ParsedDocument, request: RenderRequest): RenderOutcome {
  const refuse = (message: string): RenderOutcome => ({ code: 2, command: [], script: '', warnings: [], errors: [message] });
  if (request.overrides.length > 0) return refuse('valohai.yaml takes no overrides; use --param NAME=VALUE');
  const steps = stepsOf(parsed);
  const known = steps.map((s) => `"${s.name}"`).join(', ') || 'none';
  if (request.unit === undefined && steps.length !== 1) return refuse(`Which step? Give --step NAME; steps: ${known}`);
  const step = request.unit === undefined ? steps[0] : steps.find((s) => s.name === request.unit);
  if (!step) return refuse(`no step "${request.unit}"; steps: ${known}`);

  const given = new Map<string, PyValue[]>();
  for (const [name, valueText] of request.params) {
    const parameter = step.parameters.find((p) => p.name === name);
    if (!parameter) return refuse(`Step "${step.name}" has no parameter "${name}"; its parameters: ${step.parameters.map((p) => p.name).join(', ') || 'none'}`);
    const read = parseUserValue(valueText);
    if ('error' in read) return refuse(`--param ${name}: ${read.error}`);
    given.set(name, [...(given.get(name) ?? []), read.value]);
  }
  const values = defaultValues(step);
  const warnings: string[] = [];
  for (const [name, list] of given) {
    const parameter = step.parameters.find((p) => p.name === name)!;
    const value: PyValue = list.length === 1 ? list[0] : { t: 'list', items: list };
    if (!parameter.multiple && value.t === 'list') return refuse(`Parameter "${name}" takes a single value (it is not \`multiple\`), but was given a list`);
    for (const message of validateParameterValue(parameter, value)) warnings.push(`parameter ${name}: ${message}`);
    values.set(name, value);
  }
  const result = renderStep(step, values, { command: request.commands });
  return {
    code: result.errors.length > 0 ? 1 : 0,
    command: result.command,
    script: result.script,
    warnings: [...warnings, ...result.warnings],
    errors: result.errors,
  };
}
