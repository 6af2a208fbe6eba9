/**
 * Detection over every configuration file of the shared corpus: each is recognised as the
 * platform it comes from, by its name and content as a person opening it would give them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectDialect, dialects } from './index';

const CORPUS = [resolve(process.cwd(), '../shared/corpus'), fileURLToPath(new URL('../../../../shared/corpus', import.meta.url))].find((dir) => existsSync(dir))!;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Config files per platform; Determined's schema test cases are lists of cases, not configs. */
const expected: [string, string][] = [
  ...yamlFiles(join(CORPUS, 'valohai')).map((f) => [f, 'valohai'] as [string, string]),
  ...yamlFiles(join(CORPUS, 'determined/examples')).map((f) => [f, 'determined'] as [string, string]),
  ...yamlFiles(join(CORPUS, 'emloop')).map((f) => [f, 'emloop'] as [string, string]),
];

describe('dialect detection', () => {
  it('has the three platforms', () => {
    expect(dialects.map((d) => d.id)).toEqual(['valohai', 'determined', 'emloop']);
  });

  it('recognises every corpus config by its name and content', () => {
    expect(expected.length).toBeGreaterThan(90);
    const wrong = expected
      .map(([file, id]) => ({ file: relative(CORPUS, file), id, got: detectDialect(basename(file), readFileSync(file, 'utf8')).id }))
      .filter((r) => r.got !== r.id);
    expect(wrong).toEqual([]);
  });

  it('reads content when the name says nothing', () => {
    expect(detectDialect('a.yaml', '- step:\n    name: x\n').id).toBe('valohai');
    expect(detectDialect('a.yaml', 'entrypoint: python3 train.py\nsearcher:\n  name: single\n  metric: loss\n').id).toBe('determined');
    expect(detectDialect('a.yaml', 'dataset:\n  class: ds.D\nmodel:\n  class: m.M\n').id).toBe('emloop');
    expect(detectDialect('valohai.yaml', 'dataset:\n  class: ds.D\n').id).toBe('valohai');
  });

  it('reads the top-level keys of a file that does not parse', () => {
    expect(detectDialect('a.yaml', '...\nhooks:\n  - LogProfile\n').id).toBe('emloop');
    expect(detectDialect('a.yaml', 'searcher:\n  name: [\nentrypoint: x\n').id).toBe('determined');
    expect(detectDialect('a.yaml', '- step:\n    name: [\n').id).toBe('valohai');
  });
});

describe('recognisedDialect: our configs among other YAML', () => {
  it('recognises each platform and passes over other YAML', async () => {
    const { recognisedDialect } = await import('./index');
    expect(recognisedDialect('valohai.yaml', '- step:\n    name: a\n    image: x\n    command: date\n')?.id).toBe('valohai');
    expect(recognisedDialect('exp.yaml', 'entrypoint: model_def:Trial\nsearcher:\n  name: single\n  metric: loss\n')?.id).toBe('determined');
    expect(recognisedDialect('config.yaml', 'dataset:\n  class: a.B\nmodel:\n  class: c.D\n')?.id).toBe('emloop');
    expect(recognisedDialect('ci.yml', 'name: CI\non:\n  push:\njobs:\n  build:\n    runs-on: ubuntu-latest\n')).toBeUndefined();
    expect(recognisedDialect('docker-compose.yml', 'version: "3"\nservices:\n  web:\n    image: nginx\n')).toBeUndefined();
  });
});
