import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { applyTextEdits } from '../../document/textEdits';
import { emloop } from './index';
import { checkEmloopProject, searchRoots } from './project';
import { readCorpus } from './testCorpus';

// emloop-examples' layout: run from the repository root, the config inside the package it names.
const FILES: Record<string, string> = {
  'mnist_convnet/__init__.py': 'from .convnet import SimpleConvNet\nfrom .mnist_dataset import MNISTDataset\n',
  'mnist_convnet/convnet.py': 'import emloop_tensorflow as eltf\n\nclass SimpleConvNet(eltf.BaseModel):\n    pass\n',
  'mnist_convnet/mnist_dataset.py': 'import emloop as el\n\nclass MNISTDataset(el.DownloadableDataset):\n    pass\n',
  'mnist_convnet/hooks.py': 'class PlotErrors:\n    pass\n',
  'mnist_convnet/config.yaml': '',
};
const files = { list: () => Object.keys(FILES), read: (p: string) => FILES[p] };
const check = (yaml: string, dir = 'mnist_convnet') => checkEmloopProject(parseText(yaml, emloop.yaml), files, dir);
const marked = (yaml: string, dir = 'mnist_convnet') => check(yaml, dir).map((d) => `${d.severity} ${d.code} @${yaml.slice(d.range[0], d.range[1])}`);

const config = (dataset: string, model: string, hooks = '') =>
  `dataset:\n  class: ${dataset}\n\nmodel:\n  name: convnet\n  class: ${model}\n  inputs: [images]\n  outputs: [predictions]\n${hooks ? `\nhooks:\n${hooks}` : ''}`;

describe('class paths against the folder', () => {
  it('accepts the real mnist_convnet example as laid out in emloop-examples', () => {
    expect(check(readCorpus('examples/emloop-examples/mnist_convnet/config.yaml'))).toEqual([]);
    expect(searchRoots('a/b')).toEqual(['a/b', 'a', '']);
  });

  it('marks a class the module does not define at the class name, with a fix', () => {
    const yaml = config('mnist_convnet.MNISTDataset', 'mnist_convnet.SimpleConvNett');
    const [d] = check(yaml);
    expect(d).toMatchObject({ severity: 'error', code: 'class-missing', path: ['model', 'class'] });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('SimpleConvNett');
    expect(d.message).toBe('The model class mnist_convnet.SimpleConvNett: mnist_convnet/__init__.py does not define SimpleConvNett: did you mean SimpleConvNet? — emloop cannot create it');
    expect(applyTextEdits(yaml, d.fixes![0].edits)).toBe(config('mnist_convnet.MNISTDataset', 'mnist_convnet.SimpleConvNet'));
  });

  it('warns about a module not found in the folder (it may be installed), errs when its package is there', () => {
    const yaml = config('datasets.my_dataset.MyDataset', 'mnist_convnet.models.Net');
    const found = check(yaml);
    expect(found.map((d) => `${d.severity} ${d.code} @${yaml.slice(d.range[0], d.range[1])}`)).toEqual([
      'warning class-module-not-found @datasets.my_dataset',
      'error class-module-not-found @mnist_convnet.models',
    ]);
    expect(found[0].message).toBe(
      'The dataset class datasets.my_dataset.MyDataset: the module datasets.my_dataset is not found in the folder (looked in mnist_convnet/, the project root) — if it is an installed package, ignore this; otherwise emloop cannot import it',
    );
    expect(found[1].message).toBe(
      'The model class mnist_convnet.models.Net: the package mnist_convnet is in the folder (mnist_convnet, at the project root), but the module mnist_convnet.models is not (looked for mnist_convnet/models.py and mnist_convnet/models/__init__.py) — emloop cannot import it',
    );
  });

  it("leaves emloop's, emloop-tensorflow's and other libraries' classes alone", () => {
    expect(check(config('emloop.datasets.BaseDataset', 'emloop_tensorflow.FrozenModel', '  - emloop.hooks.StopAfter:\n      epochs: 1\n  - tensorflow.Nope\n'))).toEqual([]);
  });

  it('checks dotted hooks written as a value or as a key, and eval blocks', () => {
    const hooks = '  - LogVariables\n  - mnist_convnet.hooks.PlotErrors\n  - mnist_convnet.hooks.PlotError:\n      every: 2\n  - my_hooks.Plot\n';
    const yaml = config('mnist_convnet.MNISTDataset', 'mnist_convnet.SimpleConvNet', hooks) + 'eval:\n  test:\n    model:\n      class: mnist_convnet.Nope\n';
    expect(marked(yaml)).toEqual(['error class-missing @PlotError', 'warning class-module-not-found @my_hooks', 'error class-missing @Nope']);
    const fix = check(yaml)[0].fixes![0];
    expect(applyTextEdits(yaml, fix.edits)).toContain('  - mnist_convnet.hooks.PlotErrors:\n      every: 2\n');
  });

  it('searches the folders above the config, nearest first', () => {
    expect(check(config('mnist_convnet.MNISTDataset', 'mnist_convnet.SimpleConvNet'), 'mnist_convnet/configs/deep')).toEqual([]);
    expect(check('dataset:\n  class: MNISTDataset\n')).toEqual([]);
  });
});
