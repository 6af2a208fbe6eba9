/**
 * The real configs of the corpus: the emloop-examples configs lint without errors and get
 * exactly the warnings they deserve; the docs snippets (fragments of a config) only lack the
 * sections they leave out; block 06 starts with `...`, which ruamel refuses as we do.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../document/textEdits';
import { analyze } from '../../lint';
import { emloop } from './index';
import { CORPUS, readCorpus } from './testCorpus';

const findings = (file: string) => analyze(readCorpus(file), emloop).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);

describe('emloop-examples configs', () => {
  it('majority and mnist_convnet are clean', () => {
    expect(findings('examples/emloop-examples/majority/config.yaml')).toEqual([]);
    expect(findings('examples/emloop-examples/mnist_convnet/config.yaml')).toEqual([]);
  });

  it('imdb: only its legacy top-level predict section, with the fix to move it', () => {
    const { diagnostics } = analyze(readCorpus('examples/emloop-examples/imdb/config.yaml'), emloop);
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 34, 'emloop 0.2 ignores a top-level `predict` section — it belongs under `eval:` as `eval.predict` (run it with `emloop eval predict MODEL_PATH`)'],
    ]);
    expect(diagnostics[0].fixes?.map((f) => f.title)).toEqual(['Move it to eval.predict']);
  });

  it('the CI config: ComputeStats variables given as a map (each variable gets only its mean), with the fix to write a list', () => {
    expect(findings('examples/emloop-examples/.circleci/test_imdb.yaml')).toEqual([
      'warning 23:5 ComputeStats reads a map of variables as its keys only, so each gets just the mean — write a list: `- loss: [mean, std]`',
    ]);
    const text = readCorpus('examples/emloop-examples/.circleci/test_imdb.yaml');
    const [d] = analyze(text, emloop).diagnostics;
    const after = applyTextEdits(text, d.fixes![0].edits);
    expect(after).toContain('    variables:\n      - loss: [mean]\n      - accuracy: [mean]\n');
    expect(analyze(after, emloop).diagnostics).toEqual([]);
  });

  it('every model of the examples names its inputs and outputs, and none uses a cxflow module', () => {
    const all = ['majority/config.yaml', 'mnist_convnet/config.yaml', 'imdb/config.yaml', '.circleci/test_imdb.yaml'];
    for (const file of all) expect(findings(`examples/emloop-examples/${file}`).filter((m) => /inputs|outputs|cxflow/.test(m))).toEqual([]);
  });
});

describe('docs snippets (fragments of a config)', () => {
  const dir = resolve(CORPUS, 'examples/docs-snippets');
  const snippets = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('are all here', () => expect(snippets).toHaveLength(6));

  for (const file of snippets.filter((f) => !f.includes('block06'))) {
    it(`${file}: no error but the sections the fragment leaves out`, () => {
      const { diagnostics } = analyze(readCorpus(`examples/docs-snippets/${file}`), emloop);
      for (const d of diagnostics.filter((x) => x.severity === 'error')) expect(d.message).toMatch(/^The document is missing "(dataset|model)"/);
    });
  }

  it('block 03 warns about the outdated emloop_tensorflow.TensorBoardHook', () => {
    expect(findings('examples/docs-snippets/config_rst_block03.yaml')).toContain(
      'warning 4:5 emloop_tensorflow has no hook "TensorBoardHook" at its top level — its hooks are emloop_tensorflow.hooks.{WriteTensorBoard, DecayLR, DecayLROnPlateau, InitLR}',
    );
  });

  it('block 06 starts with a document end marker: a second document, refused', () => {
    const { diagnostics } = analyze(readCorpus('examples/docs-snippets/config_rst_block06.yaml'), emloop);
    expect(diagnostics.map((d) => [d.source, d.severity])).toEqual([['yaml', 'error']]);
    const rest = readCorpus('examples/docs-snippets/config_rst_block06.yaml').replace(/^\.\.\.$/m, '');
    const fixed = analyze(`dataset: {class: a.B}\nmodel: {class: m.M, inputs: [x], outputs: [y]}\nhooks: []\nmain_loop: {}\n${rest}`, emloop).diagnostics;
    expect(fixed).toEqual([]);
  });
});
