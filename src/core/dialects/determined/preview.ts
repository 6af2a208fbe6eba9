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

/** `model_def:Trial`: a legacy Trial class, started by the PyTorch launcher. */
export const LEGACY_ENTRYPOINT = /^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$/;
export const CONFIG_FILE = 'experiment.yaml';

/** A POSIX shell word: as is when safe, else in single quotes (as Python's shlex.quote). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

const argvLine = (argv: string[]) => argv.map(shellQuote).join(' ');

/** The argv a trial container starts with, or why there is none. */
export function launchArgv(entrypoint: unknown): { argv?: string[]; error?: string } {
  if (typeof entrypoint === 'string' && entrypoint.trim() !== '') {
    if (LEGACY_ENTRYPOINT.test(entrypoint)) return { argv: ['python3', '-m', 'determined.launch.torch_distributed', '--', '--trial', entrypoint] };
    return { argv: ['sh', '-c', entrypoint] };
  }
  if (Array.isArray(entrypoint) && entrypoint.length > 0 && entrypoint.every((a) => typeof a === 'string')) return { argv: entrypoint as string[] };
  if (entrypoint === undefined || entrypoint === null) return { error: 'managed experiments require entrypoint: add one (e.g. "python3 train.py")' };
  return { error: 'entrypoint must be a command string or a list of strings' };
}

/** The variables of environment_variables for the slot type a trial gets (cpu without slots, else cuda). */
function variablesOf(config: Record<string, unknown>): string[] {
  const env = isMapping(config.environment) ? config.environment.environment_variables : undefined;
  if (Array.isArray(env)) return env.filter((e): e is string => typeof e === 'string');
  if (!isMapping(env)) return [];
  const resources = isMapping(config.resources) ? config.resources : {};
  const slots = typeof resources.slots_per_trial === 'number' ? resources.slots_per_trial : 1;
  const list = slots === 0 ? env.cpu : (env.cuda ?? env.gpu);
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
}

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

export function previewDetermined(parsed: ParsedDocument, inputs: PreviewInputs): PreviewModel {
  if (!parsed.ok || !isMapping(parsed.value)) return { steps: [] };
  const name = typeof parsed.value.name === 'string' && parsed.value.name !== '' ? parsed.value.name : 'experiment';
  const typed = inputs.overrides?.[name] ?? [];
  // A blank line is one not typed yet: left out, no error.
  const lines = typed.filter((l) => l.trim() !== '');
  const merged = applyOverrides(parsed.value, lines);
  const config = merged.value as Record<string, unknown>;
  const seed = inputs.actions?.[name]?.resample ?? 0;
  const hparams = sampleHparams(config.hyperparameters, seed);
  const searcher = isMapping(config.searcher) ? config.searcher : {};
  const resources = isMapping(config.resources) ? config.resources : {};

  const { argv, error } = launchArgv(config.entrypoint);
  const command = argv ? [argvLine(argv)] : [];
  const env: PreviewEnv[] = variablesOf(config).map((entry) => {
    const eq = entry.indexOf('=');
    return eq < 0 ? envEntry(entry, '') : envEntry(entry.slice(0, eq), entry.slice(eq + 1));
  });
  env.push(envEntry('DET_HPARAMS', JSON.stringify(hparams), 'One sample of the hyperparameters (Resample draws another).'));

  const create = ['det', 'experiment', 'create', inputs.fileName ?? CONFIG_FILE, '.', ...lines.filter((_, i) => merged.errors[i].length === 0).flatMap((l) => ['--config', l])];
  const blocks: PreviewBlock[] = [
    { title: 'Create the experiment', text: argvLine(create), language: 'shell' },
    { title: 'DET_HPARAMS (one sample)', text: JSON.stringify(hparams, null, 2), language: 'json' },
  ];
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
