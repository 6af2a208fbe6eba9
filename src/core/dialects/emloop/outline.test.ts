/**
 * The emloop outline: sections with their details, hooks by class name, eval streams with their
 * sections; each item's range from its key (a hook: its item) to the end of its value, its
 * selection the key or the hook's name; and every file of the corpus outlined and read for
 * symbols without a throw, every place resolving to its name.
 */
import { readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { placeRange } from '../../document/scalarSource';
import { emloop } from './index';
import { emloopOutline } from './outline';
import { emloopSymbols } from './symbols';
import { CORPUS, readCorpus } from './testCorpus';
import { checkNesting, outlineLines } from '../../assist/outlineChecks';

const parse = (text: string) => parseText(text, emloop.yaml);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = resolve(dir, f);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(f) ? [full] : [];
  });
}



const CONFIG = `dataset: &data
  class: fashion.datasets.FashionDataset
  batch_size: 64

model:
  class: fashion.models.Net
  inputs: [images]
  outputs: [loss]

hooks:
  - LogVariables
  - SaveBest:
      stream: valid
  - emloop_tensorflow.hooks.DecayLR:
      decay_value: 0.9
  - my_hooks.Plot

main_loop:
  extra_streams: [valid, test]

eval:
  predict:
    dataset:
      <<: *data
      batch_size: 1
    hooks:
      - SequenceToCsv:
          variables: [p]
          id_variable: ids
          output_file: p.csv
  both:
    stream_names: [valid, test]
`;

describe('emloopOutline', () => {
  const parsed = parse(CONFIG);
  const outline = emloopOutline(parsed);
  const text = (r: [number, number]) => CONFIG.slice(r[0], r[1]);

  it('sections with their details, hooks by class name, eval streams with their sections', () => {
    expect(outlineLines(outline)).toEqual([
      'dataset (section, fashion.datasets.FashionDataset)',
      'model (section, fashion.models.Net)',
      'hooks (section, 4 hooks)',
      '  LogVariables (hook, emloop)',
      '  SaveBest (hook, emloop)',
      '  DecayLR (hook, emloop-tensorflow)',
      '  Plot (hook, my_hooks)',
      'main_loop (section, train, valid, test)',
      'eval (section, 2 streams)',
      '  predict (stream)',
      // The merge key applied: the eval dataset shows the class it inherits.
      '    dataset (section, fashion.datasets.FashionDataset)',
      '    hooks (section, 1 hook)',
      '      SequenceToCsv (hook, emloop)',
      '  both (stream, streams valid, test)',
      '    stream_names (section, valid, test)',
    ]);
  });

  it('ranges run from the key (a hook: its item) to the end of the value; the selection is the name', () => {
    const hooks = outline[2];
    expect(text(hooks.range)).toBe(CONFIG.slice(CONFIG.indexOf('hooks:'), CONFIG.indexOf('  - my_hooks.Plot') + '  - my_hooks.Plot'.length));
    const [logVariables, saveBest, decay, plot] = hooks.children;
    expect(text(logVariables.range)).toBe('LogVariables');
    expect(text(logVariables.selection)).toBe('LogVariables');
    expect(text(saveBest.range)).toBe('SaveBest:\n      stream: valid');
    expect(text(saveBest.selection)).toBe('SaveBest');
    // The selection is the name as written, module included.
    expect(text(decay.selection)).toBe('emloop_tensorflow.hooks.DecayLR');
    expect(text(plot.selection)).toBe('my_hooks.Plot');
    const predict = outline[4].children[0];
    expect(text(predict.selection)).toBe('predict');
    expect(parsed.lineCounter.linePos(predict.selection[0]).line).toBe(22);
    expect(text(predict.children[1].children[0].range)).toBe('SequenceToCsv:\n          variables: [p]\n          id_variable: ids\n          output_file: p.csv');
    // The blank line after a section is left out.
    expect(text(outline[1].range)).toBe('model:\n  class: fashion.models.Net\n  inputs: [images]\n  outputs: [loss]');
    checkNesting(outline);
  });

  it('the chain of items containing an offset is the breadcrumb', () => {
    const offset = CONFIG.indexOf('id_variable');
    const chain: string[] = [];
    let items = outline;
    for (;;) {
      const hit = items.find((i) => offset >= i.range[0] && offset <= i.range[1]);
      if (!hit) break;
      chain.push(hit.name);
      items = hit.children;
    }
    expect(chain).toEqual(['eval', 'predict', 'hooks', 'SequenceToCsv']);
  });

  it('an eval block main_loop shows only what it writes', () => {
    expect(outlineLines(emloopOutline(parse('eval:\n  x:\n    main_loop:\n      extra_streams: [a]\n')))).toEqual([
      'eval (section, 1 stream)',
      '  x (stream)',
      '    main_loop (section, a)',
    ]);
  });

  it('odd shapes never throw', () => {
    const odd = 'hooks: 3\neval: [a]\nmain_loop: [x]\ndataset: {class: 3}\n1: x\n';
    expect(outlineLines(emloopOutline(parse(odd)))).toEqual(['hooks (section, 3)', 'eval (section, 1 item)', 'main_loop (section, 1 item)', 'dataset (section)']);
    const hooks = 'hooks:\n  - 1\n  - [a]\n  - {}\n  - A: 1\n    B: 2\n  - ""\n';
    expect(outlineLines(emloopOutline(parse(hooks)))).toEqual(['hooks (section, 5 hooks)', '  A (hook)']);
    for (const t of ['', '- a\n', 'eval:\n  x: 3\n  y: [1]\n']) expect(() => emloopOutline(parse(t))).not.toThrow();
    expect(emloopOutline(parse('a: [1\n'))).toEqual([]);
  });
});

describe('real configs', () => {
  it('emloop-examples/imdb/config.yaml: the legacy predict section outlined like an eval block, marked ignored', () => {
    const text = readCorpus('examples/emloop-examples/imdb/config.yaml');
    const outline = emloopOutline(parse(text));
    expect(outlineLines(outline)).toEqual([
      'dataset (section, imdb.IMDBDataset)',
      'model (section, imdb.SimpleGRU)',
      'main_loop (section, train, test)',
      'hooks (section, 6 hooks)',
      '  ComputeStats (hook, emloop)',
      '  LogVariables (hook, emloop)',
      '  SaveBest (hook, emloop)',
      '  LogProfile (hook, emloop)',
      '  WriteTensorBoard (hook, emloop-tensorflow)',
      '  StopAfter (hook, emloop)',
      'predict (section, ignored by emloop 0.2 (belongs in eval.predict))',
      '  model (section)',
      '  hooks (section, 1 hook)',
      '    IMDBPredict (hook, imdb)',
    ]);
    const saveBest = outline[3].children[2];
    expect(text.slice(saveBest.range[0], saveBest.range[1])).toBe('SaveBest:\n      stream: test');
    expect(text.slice(outline[4].range[0], outline[4].range[1])).toBe('predict:\n  model:\n    inputs: [x]\n    outputs: [predictions]\n  hooks:\n    - imdb.IMDBPredict');
    checkNesting(outline);
  });

  it('merge-fixture/config.yaml: eval streams with the sections they change', () => {
    const outline = emloopOutline(parse(readCorpus('merge-fixture/config.yaml')));
    expect(outlineLines(outline)).toEqual([
      'dataset (section, ds.DS)',
      'model (section, m.Model)',
      'main_loop (section, train, valid)',
      'hooks (section, 2 hooks)',
      '  LogVariables (hook, emloop)',
      '  StopAfter (hook, emloop)',
      'eval (section, 2 streams)',
      '  predict (stream)',
      '    model (section)',
      '    dataset (section)',
      '  nohooks (stream)',
      '    model (section)',
    ]);
    checkNesting(outline);
  });

  it('docs snippet 03: hook names with modules', () => {
    expect(outlineLines(emloopOutline(parse(readCorpus('examples/docs-snippets/config_rst_block03.yaml'))))).toEqual([
      'hooks (section, 3 hooks)',
      '  LogProfile (hook, emloop)',
      '  TensorBoardHook (hook, emloop_tensorflow)',
      '  MyHook (hook, my_hooks.my_hook)',
    ]);
  });
});

describe('every corpus file', () => {
  const files = yamlFiles(CORPUS);
  it('has the examples and the merge fixture', () => expect(files.length).toBeGreaterThanOrEqual(12));
  for (const file of files) {
    it(`${relative(CORPUS, file)}: symbols and outline without a throw, every place on its name`, () => {
      const parsed = parse(readCorpus(relative(CORPUS, file)));
      for (const s of emloopSymbols(parsed)) {
        expect(s.uses.filter((u) => u.definition)).toHaveLength(1);
        expect(s.uses[0].definition).toBe(true);
        for (const u of s.uses) {
          const r = placeRange(parsed, u.place);
          expect(r, `${s.id} resolves`).toBeDefined();
          expect(parsed.text.slice(r![0], r![1])).toBe(s.name);
        }
        expect(s.refuse(s.name)).toBeUndefined();
      }
      checkNesting(emloopOutline(parsed));
    });
  }
  it('docs snippet 06 starts with `...`, which does not parse: no symbols, no outline', () => {
    const parsed = parse(readCorpus('examples/docs-snippets/config_rst_block06.yaml'));
    expect(parsed.ok).toBe(false);
    expect(emloopSymbols(parsed)).toEqual([]);
    expect(emloopOutline(parsed)).toEqual([]);
  });
});
