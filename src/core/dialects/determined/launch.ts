/**
 * The Determined launch: one choice, the experiment's searcher, and what it starts — the trials
 * with their hyperparameters (grid, random, single) or the ASHA brackets and rungs — with the
 * selected trial rendered in full as the experiment preview shows a trial, the
 * `det experiment create` line and a `docker run` line for that trial.
 *
 * Usage: `launchDetermined(parsed, { id: 'search', row: 3 })`
 */
import { isMapping } from '../../guards';
import type { ParsedDocument } from '../../contracts/document';
import type { LaunchChoice, LaunchLine, LaunchModel, LaunchPreview, LaunchRequest, LaunchTable } from '../../contracts/launch';
import { dockerRunLine } from './dockerLine';
import { previewDetermined } from './preview';
import { hparamAt, planSearch, type SearchPlan } from './search';

const SEARCH_ID = 'search';
const TITLES: Record<string, string> = { single: 'Single trial', random: 'Random search', grid: 'Grid search', adaptive_asha: 'Adaptive ASHA', async_halving: 'Async halving' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A value as a table cell: text as is, anything else as JSON. */
function cell(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

function titleOf(plan: SearchPlan): string {
  const name = TITLES[plan.searcher] ?? (plan.searcher || 'Search');
  const trials = plural(plan.trials, 'trial');
  if (plan.brackets && plan.searcher === 'adaptive_asha') return `${name}: ${trials} in ${plural(plan.brackets.length, 'bracket')}`;
  if (plan.brackets) return `${name}: ${trials} in ${plural(plan.brackets[0].rungs.length, 'rung')}`;
  if (plan.searcher === 'grid') return `${name}: ${trials} over ${plural(plan.columns.length, 'hyperparameter')}`;
  return `${name}: ${trials}`;
}

function tableOf(plan: SearchPlan): LaunchTable {
  if (plan.brackets) {
    const rows = plan.brackets.flatMap((b, i) => b.rungs.map((r, j) => [String(i + 1), String(j + 1), String(r.trials), String(r.length)]));
    return { columns: ['Bracket', 'Rung', 'Trials', `Length per trial (${plan.unit || 'units'})`], rows, selectable: false };
  }
  const paths = plan.columnPaths ?? plan.columns.map((c) => c.split('.'));
  const rows = plan.hparams.map((h, i) => [String(i + 1), ...paths.map((p) => cell(hparamAt(h, p)))]);
  return { columns: ['#', ...plan.columns], rows, sampled: plan.sampled && plan.columns.length > 0, selectable: true };
}

export function launchDetermined(parsed: ParsedDocument, request: LaunchRequest): LaunchModel {
  if (!parsed.ok || !isMapping(parsed.value) || !isMapping(parsed.value.searcher)) return { choices: [] };
  const config = parsed.value;
  const searcher = config.searcher as Record<string, unknown>;
  const name = typeof searcher.name === 'string' ? searcher.name : '';
  const choice: LaunchChoice = { id: SEARCH_ID, kind: 'search', label: `search: ${name || 'unnamed'}`, path: ['searcher'] };
  if (request.id !== SEARCH_ID) return { choices: [choice] };

  const plan = planSearch(config, { seed: 0 });
  const table = tableOf(plan);
  const warnings = [...plan.notes];
  const lines: LaunchLine[] = [];
  let selected: LaunchPreview['selected'];

  // The trial shown in full: the selected row's (ASHA rows are rungs: its first trial).
  const row = table.selectable ? Math.min(Math.max(0, Math.trunc(request.row ?? 0)), Math.max(0, plan.hparams.length - 1)) : 0;
  const hparams = plan.hparams[row];
  const label = table.selectable ? `trial ${row + 1}` : 'the first trial';
  const unit = previewDetermined(parsed, { values: {}, env: {}, fileName: request.fileName }, hparams ? { hparams, label } : undefined).steps[0];
  if (unit) {
    const create = unit.blocks?.find((b) => b.title === 'Create the experiment');
    if (create) lines.push({ label: 'det', text: create.text });
    if (hparams) selected = { row, unit };
  }
  if (hparams) {
    const docker = dockerRunLine(config, { hparams, fileName: request.fileName });
    if (docker.text !== undefined) lines.push({ label: 'docker run', text: docker.text });
    else if (docker.note) warnings.push(`docker run: ${docker.note}`);
  }

  const launch: LaunchPreview = {
    id: SEARCH_ID,
    kind: 'search',
    title: titleOf(plan),
    count: plan.trials,
    unit: 'trials',
    facts: plan.facts,
    table,
    selected,
    lines,
    warnings,
    errors: plan.errors,
  };
  if (request.report) {
    // As `pipewright render --search --json` prints it: the trials, then per bracket its rungs
    // (ASHA) or each trial's hyperparameters (grid, random).
    launch.report = {
      searcher: plan.searcher,
      trials: plan.trials,
      unit: plan.unit,
      ...(plan.brackets ? { brackets: plan.brackets, totalLength: plan.totalLength } : { hparams: plan.hparams }),
      ...(plan.lengthPerTrial !== undefined ? { lengthPerTrial: plan.lengthPerTrial } : {}),
      ...(plan.sampled ? { sampled: true } : {}),
      ...(plan.errors.length > 0 ? { errors: plan.errors } : {}),
    };
  }
  return { choices: [choice], launch };
}
