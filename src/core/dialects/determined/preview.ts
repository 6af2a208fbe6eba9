/**
 * The command preview for a Determined experiment: what a trial runs (the entrypoint as the
 * launcher starts it), the environment it sees (environment_variables and one sample of the
 * hyperparameters as DET_HPARAMS), the search space, and the `det experiment create` line —
 * all for the config with the typed `--config` overrides merged in.
 *
 * Usage: `previewDetermined(parsed, { values: {}, env: {}, overrides: { experiment: ['searcher.max_trials=4'] } })`
 */
import { isMapping } from '../../guards';
import type { ParsedDocument } from '../../contracts/document';
import type { PreviewBlock, PreviewEnv, PreviewInputs, PreviewModel, StepPreview } from '../../contracts/preview';
import { gridSize, sampleHparams } from './hparams';
import { applyOverrides } from './overrides';
import { dockerRunLine, launchArgv, shellQuote, variablesOf } from './dockerLine';

export const CONFIG_FILE = 'experiment.yaml';

// How a trial starts in its container lives with the docker line, which needs it too.
export { LEGACY_ENTRYPOINT, launchArgv, shellQuote, variablesOf } from './dockerLine';

const argvLine = (argv: string[]) => argv.map(shellQuote).join(' ');

function envEntry(name: string, value: string, description?: string): PreviewEnv {
  return { name, value, default: value, edited: false, optional: false, description };
}

function searchSpace(searcher: Record<string, unknown>, hparams: unknown): string {
  switch (searcher.name) {
    case 'single':
      return '1 trial';
    case 'grid': {
      const n = gridSize(hparams);
      return n === undefined ? 'unknown (a range has no count)' : `${n} trial${n === 1 ? '' : 's'} (grid)`;
    }
    default:
      return typeof searcher.max_trials === 'number' ? `max_trials ${searcher.max_trials}` : 'max_trials not set';
  }
}

/** One error list per typed line, blank lines (not typed yet) without any. */
function errorsPerLine(typed: string[], forGiven: string[][]): string[][] {
  let next = 0;
  return typed.map((l) => (l.trim() === '' ? [] : forGiven[next++]));
}

/**
 * `trial` shows one planned trial instead of a sample: its hyperparameters and how the preview
 * names them (the launch view passes the selected row's).
 */
export function previewDetermined(parsed: ParsedDocument, inputs: PreviewInputs, trial?: { hparams: Record<string, unknown>; label: string }): PreviewModel {
  if (!parsed.ok || !isMapping(parsed.value)) return { steps: [] };
  const name = typeof parsed.value.name === 'string' && parsed.value.name !== '' ? parsed.value.name : 'experiment';
  const typed = inputs.overrides?.[name] ?? [];
  // A blank line is one not typed yet: left out, no error.
  const lines = typed.filter((l) => l.trim() !== '');
  const merged = applyOverrides(parsed.value, lines);
  const config = merged.value as Record<string, unknown>;
  const seed = inputs.actions?.[name]?.resample ?? 0;
  const hparams = trial?.hparams ?? sampleHparams(config.hyperparameters, seed);
  const searcher = isMapping(config.searcher) ? config.searcher : {};
  const resources = isMapping(config.resources) ? config.resources : {};

  const { argv, error } = launchArgv(config.entrypoint);
  const command = argv ? [argvLine(argv)] : [];
  const env: PreviewEnv[] = variablesOf(config).map((entry) => {
    const eq = entry.indexOf('=');
    return eq < 0 ? envEntry(entry, '') : envEntry(entry.slice(0, eq), entry.slice(eq + 1));
  });
  env.push(envEntry('DET_HPARAMS', JSON.stringify(hparams), trial ? `The hyperparameters of ${trial.label}.` : 'One sample of the hyperparameters (Resample draws another).'));

  const create = ['det', 'experiment', 'create', inputs.fileName ?? CONFIG_FILE, '.', ...lines.filter((_, i) => merged.errors[i].length === 0).flatMap((l) => ['--config', l])];
  const blocks: PreviewBlock[] = [
    { title: 'Create the experiment', text: argvLine(create), language: 'shell' },
    { title: `DET_HPARAMS (${trial?.label ?? 'one sample'})`, text: JSON.stringify(hparams, null, 2), language: 'json' },
  ];
  // The same trial on a laptop: the image, variables and DET_HPARAMS above, the context mounted.
  const docker = dockerRunLine(config, { hparams, fileName: inputs.fileName });
  blocks.push(docker.text !== undefined ? { title: 'docker run', text: docker.text, language: 'shell' } : { title: 'docker run', text: docker.note ?? '', language: 'text' });
  const step: StepPreview = {
    name,
    path: [],
    params: [],
    command,
    script: command.join('\n'),
    pieces: command.map(() => []),
    warnings: [],
    errors: error ? [error] : [],
    inputs: [],
    env,
    facts: [
      { label: 'Searcher', value: typeof searcher.name === 'string' ? searcher.name : 'not set' },
      { label: 'Search space', value: searchSpace(searcher, config.hyperparameters) },
      { label: 'Slots per trial', value: String(typeof resources.slots_per_trial === 'number' ? resources.slots_per_trial : 1) },
    ],
    blocks,
    overrides: { label: 'Config overrides (--config)', placeholder: 'key.path=value', items: typed, errors: errorsPerLine(typed, merged.errors) },
    actions: [{ id: 'resample', label: 'Resample' }],
  };
  return { steps: [step] };
}
