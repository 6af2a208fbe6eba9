/**
 * The Determined outline: sections in order with their details, hyperparameters nested, each
 * item's range from its key to the end of its value and its selection the key; and every file of
 * the corpus outlined and read for symbols without a throw, every place resolving to its name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { placeRange } from '../../document/scalarSource';
import { determined } from './index';
import { determinedOutline } from './outline';
import { determinedSymbols } from './symbols';
import { checkNesting, outlineLines } from '../../assist/outlineChecks';

const CORPUS = [resolve(process.cwd(), '../shared/corpus/determined'), fileURLToPath(new URL('../../../../../shared/corpus/determined', import.meta.url))].find((dir) => existsSync(dir))!;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = resolve(dir, f);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(f) ? [full] : [];
  });
}

const parse = (text: string) => parseText(text, determined.yaml);



const CONFIG = `name: mnist
entrypoint: python3 train.py --epochs 2
hyperparameters:
  global_batch_size: 64 # a constant
  lr:
    type: log
    base: 10
    minval: -4
    maxval: -1

  optimizer:
    name: adam
    momentum:
      type: double
      minval: 0.1
      maxval: 0.9
searcher:
  name: adaptive_asha
  metric: loss
resources:
  slots_per_trial: 2
environment:
  image: determinedai/pytorch-ngc:0.38
labels: [mnist, cnn]
max_restarts: 0
`;

describe('determinedOutline', () => {
  const parsed = parse(CONFIG);
  const outline = determinedOutline(parsed);
  const text = (r: [number, number]) => CONFIG.slice(r[0], r[1]);

  it('lists the sections in order, the hyperparameters nested with their type', () => {
    expect(outlineLines(outline)).toEqual([
      'name (section, mnist)',
      'entrypoint (section, python3 train.py --epochs 2)',
      'hyperparameters (section, 4 hyperparameters)',
      '  global_batch_size (hyperparameter, value)',
      '  lr (hyperparameter, log)',
      '  optimizer (hyperparameter, nested)',
      '    name (hyperparameter, value)',
      '    momentum (hyperparameter, double)',
      'searcher (section, adaptive_asha)',
      'resources (section, 2 slots per trial)',
      'environment (section, determinedai/pytorch-ngc:0.38)',
      'labels (section, mnist, cnn)',
      'max_restarts (section, 0)',
    ]);
  });

  it('ranges run from the key to the end of the value; the selection is the key', () => {
    const hp = outline[2];
    expect(text(hp.selection)).toBe('hyperparameters');
    expect(text(hp.range)).toBe(CONFIG.slice(CONFIG.indexOf('hyperparameters:'), CONFIG.indexOf('\nsearcher:')));
    const [gbs, lr, optimizer] = hp.children;
    // A trailing comment is not part of the value.
    expect(text(gbs.range)).toBe('global_batch_size: 64');
    // The blank line after a block is left out.
    expect(text(lr.range)).toBe('lr:\n    type: log\n    base: 10\n    minval: -4\n    maxval: -1');
    expect(text(lr.selection)).toBe('lr');
    expect(text(optimizer.children[1].range)).toBe('momentum:\n      type: double\n      minval: 0.1\n      maxval: 0.9');
    expect(parsed.lineCounter.linePos(optimizer.children[1].selection[0]).line).toBe(13);
    expect(text(outline[6].range)).toBe('labels: [mnist, cnn]');
    checkNesting(outline);
  });

  it('the chain of items containing an offset is the breadcrumb', () => {
    const offset = CONFIG.indexOf('minval: 0.1');
    const chain: string[] = [];
    let items = outline;
    for (;;) {
      const hit = items.find((i) => offset >= i.range[0] && offset <= i.range[1]);
      if (!hit) break;
      chain.push(hit.name);
      items = hit.children;
    }
    expect(chain).toEqual(['hyperparameters', 'optimizer', 'momentum']);
  });

  it('details for other shapes: image per device, a list entrypoint, checkpoint storage', () => {
    const other = parse(`environment:
  image: {cpu: a, gpu: b}
entrypoint: [python3, -m, determined.launch.torch_distributed, --trial, model_def:Trial]
checkpoint_storage:
  type: shared_fs
  host_path: /tmp
bind_mounts:
  - host_path: /data
    container_path: /data
hyperparameters: {}
`);
    expect(outlineLines(determinedOutline(other))).toEqual([
      'environment (section, cpu/gpu images)',
      'entrypoint (section, python3 -m determined.launch.torch_dist…)',
      'checkpoint_storage (section, shared_fs)',
      'bind_mounts (section, 1 item)',
      'hyperparameters (section, 0 hyperparameters)',
    ]);
  });

  it('odd shapes never throw', () => {
    for (const t of ['', '- a\n', 'hyperparameters: [a]\nsearcher: 3\nresources: [1]\nenvironment: {image: [x]}\n', '1: a\nyes: b\n']) {
      expect(() => determinedOutline(parse(t))).not.toThrow();
    }
    expect(outlineLines(determinedOutline(parse('hyperparameters: [a]\nsearcher: 3\n')))).toEqual(['hyperparameters (section, 0 hyperparameters)', 'searcher (section)']);
    expect(determinedOutline(parse('a: [1\n'))).toEqual([]);
  });
});

describe('real examples', () => {
  const read = (file: string) => readFileSync(resolve(CORPUS, 'examples', file), 'utf8');

  it('iris_tf_keras/adaptive.yaml', () => {
    const text = read('computer_vision/iris_tf_keras/adaptive.yaml');
    const outline = determinedOutline(parse(text));
    expect(outlineLines(outline)).toEqual([
      'name (section, iris_tf_keras_adaptive_search)',
      'environment (section, cpu/gpu images)',
      'hyperparameters (section, 4 hyperparameters)',
      '  learning_rate (hyperparameter, log)',
      '  learning_rate_decay (hyperparameter, value)',
      '  layer1_dense_size (hyperparameter, int)',
      '  global_batch_size (hyperparameter, int)',
      'searcher (section, adaptive_asha)',
      // The folded entrypoint, read as one line.
      'entrypoint (section, python3 -m determined.launch.tensorflow…)',
    ]);
    const gbs = outline[2].children[3];
    expect(text.slice(gbs.range[0], gbs.range[1])).toBe('global_batch_size:\n    type: int\n    minval: 5\n    maxval: 30');
    checkNesting(outline);
  });

  it('deepspeed/gpt_neox/hp_search.yaml', () => {
    const text = read('deepspeed/gpt_neox/hp_search.yaml');
    const outline = determinedOutline(parse(text));
    expect(outlineLines(outline.filter((i) => i.name === 'hyperparameters'))).toEqual([
      'hyperparameters (section, 16 hyperparameters)',
      '  search_world_size (hyperparameter, value)',
      '  deepspeed (hyperparameter, value)',
      '  conf_dir (hyperparameter, value)',
      '  conf_file (hyperparameter, value)',
      '  overwrite_values (hyperparameter, nested)',
      '    fp16 (hyperparameter, nested)',
      '      fp16 (hyperparameter, value)',
      '      enabled (hyperparameter, value)',
      '      loss_scale (hyperparameter, value)',
      '    log_interval (hyperparameter, value)',
      '    pipe_parallel_size (hyperparameter, categorical)',
      '    model_parallel_size (hyperparameter, categorical)',
      '    train_micro_batch_size_per_gpu (hyperparameter, categorical)',
      '    train_batch_size (hyperparameter, value)',
      '  wandb_group (hyperparameter, value)',
      '  wandb_team (hyperparameter, value)',
      '  user_script (hyperparameter, value)',
      '  eval_tasks (hyperparameter, value)',
    ]);
    expect(outline.map((i) => i.name)).toEqual([
      'name', 'debug', 'hyperparameters', 'environment', 'resources', 'searcher', 'min_validation_period', 'checkpoint_policy', 'max_restarts', 'entrypoint',
    ]);
    // The comment after the block (about checkpoint_policy) is not part of it.
    const period = outline[6];
    expect(text.slice(period.range[0], period.range[1])).toBe('min_validation_period:\n    batches: 10');
    checkNesting(outline);
  });
});

describe('every corpus file', () => {
  const files = yamlFiles(CORPUS);
  it('has the 26 examples and the schema test cases', () => expect(files.length).toBeGreaterThanOrEqual(26 + 16));
  for (const file of files) {
    it(`${relative(CORPUS, file)}: symbols and outline without a throw, every place on its name`, () => {
      const parsed = parse(readFileSync(file, 'utf8'));
      const symbols = determinedSymbols(parsed);
      for (const s of symbols) {
        expect(s.uses.filter((u) => u.definition)).toHaveLength(1);
        for (const u of s.uses) {
          const r = placeRange(parsed, u.place);
          expect(r, `${s.id} resolves`).toBeDefined();
          expect(parsed.text.slice(r![0], r![1])).toBe(s.name);
        }
        expect(s.refuse(s.name)).toBeUndefined();
        expect(s.refuse('')).toBe('A hyperparameter needs a name');
      }
      checkNesting(determinedOutline(parsed));
    });
  }
});
