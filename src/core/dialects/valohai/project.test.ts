import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectFiles } from '../../contracts/project';
import { parseText } from '../../document/parse';
import { applyTextEdits } from '../../document/textEdits';
import { analyze } from '../../lint';
import { valohai } from './index';
import { addParametersFix, checkValohaiProject, generateStep, missingParameters } from './project';
import { defaultValues, renderStep, stepsOf } from './render';
import type { PyValue } from './python/values';

const TESTDATA = resolve(__dirname, '../../code/testdata');
const testdata = (name: string) => readFileSync(resolve(TESTDATA, name), 'utf8');

const project = (files: Record<string, string>): ProjectFiles => ({ list: () => Object.keys(files), read: (p) => files[p] });
const parse = (text: string) => parseText(text, valohai.yaml);
const check = (yaml: string, files: Record<string, string>, configDir = '') => checkValohaiProject(parse(yaml), project(files), configDir);
/** code: marked text — message */
const findings = (yaml: string, files: Record<string, string>, configDir = '') =>
  check(yaml, files, configDir).map((d) => `${d.severity} ${d.code} @${yaml.slice(d.range[0], d.range[1])}: ${d.message}`);
const codes = (yaml: string, files: Record<string, string>) => check(yaml, files).map((d) => `${d.severity} ${d.code} @${yaml.slice(d.range[0], d.range[1])}`);

const step = (command: string, parameters = '', extra = '') => `- step:\n    name: train\n    image: python:3.12\n    command: ${command}\n${parameters ? `    parameters:\n${parameters}` : ''}${extra}`;
const param = (name: string, rest = '') => `      - name: ${name}\n${rest
  .split(';')
  .filter(Boolean)
  .map((kv) => `        ${kv.trim()}\n`)
  .join('')}`;

const ARGPARSE = [
  'import argparse',
  'parser = argparse.ArgumentParser()',
  "parser.add_argument('--learning-rate', type=float, default=0.01, help='the rate')",
  "parser.add_argument('--epochs', type=int, default=10)",
  "parser.add_argument('--cuda', action='store_true')",
  "parser.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')",
  'args = parser.parse_args()',
].join('\n');

describe('script-missing', () => {
  it('marks the script name in the command, with the nearest file as a fix', () => {
    const yaml = step('python trian.py {parameters}');
    const [d] = check(yaml, { 'train.py': ARGPARSE });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('trian.py');
    expect(d).toMatchObject({ severity: 'error', code: 'script-missing', path: [0, 'step', 'command'] });
    expect(d.message).toBe('The script trian.py is not in the project: did you mean train.py? — step "train" would fail at once');
    expect(applyTextEdits(yaml, d.fixes![0].edits)).toBe(step('python train.py {parameters}'));
  });

  it('resolves from the config folder, through cd, modules and shell scripts', () => {
    const files = { 'ml/src/train.py': ARGPARSE, 'ml/run.sh': 'cd src\npython tarin.py "$@"\n' };
    expect(codes(step('cd src && python train.py'), files)).toEqual(['error script-missing @train.py']);
    expect(check(step('cd src && python train.py'), files, 'ml')).toEqual([]);
    expect(findings(step('python -m pkg.train'), files, 'ml')).toEqual([]);
    expect(findings(step('bash run.sh {parameters}'), files, 'ml')).toEqual([
      'error script-missing @run.sh: Step "train" runs ml/run.sh, whose line 2 runs tarin.py: the script ml/src/tarin.py is not in the project, so the execution fails there',
    ]);
  });

  it('marks the item of a command list', () => {
    const yaml = '- step:\n    name: train\n    image: python:3.12\n    command:\n      - pip install -r requirements.txt\n      - python src/main.py\n';
    expect(check(yaml, { 'src/train.py': '' })[0]).toMatchObject({ path: [0, 'step', 'command', 1] });
    expect(codes(yaml, { 'src/train.py': '' })).toEqual(['error script-missing @src/main.py']);
  });
});

describe('parameters against the options', () => {
  it('accepts what the script accepts', () => {
    const params = param('learning-rate', 'type: float; default: 0.01') + param('epochs', 'type: integer; default: 10') + param('cuda', 'type: flag; default: false') + param('optimizer', 'default: sgd');
    expect(findings(step('python train.py {parameters}', params), { 'train.py': ARGPARSE })).toEqual([]);
  });

  it('reports a parameter the script does not accept at its name, with did-you-mean and a pass-as fix', () => {
    const yaml = step('python train.py {parameters}', param('learning_rate', 'type: float; default: 0.01'));
    const [d, ...rest] = check(yaml, { 'train.py': ARGPARSE });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('learning_rate');
    expect(d).toMatchObject({ severity: 'error', code: 'parameter-not-accepted', path: [0, 'step', 'parameters', 0, 'name'] });
    expect(d.message).toBe(
      'Parameter "learning_rate" of step "train" is passed as --learning_rate, but train.py does not accept --learning_rate, so its parser stops the execution at once: did you mean --learning-rate?',
    );
    const fixed = applyTextEdits(yaml, d.fixes![0].edits);
    expect(fixed).toContain('        pass-as: --learning-rate={v}\n');
    expect(check(fixed, { 'train.py': ARGPARSE }).filter((f) => f.code === 'parameter-not-accepted')).toEqual([]);
    expect(analyze(fixed, valohai).diagnostics).toEqual([]);
    expect(rest.map((r) => r.code)).toEqual(['option-without-parameter']);
  });

  it('is only info when the script leaves unknown options alone, or its options could not all be read', () => {
    const known = ARGPARSE.replace('args = parser.parse_args()', 'args, rest = parser.parse_known_args()');
    expect(codes(step('python train.py {parameter:lr}', param('lr', 'type: float')), { 'train.py': known })).toEqual(['info parameter-not-accepted @lr']);
    const built = ARGPARSE + '\nfor k in KEYS:\n    parser.add_argument("--" + k)\n';
    expect(codes(step('python train.py {parameter:lr}', param('lr', 'type: float')), { 'train.py': built })).toEqual(['info parameter-not-accepted @lr']);
  });

  it('checks options written into the command, and their values', () => {
    expect(codes(step('python train.py --epochs 3 --lr 0.1 --cuda'), { 'train.py': ARGPARSE })).toEqual(['error option-not-accepted @--lr']);
    expect(codes(step('python train.py --epochs 3 extra'), { 'train.py': ARGPARSE })).toEqual(['error argument-not-accepted @train.py']);
    // argparse takes a unique prefix of a long option.
    expect(codes(step('python train.py --learn=0.1 --epoch=3'), { 'train.py': ARGPARSE })).toEqual([]);
  });

  it('tells flags from values', () => {
    const yaml = step('python train.py {parameters}', param('cuda', 'type: integer; default: 1') + param('epochs', 'type: flag'));
    expect(findings(yaml, { 'train.py': ARGPARSE })).toEqual([
      'error parameter-type-differs @cuda: train.py takes --cuda as a switch without a value (line 5), but parameter "cuda" passes --cuda=…: the parser refuses it — make it a flag parameter (type: flag)',
      'error parameter-type-differs @epochs: train.py needs a value after --epochs (line 4), but the flag parameter "epochs" passes --epochs alone: the parser refuses it — make it an integer parameter',
      'hint option-without-parameter @{parameters}: train.py also reads --learning-rate, --optimizer, which no parameter of step "train" sets: they always keep the script\'s defaults (add them as parameters to set them per execution)',
    ]);
  });

  it('compares types, choices, defaults and multiple values', () => {
    const params =
      param('epochs', 'type: float; default: 2.5') + param('learning-rate', 'type: string; default: "0.1"') + param('optimizer', 'default: adagrad') + param('cuda', 'type: flag');
    expect(findings(step('python train.py {parameters}', params), { 'train.py': ARGPARSE })).toEqual([
      'error parameter-type-differs @epochs: train.py converts --epochs with int() (line 4), which refuses "2.5", the value parameter "epochs" passes by default: the execution stops at once',
      'warning parameter-type-differs @learning-rate: train.py converts --learning-rate with float() (line 3), but parameter "learning-rate" is text: a value such as "auto" would stop the execution',
      'hint parameter-default-differs @"0.1": The step\'s default for "learning-rate" (0.1) is not train.py\'s own (0.01, line 3): executions on Valohai start from 0.1',
      "error parameter-choice-refused @optimizer: train.py accepts only 'sgd', 'adam' for --optimizer (line 6), but parameter \"optimizer\" passes \"adagrad\" by default: the parser refuses it",
    ]);
    const typeFix = check(step('python train.py {parameters}', params), { 'train.py': ARGPARSE })[1].fixes![0];
    expect(typeFix.title).toBe('Make it a float parameter');
    expect(applyTextEdits(step('python train.py {parameters}', params), typeFix.edits)).toContain('type: float; default: "0.1"'.replace('; ', '\n        '));
    const multi = 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--size", type=int, nargs="+")\np.add_argument("--tag")\np.parse_args()\n';
    expect(codes(step('python train.py {parameters}', param('size', 'type: integer; multiple: separate; default: [1, 2]') + param('tag', 'multiple: repeat; default: [a, b]')), { 'train.py': multi })).toEqual([
      'warning parameter-multiple-differs @size',
      'warning parameter-multiple-differs @tag',
    ]);
  });

  it('reports required options and arguments the command never passes, with a fix adding them', () => {
    const script = 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--data", required=True)\np.add_argument("out")\np.parse_args()\n';
    const yaml = step('python train.py {parameters}', param('seed', 'type: integer; default: 1; pass-as: --data={v}'));
    expect(codes(yaml, { 'train.py': script })).toEqual(['error required-argument-missing @train.py']);
    const bare = step('python train.py {parameters}');
    const found = check(bare, { 'train.py': script });
    expect(found.map((d) => d.code)).toEqual(['required-option-missing', 'required-argument-missing']);
    const fixed = applyTextEdits(bare, found[0].fixes![0].edits);
    expect(fixed).toBe(bare + '    parameters:\n      - name: data\n') ;
    expect(codes(step('python train.py out.txt extra.txt --data=x'), { 'train.py': script })).toEqual(['error argument-not-accepted @train.py']);
  });

  it('hints at options no parameter sets, and the fix adds them as minimal edits that lint clean', () => {
    const yaml = step('python train.py {parameters}', param('epochs', 'type: integer; default: 10'));
    const [hint] = check(yaml, { 'train.py': ARGPARSE });
    expect(hint).toMatchObject({ severity: 'hint', code: 'option-without-parameter' });
    expect(yaml.slice(hint.range[0], hint.range[1])).toBe('{parameters}');
    expect(hint.fixes![0].title).toBe('Add the 3 missing parameters to step "train"');
    const fixed = applyTextEdits(yaml, hint.fixes![0].edits);
    expect(fixed.startsWith(yaml)).toBe(true);
    expect(fixed.slice(yaml.length)).toBe(
      [
        '      - name: learning-rate',
        '        type: float',
        '        default: 0.01',
        '        description: the rate',
        '      - name: cuda',
        '        type: flag',
        '        default: false',
        '      - name: optimizer',
        '        default: sgd',
        '        choices:',
        '          - sgd',
        '          - adam',
        '',
      ].join('\n'),
    );
    expect(analyze(fixed, valohai).diagnostics).toEqual([]);
    expect(check(fixed, { 'train.py': ARGPARSE })).toEqual([]);
  });

  it('offers the missing parameters of a step as specs for addParametersFix', () => {
    const yaml = step('python train.py', '');
    const parsed = parse(yaml);
    const found = missingParameters(parsed, project({ 'train.py': ARGPARSE }), '', 'train')!;
    expect(found.specs.map((s) => s.name)).toEqual(['learning-rate', 'epochs', 'cuda', 'optimizer']);
    const fix = addParametersFix(parsed, found.step, found.specs, 'Add')!;
    expect(analyze(applyTextEdits(yaml, fix.edits), valohai).diagnostics.filter((d) => d.severity !== 'hint')).toEqual([]);
  });

  it('says once that a script does not parse or is read by something else, and checks nothing more', () => {
    const yaml = step('python train.py --x {parameters}', param('a')) + '- step:\n    name: again\n    image: python:3.12\n    command: python train.py --y\n';
    expect(findings(yaml, { 'train.py': 'print "python 2"\n' })).toEqual([
      'info script-unreadable @train.py: train.py does not parse as Python 3 (line 1), so the step\'s parameters were not checked against it',
    ]);
    expect(codes(step('python train.py {parameters}', param('a')), { 'train.py': 'import hydra\n@hydra.main()\ndef main(cfg): ...\n' })).toEqual(['info script-unreadable @train.py']);
  });

  it('finds the parser in a project module the script imports, and hints when there is none', () => {
    const files = { 'train.py': 'from config import get_args\nargs = get_args()\n', 'config.py': ARGPARSE.replace('args = parser.parse_args()', 'def get_args():\n    return parser.parse_args()') };
    expect(findings(step('python train.py {parameters}', param('lr')), files)[0]).toMatch(/^error parameter-not-accepted @lr: .*\(its options|did you mean/);
    expect(codes(step('python train.py {parameters}', param('lr')), { 'train.py': 'print(1)\n' })).toEqual(['hint script-reads-no-options @train.py']);
  });
});

describe('valohai-utils', () => {
  const script = testdata('valohai_utils_resize.py');

  it('compares valohai.prepare with the step: parameters and inputs missing, never read, typed otherwise', () => {
    const yaml = step('python resize.py {parameters}', param('width', 'default: "640"') + param('depth', 'type: integer'), '    inputs:\n      - name: photos\n');
    expect(findings(yaml, { 'resize.py': script })).toEqual([
      'warning parameter-type-differs @width: valohai.prepare in resize.py gives "width" the default 640 (an integer), but the step\'s parameter is text: the script gets a value of another type than it was written for',
      'warning valohai-parameter-missing @parameters: resize.py reads the parameter "height" (valohai.prepare, line 16), which step "train" does not define: on Valohai the script gets only the step\'s parameters, so it reads None',
      'hint parameter-not-read @depth: resize.py never reads parameter "depth" (it is not in valohai.prepare\'s default_parameters, and no valohai.parameters("depth") reads it)',
      'warning valohai-input-missing @inputs: resize.py reads the input "images" (valohai.prepare, line 16), which step "train" does not define: on Valohai nothing is downloaded for it',
      'hint input-not-read @photos: resize.py never reads input "photos" (not in valohai.prepare\'s default_inputs, no valohai.inputs("photos"), and its name appears nowhere in the script)',
    ]);
    const fix = check(yaml, { 'resize.py': script }).find((d) => d.code === 'valohai-parameter-missing')!.fixes![0];
    expect(applyTextEdits(yaml, fix.edits)).toContain('      - name: height\n        type: integer\n        default: 480\n');
  });
});

// ---- the real scripts ---------------------------------------------------------------------------

const HARNESS = resolve(TESTDATA, 'harness.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasClick = hasPython && spawnSync('python3', ['-c', 'import click']).status === 0;

interface HarnessResult {
  status: 'parsed' | 'refused' | 'no-parse' | 'crashed';
  values?: Record<string, unknown>;
  extra?: string[];
  message?: string;
  error?: string;
}

interface HarnessRequest {
  source: string;
  path: string;
  command: string;
}

/** The script's own parser on each command line, all in one python3 process. */
function runParsers(requests: HarnessRequest[]): HarnessResult[] {
  const out = spawnSync('python3', [HARNESS], { input: JSON.stringify(requests), encoding: 'utf8', timeout: 60_000 });
  if (out.status !== 0) throw new Error(`harness failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as HarnessResult[];
}

const str = (v: string): PyValue => ({ t: 'str', v });

interface Case {
  file: string;
  /** A script written for the test, instead of testdata/<file>. */
  source?: string;
  needs: 'python' | 'click';
  /** Values for parameters the script requires and that have no default. */
  required?: Record<string, PyValue>;
  /** What the parser must read from the command rendered with the defaults. */
  expect: Record<string, unknown>;
  /** Values typed into the form and what the parser then reads. */
  typed?: { values: Record<string, PyValue>; expect: Record<string, unknown> };
}

/** Written here, not collected: what the real scripts above do not cover (click switches, repeated and several values). */
const CLICK_SWITCHES = [
  'import click',
  '@click.command()',
  '@click.option("--shout/--no-shout", default=True)',
  '@click.option("-v", "--verbose", is_flag=True)',
  '@click.option("--color", is_flag=True, default=True)',
  '@click.option("--tag", multiple=True, default=["a", "b"])',
  '@click.option("--mode", type=click.Choice(["fast", "slow"]), default="slow")',
  '@click.argument("files", nargs=-1)',
  'def main(shout, verbose, color, tag, mode, files):',
  '    pass',
  'main()',
].join('\n');
const ARGPARSE_LISTS = [
  'import argparse',
  'p = argparse.ArgumentParser()',
  'p.add_argument("--tag", action="append", default=[])',
  'p.add_argument("--sizes", type=int, nargs="+", default=[32])',
  'p.add_argument("--pair", type=float, nargs=2)',
  'p.add_argument("-k", type=int, default=3)',
  'p.add_argument("--debug", type=bool, default=False)',
  'p.add_argument("--no-augment", dest="augment", action="store_false")',
  'p.add_argument("inputs", nargs="*")',
  'p.parse_args()',
].join('\n');

const CASES: Case[] = [
  {
    file: 'pytorch_mnist.py',
    needs: 'python',
    expect: { batch_size: 64, test_batch_size: 1000, epochs: 10, lr: 0.01, momentum: 0.5, no_cuda: false, seed: 1, log_interval: 10 },
    typed: { values: { 'no-cuda': { t: 'bool', v: true }, lr: { t: 'float', v: 1e-5 } }, expect: { no_cuda: true, lr: 1e-5 } },
  },
  {
    file: 'pytorch_word_language_model.py',
    needs: 'python',
    expect: { data: './data/linux', model: 'LSTM', lr: 20, batch_size: 20, tied: false, log_interval: 200, save: 'model.pt' },
    typed: { values: { tied: { t: 'bool', v: true }, model: str('GRU') }, expect: { tied: true, model: 'GRU' } },
  },
  {
    file: 'pytorch_dcgan.py',
    needs: 'python',
    required: { dataset: str('cifar10'), dataroot: str('/valohai/inputs/data') },
    expect: { dataset: 'cifar10', dataroot: '/valohai/inputs/data', workers: 2, lr: 0.0002, netG: '', outf: '.', manualSeed: null, cuda: false },
    typed: { values: { manualSeed: { t: 'int', v: 7 } }, expect: { manualSeed: 7 } },
  },
  {
    file: 'detr_main.py',
    needs: 'python',
    expect: { lr: 0.0001, lr_backbone: 1e-5, aux_loss: true, position_embedding: 'sine', num_classes: null, output_dir: '', dist_url: 'env://' },
    typed: { values: { aux_loss: { t: 'bool', v: false }, dilation: { t: 'bool', v: true }, position_embedding: str('learned') }, expect: { aux_loss: false, dilation: true, position_embedding: 'learned' } },
  },
  {
    file: 'mlflow_hyperparam_train.py',
    needs: 'click',
    required: { training_data: str('wine quality.csv') },
    expect: { training_data: 'wine quality.csv', epochs: 100, batch_size: 16, learning_rate: 0.01, momentum: 0.9, seed: 97531 },
  },
  {
    file: 'mlflow_flower_classifier_train.py',
    needs: 'click',
    expect: { epochs: 1, batch_size: 16, image_width: 224, training_data: './flower_photos', test_ratio: 0.2 },
  },
  {
    file: 'valohai_utils_resize.py',
    needs: 'python',
    expect: { width: 640, height: 480 },
  },
  {
    file: 'click_switches.py',
    source: CLICK_SWITCHES,
    needs: 'click',
    expect: { shout: true, verbose: false, color: true, tag: ['a', 'b'], mode: 'slow', files: [] },
    typed: {
      values: { shout: { t: 'bool', v: false }, verbose: { t: 'bool', v: true }, tag: { t: 'list', items: [str('x'), str('y z')] }, files: { t: 'list', items: [str('a.txt'), str('b c.txt')] } },
      expect: { shout: false, verbose: true, tag: ['x', 'y z'], files: ['a.txt', 'b c.txt'] },
    },
  },
  {
    file: 'argparse_lists.py',
    source: ARGPARSE_LISTS,
    needs: 'python',
    expect: { tag: [], sizes: [32], pair: null, k: 3, debug: false, augment: true, inputs: [] },
    typed: {
      values: {
        tag: { t: 'list', items: [str('a'), str('b')] },
        sizes: { t: 'int', v: 64 },
        k: { t: 'int', v: 5 },
        debug: { t: 'bool', v: true },
        augment: { t: 'bool', v: false },
        inputs: { t: 'list', items: [str('x.csv'), str('y.csv')] },
      },
      expect: { tag: ['a', 'b'], sizes: [64], k: 5, debug: true, augment: false, inputs: ['x.csv', 'y.csv'] },
    },
  },
  {
    file: 'valohai_utils_test1.py',
    needs: 'python',
    // Flags render only when a value is passed; the preview passes the default (true).
    expect: { param1: true, param2: 'asdf', param3: 123, param4: 0.0001 },
    typed: { values: { param1: { t: 'bool', v: false } }, expect: { param1: false } },
  },
];

describe('generated steps for real scripts', () => {
  /** Each case's command lines (defaults, then typed values), rendered up front and parsed by python3 in one go. */
  const rendered = CASES.map((c) => {
    const source = c.source ?? testdata(c.file);
    const text = generateStep({ path: c.file, source });
    const s = stepsOf(parse(text))[0];
    const values = defaultValues(s);
    for (const [k, v] of Object.entries(c.required ?? {})) values.set(k, v);
    const defaults = renderStep(s, values);
    for (const [k, v] of Object.entries(c.typed?.values ?? {})) values.set(k, v);
    const typed = renderStep(s, values);
    return { c, source, text, defaults, typed };
  });
  let results: HarnessResult[][] | undefined;
  const parsedBy = (i: number): HarnessResult[] => {
    if (!results) {
      const runnable = rendered.filter((r) => (r.c.needs === 'click' ? hasClick : hasPython));
      const flat = runParsers(runnable.flatMap((r) => [r.defaults.script, r.typed.script].map((command) => ({ source: r.source, path: r.c.file, command }))));
      results = rendered.map((r) => {
        const at = runnable.indexOf(r);
        return at < 0 ? [] : [flat[2 * at], flat[2 * at + 1]];
      });
    }
    return results[i];
  };

  rendered.forEach((r, i) => {
    const { c, source, text } = r;

    it(`${c.file}: the generated step lints clean and matches its script`, () => {
      expect(analyze(text, valohai).diagnostics).toEqual([]);
      expect(checkValohaiProject(parse(text), project({ [c.file]: source }), '')).toEqual([]);
    });

    const missing = c.needs === 'click' ? !hasClick : !hasPython;
    const why = !hasPython ? 'SKIPPED: python3 is not installed' : 'SKIPPED: the click module is not installed for python3';
    it.skipIf(missing)(`${c.file}: its own parser accepts the command rendered from the defaults${missing ? ` (${why})` : ''}`, () => {
      expect(r.defaults.errors).toEqual([]);
      const [defaults, typed] = parsedBy(i);
      expect(defaults, r.defaults.script).toMatchObject({ status: 'parsed', extra: [] });
      expect(defaults.values).toMatchObject(c.expect);
      if (c.typed) {
        expect(typed, r.typed.script).toMatchObject({ status: 'parsed' });
        expect(typed.values).toMatchObject(c.typed.expect);
      }
    });
  });

  it('writes what Valohai can pass: repeat for append, one value for nargs, bool() switched by an empty value', () => {
    const text = generateStep({ path: 'lists.py', source: ARGPARSE_LISTS });
    expect(text).toBe(
      [
        '- step:',
        '    name: lists',
        '    image: python:3.12',
        '    command: python lists.py {parameters}',
        '    parameters:',
        '      - name: tag',
        '        multiple: repeat',
        '        optional: true',
        '      # --sizes takes several values (nargs="+"); Valohai passes one',
        '      - name: sizes',
        '        type: integer',
        '        default: 32',
        '      # --pair takes several values (nargs=2); Valohai passes one',
        '      - name: pair',
        '        type: float',
        '        optional: true',
        '      - name: k',
        '        type: integer',
        '        default: 3',
        '        pass-as: -k {v}',
        '      # --debug is read with bool(): only an empty value is false',
        '      - name: debug',
        '        type: flag',
        '        default: false',
        '        pass-true-as: --debug=1',
        '        pass-false-as: --debug=',
        '      - name: augment',
        '        type: flag',
        '        default: true',
        '        pass-false-as: --no-augment',
        '      - name: inputs',
        '        multiple: repeat',
        '        optional: true',
        '        pass-as: "{v}"',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!hasPython)(`a separated list is one value to nargs="+": why generateStep does not write multiple: separate${hasPython ? '' : ' (SKIPPED: python3 is not installed)'}`, () => {
    const yaml = step('python lists.py {parameters}', param('sizes', 'type: integer; multiple: separate; default: [32, 64]'));
    const s = stepsOf(parse(yaml))[0];
    const command = renderStep(s, defaultValues(s)).script;
    expect(command).toBe('python lists.py --sizes=32,64');
    expect(runParsers([{ source: ARGPARSE_LISTS, path: 'lists.py', command }])[0]).toEqual({ status: 'refused', message: "argument --sizes: invalid int value: '32,64'" });
    expect(codes(yaml, { 'lists.py': ARGPARSE_LISTS })).toContain('warning parameter-multiple-differs @sizes');
  });

  it.skipIf(!hasPython)(`the harness sees a refusal as a refusal${hasPython ? '' : ' (SKIPPED: python3 is not installed)'}`, () => {
    const source = testdata('pytorch_mnist.py');
    const path = 'pytorch_mnist.py';
    expect(runParsers([{ source, path, command: 'python pytorch_mnist.py --learning_rate=0.1' }, { source, path, command: 'python pytorch_mnist.py --epochs=2.5' }])).toEqual([
      { status: 'refused', message: 'unrecognized arguments: --learning_rate=0.1' },
      { status: 'refused', message: "argument --epochs: invalid int value: '2.5'" },
    ]);
  });
});
