import { describe, expect, it } from 'vitest';
import { FileIndex } from './files';
import { lookupName, moduleCandidates } from './modules';
import { literal, moduleInfo, parsePython, pyFloatText, stringValue, walk } from './python';

const FILES: Record<string, string> = {
  'model_def.py': 'import torch\nfrom determined.pytorch import PyTorchTrial\n\nclass MNistTrial(PyTorchTrial):\n    pass\n',
  'mnist_convnet/__init__.py': 'from .convnet import SimpleConvNet\nfrom .dataset import *\n',
  'mnist_convnet/convnet.py': 'class SimpleConvNet:\n    pass\n',
  'mnist_convnet/dataset.py': 'from emloop.datasets import BaseDataset\n\nclass MNISTDataset(BaseDataset):\n    pass\n',
  'pkg/__init__.py': '',
  'pkg/models/__init__.py': 'from torch.nn import *\n',
  'pkg/wrong.py': 'from .gone import Missing\n',
  'broken.py': 'class A:\n  def f(self:\n',
  'lazy.py': 'def __getattr__(name):\n    return name\n',
};
const index = new FileIndex({ list: () => Object.keys(FILES), read: (p) => FILES[p] });

describe('lookupName', () => {
  it('finds a class defined in the module, and where', () => {
    expect(lookupName(index, [''], 'model_def', 'MNistTrial')).toEqual({
      status: 'found',
      file: 'model_def.py',
      definedAt: { file: 'model_def.py', line: 4 },
      candidates: ['model_def.py', 'model_def/__init__.py'],
    });
    expect(lookupName(index, [''], 'model_def', 'Trial')).toMatchObject({ status: 'name-missing', file: 'model_def.py' });
    expect(lookupName(index, [''], 'model_dfe', 'Trial')).toMatchObject({ status: 'module-missing', candidates: ['model_dfe.py', 'model_dfe/__init__.py'] });
  });

  it('follows imports and star imports within the project', () => {
    expect(lookupName(index, [''], 'mnist_convnet', 'SimpleConvNet')).toMatchObject({ status: 'found', definedAt: { file: 'mnist_convnet/convnet.py', line: 1 } });
    expect(lookupName(index, [''], 'mnist_convnet', 'MNISTDataset')).toMatchObject({ status: 'found', definedAt: { file: 'mnist_convnet/dataset.py', line: 3 } });
    expect(lookupName(index, [''], 'mnist_convnet', 'Nope')).toMatchObject({ status: 'name-missing' });
    expect(lookupName(index, [''], 'mnist_convnet.convnet', 'SimpleConvNet')).toMatchObject({ status: 'found' });
    // A submodule of a package counts as one of its names.
    expect(lookupName(index, [''], 'pkg', 'models')).toMatchObject({ status: 'found' });
  });

  it('says unknown rather than missing where it cannot tell', () => {
    expect(lookupName(index, [''], 'pkg.models', 'Linear')).toMatchObject({ status: 'unknown', reason: 'pkg/models/__init__.py imports * from torch.nn' });
    expect(lookupName(index, [''], 'broken', 'A')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^broken.py has a syntax error at line \d$/) });
    expect(lookupName(index, [''], 'lazy', 'Anything')).toMatchObject({ status: 'unknown' });
    expect(lookupName(index, [''], 'pkg.wrong', 'Missing')).toMatchObject({ status: 'found' });
  });

  it('searches the roots in order', () => {
    expect(moduleCandidates(['configs', ''], 'a.b')).toEqual(['configs/a/b.py', 'configs/a/b/__init__.py', 'a/b.py', 'a/b/__init__.py']);
    expect(lookupName(index, ['elsewhere', ''], 'model_def', 'MNistTrial').file).toBe('model_def.py');
  });
});

describe('python literals', () => {
  const value = (expr: string) => {
    const mod = parsePython(`PREFIX = "run"\nx = ${expr}\n`);
    let node;
    walk(mod.tree.topNode, (n) => {
      if (n.name === 'AssignStatement' && mod.text(n).startsWith('x =')) node = n.lastChild;
    });
    return literal(mod, node);
  };

  it('evaluates literals as Python would, ints and floats kept apart', () => {
    expect(value('1_000')).toEqual({ kind: 'int', value: 1000 });
    expect(value('0x1F')).toEqual({ kind: 'int', value: 31 });
    expect(value('1e-3')).toEqual({ kind: 'float', value: 0.001 });
    expect(value('100.')).toEqual({ kind: 'float', value: 100 });
    expect(value('-2 ** 3')).toEqual({ kind: 'int', value: -8 });
    expect(value('2 ** 10')).toEqual({ kind: 'int', value: 1024 });
    expect(value('(1, "a", None, True)')).toEqual({ kind: 'list', items: [{ kind: 'int', value: 1 }, { kind: 'str', value: 'a' }, { kind: 'none' }, { kind: 'bool', value: true }] });
    expect(value('{"a": [1.5], "b": {}}')).toMatchObject({ kind: 'dict', entries: [[{ value: 'a' }, { kind: 'list' }], [{ value: 'b' }, { kind: 'dict', entries: [] }]] });
    expect(value('dict(lr=0.1)')).toEqual({ kind: 'dict', entries: [[{ kind: 'str', value: 'lr' }, { kind: 'float', value: 0.1 }]] });
    expect(value('PREFIX + "_x"')).toEqual({ kind: 'str', value: 'run_x' });
    expect(value('os.cpu_count()')).toEqual({ kind: 'unknown', text: 'os.cpu_count()' });
    expect(value('f"{PREFIX}"')).toMatchObject({ kind: 'unknown' });
  });

  it('decodes string escapes and prefixes', () => {
    expect(stringValue(String.raw`'a\tb\n\x41\u00e9\101'`)).toBe('a\tb\nAéA');
    expect(stringValue(String.raw`r'\d+'`)).toBe(String.raw`\d+`);
    expect(stringValue(`"""x\ny"""`)).toBe('x\ny');
    expect(stringValue(`f"x"`)).toBeUndefined();
  });

  it("writes floats as Python's repr", () => {
    expect([1, 0.001, 1e-5, 1e-4, 20.5, 1e16, 1e22].map(pyFloatText)).toEqual(['1.0', '0.001', '1e-05', '0.0001', '20.5', '1e+16', '1e+22']);
  });

  it('lists the module-level definitions, conditional ones included', () => {
    const info = moduleInfo('import a.b as c, d\nfrom .x import (y as z, w)\ntry:\n    import yaml\nexcept ImportError:\n    yaml = None\n@decorator\nclass T: ...\nasync def f(): ...\nN: int = 3\n');
    expect(info.definitions.map((d) => `${d.kind} ${d.name}${d.from ? ` <- ${d.from.module}${d.from.name ? `:${d.from.name}` : ''}` : ''}`)).toEqual([
      'import c <- a.b',
      'import d <- d',
      'import z <- .x:y',
      'import w <- .x:w',
      'import yaml <- yaml',
      'variable yaml',
      'class T',
      'function f',
      'variable N',
    ]);
  });
});
