import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDialectScore, dialects, RECOGNISED_SCORE, recognisedDialect } from '../../core/dialects';
import { syntheticDocument } from '../../../bench/synthetic';
import { parseText } from '../../core/document/parse';
import { prefixOf, Recogniser, type Recognition } from './recognise';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const corpus = yamlFiles(CORPUS).map((file) => ({ file, name: basename(file), text: readFileSync(file, 'utf8') }));
const templates = dialects.flatMap((d) => (d.templates ?? [d.example]).map((t) => ({ file: `${d.id}: ${t.fileName}`, name: t.fileName, text: t.text, dialect: d.id })));

/** Corpus files that are configs of ours (not schemas, test-case lists or snapshots); templates too. */
const isConfig = (file: string) => /\/(examples|valid_examples|warning_examples|error_examples|merge-fixture)\/|^\w+: /.test(file);

/** The text with a line dropped, or a line's indentation and quoting broken: what a document looks like halfway through an edit. */
function mutations(text: string): string[] {
  const lines = text.split('\n');
  const i = Math.floor(lines.length / 2);
  return [[...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), [...lines.slice(0, i), ' ' + lines[i] + ' : "', ...lines.slice(i + 1)].join('\n')];
}

describe('Recogniser', () => {
  it('answers as the core (detectDialectScore, recognisedDialect) for every corpus file and template, whole and mid-edit', () => {
    expect(corpus.length).toBeGreaterThan(100);
    const parses = (text: string) => dialects.every((d) => parseText(prefixOf(text), d.yaml).ok);
    let broken = 0;
    for (const { file, name, text } of [...corpus, ...templates]) {
      const warm = new Recogniser();
      warm.recognise(name, text);
      // The configs also without their name and halfway through an edit; the other files as they are.
      const versions = isConfig(file) ? [[name, text], [undefined, text], ...mutations(text).map((t) => [name, t])] : [[name, text]];
      for (const [fileName, version] of versions as [string | undefined, string][]) {
        const core = detectDialectScore(fileName, version);
        const expected = { dialect: core.dialect.id, score: core.score, recognised: core.score >= RECOGNISED_SCORE };
        const plain = (r: Recognition) => ({ ...r, dialect: r.dialect.id });
        // A fresh one (a document opened with this text) answers as the core, parsed or not.
        expect(plain(new Recogniser().recognise(fileName, version)), `${file} as ${fileName}`).toEqual(expected);
        // One that followed the edits answers as the core once the text parses, and keeps its last answer while it does not.
        const before = warm.recognise(fileName, text);
        const after = warm.recognise(fileName, version);
        if (parses(version)) expect(plain(after), `${file} as ${fileName}, edited`).toEqual(expected);
        else {
          broken++;
          expect(after).toBe(before);
        }
      }
    }
    expect(broken).toBeGreaterThan(40);
  });

  it('keeps its answer while the start does not parse, and moves on when it does again', () => {
    const r = new Recogniser();
    const step = '- step:\n    name: a\n    image: x\n';
    expect(r.recognise('p.yaml', step)).toMatchObject({ recognised: true, dialect: { id: 'valohai' } });
    expect(r.recognise('p.yaml', step + '    command: "date\n')).toMatchObject({ recognised: true, dialect: { id: 'valohai' } });
    expect(r.recognise('p.yaml', 'searcher: {name: single\nentrypoint: x\n')).toMatchObject({ dialect: { id: 'valohai' } });
    expect(r.recognise('p.yaml', 'searcher: {name: single}\nentrypoint: x\n')).toMatchObject({ recognised: true, dialect: { id: 'determined' } });
    // Opened broken: the core's reading of what the text still shows.
    const core = detectDialectScore('p.yaml', 'searcher: {name: single\nentrypoint: x\n');
    expect(new Recogniser().recognise('p.yaml', 'searcher: {name: single\nentrypoint: x\n')).toEqual({ ...core, recognised: core.score >= 0.5 });
  });

  it('recognises every template and the configs of the corpus, as recognisedDialect does', () => {
    for (const t of templates) expect(new Recogniser().recognise(t.name, t.text), t.file).toMatchObject({ recognised: true, dialect: { id: t.dialect } });
    const configs = corpus.filter((c) => isConfig(c.file) && !/docs-snippets\/config_rst_block06/.test(c.file));
    for (const c of configs) {
      expect(new Recogniser().recognise(c.name, c.text).recognised, c.file).toBe(true);
      expect(recognisedDialect(c.name, c.text), c.file).toBeDefined();
    }
    // Content alone is enough for the Valohai examples.
    for (const c of configs.filter((c) => c.file.includes('/valohai/'))) expect(new Recogniser().recognise('x.yaml', c.text).recognised, c.file).toBe(true);
  });

  it('leaves other YAML alone: CI workflows, compose files, Determined test-case lists, an empty file', () => {
    const other = [
      ['ci.yml', 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n'],
      ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n'],
      ['playbook.yaml', '- hosts: all\n  tasks:\n    - name: ping\n      ping:\n'],
      ['config.yaml', 'debug: true\nport: 8080\n'],
      ['notes.yaml', ''],
      ['broken.yaml', 'a: [1, 2\nb: "c\n'],
    ];
    for (const [name, text] of other) expect(new Recogniser().recognise(name, text), name).toMatchObject({ recognised: false });
    for (const c of corpus.filter((c) => c.file.includes('/schema_test_cases/'))) expect(new Recogniser().recognise(c.name, c.text).recognised, c.file).toBe(false);
  });

  it('knows a file by its name before it has content, and follows the content as it changes', () => {
    const r = new Recogniser();
    expect(r.recognise('valohai.yaml', '')).toMatchObject({ recognised: true, dialect: { id: 'valohai' } });
    expect(r.recognise('pipeline.yaml', '')).toMatchObject({ recognised: false });
    expect(r.recognise('pipeline.yaml', '- step:\n    name: a\n')).toMatchObject({ recognised: true, dialect: { id: 'valohai' } });
    expect(r.recognise('pipeline.yaml', 'searcher:\n  name: single\nhyperparameters: {}\nentrypoint: python3 train.py\n')).toMatchObject({ recognised: true, dialect: { id: 'determined' } });
    expect(r.recognise('config.yaml', 'dataset:\n  class: a.B\nmodel:\n  class: c.D\n')).toMatchObject({ recognised: true, dialect: { id: 'emloop' } });
  });

  it('reads only the start of a long document, and not again when only the rest changed', () => {
    const text = syntheticDocument(5000);
    expect(prefixOf(text).length).toBeLessThanOrEqual(32 * 1024);
    expect(text.startsWith(prefixOf(text))).toBe(true);
    const r = new Recogniser();
    const first = r.recognise('x.yaml', text);
    const later = text.slice(0, text.length - 100) + 'x' + text.slice(text.length - 100);
    expect(r.recognise('x.yaml', later)).toBe(first);
    // A change at the start is read (incrementally) and gives a new answer object.
    const head = text.replace('step-0', 'step-00');
    expect(r.recognise('x.yaml', head)).not.toBe(first);
    expect(r.recognise('x.yaml', head)).toMatchObject({ recognised: true, dialect: { id: 'valohai' } });
  });
});
