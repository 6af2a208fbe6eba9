/**
 * The CLI checks a config against the code beside it (issue 18): `lint` reads the config's folder
 * when it holds code, `--no-project` skips that, and `generate step` writes a step from a script.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../core/lint';
import { valohai } from '../core/dialects/valohai';
import { loadProjectChecks } from '../core/dialects';
import { runInMemory } from './runInMemory';

const SCRIPT = `import argparse

parser = argparse.ArgumentParser()
parser.add_argument('--lr', type=float, default=0.01, help='learning rate')
parser.add_argument('--epochs', type=int, default=10)
args = parser.parse_args()
`;

const CONFIG = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: learning_rate
        type: float
        default: 0.01
`;

// In memory, runCli runs without runCliAsync's loading; the built CLI loads them itself (tested below).
beforeAll(() => loadProjectChecks());

describe('lint against the code beside the config', () => {
  it('reports a parameter the script does not accept, at its line, and a script that is not there', () => {
    const r = runInMemory(['lint', 'valohai.yaml', '--format', 'json'], { 'valohai.yaml': CONFIG, 'train.py': SCRIPT });
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out) as { line: number; severity: string; message: string }[];
    expect(rows.find((d) => d.severity === 'error')).toMatchObject({ line: 6, message: expect.stringMatching(/does not accept --learning_rate/) });
    const missing = runInMemory(['lint', 'valohai.yaml'], { 'valohai.yaml': CONFIG.replace('train.py', 'trian.py'), 'train.py': SCRIPT });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/^valohai\.yaml:4:\d+: error: .*trian\.py/m);
  });

  it('--no-project skips it; a folder holding no code is not checked', () => {
    expect(runInMemory(['lint', 'valohai.yaml', '--no-project'], { 'valohai.yaml': CONFIG, 'train.py': SCRIPT }).code).toBe(0);
    expect(runInMemory(['lint', 'valohai.yaml'], { 'valohai.yaml': CONFIG }).code).toBe(0);
  });

  it('reads the folder on disk through the built CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-project-'));
    try {
      writeFileSync(join(dir, 'valohai.yaml'), CONFIG);
      writeFileSync(join(dir, 'train.py'), SCRIPT);
      const bin = resolve(__dirname, '../../bin/pipewright.mjs');
      const r = spawnSync(process.execPath, [bin, 'lint', join(dir, 'valohai.yaml')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/valohai\.yaml:6:\d+: error: .*--learning_rate/);
      const fixed = CONFIG.replace('learning_rate', 'lr');
      writeFileSync(join(dir, 'valohai.yaml'), fixed);
      const clean = spawnSync(process.execPath, [bin, 'lint', join(dir, 'valohai.yaml')], { encoding: 'utf8' });
      expect(clean.status).toBe(0);
      expect(readFileSync(join(dir, 'valohai.yaml'), 'utf8')).toBe(fixed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generate step', () => {
  it('prints a step that lints clean against its script', () => {
    const r = runInMemory(['generate', 'step', 'train.py', '--name', 'fit', '--image', 'pytorch/pytorch:2.3.0'], { 'train.py': SCRIPT });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^- step:\n {4}name: fit\n {4}image: pytorch\/pytorch:2\.3\.0\n {4}command: python train\.py \{parameters\}\n/);
    expect(r.out).toContain('      - name: lr\n        type: float\n        default: 0.01\n        description: learning rate');
    const files = { list: () => ['train.py'], read: (p: string) => (p === 'train.py' ? SCRIPT : undefined) };
    expect(analyze(`${r.out}\n`, valohai, { files, configDir: '' }).diagnostics.filter((d) => d.severity !== 'hint')).toEqual([]);
  });

  it('says what is wrong with the command line', () => {
    expect(runInMemory(['generate', 'task', 'x.py']).err).toMatch(/Unknown thing to generate "task"/);
    expect(runInMemory(['generate', 'step']).err).toMatch(/No script given/);
    expect(runInMemory(['generate', 'step', 'missing.py']).err).toMatch(/^missing\.py: cannot read/);
    expect(runInMemory(['generate', 'step', 'a.py', '--name']).code).toBe(2);
  });
});
