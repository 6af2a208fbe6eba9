import { describe, expect, it } from 'vitest';
import { analyze } from '../../lint';
import { applyTextEdits } from '../../document/textEdits';
import { UNCHECKED_SETUP } from './commandItems';
import { exampleText } from './example';
import { corpusFiles } from '../../schema/corpusFiles';
import { valohai } from './index';

const hints = (text: string) => analyze(text, valohai).diagnostics.filter((d) => d.code === UNCHECKED_SETUP);
const step = (command: string) => `- step:\n    name: train\n    image: python:3.12\n${command}`;

describe('setup items whose failure goes unnoticed', () => {
  it('hints at a pip install before the last item, and the fix adds set -e as the first item', () => {
    const text = step('    command:\n      - pip install -r requirements.txt\n      - apt-get update\n      - python train.py\n');
    const found = hints(text);
    expect(found.map((d) => text.slice(d.range[0], d.range[1]))).toEqual(['pip install -r requirements.txt', 'apt-get update']);
    expect(found[0].severity).toBe('hint');
    expect(found[0].message).toContain('only the last command item decides');
    const fixed = applyTextEdits(text, found[0].fixes![0].edits);
    expect(fixed).toBe(step('    command:\n      - set -e\n      - pip install -r requirements.txt\n      - apt-get update\n      - python train.py\n'));
    expect(hints(fixed)).toEqual([]);
    expect(analyze(fixed, valohai).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('puts set -e after a shebang line, and into a flow list', () => {
    const shebang = step('    command:\n      - "#!/bin/bash"\n      - pip install x\n      - python train.py\n');
    expect(applyTextEdits(shebang, hints(shebang)[0].fixes![0].edits)).toContain('- "#!/bin/bash"\n      - set -e\n      - pip install x');
    const flow = step('    command: [pip install x, python train.py]\n');
    const fixed = applyTextEdits(flow, hints(flow)[0].fixes![0].edits);
    expect(fixed).toContain('command: [set -e, pip install x, python train.py]');
    expect(hints(fixed)).toEqual([]);
  });

  it('says nothing of a last item, a single command, a script that already stops on errors, or other commands', () => {
    expect(hints(step('    command:\n      - python prepare.py\n      - pip install x\n'))).toEqual([]);
    expect(hints(step('    command: pip install x && python train.py\n'))).toEqual([]);
    expect(hints(step('    command:\n      - set -eu\n      - pip install x\n      - python train.py\n'))).toEqual([]);
    expect(hints(step('    command:\n      - set -o errexit\n      - pip install x\n      - python train.py\n'))).toEqual([]);
    expect(hints(step('    command:\n      - echo start\n      - python train.py\n'))).toEqual([]);
  });

  it("finds the example's own pip install (the app's first screen shows it as a hint)", () => {
    expect(hints(exampleText).length).toBeGreaterThan(0);
  });

  it('finds the early setup items of the corpus', () => {
    const found = corpusFiles('valohai').flatMap(([file, text]) => hints(text).map((d) => `${file}:${d.line} ${text.slice(d.range[0], d.range[1])}`));
    // Each is a setup item followed by the real work (checked by reading the files).
    expect(found).toEqual([
      'valohai/examples/example1.yaml:15 conda install -y -q libgfortran==1',
      'valohai/examples/pipeline-with-automatic-deployment-creation.yaml:18 pip install valohai-utils',
      'valohai/examples/pipeline-with-automatic-deployment-creation.yaml:27 pip install valohai-utils',
      'valohai/examples/pipeline-with-parameters-example.yaml:5 pip install valohai-utils',
      'valohai/examples/pipeline-with-tasks-example.yaml:10 pip install valohai-utils',
      'valohai/tests/error_examples/invalid-on-error-value.yaml:10 pip install valohai-utils',
      'valohai/tests/warning_examples/targetless-pipeline-params.yaml:5 pip install valohai-utils',
    ]);
  });
});
