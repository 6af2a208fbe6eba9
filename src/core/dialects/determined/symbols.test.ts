/**
 * Determined's hyperparameters as symbols: each key under `hyperparameters` (nested ones too) is a
 * symbol defined at that key, in a hand-written config and in two real examples; every place
 * resolves to the key's text on the expected line; refuse() says why a new name cannot be.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../contracts/document';
import type { DocSymbol } from '../../contracts/symbols';
import { parseText } from '../../document/parse';
import { placeRange } from '../../document/scalarSource';
import { determined } from './index';
import { determinedSymbols } from './symbols';

const EXAMPLES = [resolve(process.cwd(), '../shared/corpus/determined/examples'), fileURLToPath(new URL('../../../../../shared/corpus/determined/examples', import.meta.url))].find((dir) =>
  existsSync(dir),
)!;
const corpusText = (file: string) => readFileSync(resolve(EXAMPLES, file), 'utf8');

const parse = (text: string) => parseText(text, determined.yaml);

/** Each place as `line:text`, `def` marking the definition. */
function places(parsed: ParsedDocument, s: DocSymbol): string[] {
  return s.uses.map((u) => {
    const r = placeRange(parsed, u.place);
    if (!r) return 'unresolved';
    return `${u.definition ? 'def ' : ''}${parsed.lineCounter.linePos(r[0]).line}:${parsed.text.slice(r[0], r[1])}`;
  });
}

function table(text: string): [string, string, string | undefined, string[]][] {
  const parsed = parse(text);
  return determinedSymbols(parsed).map((s) => [s.id, s.name, s.container, places(parsed, s)]);
}

const CONFIG = `name: mnist
entrypoint: model_def:MNistTrial
hyperparameters:
  global_batch_size: 64
  lr:
    type: log
    base: 10
    minval: -4
    maxval: -1
  optimizer:
    name: adam
    lr:
      type: double
      minval: 0.1
      maxval: 0.5
    "beta 1": 0.9
    global_batch_size: 8
  layers: [1, 2]
  empty: {}
  1: numbers are not names
searcher:
  name: random
  metric: lr
  max_trials: 4
`;

describe('determinedSymbols', () => {
  it('names every hyperparameter by its key, nested ones in their nesting map', () => {
    expect(table(CONFIG)).toEqual([
      ['hyperparameter:global_batch_size', 'global_batch_size', 'hyperparameters', ['def 4:global_batch_size']],
      ['hyperparameter:lr', 'lr', 'hyperparameters', ['def 5:lr']],
      ['hyperparameter:optimizer', 'optimizer', 'hyperparameters', ['def 10:optimizer']],
      ['hyperparameter:optimizer.name', 'name', 'hyperparameters.optimizer', ['def 11:name']],
      ['hyperparameter:optimizer.lr', 'lr', 'hyperparameters.optimizer', ['def 12:lr']],
      // A quoted key: its characters without the quotes.
      ['hyperparameter:optimizer.beta 1', 'beta 1', 'hyperparameters.optimizer', ['def 16:beta 1']],
      ['hyperparameter:optimizer.global_batch_size', 'global_batch_size', 'hyperparameters.optimizer', ['def 17:global_batch_size']],
      ['hyperparameter:layers', 'layers', 'hyperparameters', ['def 18:layers']],
      ['hyperparameter:empty', 'empty', 'hyperparameters', ['def 19:empty']],
    ]);
  });

  it('the searcher metric "lr" is a metric, not a use of the hyperparameter lr', () => {
    const lr = determinedSymbols(parse(CONFIG)).find((s) => s.id === 'hyperparameter:lr')!;
    expect(lr.uses).toHaveLength(1);
    expect(lr.uses[0].place).toEqual({ in: 'key', path: ['hyperparameters', 'lr'] });
  });

  describe('refuse', () => {
    const symbols = determinedSymbols(parse(CONFIG));
    const by = (id: string) => symbols.find((s) => s.id === id)!;
    it('accepts a fresh name, and the same name', () => {
      expect(by('hyperparameter:lr').refuse('learning_rate')).toBeUndefined();
      expect(by('hyperparameter:lr').refuse('lr')).toBeUndefined();
      // A name taken elsewhere but not among the siblings is fine.
      expect(by('hyperparameter:optimizer.lr').refuse('layers')).toBeUndefined();
    });
    it('refuses an empty name', () => {
      expect(by('hyperparameter:lr').refuse('')).toBe('A hyperparameter needs a name');
      expect(by('hyperparameter:lr').refuse('  ')).toBe('A hyperparameter needs a name');
    });
    it('refuses a sibling name', () => {
      expect(by('hyperparameter:lr').refuse('layers')).toBe('hyperparameters already has a hyperparameter named "layers"');
      expect(by('hyperparameter:optimizer.lr').refuse('name')).toBe('hyperparameters.optimizer already has a hyperparameter named "name"');
      // A key that is not text still takes its name.
      expect(by('hyperparameter:lr').refuse('1')).toBe('hyperparameters already has a hyperparameter named "1"');
    });
    it('refuses a dot: the master splits dotted names into nesting', () => {
      expect(by('hyperparameter:optimizer.lr').refuse('optimizer.lr')).toBe(
        '"optimizer.lr" contains a dot — Determined joins nested hyperparameter names with dots (optimizer.lr) and splits them at the dots again when it hands a trial its values, so "optimizer.lr" would arrive as nested hyperparameters; write nesting as keys instead',
      );
    });
    it('refuses the merge key', () => {
      expect(by('hyperparameter:lr').refuse('<<')).toBe('"<<" is YAML\'s merge key — it cannot name a hyperparameter');
    });
    it('keeps the top-level global_batch_size, which Determined reads by name', () => {
      expect(by('hyperparameter:global_batch_size').refuse('batch_size')).toBe(
        'Determined reads `global_batch_size` by this name: it is the number of records in a batch for the Trial APIs (PyTorchTrial, DeepSpeedTrial and TFKerasTrial take the batch size from it) and for the searcher — keep the name (change it by hand only if your own training code reads the batch size)',
      );
      expect(by('hyperparameter:global_batch_size').refuse('global_batch_size')).toBeUndefined();
      // Nested, it is an ordinary name.
      expect(by('hyperparameter:optimizer.global_batch_size').refuse('batch_size')).toBeUndefined();
      // Renaming to it is only checked against the siblings.
      expect(by('hyperparameter:layers').refuse('global_batch_size')).toBe('hyperparameters already has a hyperparameter named "global_batch_size"');
      expect(by('hyperparameter:optimizer.lr').refuse('global_batch_size')).toBe('hyperparameters.optimizer already has a hyperparameter named "global_batch_size"');
    });
  });

  it('skips merge keys and does not walk into an alias (its keys are written at the anchor)', () => {
    const text = `hyperparameters:
  base: &base
    a: 1
    b: {type: int, minval: 1, maxval: 4}
  copy: *base
  merged:
    <<: *base
    c: 3
`;
    expect(table(text)).toEqual([
      ['hyperparameter:base', 'base', 'hyperparameters', ['def 2:base']],
      ['hyperparameter:base.a', 'a', 'hyperparameters.base', ['def 3:a']],
      ['hyperparameter:base.b', 'b', 'hyperparameters.base', ['def 4:b']],
      ['hyperparameter:copy', 'copy', 'hyperparameters', ['def 5:copy']],
      ['hyperparameter:merged', 'merged', 'hyperparameters', ['def 6:merged']],
      ['hyperparameter:merged.c', 'c', 'hyperparameters.merged', ['def 8:c']],
    ]);
  });

  it('a key written twice counts once, where a path reaches it', () => {
    // The CLI refuses the repeat (an error finding); the names stay navigable meanwhile.
    expect(table('hyperparameters:\n  a: 1\n  a: 2\n  b: 3\n')).toEqual([
      ['hyperparameter:a', 'a', 'hyperparameters', ['def 2:a']],
      ['hyperparameter:b', 'b', 'hyperparameters', ['def 4:b']],
    ]);
  });

  it('ids stay unique when a dotted name meets the same nesting', () => {
    const ids = determinedSymbols(parse('hyperparameters:\n  a.b: 1\n  a:\n    b: 2\n')).map((s) => s.id);
    expect(ids).toEqual(['hyperparameter:a.b', 'hyperparameter:a', 'hyperparameter:a.b#2']);
  });

  it('odd shapes give no symbols and never throw', () => {
    for (const text of ['hyperparameters: [a, b]\n', 'hyperparameters: 3\n', 'hyperparameters:\n', '- a\n- b\n', 'just text\n', '', 'hyperparameters:\n  [a]: 1\n  yes: 2\n']) {
      expect(determinedSymbols(parse(text))).toEqual([]);
    }
    // Text that does not parse has no symbols.
    expect(determinedSymbols(parse('hyperparameters:\n  a: [1\n'))).toEqual([]);
  });
});

describe('real examples', () => {
  it('iris_tf_keras/adaptive.yaml: four hyperparameters, global_batch_size a searched int', () => {
    expect(table(corpusText('computer_vision/iris_tf_keras/adaptive.yaml'))).toEqual([
      ['hyperparameter:learning_rate', 'learning_rate', 'hyperparameters', ['def 7:learning_rate']],
      ['hyperparameter:learning_rate_decay', 'learning_rate_decay', 'hyperparameters', ['def 12:learning_rate_decay']],
      ['hyperparameter:layer1_dense_size', 'layer1_dense_size', 'hyperparameters', ['def 13:layer1_dense_size']],
      ['hyperparameter:global_batch_size', 'global_batch_size', 'hyperparameters', ['def 17:global_batch_size']],
    ]);
  });

  it('deepspeed/gpt_neox/hp_search.yaml: nesting two levels deep, the same name at two levels', () => {
    const rows = table(corpusText('deepspeed/gpt_neox/hp_search.yaml'));
    expect(rows.map(([id, , container, p]) => [id, container, p.join(' ')])).toEqual([
      ['hyperparameter:search_world_size', 'hyperparameters', 'def 4:search_world_size'],
      ['hyperparameter:deepspeed', 'hyperparameters', 'def 5:deepspeed'],
      ['hyperparameter:conf_dir', 'hyperparameters', 'def 6:conf_dir'],
      ['hyperparameter:conf_file', 'hyperparameters', 'def 7:conf_file'],
      ['hyperparameter:overwrite_values', 'hyperparameters', 'def 10:overwrite_values'],
      ['hyperparameter:overwrite_values.fp16', 'hyperparameters.overwrite_values', 'def 11:fp16'],
      ['hyperparameter:overwrite_values.fp16.fp16', 'hyperparameters.overwrite_values.fp16', 'def 12:fp16'],
      ['hyperparameter:overwrite_values.fp16.enabled', 'hyperparameters.overwrite_values.fp16', 'def 13:enabled'],
      ['hyperparameter:overwrite_values.fp16.loss_scale', 'hyperparameters.overwrite_values.fp16', 'def 14:loss_scale'],
      ['hyperparameter:overwrite_values.log_interval', 'hyperparameters.overwrite_values', 'def 15:log_interval'],
      ['hyperparameter:overwrite_values.pipe_parallel_size', 'hyperparameters.overwrite_values', 'def 16:pipe_parallel_size'],
      ['hyperparameter:overwrite_values.model_parallel_size', 'hyperparameters.overwrite_values', 'def 22:model_parallel_size'],
      ['hyperparameter:overwrite_values.train_micro_batch_size_per_gpu', 'hyperparameters.overwrite_values', 'def 28:train_micro_batch_size_per_gpu'],
      ['hyperparameter:overwrite_values.train_batch_size', 'hyperparameters.overwrite_values', 'def 34:train_batch_size'],
      ['hyperparameter:wandb_group', 'hyperparameters', 'def 35:wandb_group'],
      ['hyperparameter:wandb_team', 'hyperparameters', 'def 36:wandb_team'],
      ['hyperparameter:user_script', 'hyperparameters', 'def 37:user_script'],
      ['hyperparameter:eval_tasks', 'hyperparameters', 'def 38:eval_tasks'],
    ]);
    const symbols = determinedSymbols(parse(corpusText('deepspeed/gpt_neox/hp_search.yaml')));
    const inner = symbols.find((s) => s.id === 'hyperparameter:overwrite_values.fp16.fp16')!;
    expect(inner.refuse('enabled')).toBe('hyperparameters.overwrite_values.fp16 already has a hyperparameter named "enabled"');
    expect(inner.refuse('log_interval')).toBeUndefined();
  });
});
