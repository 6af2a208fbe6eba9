/**
 * A `docker run` line that reproduces one Determined trial on a laptop: the image the trial's slot
 * type gets, its environment_variables and DET_HPARAMS, the context directory mounted at the
 * container's working directory, and the entrypoint as the launcher starts it. Quoted for POSIX sh.
 *
 * Usage: `dockerRunLine(parsed.value, { hparams: { lr: 0.01 } })` →
 * `{ text: "docker run --rm -v \"$PWD:/run/determined/workdir\" -w /run/determined/workdir -e 'DET_HPARAMS={\"lr\":0.01}' img sh -c 'python3 train.py'" }`
 */
import { isMapping } from '../../guards';
import { sampleHparams } from './hparams';

/** Where a trial's context directory is unpacked and the trial starts (master: DefaultWorkDir). */
export const CONTAINER_WORKDIR = '/run/determined/workdir';

/** `model_def:Trial`: a legacy Trial class, started by the PyTorch launcher. */
export const LEGACY_ENTRYPOINT = /^[a-zA-Z0-9_.]+:[a-zA-Z0-9_]+$/;

/** A POSIX shell word: as is when safe, else in single quotes (as Python's shlex.quote). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

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
export function variablesOf(config: Record<string, unknown>): string[] {
  const env = isMapping(config.environment) ? config.environment.environment_variables : undefined;
  if (Array.isArray(env)) return env.filter((e): e is string => typeof e === 'string');
  if (!isMapping(env)) return [];
  const list = slotsPerTrial(config) === 0 ? env.cpu : (env.cuda ?? env.gpu);
  return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
}

/** Slots a trial gets: resources.slots_per_trial, 1 when not given. */
export function slotsPerTrial(config: Record<string, unknown>): number {
  const resources = isMapping(config.resources) ? config.resources : {};
  return typeof resources.slots_per_trial === 'number' ? resources.slots_per_trial : 1;
}

/**
 * The image for the trial's slot type: a plain string is every type's image; a map gives cpu for
 * a trial without slots and cuda (the legacy key `gpu`) otherwise. ROCm pools take `rocm`, but a
 * config cannot say which pool's devices it lands on, so GPU trials are read as CUDA.
 */
export function trialImage(config: Record<string, unknown>): { image?: string; why?: string } {
  const environment = isMapping(config.environment) ? config.environment : {};
  const image = environment.image;
  if (typeof image === 'string' && image.trim() !== '') return { image };
  if (image === undefined || image === null) return { why: 'no environment.image: Determined runs the trial in its default image for the cluster\'s version, which this file does not name' };
  if (!isMapping(image)) return { why: 'environment.image must be an image name or {cpu, cuda, rocm}' };
  const cpu = slotsPerTrial(config) === 0;
  const chosen = cpu ? image.cpu : (image.cuda ?? image.gpu);
  if (typeof chosen === 'string' && chosen.trim() !== '') return { image: chosen };
  return { why: `environment.image has no ${cpu ? 'cpu' : 'cuda'} image (the trial ${cpu ? 'has no slots' : 'uses GPU slots'}): Determined fills in its default image, which this file does not name` };
}

/** The argv of the line (for tests: the `$PWD` mount is given literally as `"$PWD:…"`). */
export function dockerRunArgv(config: unknown, options: { hparams?: Record<string, unknown> } = {}): { argv?: string[]; note?: string } {
  if (!isMapping(config)) return { note: 'the experiment config is not a mapping' };
  const { image, why } = trialImage(config);
  if (!image) return { note: why };
  const { argv: command, error } = launchArgv(config.entrypoint);
  if (!command) return { note: `no command to run: ${error}` };
  const hparams = options.hparams ?? sampleHparams(config.hyperparameters, 0);
  const slots = slotsPerTrial(config);
  const argv = ['docker', 'run', '--rm'];
  // Determined gives the container its slots' GPUs; on a machine without them, drop --gpus.
  if (slots > 0) argv.push('--gpus', String(slots));
  argv.push('-v', `$PWD:${CONTAINER_WORKDIR}`, '-w', CONTAINER_WORKDIR);
  for (const entry of variablesOf(config)) argv.push('-e', entry);
  argv.push('-e', `DET_HPARAMS=${JSON.stringify(hparams)}`);
  argv.push(image, ...command);
  return { argv };
}

/** The line, or why there is none. `fileName` is the config's name (the context directory is the current one). */
export function dockerRunLine(config: unknown, options: { hparams?: Record<string, unknown>; fileName?: string } = {}): { text?: string; note?: string } {
  const { argv, note } = dockerRunArgv(config, options);
  if (!argv) return { note };
  // The mount names the current directory: sh expands "$PWD" in double quotes; the rest is literal.
  const mount = argv.indexOf('-v') + 1;
  const text = argv.map((a, i) => (i === mount ? `"${a}"` : shellQuote(a))).join(' ');
  return { text };
}
