/**
 * Launch lines against docs/valohai-launch-lines.md. Expected lines are written out by hand from
 * the rules; then each line goes through a real `sh`, with `vh` and `docker` as shell functions
 * that write their arguments NUL-separated, to prove the shell hands over exactly the intended
 * words (a nasty value included) and that the docker line writes the parameters file byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { corpusFiles } from '../../schema/corpusFiles';
import { dockerRunLine, stepImage, vhExecutionLaunchLine, vhExecutionLine, vhOptionName, vhPipelineLine, vhTaskLine, type ExecutionLaunch } from './launchLines';
import type { PyValue } from './python/values';
import { defaultValues, parametersFile, renderStep, stepsOf, type Step } from './render';

const parse = (text: string) => parseText(text, { version: '1.1', duplicateKeys: 'warning' });
const str = (v: string): PyValue => ({ t: 'str', v });
const int = (v: number): PyValue => ({ t: 'int', v });
const float = (v: number): PyValue => ({ t: 'float', v });
const bool = (v: boolean): PyValue => ({ t: 'bool', v });

const NASTY = '-it\'s "q" $HOME `id`\nsecond  line ünï 🎉';

const TRAIN = `
- step:
    name: train
    image: python:3.11
    command: python train.py {parameters}
    parameters:
      - name: message
        type: string
        default: hi
      - name: max_steps
        type: integer
        default: 300
      - name: Learning Rate
        type: float
        default: 0.001
      - name: use-gpu
        type: flag
      - name: layers
        type: integer
        multiple: repeat
        default: [1, 2]
    inputs:
      - name: data
        default: https://example.com/a.csv
      - name: extra_files
        optional: true
    environment-variables:
      - name: MODE
        default: fast
`;

const HELLO = `
- step:
    name: hello
    image: busybox:1.36
    command:
      - echo {parameter-value:n}
      - ls /valohai/inputs
    parameters:
      - name: n
        type: integer
        default: 3
    inputs:
      - name: my data
        default: https://example.com/x.txt
    environment-variables:
      - name: GREETING
        default: hello world
`;

function stepIn(text: string, name: string): { step: Step; image: string | undefined } {
  const parsed = parse(text);
  const step = stepsOf(parsed).find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return { step, image: stepImage(parsed, name) };
}

/** A launch at the step's defaults (as the preview starts), with `change` applied to the values. */
function launchOf(text: string, name: string, change: (values: Map<string, PyValue>) => void = () => {}): ExecutionLaunch {
  const { step, image } = stepIn(text, name);
  const values = defaultValues(step);
  change(values);
  const inputs = Object.fromEntries(step.inputs.map((i) => [i.name, [...i.defaults]]));
  const env = Object.fromEntries(step.environmentVariables.filter((e) => e.default !== undefined).map((e) => [e.name, e.default!]));
  return { step, image, stepImage: image, values, inputs, env, script: renderStep(step, values).script, parametersFile: parametersFile(step, values) };
}

function nastyTrain(): ExecutionLaunch {
  const launch = launchOf(TRAIN, 'train', (v) => {
    v.set('message', str(NASTY));
    v.set('Learning Rate', float(0.01));
    v.set('use-gpu', bool(true));
    v.set('layers', { t: 'list', items: [int(3), int(4), int(5)] });
  });
  launch.inputs.data = ['https://example.com/a.csv', 'https://example.com/b c.csv'];
  launch.env = { MODE: 'slow', EXTRA: 'a b' };
  return launch;
}

// ---- a real shell ------------------------------------------------------------------------------

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PRELUDE = `vh() { printf '%s\\0' "$@" > "$OUT/vh.argv"; }\ndocker() { printf '%s\\0' "$@" > "$OUT/docker.argv"; }\n`;

/** Run the line in sh in a fresh directory; what vh/docker received, and the directory. */
function runLine(line: string): { dir: string; argv: (cmd: 'vh' | 'docker') => string[] } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'launch-')));
  dirs.push(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, OUT: dir };
  delete env.PWD;
  execFileSync('sh', ['-c', PRELUDE + line], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    dir,
    argv: (cmd) => {
      const bytes = readFileSync(join(dir, `${cmd}.argv`), 'utf8');
      return bytes.split('\0').slice(0, -1);
    },
  };
}

const syntaxOk = (line: string) => execFileSync('sh', ['-n', '-c', line], { stdio: ['ignore', 'pipe', 'pipe'] });

// ---- vh execution run --------------------------------------------------------------------------

describe('vh execution run', () => {
  it('gives only what differs from the defaults, named as vh names the options, after a --', () => {
    const { text, notes } = vhExecutionLaunchLine(nastyTrain());
    expect(text).toBe(
      "vh execution run --var=MODE=slow '--var=EXTRA=a b' -- train " +
        `'--message=-it'"'"'s "q" $HOME \`id\`\nsecond  line ünï 🎉' ` +
        '--learning-rate=0.01 --use-gpu=true --layers=3 --layers=4 --layers=5 ' +
        "--data=https://example.com/a.csv '--data=https://example.com/b c.csv'",
    );
    expect(notes).toEqual([]);
  });

  it('survives sh word for word, the nasty value included', () => {
    const line = vhExecutionLine(nastyTrain());
    syntaxOk(line);
    expect(runLine(line).argv('vh')).toEqual([
      'execution', 'run', '--var=MODE=slow', '--var=EXTRA=a b', '--', 'train',
      `--message=${NASTY}`, '--learning-rate=0.01', '--use-gpu=true', '--layers=3', '--layers=4', '--layers=5',
      '--data=https://example.com/a.csv', '--data=https://example.com/b c.csv',
    ]);
  });

  it('is just the step at its defaults; vh options come before the step name', () => {
    expect(vhExecutionLine(launchOf(HELLO, 'hello'))).toBe('vh execution run hello');
    const launch = { ...launchOf(HELLO, 'hello'), image: 'busybox:latest', adhoc: true, commit: 'abc123', environment: 'aws-eu-west-1-p2-xlarge' };
    expect(vhExecutionLine(launch)).toBe('vh execution run --adhoc --commit=abc123 --environment=aws-eu-west-1-p2-xlarge --image=busybox:latest hello');
  });

  it('writes flags as =true/=false, floats as Python writes them, and says what vh cannot give', () => {
    const launch = launchOf(TRAIN, 'train', (v) => {
      v.set('use-gpu', bool(false));
      v.set('Learning Rate', float(1e-5));
      v.set('max_steps', str('lots'));
      v.set('message', { t: 'none' });
      v.set('layers', { t: 'list', items: [] });
    });
    launch.inputs.data = [];
    delete launch.env.MODE;
    const { text, notes } = vhExecutionLaunchLine(launch);
    expect(text).toBe('vh execution run -- train --max-steps=lots --learning-rate=1e-05 --use-gpu=false');
    expect(notes).toEqual([
      "Parameter message: vh cannot unset a parameter that has a default; it sends 'hi'",
      'vh refuses "lots" for the integer parameter max_steps',
      'Parameter layers: vh cannot give an empty list; it sends the default',
      'Input data: vh cannot give no files where the step has defaults; it sends the defaults',
      'Environment variable MODE: vh sends the step\'s default "fast"; it cannot leave it out',
    ]);
  });

  it('sanitizes names like vh (NFKD, ASCII, dashes) and notes options vh shadows', () => {
    expect(vhOptionName('Learning Rate_x')).toBe('Learning-Rate-x');
    expect(vhOptionName('näive  rate!')).toBe('naive-rate');
    expect(vhOptionName('日本')).toBe('');
    const yaml = `
- step:
    name: -odd
    image: busybox
    command: env
    parameters:
      - name: help
        default: a
      - name: a_b
        default: x
      - name: title
        default: t
      - name: 日本
        default: j
    inputs:
      - name: a-b
        default: https://example.com/1
`;
    const launch = launchOf(yaml, '-odd', (v) => {
      for (const name of ['help', 'a_b', 'title', '日本']) v.set(name, str('new'));
    });
    const { text, notes } = vhExecutionLaunchLine(launch);
    expect(text).toBe('vh execution run -- -odd --title=new');
    expect(notes).toEqual([
      'parameter help: its option --help is taken by vh help, so vh cannot set it',
      'parameter a_b: its option --a-b is taken by input:a-b, so vh cannot set it',
      'parameter 日本: vh makes no option of a name without ASCII letters or digits',
    ]);
    expect(runLine(text).argv('vh')).toEqual(['execution', 'run', '--', '-odd', '--title=new']);
  });
});

// ---- vh pipeline run / vh task run -------------------------------------------------------------

/** valohai-cli's pipeline `process_args`, ported: what vh makes of the words after the pipeline name. */
function vhPipelineArgs(args: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  args.forEach((raw, i) => {
    if (!raw.startsWith('--')) return;
    const arg = raw.slice(2);
    if (arg.includes('+=')) {
      const at = arg.indexOf('+=');
      const name = arg.slice(0, at);
      out[name] = [...((out[name] as string[] | undefined) ?? []), arg.slice(at + 2)];
    } else if (arg.includes('=')) {
      const at = arg.indexOf('=');
      out[arg.slice(0, at)] = arg.slice(at + 1);
    } else {
      const next = args[i + 1];
      out[arg] = next !== undefined && !next.startsWith('--') ? next : 'true';
    }
  });
  return out;
}

describe('vh pipeline run', () => {
  const params: Record<string, PyValue> = {
    pipeline_max_steps: int(500),
    sources: { t: 'list', items: [str('a'), str('b c')] },
    expr: str('x+=1'),
    'train.lr': float(0.1),
    enabled: bool(false),
    ratio: float(1e-5),
    empty: { t: 'none' },
    msg: str(NASTY),
  };

  it('passes pipeline parameters as vh reads them, and notes what it cannot pass', () => {
    const { text, note } = vhPipelineLine('Train Pipeline', params);
    expect(text).toBe(
      "vh pipeline run -- 'Train Pipeline' --pipeline_max_steps=500 --sources+=a '--sources+=b c' --expr x+=1 --enabled=false --ratio=1e-05 " +
        `'--msg=-it'"'"'s "q" $HOME \`id\`\nsecond  line ünï 🎉'`,
    );
    expect(note).toBe(
      'Pipeline parameter "train.lr": vh reads a name with "." as node.parameter and cannot take "=" in a name. ' +
        'Pipeline parameter empty: vh cannot pass an empty value (None); it keeps the default.',
    );
    expect(vhPipelineLine('Training', {})).toEqual({ text: 'vh pipeline run Training' });
  });

  it('parses back in sh and in vh to the intended values', () => {
    const { text } = vhPipelineLine('Train Pipeline', params);
    syntaxOk(text);
    const argv = runLine(text).argv('vh');
    expect(argv.slice(0, 4)).toEqual(['pipeline', 'run', '--', 'Train Pipeline']);
    expect(vhPipelineArgs(argv.slice(4))).toEqual({
      pipeline_max_steps: '500',
      sources: ['a', 'b c'],
      expr: 'x+=1',
      enabled: 'false',
      ratio: '1e-05',
      msg: NASTY,
    });
  });
});

describe('vh task run', () => {
  it('runs a blueprint by name, and otherwise says vh cannot make a task from values', () => {
    expect(vhTaskLine('train', [], 'sweep')).toEqual({ text: 'vh task run sweep' });
    expect(vhTaskLine('train', [], '-odd sweep')).toEqual({ text: "vh task run -- '-odd sweep'" });
    const { text, note } = vhTaskLine('train', [{ name: 'lr', values: [float(0.1), float(0.01)] }]);
    expect(text).toBeUndefined();
    expect(note).toBe(
      'vh cannot start a task from values on the command line: add a "task:" blueprint for step train whose parameters use style "multiple" ' +
        'with these items — lr (0.1, 0.01) — and start it with "vh task run NAME", or start the task from the web UI.',
    );
  });
});

// ---- docker run --------------------------------------------------------------------------------

describe('docker run', () => {
  it('lays the execution out as the platform does', () => {
    const launch = launchOf(HELLO, 'hello');
    expect(launch.script).toBe('echo 3\nls /valohai/inputs');
    expect(launch.parametersFile).toBe('{\n  "n": 3\n}');
    expect(dockerRunLine(launch)).toEqual({
      text:
        "mkdir -p config outputs 'inputs/my data' && printf '%s' '{\n  \"n\": 3\n}' > config/parameters.json && " +
        "docker run --rm -e 'GREETING=hello world' -e VH_CONFIG_DIR=/valohai/config -e VH_INPUTS_DIR=/valohai/inputs " +
        '-e VH_OUTPUTS_DIR=/valohai/outputs -e VH_REPOSITORY_DIR=/valohai/repository ' +
        `-v "$PWD"/'inputs/my data:/valohai/inputs/my data' -v "$PWD"/outputs:/valohai/outputs -v "$PWD"/config:/valohai/config ` +
        `-v "$PWD":/valohai/repository -w /valohai/repository --entrypoint /bin/sh busybox:1.36 -c 'echo 3\nls /valohai/inputs'`,
    });
  });

  it('starts a script with a shebang with its interpreter', () => {
    const yaml = `
- step:
    name: bash
    image: python:3
    command:
      - |-
        #!/bin/bash -eu
        echo $HOME
`;
    const { text } = dockerRunLine(launchOf(yaml, 'bash'));
    expect(text).toMatch(/ --entrypoint \/bin\/bash python:3 -eu -c '#!\/bin\/bash -eu\necho \$HOME'$/);
  });

  it('needs an image and a command', () => {
    const yaml = `
- step:
    name: bare
    command: echo hi
`;
    const launch = launchOf(yaml, 'bare');
    expect(launch.image).toBeUndefined();
    expect(dockerRunLine(launch)).toEqual({ note: 'Step bare names no image, so there is nothing to run with docker' });
    expect(dockerRunLine({ ...launch, image: 'busybox', script: '' })).toEqual({ note: 'Step bare has no command to run (it could not be built)' });
  });

  it('survives sh: docker gets exactly these words and the parameters file is byte-identical', () => {
    const launch = nastyTrain();
    launch.env.NASTY = NASTY;
    const { text } = dockerRunLine(launch);
    syntaxOk(text!);
    const { dir, argv } = runLine(text!);
    expect(readFileSync(join(dir, 'config/parameters.json'), 'utf8')).toBe(launch.parametersFile);
    expect(launch.parametersFile).toContain(JSON.stringify(NASTY));
    expect(argv('docker')).toEqual([
      'run', '--rm',
      '-e', 'MODE=slow', '-e', 'EXTRA=a b', '-e', `NASTY=${NASTY}`,
      '-e', 'VH_CONFIG_DIR=/valohai/config', '-e', 'VH_INPUTS_DIR=/valohai/inputs', '-e', 'VH_OUTPUTS_DIR=/valohai/outputs', '-e', 'VH_REPOSITORY_DIR=/valohai/repository',
      '-v', `${dir}/inputs/data:/valohai/inputs/data`, '-v', `${dir}/inputs/extra_files:/valohai/inputs/extra_files`,
      '-v', `${dir}/outputs:/valohai/outputs`, '-v', `${dir}/config:/valohai/config`, '-v', `${dir}:/valohai/repository`,
      '-w', '/valohai/repository', '--entrypoint', '/bin/sh', 'python:3.11', '-c', launch.script,
    ]);
    expect(launch.script).toContain(NASTY.replace(/'/g, `'"'"'`));
    for (const sub of ['config', 'outputs', 'inputs/data', 'inputs/extra_files']) {
      expect(execFileSync('sh', ['-c', `test -d ${sub} && echo yes`], { cwd: dir }).toString()).toBe('yes\n');
    }
  });
});

// ---- the corpus --------------------------------------------------------------------------------

describe('every valohai corpus step at its defaults', () => {
  const launches: [string, ExecutionLaunch][] = [];
  for (const [file, text] of corpusFiles('valohai')) {
    const parsed = parse(text);
    for (const step of stepsOf(parsed)) {
      const values = defaultValues(step);
      const image = stepImage(parsed, step.name);
      launches.push([
        `${file} ${step.name}`,
        {
          step,
          image,
          stepImage: image,
          values,
          inputs: Object.fromEntries(step.inputs.map((i) => [i.name, [...i.defaults]])),
          env: Object.fromEntries(step.environmentVariables.filter((e) => e.default !== undefined).map((e) => [e.name, e.default!])),
          script: renderStep(step, values).script,
          parametersFile: parametersFile(step, values),
        },
      ]);
    }
  }

  it('has steps to check', () => {
    expect(launches.length).toBeGreaterThan(20);
  });

  it('gives sh-valid vh and docker lines', () => {
    let dockerLines = 0;
    for (const [where, launch] of launches) {
      const vh = vhExecutionLine(launch);
      expect(() => syntaxOk(vh), `${where}: ${vh}`).not.toThrow();
      const docker = dockerRunLine(launch);
      if (docker.text) {
        dockerLines++;
        expect(() => syntaxOk(docker.text!), `${where}: ${docker.text}`).not.toThrow();
      } else expect(docker.note, where).toBeTruthy();
    }
    expect(dockerLines).toBeGreaterThan(20);
  });
});
