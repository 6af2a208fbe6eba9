/**
 * emloop's streams as symbols: every place that names a stream (main_loop, eval keys and
 * stream_names, the hook arguments that name streams), the definition picked as documented, each
 * place resolved to its text and line — in a hand-written config and in real ones; refuse() says
 * why a new name cannot be.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../contracts/document';
import type { DocSymbol } from '../../contracts/symbols';
import { parseText } from '../../document/parse';
import { placeRange } from '../../document/scalarSource';
import { emloop } from './index';
import { emloopSymbols, hookItems } from './symbols';
import { readCorpus } from './testCorpus';

const parse = (text: string) => parseText(text, emloop.yaml);

/** Each place as `line:text`, `def` marking the definition. */
function places(parsed: ParsedDocument, s: DocSymbol): string[] {
  return s.uses.map((u) => {
    const r = placeRange(parsed, u.place);
    if (!r) return 'unresolved';
    return `${u.definition ? 'def ' : ''}${parsed.lineCounter.linePos(r[0]).line}:${parsed.text.slice(r[0], r[1])}`;
  });
}

function table(text: string): Record<string, string[]> {
  const parsed = parse(text);
  return Object.fromEntries(emloopSymbols(parsed).map((s) => [s.id, places(parsed, s)]));
}

const CONFIG = `dataset:
  class: data.Dataset
model:
  class: models.Net
  inputs: [x]
  outputs: [loss]
main_loop:
  train_stream_name: training
  extra_streams: [valid, 'test']
hooks:
  - SaveBest:
      stream: valid
  - StopAfter:
      epochs: 3
      train_stream_name: training
  - PlotLines:
      variables: [xs]
      streams: [valid, test]
  - my.hooks.Custom:
      streams: [holdout]
      stream: valid
      other: valid
  - Check:
      variable: acc
      required_min_value: 0.5
      max_epoch: 3
  - LogVariables:
      stream: valid
  - LogProfile
eval:
  holdout:
    model:
      outputs: [pred]
    hooks:
      - Flatten:
          variables: {a: b}
          streams: [holdout]
  multi:
    stream_names: [valid, test]
    main_loop:
      extra_streams: [test]
`;

describe('emloopSymbols', () => {
  it('finds every place naming a stream; the definition is the eval key, else the first extra_streams item, else train_stream_name', () => {
    expect(table(CONFIG)).toEqual({
      'stream:training': ['def 8:training', '15:training'],
      // Check's stream is left out (it reads "valid" by default: no place); LogVariables takes no
      // stream argument and Custom's `other` is not one.
      'stream:valid': ['def 9:valid', '12:valid', '18:valid', '21:valid', '39:valid'],
      // A quoted name: its characters without the quotes.
      'stream:test': ['def 9:test', '18:test', '39:test', '41:test'],
      // The eval key defines it, though an unknown hook's `streams` names it first.
      'stream:holdout': ['def 31:holdout', '20:holdout', '37:holdout'],
      'stream:multi': ['def 38:multi'],
    });
  });

  it('places are keys (eval.<stream>) and whole text values', () => {
    const [training, valid] = emloopSymbols(parse(CONFIG));
    expect(training.kind).toBe('stream');
    expect(training.uses.map((u) => u.place)).toEqual([
      { in: 'value', path: ['main_loop', 'train_stream_name'], from: 0, to: 8 },
      { in: 'value', path: ['hooks', 1, 'StopAfter', 'train_stream_name'], from: 0, to: 8 },
    ]);
    expect(valid.uses[0].place).toEqual({ in: 'value', path: ['main_loop', 'extra_streams', 0], from: 0, to: 5 });
    const holdout = emloopSymbols(parse(CONFIG)).find((s) => s.name === 'holdout')!;
    expect(holdout.uses[0].place).toEqual({ in: 'key', path: ['eval', 'holdout'] });
  });

  describe('refuse', () => {
    const symbols = emloopSymbols(parse(CONFIG));
    const by = (name: string) => symbols.find((s) => s.name === name)!;
    it('accepts a fresh identifier and the same name', () => {
      expect(by('holdout').refuse('heldout')).toBeUndefined();
      expect(by('holdout').refuse('holdout')).toBeUndefined();
      expect(by('valid').refuse('_dev2')).toBeUndefined();
      expect(by('valid').refuse('validación')).toBeUndefined();
      // "train" is free here: the training stream is named "training".
      expect(by('valid').refuse('train')).toBeUndefined();
    });
    it('refuses an empty name', () => {
      expect(by('valid').refuse('')).toBe('A stream needs a name');
    });
    it('refuses what cannot make the dataset method <name>_stream', () => {
      const message = (to: string) =>
        `"${to}" cannot name a stream — emloop asks the dataset for the method \`${to}_stream\` (getattr(dataset, '<name>_stream')), so a stream name must make a Python identifier: letters, digits and underscores, not starting with a digit; the \`eval.<stream>\` keys are stream names too (\`emloop eval STREAM\`)`;
      for (const bad of ['hold-out', '2nd', 'a b', 'eval.x']) expect(by('holdout').refuse(bad)).toBe(message(bad));
    });
    it('refuses a name another stream of the file has', () => {
      expect(by('test').refuse('valid')).toBe('The file already names a stream "valid" — renaming "test" to it would make them one stream');
      expect(by('valid').refuse('multi')).toBe('The file already names a stream "multi" — renaming "valid" to it would make them one stream');
    });
    it('refuses a name emloop uses by default', () => {
      const symbols = emloopSymbols(parse('main_loop:\n  extra_streams: [test]\nhooks:\n  - SaveBest\n'));
      const test = symbols.find((s) => s.name === 'test')!;
      expect(test.refuse('train')).toBe('"train" is already used: it is the training stream (main_loop.train_stream_name defaults to "train")');
      expect(test.refuse('valid')).toBe('"valid" is already used: it is the stream SaveBest reads when its stream is left out');
    });
  });

  it('real: emloop-examples/majority/config.yaml — extra_streams defines "test", SaveBest uses it', () => {
    expect(table(readCorpus('examples/emloop-examples/majority/config.yaml'))).toEqual({ 'stream:test': ['def 21:test', '27:test'] });
  });

  it('real: emloop-examples/imdb/config.yaml — the legacy predict section is not read', () => {
    const text = readCorpus('examples/emloop-examples/imdb/config.yaml');
    expect(table(text)).toEqual({ 'stream:test': ['def 19:test', '28:test'] });
    const test = emloopSymbols(parse(text))[0];
    // No train_stream_name: the training stream is "train"; no SaveBest without a stream here.
    expect(test.refuse('train')).toMatch(/^"train" is already used: it is the training stream/);
    expect(test.refuse('valid')).toBeUndefined();
  });

  it('real: merge-fixture — eval keys define their streams; an eval main_loop names one too', () => {
    expect(table(readCorpus('merge-fixture/config.yaml'))).toEqual({
      'stream:valid': ['def 16:valid'],
      'stream:predict': ['def 22:predict'],
      'stream:nohooks': ['def 30:nohooks'],
    });
    expect(table(readCorpus('merge-fixture/config_no_main_loop.yaml'))).toEqual({
      'stream:test': ['def 9:test'],
      'stream:x': ['def 11:x'],
    });
  });

  it('real: the docs snippet with extra_streams [valid, test]', () => {
    expect(table(readCorpus('examples/docs-snippets/config_rst_block05.yaml'))).toEqual({ 'stream:valid': ['def 3:valid'], 'stream:test': ['def 3:test'] });
  });

  it('follows no alias: the anchor text is the place', () => {
    const text = `main_loop:
  extra_streams: &streams [valid]
eval:
  other:
    main_loop:
      extra_streams: *streams
    hooks:
      - SaveBest:
          stream: &v valid
      - Check:
          stream: *v
`;
    expect(table(text)).toEqual({ 'stream:valid': ['def 2:valid', '9:valid'], 'stream:other': ['def 4:other'] });
  });

  it('cxflow hook names are read as the emloop hook they became', () => {
    expect(table('hooks:\n  - cxflow.hooks.SaveBest:\n      stream: dev\n')).toEqual({ 'stream:dev': ['def 3:dev'] });
  });

  it('odd shapes give what they can and never throw', () => {
    const odd = `main_loop: [x]
hooks:
  - 1
  - [SaveBest]
  - {}
  - SaveBest:
      stream: 5
  - Check: [stream]
  - SaveBest:
      stream: [a]
  - StopAfter:
      train_stream_name: {a: b}
  - PlotLines:
      streams: x
  - A: {stream: first}
    B: {stream: second}
eval:
  1: numbers are not names
  ok: [a, list]
`;
    expect(table(odd)).toEqual({ 'stream:ok': ['def 19:ok'] });
    for (const text of ['', '- a\n', 'eval: [a]\nhooks: 3\nmain_loop: {extra_streams: [1, null, {a: b}], train_stream_name: 3}\n', 'eval:\n  "": {}\n']) {
      expect(() => emloopSymbols(parse(text))).not.toThrow();
      expect(emloopSymbols(parse(text))).toEqual([]);
    }
    expect(emloopSymbols(parse('eval: {a: [1\n'))).toEqual([]);
  });
});

describe('hookItems', () => {
  it('reads `- Name`, `- Name: {args}` and a dotted name, the catalogued hook when known', () => {
    const parsed = parse(CONFIG);
    expect(hookItems(parsed, ['hooks']).map((h) => [h.path.join('.'), h.name, h.nameAt, h.info?.name ?? null, h.args ? 'args' : null])).toEqual([
      ['hooks.0', 'SaveBest', 'key', 'SaveBest', 'args'],
      ['hooks.1', 'StopAfter', 'key', 'StopAfter', 'args'],
      ['hooks.2', 'PlotLines', 'key', 'PlotLines', 'args'],
      ['hooks.3', 'my.hooks.Custom', 'key', null, 'args'],
      ['hooks.4', 'Check', 'key', 'Check', 'args'],
      ['hooks.5', 'LogVariables', 'key', 'LogVariables', 'args'],
      ['hooks.6', 'LogProfile', 'value', 'LogProfile', null],
    ]);
    expect(hookItems(parsed, ['eval', 'holdout', 'hooks']).map((h) => h.name)).toEqual(['Flatten']);
    expect(hookItems(parsed, ['eval', 'multi', 'hooks'])).toEqual([]);
  });
});
