/**
 * `det experiment create ... --config key.path=value`: each value is read as YAML and merged into
 * the file's config (mappings merge key by key, anything else replaces), as the CLI does before
 * it submits the experiment.
 *
 * Usage: `effectiveConfig(parsed, { overrides: ['resources.slots_per_trial=4'] })`
 */
import { isMapping } from '../../guards';
import type { ParsedDocument } from '../../contracts/document';
import { parseText } from '../../document/parse';
import type { Path } from '../../contracts/path';
import type { EffectiveConfig, EffectiveRequest } from '../../contracts/preview';

export interface Override {
  path: string[];
  value: unknown;
}

/** One override line, or why the CLI would refuse it. */
export function parseOverride(line: string): { override?: Override; error?: string } {
  const eq = line.indexOf('=');
  if (eq < 0) return { error: `"${line}" is not key.path=value — add "=" and a value` };
  const path = line.slice(0, eq).trim().split('.');
  if (path.some((seg) => seg === '')) return { error: `"${line.slice(0, eq)}" is not a key path — use names separated by dots, like resources.slots_per_trial` };
  const read = parseText(line.slice(eq + 1), { version: '1.1', duplicateKeys: 'error' });
  const problem = read.diagnostics.find((d) => d.severity === 'error');
  if (!read.ok || problem) return { error: `the value of ${path.join('.')} is not valid YAML${problem ? `: ${problem.message}` : ''}` };
  return { override: { path, value: read.value === undefined ? null : read.value } };
}

/** `base` with `patch` merged in: mappings merge recursively, any other value replaces. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isMapping(base) || !isMapping(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? deepMerge(base[k], v) : structuredClone(v);
  return out;
}

/** The patch an override stands for: `{a: {b: value}}` for `a.b=value`. */
function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** The config with every well-formed override applied; `errors[i]` lists line i's problems. */
export function applyOverrides(value: unknown, lines: string[]): { value: unknown; changed: Path[]; errors: string[][] } {
  let config = isMapping(value) ? value : {};
  const changed: Path[] = [];
  const errors = lines.map((line) => {
    const { override, error } = parseOverride(line);
    if (!override) return [error!];
    config = deepMerge(config, nest(override.path, override.value)) as Record<string, unknown>;
    changed.push(override.path);
    return [];
  });
  return { value: config, changed, errors };
}

export function effectiveConfig(parsed: ParsedDocument, request: EffectiveRequest): EffectiveConfig {
  if (!parsed.ok) return { value: undefined, changed: [], errors: ['the file has YAML errors'] };
  const { value, changed, errors } = applyOverrides(parsed.value, request.overrides);
  const flat = errors.flat();
  return { value: flat.length > 0 ? undefined : value, changed, errors: flat };
}
