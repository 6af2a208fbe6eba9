import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseText } from '../../document/parse';
import { locatePath } from '../../document/paths';
import { pyKind } from '../../document/pyyaml11';
import { analyze } from '../../lint';
import { isScalar } from 'yaml';
import { valohai } from './index';
import { UNCHECKED_SETUP } from './commandItems';

describe('valohai dialect', () => {
  it('declares how Valohai reads YAML', () => {
    expect(valohai).toMatchObject({
      id: 'valohai',
      label: 'Valohai (valohai.yaml)',
      defaultFileName: 'valohai.yaml',
      yaml: { version: '1.1', duplicateKeys: 'info' },
    });
  });

  it('detects valohai.yaml by name, and by content otherwise', () => {
    expect(valohai.detect('valohai.yaml', undefined)).toBeGreaterThan(0.95);
    expect(valohai.detect('some/dir/valohai.yml', null)).toBeGreaterThan(0.95);
    const steps = parse('- step: {name: a}\n- pipeline: {name: p}\n');
    expect(valohai.detect('config.yaml', steps)).toBeGreaterThan(0.8);
    expect(valohai.detect(undefined, parse('- step: {name: a}\n- other: 1\n'))).toBeGreaterThan(0.5);
    expect(valohai.detect('experiment.yaml', parse('name: x\nhyperparameters: {}\n'))).toBeLessThan(0.2);
    expect(valohai.detect(undefined, parse('- a\n- b\n'))).toBeLessThan(0.2);
  });
});

describe('example', () => {
  const { text, fileName } = valohai.example;

  it('lints with no problems: only the hint at its own early pip install', () => {
    expect(fileName).toBe('valohai.yaml');
    expect(analyze(text, valohai).diagnostics.map((d) => [d.severity, d.code])).toEqual([['hint', UNCHECKED_SETUP]]);
  });

  it('is the MNIST training step with typed parameters and a second step using environment variables', () => {
    const parsed = parseText(text, valohai.yaml);
    const [train, infer] = parsed.value as { step: Record<string, any> }[];
    expect(train.step.image).toMatch(/^tensorflow\/tensorflow:2\.[\d.]+-gpu$/);
    expect(train.step.command.join('\n')).toContain('python train.py {parameters}');
    expect(train.step.inputs.map((i: { name: string }) => i.name)).toEqual([
      'training-set-images',
      'training-set-labels',
      'test-set-images',
      'test-set-labels',
    ]);
    expect(train.step.inputs.every((i: { default: string }) => /^https:\/\/.+-ubyte\.gz$/.test(i.default))).toBe(true);
    expect(train.step.parameters.map((p: { name: string; type: string; 'pass-as': string }) => [p.name, p.type, p['pass-as']])).toEqual([
      ['max_steps', 'integer', '--max_steps={v}'],
      ['learning_rate', 'float', '--learning_rate={v}'],
      ['dropout', 'float', '--dropout={v}'],
    ]);
    // 0.001 must be a float for the platform too (YAML 1.1 would read 1e-3 as text).
    const lr = locatePath(parsed.doc, [0, 'step', 'parameters', 1, 'default']).node;
    expect(isScalar(lr) && pyKind(lr)).toBe('float');
    expect(isScalar(lr) && lr.value).toBe(0.001);
    expect(infer.step['environment-variables'].length).toBeGreaterThan(0);
    expect(text).toMatch(/^\s*#/m);
  });

  it('reports a repeated key at info level: the platform keeps the later value without a word', () => {
    const text = '- step:\n    name: a\n    image: python:3.11\n    image: python:3.12\n    command: python a.py\n';
    const found = analyze(text, valohai).diagnostics.filter((d) => d.code === 'duplicate-key');
    expect(found.map((d) => [d.severity, text.slice(d.range[0], d.range[1])])).toEqual([['info', 'image']]);
    expect(analyze(text, valohai).parsed.value).toEqual([{ step: { name: 'a', image: 'python:3.12', command: 'python a.py' } }]);
  });
});
