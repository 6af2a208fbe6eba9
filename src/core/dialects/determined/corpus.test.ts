/**
 * The 26 real Determined example configs lint without errors, and detection tells them apart
 * from valohai.yaml files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { analyze } from '../../lint';
import { valohai } from '../valohai';
import { determined } from './index';

const CORPUS = [resolve(process.cwd(), '../shared/corpus'), fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url))].find((dir) => existsSync(dir))!;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = resolve(dir, f);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(f) ? [full] : [];
  });
}

const examples = yamlFiles(resolve(CORPUS, 'determined/examples'));

describe('Determined example configs', () => {
  it('finds all 26', () => expect(examples.length).toBe(26));
  for (const file of examples) {
    it(`${relative(CORPUS, file)} lints without errors`, () => {
      const { diagnostics } = analyze(readFileSync(file, 'utf8'), determined);
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`)).toEqual([]);
    });
  }
  it('our own example lints clean', () => {
    expect(analyze(determined.example.text, determined).diagnostics).toEqual([]);
  });
});

describe('detect', () => {
  const score = (dialect: typeof determined, name: string, text: string) => {
    const parsed = parseText(text, dialect.yaml);
    return dialect.detect(name, parsed.value);
  };
  it('every example is Determined rather than valohai', () => {
    for (const file of examples) {
      const text = readFileSync(file, 'utf8');
      const name = file.split('/').pop()!;
      expect(score(determined, name, text), file).toBeGreaterThanOrEqual(0.9);
      expect(score(determined, name, text)).toBeGreaterThan(score(valohai, name, text));
    }
  });
  it('valohai.yaml files are not Determined', () => {
    const files = yamlFiles(resolve(CORPUS, 'valohai/examples'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(score(determined, 'valohai.yaml', text)).toBeLessThan(score(valohai, 'valohai.yaml', text));
      expect(score(determined, 'config.yaml', text)).toBeLessThan(0.1);
    }
  });
  it('a generic config with dataset and model is not Determined', () => {
    expect(score(determined, 'config.yaml', 'dataset:\n  class: x.Dataset\nmodel:\n  name: net\n  class: x.Net\nhooks: []\n')).toBeLessThan(0.1);
    expect(score(determined, 'config.yaml', 'model: {name: net}\nhyperparameters: {lr: 0.1}\n')).toBeLessThan(0.5);
  });
  it('a bare experiment with an entrypoint still scores', () => {
    expect(score(determined, 'x.yaml', 'entrypoint: python3 train.py\n')).toBeGreaterThan(0.6);
  });
});
