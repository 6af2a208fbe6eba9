/**
 * What the Determined master and CLI reject (or warn about) beyond the schema: removed searchers,
 * the time budget adaptive searchers need, KEY=VALUE environment variables, `resources.slots`,
 * a missing entrypoint, deprecated searcher fields. Each finding sits on the key or value it is
 * about. Rules read the value defensively: they run even when the schema found errors.
 *
 * Usage: `lintDetermined(parsed)` → diagnostics with source 'lint'
 */
import { isMapping } from '../../guards';
import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import { rangeOfPath } from '../../document/paths';
import type { Diagnostic, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';

export const REMOVED_SEARCHERS = ['custom', 'adaptive', 'adaptive_simple', 'sync_halving'];
const NEEDS_TIME_BUDGET = ['adaptive_asha', 'async_halving'];
const NEEDS_MAX_TRIALS = ['random', 'adaptive_asha', 'async_halving'];
const ENV_ENTRY = /^[^=\s]+=/;

class Findings {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly parsed: ParsedDocument) {}

  add(severity: Severity, code: string, path: Path, message: string, part: 'key' | 'value' = 'value', range?: [number, number]): void {
    this.diagnostics.push({ severity, code, source: 'lint', path, message, range: range ?? rangeOfPath(this.parsed.doc, path, part) });
  }
}

/** The first top-level key: where a finding about the whole file is shown. */
function firstKeyRange(parsed: ParsedDocument): [number, number] {
  const root = parsed.doc.contents as Node | null;
  const key = isMap(root) ? root.items[0]?.key : undefined;
  return isScalar(key) && key.range ? [key.range[0], key.range[1]] : [0, 0];
}

function lintSearcher(f: Findings, searcher: Record<string, unknown>): void {
  const name = searcher.name;
  if (typeof name !== 'string') return;
  if (REMOVED_SEARCHERS.includes(name)) {
    f.add('error', 'removed-searcher', ['searcher', 'name'], `The "${name}" searcher has been removed and is not accepted for new experiments — use adaptive_asha, random, grid or single`);
    return;
  }
  const missing = (keys: string[]) => keys.filter((k) => searcher[k] === undefined || searcher[k] === null);
  const budget = NEEDS_TIME_BUDGET.includes(name) ? missing(['time_metric', 'max_time']) : [];
  if (budget.length > 0) {
    f.add('error', 'searcher-time-budget', ['searcher'], `The ${name} searcher needs ${budget.map((k) => `"${k}"`).join(' and ')} (the metric that counts training progress and how much of it the best trials get)`, 'key');
  }
  const trials = NEEDS_MAX_TRIALS.includes(name) ? missing(['max_trials']) : [];
  if (trials.length > 0) f.add('error', 'searcher-max-trials', ['searcher'], `The ${name} searcher needs "max_trials" (how many trials to create at most)`, 'key');
  if (missing(['metric']).length > 0) f.add('error', 'searcher-metric', ['searcher'], 'The searcher needs "metric": the validation metric it compares trials by', 'key');
  if ('max_length' in searcher) {
    f.add('warning', 'deprecated', ['searcher', 'max_length'], '"max_length" is deprecated: the training code now decides how long to train (and reports progress); the master only logs a warning', 'key');
  }
  if ('stop_once' in searcher) f.add('warning', 'deprecated', ['searcher', 'stop_once'], '"stop_once" is deprecated and only logs a warning on the master', 'key');
}

function lintVariables(f: Findings, list: unknown, path: Path): void {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (typeof entry === 'string' && !ENV_ENTRY.test(entry)) {
      f.add('error', 'env-format', [...path, i], `"${entry}" is not KEY=VALUE — the container would not get this variable; write it as ${entry.trim() || 'NAME'}=value`);
    }
  });
}

export function lintDetermined(parsed: ParsedDocument): Diagnostic[] {
  const f = new Findings(parsed);
  const config = parsed.value;
  if (!isMapping(config)) return f.diagnostics;
  if (config.entrypoint === undefined || config.entrypoint === null) {
    const path: Path = 'entrypoint' in config ? ['entrypoint'] : [];
    f.add('error', 'missing-entrypoint', path, 'Managed experiments require an entrypoint — add e.g. `entrypoint: python3 train.py`', 'key', path.length ? undefined : firstKeyRange(parsed));
  }
  if (isMapping(config.searcher)) lintSearcher(f, config.searcher);
  if (isMapping(config.resources) && 'slots' in config.resources) {
    f.add('error', 'resources-slots', ['resources', 'slots'], '"resources.slots" is rejected by the master — use slots_per_trial', 'key');
  }
  const vars = isMapping(config.environment) ? config.environment.environment_variables : undefined;
  if (Array.isArray(vars)) lintVariables(f, vars, ['environment', 'environment_variables']);
  else if (isMapping(vars)) for (const device of Object.keys(vars)) lintVariables(f, vars[device], ['environment', 'environment_variables', device]);
  const hasWorkspace = typeof config.workspace === 'string' && config.workspace !== '';
  const hasProject = typeof config.project === 'string' && config.project !== '';
  if (hasWorkspace !== hasProject) {
    const present = hasWorkspace ? 'workspace' : 'project';
    f.add('warning', 'workspace-project', [present], `"${present}" is given without "${hasWorkspace ? 'project' : 'workspace'}" — the CLI needs both (or neither)`, 'key');
  }
  return f.diagnostics;
}
