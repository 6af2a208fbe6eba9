import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptOption } from '../contracts/project';
import { pyLiteralRepr } from './python';
import { readScriptInterface } from './scriptInterface';

const testdata = (name: string) => readFileSync(resolve(__dirname, 'testdata', name), 'utf8');

/** One line per option, typed: `--lr float =0.01`, `--cuda store_true =False`, `data nargs=+`. */
function summary(o: ScriptOption): string {
  const bits = [[...o.flags, ...o.offFlags.map((f) => `/${f}`)].join('|') || o.dest];
  if (o.action !== 'store') bits.push(o.action);
  if (o.type) bits.push(o.type);
  if (o.default) bits.push(`=${pyLiteralRepr(o.default)}`);
  if (o.nargs !== undefined) bits.push(`nargs=${o.nargs}`);
  if (o.choices) bits.push(`choices=${o.choices.map(pyLiteralRepr).join(',')}`);
  if (o.required) bits.push('required');
  return bits.join(' ');
}

const options = (source: string) => readScriptInterface(source).options.map(summary);

describe('real training scripts (testdata/SOURCES.md)', () => {
  it('pytorch/examples mnist: argparse inside main(), int/float/store_true', () => {
    const face = readScriptInterface(testdata('pytorch_mnist.py'));
    expect(face.options.map(summary)).toEqual([
      '--batch-size int =64',
      '--test-batch-size int =1000',
      '--epochs int =10',
      '--lr float =0.01',
      '--momentum float =0.5',
      '--no-cuda store_true =False',
      '--seed int =1',
      '--log-interval int =10',
    ]);
    expect(face).toMatchObject({ readers: ['argparse'], complete: true, allowAbbrev: true, syntaxErrors: [] });
    expect(face.acceptsUnknown).toBeUndefined();
    const lr = face.options.find((o) => o.dest === 'lr')!;
    expect(lr).toMatchObject({ line: 67, help: 'learning rate (default: 0.01)', typeText: 'float', library: 'argparse' });
    expect(face.options.find((o) => o.flags[0] === '--batch-size')!.dest).toBe('batch_size');
    expect(face.definitions.filter((d) => d.kind !== 'import').map((d) => `${d.kind} ${d.name}`)).toEqual(['class Net', 'function train', 'function test', 'function main']);
  });

  it('pytorch/examples word_language_model: a module-level parser, a float option with an int default', () => {
    expect(options(testdata('pytorch_word_language_model.py'))).toEqual([
      "--data str ='./data/linux'",
      "--model str ='LSTM'",
      '--emsize int =200',
      '--nhid int =200',
      '--nlayers int =2',
      '--lr float =20',
      '--clip float =0.25',
      '--epochs int =40',
      '--batch_size int =20',
      '--bptt int =35',
      '--dropout float =0.2',
      '--tied store_true =False',
      '--seed int =1111',
      '--cuda store_true =False',
      '--log-interval int =200',
      "--save str ='model.pt'",
    ]);
  });

  it('pytorch/examples dcgan: required options, options without a type, an int option without a default', () => {
    const face = readScriptInterface(testdata('pytorch_dcgan.py'));
    expect(face.options.map(summary)).toEqual([
      '--dataset required',
      '--dataroot required',
      '--workers int =2',
      '--batchSize int =64',
      '--imageSize int =64',
      '--nz int =100',
      '--ngf int =64',
      '--ndf int =64',
      '--niter int =25',
      '--lr float =0.0002',
      '--beta1 float =0.5',
      '--cuda store_true =False',
      '--ngpu int =1',
      "--netG =''",
      "--netD =''",
      "--outf ='.'",
      '--manualSeed int',
    ]);
    expect(face.options[0].line).toBe(18);
  });

  it('DETR: a parent parser, store_false with its own dest, literal choices, defaults before the type', () => {
    const face = readScriptInterface(testdata('detr_main.py'));
    const all = face.options.map(summary);
    expect(all).toHaveLength(43);
    expect(all.slice(0, 3)).toEqual(['--lr float =0.0001', '--lr_backbone float =1e-05', '--batch_size int =2']);
    expect(all).toContain("--position_embedding str ='sine' choices='sine','learned'");
    expect(all).toContain('--no_aux_loss store_false =True');
    expect(all).toContain('--frozen_weights str =None');
    expect(all).toContain("--dataset_file ='coco'");
    expect(face.options.find((o) => o.flags[0] === '--no_aux_loss')).toMatchObject({ dest: 'aux_loss', line: 64 });
  });

  it('mlflow hyperparam: click options with click.INT / click.FLOAT and a required argument', () => {
    const face = readScriptInterface(testdata('mlflow_hyperparam_train.py'));
    expect(face.options.map(summary)).toEqual([
      '--epochs int =100',
      '--batch-size int =16',
      '--learning-rate float =0.01',
      '--momentum float =0.9',
      '--seed int =97531',
      'training_data required',
    ]);
    expect(face.readers).toEqual(['click']);
    expect(face.options.map((o) => o.dest)).toEqual(['epochs', 'batch_size', 'learning_rate', 'momentum', 'seed', 'training_data']);
    expect(face.options[2]).toMatchObject({ library: 'click', typeText: 'click.FLOAT', line: 109, help: 'Learning rate.' });
    expect(face.options[5]).toMatchObject({ positional: true, line: 112 });
  });

  it('mlflow flower classifier: click.STRING and options without help', () => {
    expect(options(testdata('mlflow_flower_classifier_train.py'))).toEqual([
      '--epochs int =1',
      '--batch-size int =16',
      '--image-width int =224',
      '--image-height int =224',
      '--seed int =97531',
      "--training-data str ='./flower_photos'",
      '--test-ratio float =0.2',
    ]);
  });

  it('valohai-utils README example: default_parameters and default_inputs from module-level dicts, and the reads', () => {
    const face = readScriptInterface(testdata('valohai_utils_resize.py'));
    expect(face.valohai).toMatchObject({
      step: 'resize',
      complete: true,
      line: 16,
      parameters: [
        { name: 'width', default: { kind: 'int', value: 640 } },
        { name: 'height', default: { kind: 'int', value: 480 } },
      ],
      inputs: [{ name: 'images', defaults: ['https://dist.valohai.com/valohai-utils-tests/Example.jpg', 'https://dist.valohai.com/valohai-utils-tests/planeshark.jpg'] }],
    });
    expect(face.options.map(summary)).toEqual(['--width int =640', '--height int =480']);
    expect(face.valohaiReads.map((r) => `${r.kind} ${r.name}`)).toEqual(['input images', 'parameter width', 'parameter height']);
    expect(face.readers).toEqual(['valohai-utils']);
    expect(face.acceptsUnknown?.reason).toMatch(/parse_known_args/);
  });

  it('valohai-utils test1: a bool parameter (string_to_bool, nargs ?), text, int, float; single and list inputs', () => {
    const face = readScriptInterface(testdata('valohai_utils_test1.py'));
    expect(face.options.map(summary)).toEqual(['--param1 bool =True nargs=?', "--param2 str ='asdf'", '--param3 int =123', '--param4 float =0.0001']);
    expect(face.valohai!.inputs.map((i) => [i.name, i.defaults])).toEqual([
      ['input1', ['asdf']],
      ['input2', ['yolol', 'yalala']],
    ]);
  });
});

describe('argparse', () => {
  it('reads names bound to literals, concatenated help, BooleanOptionalAction, REMAINDER and groups', () => {
    const face = readScriptInterface(
      [
        'import argparse',
        'LR = 1e-3',
        'p = argparse.ArgumentParser(allow_abbrev=False)',
        'p.add_argument("-l", "--learning-rate", type=float, default=LR * 10, help="the " "rate")',
        'g = p.add_argument_group("model")',
        'g.add_argument("--layers", type=int, nargs="+", default=[1, 2])',
        'p.add_argument("--aug", action=argparse.BooleanOptionalAction)',
        'p.add_argument("--tag", action="append", choices=("a", "b"))',
        'p.add_argument("-v", action="count")',
        'p.add_argument("rest", nargs=argparse.REMAINDER)',
        'p.parse_args()',
      ].join('\n'),
    );
    expect(face.options.map(summary)).toEqual([
      '-l|--learning-rate float =0.01',
      '--layers int =[1, 2] nargs=+',
      '--aug|/--no-aug store_true',
      "--tag append choices='a','b'",
      '-v count',
      'rest nargs=...',
    ]);
    expect(face.options[0]).toMatchObject({ dest: 'learning_rate', help: 'the rate' });
    expect(face.allowAbbrev).toBe(false);
    expect(face.acceptsUnknown?.reason).toMatch(/REMAINDER/);
  });

  it('is incomplete when option strings are built at run time, and notes parse_known_args', () => {
    const face = readScriptInterface(['import argparse', 'p = argparse.ArgumentParser()', 'for k in KEYS:', '    p.add_argument("--" + k)', 'p.add_argument(*NAMES)', 'args, rest = p.parse_known_args()'].join('\n'));
    expect(face.options).toEqual([]);
    expect(face.complete).toBe(false);
    expect(face.acceptsUnknown).toEqual({ reason: 'it reads its options with parse_known_args, which leaves unknown ones alone', line: 6 });
  });

  it('finds add_argument on any object: a parser made elsewhere, a sub-parser', () => {
    const face = readScriptInterface(['from utils import make_parser', 'parser = make_parser()', 'sub = parser.add_subparsers().add_parser("train")', 'sub.add_argument("--steps", type=int, default=5)'].join('\n'));
    expect(face.options.map(summary)).toEqual(['--steps int =5']);
  });
});

describe('click', () => {
  it('reads options, on/off switches, flags, choices, multiple, counts and arguments', () => {
    const face = readScriptInterface(
      [
        'import click',
        '@click.command(context_settings=dict(ignore_unknown_options=True))',
        '@click.option("--shout/--no-shout", default=True)',
        '@click.option("-v", "--verbose", is_flag=True)',
        '@click.option("--mode", type=click.Choice(["fast", "slow"]), default="fast")',
        '@click.option("--tag", multiple=True)',
        '@click.option("-q", count=True)',
        '@click.option("--ratio", default=0.5)',
        '@click.option("--Out-Dir", "out")',
        '@click.argument("files", nargs=-1, type=click.Path())',
        'def main(shout, verbose, mode, tag, q, ratio, out, files):',
        '    pass',
      ].join('\n'),
    );
    expect(face.options.map(summary)).toEqual([
      '--shout|/--no-shout store_true bool =True',
      '-v|--verbose store_true bool =False',
      "--mode str ='fast' choices='fast','slow'",
      '--tag append',
      '-q count',
      '--ratio float =0.5',
      '--Out-Dir',
      'files path nargs=*',
    ]);
    expect(face.options.map((o) => o.dest)).toEqual(['shout', 'verbose', 'mode', 'tag', 'q', 'ratio', 'out', 'files']);
    expect(face.acceptsUnknown?.reason).toMatch(/ignore_unknown_options/);
  });

  it('reads options imported by name from click', () => {
    const face = readScriptInterface(['from click import command, option', '@command()', '@option("--epochs", type=int, default=3, required=True)', 'def main(epochs): ...'].join('\n'));
    expect(face.options.map(summary)).toEqual(['--epochs int =3 required']);
  });
});

describe('readers we do not read', () => {
  it('leaves the interface incomplete for hydra, absl, fire and sys.argv', () => {
    expect(readScriptInterface('import hydra\n@hydra.main(config_path="conf")\ndef main(cfg): ...\n')).toMatchObject({ readers: ['hydra'], complete: false });
    expect(readScriptInterface('from absl import flags\nflags.DEFINE_integer("epochs", 3, "n")\n')).toMatchObject({ readers: ['absl'], complete: false });
    expect(readScriptInterface('import fire\nfire.Fire(main)\n')).toMatchObject({ readers: ['fire'], complete: false });
    expect(readScriptInterface('import sys\nepochs = int(sys.argv[1])\n')).toMatchObject({ readers: ['sys.argv'], complete: false });
    expect(readScriptInterface('print("hello")\n')).toMatchObject({ readers: [], complete: true, options: [] });
  });

  it('reports Python 2 as syntax errors', () => {
    expect(readScriptInterface('import argparse\nprint "x"\n').syntaxErrors).toEqual([2]);
    expect(readScriptInterface('x = (100. * 3)\ny = 1 +\n').syntaxErrors).toEqual([2]);
  });
});
