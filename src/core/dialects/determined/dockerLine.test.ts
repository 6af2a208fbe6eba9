/**
 * The docker run line: which image and variables, and that sh reads the line back into exactly
 * the argv we meant (checked with `sh -n` and a real `sh -c` where `docker` prints its arguments).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTAINER_WORKDIR, dockerRunArgv, dockerRunLine, trialImage } from './dockerLine';

// A directory with a space and a quote, so the $PWD mount is tested too.
const cwd = realpathSync(mkdtempSync(join(tmpdir(), "pw dock'er ")));

/** What `sh` passes to docker for the line: `docker` is a function printing its arguments NUL-separated. */
function shellArgv(line: string): string[] {
  execFileSync('sh', ['-n', '-c', line]);
  const out = execFileSync('sh', ['-c', `docker() { printf '%s\\0' "$@"; }\n${line}`], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return ['docker', ...out.split('\0').slice(0, -1)];
}

/** The argv we meant, with the mount as sh expands it. */
const intended = (argv: string[]) => argv.map((a) => (a === `$PWD:${CONTAINER_WORKDIR}` ? `${cwd}:${CONTAINER_WORKDIR}` : a));

function roundTrip(config: Record<string, unknown>, hparams?: Record<string, unknown>): string[] {
  const { text, note } = dockerRunLine(config, { hparams });
  expect(note).toBeUndefined();
  const back = shellArgv(text!);
  expect(back).toEqual(intended(dockerRunArgv(config, { hparams }).argv!));
  return back;
}

describe('docker run line', () => {
  it('a plain image, variables, DET_HPARAMS, the workdir mounted, the command through sh -c', () => {
    const config = { entrypoint: 'python3 train.py', environment: { image: 'determinedai/pytorch-ngc:0.38.1', environment_variables: ['A=1', 'B=x=y'] }, resources: { slots_per_trial: 0 } };
    const { text } = dockerRunLine(config, { hparams: { lr: 0.01 } });
    expect(text).toBe(`docker run --rm -v "$PWD:/run/determined/workdir" -w /run/determined/workdir -e A=1 -e B=x=y -e 'DET_HPARAMS={"lr":0.01}' determinedai/pytorch-ngc:0.38.1 sh -c 'python3 train.py'`);
    expect(roundTrip(config, { lr: 0.01 })).toEqual(['docker', 'run', '--rm', '-v', `${cwd}:/run/determined/workdir`, '-w', '/run/determined/workdir', '-e', 'A=1', '-e', 'B=x=y', '-e', 'DET_HPARAMS={"lr":0.01}', 'determinedai/pytorch-ngc:0.38.1', 'sh', '-c', 'python3 train.py']);
  });

  it('GPU slots: the cuda image and variables, --gpus N; no slots: cpu', () => {
    const config = { entrypoint: 'model_def:Trial', environment: { image: { cpu: 'img:cpu', cuda: 'img:cuda', rocm: 'img:rocm' }, environment_variables: { cpu: ['C=1'], cuda: ['G=1'] } }, resources: { slots_per_trial: 2 } };
    const gpu = roundTrip(config, {});
    expect(gpu.slice(3, 5)).toEqual(['--gpus', '2']);
    expect(gpu).toContain('G=1');
    expect(gpu.slice(-7)).toEqual(['img:cuda', 'python3', '-m', 'determined.launch.torch_distributed', '--', '--trial', 'model_def:Trial']);
    const cpu = roundTrip({ ...config, resources: { slots_per_trial: 0 } }, {});
    expect(cpu).not.toContain('--gpus');
    expect(cpu).toContain('C=1');
    expect(cpu).toContain('img:cpu');
    // slots_per_trial defaults to 1; the legacy `gpu` key is cuda's.
    expect(trialImage({ environment: { image: { cpu: 'a', gpu: 'b' } } })).toEqual({ image: 'b' });
  });

  it('nasty values survive the round trip: quotes, $, backticks, spaces, newlines, unicode', () => {
    const nasty = [`it's "quoted"`, '$HOME `id` $(id)', 'two  spaces\tand tab', 'line\nbreak\n', 'ünïcødé ☃ 𝄞', "'", '', '-e', '\\', '!history', '*', '~'];
    const config = {
      entrypoint: ['python3', ...nasty],
      environment: { image: "my img:'tag'", environment_variables: nasty.map((v, i) => `V${i}=${v}`) },
      hyperparameters: {},
    };
    const back = roundTrip(config, { s: nasty.join('|'), "k'ey": { $x: 'a\nb' } });
    expect(back.slice(-nasty.length)).toEqual(nasty);
    expect(JSON.parse(back.find((a) => a.startsWith('DET_HPARAMS='))!.slice('DET_HPARAMS='.length))).toEqual({ s: nasty.join('|'), "k'ey": { $x: 'a\nb' } });
  });

  it('property: any strings round-trip', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '$', '`', '\\', '\n', '*', '!', 'é', '☃', '=', '-', '(', ';', '&', '|', '#', '~') });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(text, { maxLength: 3 }), text, (command, vars, value) => {
        roundTrip({ entrypoint: command, environment: { image: 'img', environment_variables: vars.map((v) => `K=${v}`) }, resources: { slots_per_trial: 0 } }, { v: value });
      }),
      { numRuns: 60 },
    );
  });

  it('without an image or a command: a note saying why, no line', () => {
    expect(dockerRunLine({ entrypoint: 'x' }, {})).toEqual({ note: expect.stringMatching(/^no environment.image: Determined runs the trial in its default image/) });
    expect(dockerRunLine({ entrypoint: 'x', environment: { image: { cpu: 'a' } } }, {}).note).toMatch(/no cuda image/);
    expect(dockerRunLine({ environment: { image: 'a' } }, {}).note).toMatch(/^no command to run: managed experiments require entrypoint/);
    expect(dockerRunLine(null, {}).note).toBe('the experiment config is not a mapping');
  });
});
