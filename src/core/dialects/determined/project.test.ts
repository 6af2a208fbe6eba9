import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { applyTextEdits } from '../../document/textEdits';
import { determined } from './index';
import { checkDeterminedProject } from './project';

const FILES: Record<string, string> = {
  'mnist/model_def.py': 'from determined.pytorch import PyTorchTrial\nfrom .data import *\n\nclass MNistTrial(PyTorchTrial):\n    pass\n',
  'mnist/data.py': 'def load(): ...\n',
  'mnist/train.py': 'print(1)\n',
  'mnist/pkg/__init__.py': 'from .trial import Trial\n',
  'mnist/pkg/trial.py': 'class Trial:\n    pass\n',
  'mnist/run.sh': 'python3 train.py\npython3 evaluate.py\n',
};
const files = { list: () => Object.keys(FILES), read: (p: string) => FILES[p] };

const check = (yaml: string, dir = 'mnist') => checkDeterminedProject(parseText(yaml, determined.yaml), files, dir);
const marked = (yaml: string, dir = 'mnist') => check(yaml, dir).map((d) => `${d.code} @${yaml.slice(d.range[0], d.range[1])}`);

describe('legacy entrypoint module:Class', () => {
  it('accepts a class the module defines or imports from the folder', () => {
    expect(check('entrypoint: model_def:MNistTrial\n')).toEqual([]);
    expect(check('entrypoint: pkg:Trial\n')).toEqual([]);
    expect(check('entrypoint: pkg.trial:Trial\n')).toEqual([]);
  });

  it('marks a missing module at its name, with the nearest module as a fix', () => {
    const yaml = 'entrypoint: model_dfe:MNistTrial\n';
    const [d] = check(yaml);
    expect(d).toMatchObject({ severity: 'error', code: 'entrypoint-module-missing', path: ['entrypoint'] });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('model_dfe');
    expect(d.message).toBe(
      'The entrypoint model_dfe:MNistTrial names the module model_dfe, which is not in the model definition directory mnist/ (looked for mnist/model_dfe.py and mnist/model_dfe/__init__.py): did you mean model_def? — Determined imports the Trial class from the uploaded folder, so the trial fails at once',
    );
    expect(applyTextEdits(yaml, d.fixes![0].edits)).toBe('entrypoint: model_def:MNistTrial\n');
  });

  it('marks a class the module does not define at the class name', () => {
    const yaml = 'entrypoint: "model_def:MnistTrial"\n';
    const [d] = check(yaml);
    expect(d).toMatchObject({ code: 'entrypoint-class-missing' });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('MnistTrial');
    expect(d.message).toBe('The entrypoint model_def:MnistTrial names the class MnistTrial, which mnist/model_def.py does not define: did you mean MNistTrial? — the trial fails at once');
    expect(applyTextEdits(yaml, d.fixes![0].edits)).toBe('entrypoint: "model_def:MNistTrial"\n');
  });
});

describe('command entrypoints', () => {
  it('checks the scripts a string entrypoint runs, launchers and cd included', () => {
    expect(check('entrypoint: python3 train.py --epochs 2\n')).toEqual([]);
    expect(marked('entrypoint: python3 trian.py --epochs 2\n')).toEqual(['script-missing @trian.py']);
    expect(check('entrypoint: python3 trian.py\n')[0].message).toBe('The entrypoint runs the script mnist/trian.py, which is not in the model definition directory mnist/: did you mean train.py? — the trial fails at once');
    expect(marked('entrypoint: python3 -m determined.launch.torch_distributed python3 nope.py\n')).toEqual(['script-missing @nope.py']);
    expect(marked('entrypoint: cd .. && python3 train.py\n')).toEqual(['script-missing @train.py']);
    expect(marked('entrypoint: bash run.sh\n')).toEqual(['script-missing @run.sh']);
    expect(check('entrypoint: bash run.sh\n')[0].message).toMatch(/^The entrypoint runs the script mnist\/evaluate.py \(run by mnist\/run.sh, line 2\)/);
  });

  it('checks a --trial given to a launcher like the legacy form', () => {
    expect(marked('entrypoint: python3 -m determined.launch.torch_distributed -- --trial model_def:Nope\n')).toEqual(['entrypoint-class-missing @Nope']);
  });

  it('checks each item of a list entrypoint', () => {
    const yaml = 'entrypoint:\n  - python3\n  - trainer.py\n';
    const [d] = check(yaml);
    expect(d).toMatchObject({ code: 'script-missing', path: ['entrypoint', 1] });
    expect(yaml.slice(d.range[0], d.range[1])).toBe('trainer.py');
  });

  it('says nothing where it cannot know', () => {
    expect(check('entrypoint: python3 $SCRIPT\n')).toEqual([]);
    expect(check('entrypoint: model_def:MNistTrial\n', '')).toHaveLength(1);
    expect(check('name: x\n')).toEqual([]);
    expect(check('entrypoint: [python3, 5]\n')).toEqual([]);
  });
});
