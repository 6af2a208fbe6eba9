import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInMemory } from './runInMemory';

const root = resolve(__dirname, '../..');
const corpus = resolve(root, '../shared/corpus/valohai');

const run = (argv: string[], files: Record<string, string> = {}) => runInMemory(argv, files);

const good = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';
const bad = '- step:\n    name: train\n    image: true\n    command: python train.py\n';

describe('pipewright lint', () => {
  it('exits 0 and prints nothing per-problem for a clean file', () => {
    const r = run(['lint', 'valohai.yaml'], { 'valohai.yaml': good });
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/1 file\(s\) checked: 0 error/);
  });

  it('exits 1 and prints FILE:LINE:COLUMN: severity: message for an error', () => {
    const r = run(['lint', 'valohai.yaml'], { 'valohai.yaml': bad });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^valohai\.yaml:3:12: error: .*image/m);
  });

  it('prints JSON rows with positions and paths', () => {
    const r = run(['lint', 'a.yaml', 'valohai.yaml', '--json'], { 'a.yaml': good, 'valohai.yaml': bad });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ file: 'valohai.yaml', severity: 'error', line: 3, column: 12, endLine: 3, endColumn: 16, path: [0, 'step', 'image'] });
    expect(Object.keys(rows[0]).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'path', 'severity']);
  });

  it('exits 0 when there are only warnings', () => {
    const dup = good + good;
    const r = run(['lint', 'valohai.yaml', '--json'], { 'valohai.yaml': dup });
    const rows = JSON.parse(r.out);
    expect(rows.map((x: { severity: string }) => x.severity)).toEqual(['warning']);
    expect(r.code).toBe(0);
  });

  it('exits 2 on a missing file, a binary file, or a bad command line', () => {
    expect(run(['lint', 'nope.yaml']).code).toBe(2);
    expect(run(['lint', 'x.bin'], { 'x.bin': 'a\u0000b' })).toMatchObject({ code: 2, err: expect.stringMatching(/binary/) });
    expect(run(['lint']).code).toBe(2);
    expect(run(['lint', '--frobnicate', 'a']).code).toBe(2);
    expect(run(['frob']).code).toBe(2);
  });

  it('runs as an installed command on real files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-'));
    const file = join(dir, 'valohai.yaml');
    writeFileSync(file, bad);
    const r = spawnSync(process.execPath, [join(root, 'bin/pipewright.mjs'), 'lint', file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ line: 3, severity: 'error' });
    const clean = spawnSync(process.execPath, [join(root, 'bin/pipewright.mjs'), 'lint', join(corpus, 'examples/example1.yaml')], { encoding: 'utf8' });
    expect(clean.status).toBe(0);
  }, 30_000);
});

const train = `- step:
    name: train
    image: python:3.12
    command:
      - pip install -r requirements.txt
      - python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.001
      - name: epochs
        type: integer
        default: 5
      - name: ids
        multiple: separate
      - name: verbose
        type: flag
        default: true
      - name: note
- step:
    name: other
    image: busybox
    command: echo {parameter-value:x}
    parameters:
      - name: x
        pass-as: --x={v:d}
`;

describe('pipewright render', () => {
  const files = { 'valohai.yaml': train };

  it('prints the script from every default, flags included', () => {
    const r = run(['render', 'valohai.yaml', '--step', 'train'], files);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('pip install -r requirements.txt\npython train.py --lr=0.001 --epochs=5 --verbose');
  });

  it('reads each --param VALUE as YAML 1.1; a repeated NAME makes a list; --json gives command and script', () => {
    const r = run(['render', 'valohai.yaml', '--step=train', '--param', 'lr=0.1', '--param=ids=1', '--param', 'ids=2', '--param', 'verbose=no', '--param', "note='yes it is'", '--json'], files);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['command', 'script']);
    expect(out.command).toEqual(['pip install -r requirements.txt', "python train.py --lr=0.1 --epochs=5 --ids=1,2 '--note=yes it is'"]);
    expect(out.script).toBe(out.command.join('\n'));
  });

  it('--command replaces the command, item by item', () => {
    const r = run(['render', 'valohai.yaml', '--step', 'train', '--command', 'echo {parameter:lr}', '--command', 'env'], files);
    expect(r.out).toBe('echo --lr=0.001\nenv');
  });

  it('warns about values the platform would refuse, and about items it leaves un-interpolated', () => {
    const r = run(['render', 'valohai.yaml', '--step', 'train', '--param', 'epochs=many'], files);
    expect(r.code).toBe(0);
    expect(r.err).toBe('warning: parameter epochs: many is not an integer');
    const v = run(['render', 'valohai.yaml', '--step', 'other', '--param', 'x=abc'], files);
    expect(v).toMatchObject({ code: 0, out: 'echo abc' });
    const w = run(['render', 'valohai.yaml', '--step', 'other', '--command', 'run {parameters}', '--param', 'x=abc'], files);
    expect(w.out).toBe('run {parameters}');
    expect(w.err).toBe("warning: failed to interpolate into 'run {parameters}': Unknown format code 'd' for object of type 'str'");
  });

  it('exits 1 when the platform could not build the command', () => {
    const broken = '- step:\n    name: s\n    image: busybox\n    command: run {parameters}\n    parameters:\n      - name: x\n        default: 1\n        pass-as: --x={foo}\n';
    const r = run(['render', 'valohai.yaml'], { 'valohai.yaml': broken });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: Parameter x: KeyError: 'foo'/);
  });

  it('exits 2 on an unknown step or parameter, a list for a single-value parameter, or a bad command line', () => {
    expect(run(['render', 'valohai.yaml', '--step', 'nope'], files)).toMatchObject({ code: 2, err: expect.stringMatching(/no step "nope"; steps: "train", "other"/) });
    expect(run(['render', 'valohai.yaml', '--step', 'train', '--param', 'nope=1'], files)).toMatchObject({ code: 2, err: expect.stringMatching(/no parameter "nope"/) });
    expect(run(['render', 'valohai.yaml', '--step', 'train', '--param', 'lr=[1, 2]'], files)).toMatchObject({ code: 2, err: expect.stringMatching(/"lr" takes a single value/) });
    expect(run(['render', 'valohai.yaml', '--step', 'train', '--param', 'lr=1', '--param', 'lr=2'], files).code).toBe(2);
    expect(run(['render', 'valohai.yaml', '--step', 'train', '--param', 'lr'], files).code).toBe(2);
    expect(run(['render', 'valohai.yaml', '--step', 'train', '--param', 'lr=[1,'], files)).toMatchObject({ code: 2, err: expect.stringMatching(/not a YAML value/) });
    expect(run(['render', 'valohai.yaml'], files)).toMatchObject({ code: 2, err: expect.stringMatching(/Which step\?/) });
    expect(run(['render', 'valohai.yaml', '--step'], files).code).toBe(2);
    expect(run(['render', 'valohai.yaml', '--frob'], files).code).toBe(2);
    expect(run(['render'], files).code).toBe(2);
    expect(run(['render', 'missing.yaml', '--step', 'x']).code).toBe(2);
    expect(run(['render', 'valohai.yaml'], { 'valohai.yaml': '- step: [\n' }).code).toBe(2);
  });

  it('runs as an installed command on a real file', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/pipewright.mjs'), 'render', join(corpus, 'examples/shebang-example.yaml'), '--step', 'Do a thing', '--param', 'wibble=42', '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).script).toBe('#!/bin/bash\necho "The wibble is --wibble=42 today."\nif [[ -z "$1" ]]; then echo "No arguments provided"; fi');
  }, 30_000);
});

describe('Determined and emloop on the command line', () => {
  const shared = resolve(root, '../shared/corpus');
  const experiment = 'name: exp\nentrypoint: python3 train.py --epochs 3\nsearcher: {name: single, metric: loss}\nhyperparameters:\n  lr: 0.1\n';
  const config = 'dataset:\n  class: ds.DS\n  batch_size: 10\nmodel:\n  class: m.M\n  inputs: [a]\n  outputs: [loss]\nhooks: [LogVariables]\neval:\n  predict:\n    model:\n      inputs: [x]\n';

  it('lint detects each dialect, and --dialect forces one', () => {
    expect(run(['lint', 'exp.yaml'], { 'exp.yaml': experiment }).code).toBe(0);
    expect(run(['lint', 'config.yaml'], { 'config.yaml': config }).code).toBe(0);
    const forced = run(['lint', 'exp.yaml', '--dialect', 'emloop'], { 'exp.yaml': experiment });
    expect(forced.code).toBe(1);
    expect(forced.out).toMatch(/dataset/);
    expect(run(['lint', 'exp.yaml', '--dialect', 'nope'], { 'exp.yaml': experiment })).toMatchObject({ code: 2, err: expect.stringMatching(/valohai, determined, emloop/) });
  });

  it('render: the launch command with --config overrides, and an emloop unit with key.path=value', () => {
    const det = run(['render', 'exp.yaml', 'entrypoint=python3 other.py', '--json'], { 'exp.yaml': experiment });
    expect(det.code).toBe(0);
    const json = JSON.parse(det.out);
    expect(json.script).toBe("sh -c 'python3 other.py'");
    expect(json.blocks.map((b: { title: string }) => b.title)).toEqual(['Environment variables', 'Create the experiment', 'DET_HPARAMS (one sample)', 'docker run']);
    // Without environment.image there is no line to give, and the block says why.
    expect(json.blocks[3].text).toMatch(/^no environment\.image: /);
    expect(json.blocks[1].text).toBe("det experiment create exp.yaml . --config 'entrypoint=python3 other.py'");
    const em = run(['render', 'config.yaml', '--unit', 'eval predict', 'model.inputs=[y]'], { 'config.yaml': config });
    expect(em.code).toBe(0);
    expect(em.out.split('\n')[0]).toBe("emloop eval predict log/<run> -c config.yaml 'model.inputs=[y]'");
    expect(run(['render', 'config.yaml'], { 'config.yaml': config })).toMatchObject({ code: 2, err: expect.stringMatching(/Which one\? .*"train", "resume", "eval predict"/) });
    expect(run(['render', 'config.yaml', '--unit', 'train', '--override', 'model.lr:0.1'], { 'config.yaml': config })).toMatchObject({ code: 1, err: expect.stringMatching(/override model.lr:0.1: /) });
    expect(run(['render', 'config.yaml', '--unit', 'train', '--param', 'a=1'], { 'config.yaml': config }).code).toBe(2);
  });

  it('effective: eval section, then overrides; emloop\'s errors exit 1; valohai has none', () => {
    const r = run(['effective', 'config.yaml', '--stream', 'predict', 'dataset.batch_size=3', '--json'], { 'config.yaml': config });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dataset: { batch_size: 3 }, model: { class: 'm.M', inputs: ['x'], outputs: ['loss'] }, hooks: [] });
    const bad = run(['effective', 'config.yaml', 'model.missing.x=1'], { 'config.yaml': config });
    expect(bad).toMatchObject({ code: 1, err: expect.stringMatching(/KeyError: 'missing'/) });
    expect(run(['effective', 'exp.yaml', 'resources.slots_per_trial=2'], { 'exp.yaml': experiment }).out).toMatch(/slots_per_trial: 2/);
    expect(run(['effective', 'valohai.yaml'], { 'valohai.yaml': good }).code).toBe(2);
  });

  it('runs as an installed command on real Determined and emloop files', () => {
    const bin = join(root, 'bin/pipewright.mjs');
    const lint = spawnSync(process.execPath, [bin, 'lint', join(shared, 'determined/examples/tutorials/core_api_pytorch_mnist/adaptive.yaml'), join(shared, 'emloop/examples/emloop-examples/mnist_convnet/config.yaml')], {
      encoding: 'utf8',
    });
    expect(lint.stderr).toMatch(/2 file\(s\) checked: 0 error\(s\)/);
    expect(lint.status).toBe(0);
    const eff = spawnSync(process.execPath, [bin, 'effective', join(shared, 'emloop/merge-fixture/config.yaml'), '--stream', 'predict', '--json'], { encoding: 'utf8' });
    expect(eff.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(shared, 'emloop/merge-fixture/expected.json'), 'utf8')) as { eval_predict: { load_config_kwargs: unknown; result: unknown } };
    expect(expected.eval_predict.load_config_kwargs).toEqual({ override_stream: 'predict' });
    expect(JSON.parse(eff.stdout)).toEqual(expected.eval_predict.result);
  }, 60_000);
});

describe('the built CLI', () => {
  it("parses without reading the environment for every token (yaml's Node build does: a third of its parse)", () => {
    // Counts reads of the two variables yaml's Node build looks up per token and per document.
    const preload = `const env = process.env; let reads = 0;
      process.env = new Proxy(env, { get(target, key) { if (key === 'LOG_TOKENS' || key === 'LOG_STREAM') reads++; return Reflect.get(target, key); } });
      process.on('exit', () => process.stderr.write('environment reads: ' + reads + '\\n'));`;
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-env-'));
    writeFileSync(join(dir, 'valohai.yaml'), Array.from({ length: 50 }, (_, i) => good.replace('name: train', `name: train-${i}`)).join(''));
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, join(root, 'bin/pipewright.mjs'), 'lint', join(dir, 'valohai.yaml')], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/1 file\(s\) checked: 0 error/);
    expect(r.stderr).toMatch(/environment reads: 0\n/);
  }, 60_000);
});

describe('issue 14: render and the CLI\'s own output', () => {
  const bin = join(root, 'bin/pipewright.mjs');
  const experiment = 'name: exp\nentrypoint: python3 train.py\nenvironment:\n  environment_variables:\n    - A=1\n    - URL=http://x/?a=b\nsearcher: {name: single, metric: loss}\nhyperparameters:\n  lr: 0.1\n';

  it('render of a Determined experiment prints the environment variables the preview shows, in order, DET_HPARAMS last', () => {
    const r = run(['render', 'exp.yaml'], { 'exp.yaml': experiment });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('\n# Environment variables\nA=1\nURL=http://x/?a=b\nDET_HPARAMS={"lr":0.1}\n');
    expect(r.out.indexOf('# Environment variables')).toBeLessThan(r.out.indexOf('# Create the experiment'));
    // The same variables as the preview, for the slot type of the trial and after --config overrides.
    const perDevice = experiment.replace('environment_variables:\n    - A=1\n    - URL=http://x/?a=b', 'environment_variables: {cpu: [C=1], cuda: [G=2]}');
    const json = JSON.parse(run(['render', 'exp.yaml', 'resources.slots_per_trial=0', '--json'], { 'exp.yaml': perDevice }).out);
    expect(json.blocks[0]).toEqual({ title: 'Environment variables', text: 'C=1\nDET_HPARAMS={"lr":0.1}', language: 'text' });
    const overridden = JSON.parse(run(['render', 'exp.yaml', 'environment.environment_variables=[Z=9]', '--json'], { 'exp.yaml': experiment }).out);
    expect(overridden.blocks[0].text).toBe('Z=9\nDET_HPARAMS={"lr":0.1}');
  });

  it('render of an emloop unit, which has no environment, gets no environment block', () => {
    const config = 'dataset:\n  class: ds.DS\nmodel:\n  class: m.M\n  inputs: [a]\n  outputs: [loss]\n';
    const r = run(['render', 'config.yaml', '--unit', 'train', '--json'], { 'config.yaml': config });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).blocks.map((b: { title: string }) => b.title)).not.toContain('Environment variables');
  });

  it('a key that is a list or mapping: stderr holds only our own lines, for lint, render and effective', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-'));
    const det = join(dir, 'exp.yaml');
    writeFileSync(det, 'name: exp\nentrypoint: python3 train.py\nsearcher: {name: single, metric: loss}\nhyperparameters:\n  ? {a: 1}\n  : 2\n');
    const vh = join(dir, 'valohai.yaml');
    writeFileSync(vh, '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n    ? [a, b]\n    : 1\n');
    const lint = spawnSync(process.execPath, [bin, 'lint', det, vh], { encoding: 'utf8' });
    expect(lint.stderr).toBe('2 file(s) checked: 1 error(s), 2 other finding(s)\n');
    expect(lint.stdout).toMatch(/exp\.yaml:5:5: warning: This key is a mapping, which no config uses as a name/);
    const render = spawnSync(process.execPath, [bin, 'render', det], { encoding: 'utf8' });
    expect(render.status).toBe(0);
    expect(render.stderr).toBe('');
    const effective = spawnSync(process.execPath, [bin, 'effective', det], { encoding: 'utf8' });
    expect(effective).toMatchObject({ status: 0, stderr: '' });
    const refused = spawnSync(process.execPath, [bin, 'render', vh], { encoding: 'utf8' });
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: the platform would refuse .*valohai\.yaml as a whole/)]);
    expect(refused.stderr).not.toMatch(/Warning|stringified|node:/);
  }, 60_000);

  const endpoint = `${good}- endpoint:\n    name: Bad_Name\n    image: python:3.12\n    server-command: python serve.py\n`;

  it('render of a step in a file the platform refuses prints the script, says so with the first error, and exits 1', () => {
    const r = run(['render', 'valohai.yaml', '--step', 'train'], { 'valohai.yaml': endpoint });
    expect(r.out).toBe('python train.py');
    expect(r.err).toMatch(/^error: the platform would refuse valohai\.yaml as a whole, so this unit would not run as printed; first error at 6:11: .*Bad_Name/);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.code).toBe(1);
    // The same file without the bad name renders silently with exit 0.
    expect(run(['render', 'valohai.yaml', '--step', 'train'], { 'valohai.yaml': endpoint.replace('Bad_Name', 'serve') })).toEqual({ code: 0, out: 'python train.py', err: '' });
  });

  it('the first error is the earliest in the file, and the rest are counted; warnings alone do not refuse', () => {
    const two = `- step:\n    name: other\n    image: true\n    command: echo\n${endpoint}`;
    const r = run(['render', 'valohai.yaml', '--step', 'train'], { 'valohai.yaml': two });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/first error at 3:12: .*image.*\(1 more: pipewright lint valohai\.yaml lists them all\)$/);
    const warned = run(['render', 'valohai.yaml', '--step', 'train'], { 'valohai.yaml': good + good });
    expect(warned).toMatchObject({ code: 0, err: '' });
    // Determined: an error-level finding refuses the experiment too.
    const det = run(['render', 'exp.yaml'], { 'exp.yaml': `${experiment}searcher: {name: single, metric: loss}\n` });
    expect(det.code).toBe(1);
    expect(det.err).toMatch(/^error: the platform would refuse exp\.yaml as a whole.*first error at 10:1: `searcher` is given twice \(first at line 7\)/);
    expect(det.out).toMatch(/^sh -c 'python3 train.py'/);
  });

  it('a usage problem still exits 2 without the refusal', () => {
    expect(run(['render', 'valohai.yaml', '--step', 'nope'], { 'valohai.yaml': endpoint })).toMatchObject({ code: 2, err: expect.not.stringMatching(/refuse/) });
  });

  it('lint says what is wrong with a mis-indented list item, at its line; an unclosed quote stays an unclosed quote', () => {
    const misplaced = '- step:\n    name: train\n    image: "python:3.12"\n    command:\n      - pip install x\n     - python train.py\n';
    const r = run(['lint', 'valohai.yaml'], { 'valohai.yaml': misplaced });
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'valohai.yaml:6:6: error: This list item starts at column 6, which lines up with no list above it: the lists above start at column 7 (`- pip install x`, the line above) and column 1 (`- step:`, 5 lines above) — most likely it belongs to the first of these: indent it 1 more space',
    );
    const unclosed = run(['lint', 'valohai.yaml'], { 'valohai.yaml': misplaced.replace('"python:3.12"', '"python:3.12').replace('     - python', '      - python') });
    expect(unclosed.out).toMatch(/^valohai\.yaml:3:12: error: Unclosed " — it opens here and is never closed/);
    expect(unclosed.out).not.toMatch(/list item/);
  });

  it('lint names the lost value of a repeated key (Valohai keeps the later one)', () => {
    const text = '- step:\n    name: train\n    image: python:3.11\n    image: python:3.12\n    command: python train.py\n';
    const r = run(['lint', 'valohai.yaml', '--json'], { 'valohai.yaml': text });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ line: 3, column: 5, message: '`image` is given twice; the platform uses the later value (line 4) and ignores this one' }),
    ]);
  });
});
