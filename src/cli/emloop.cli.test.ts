/**
 * `pipewright render` and `pipewright effective` on emloop configs: the effective config prints
 * plain values (no anchors the file does not have) when eval hooks replace the base hooks, and
 * `eval STREAM` renders for a stream without an `eval.STREAM` section — with the base
 * configuration, as emloop runs it, and a note saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInMemory } from './runInMemory';

const root = resolve(__dirname, '../..');

const run = (argv: string[], files: Record<string, string> = {}) => runInMemory(argv, files);

/** `&name` / `*name` tokens of a YAML text. */
const anchors = (text: string) => text.match(/[&*][\w-]+/g) ?? [];

const BASE = `dataset:
  class: data.Set
  batch_size: 10
model:
  class: m.Net
  inputs: [images, labels]
  outputs: [predictions, loss]
hooks:
  - ComputeStats:
      variables: [loss]
  - LogVariables
`;

const EVAL_HOOKS = `${BASE}eval:
  test:
    model:
      inputs: [images]
    hooks:
      - LogitsToCsv:
          variable: predictions
          class_names: [cat, dog]
          id_variable: ids
          output_file: out.csv
      - LogVariables
`;

const EVAL_HOOKS_VALUE = [{ LogitsToCsv: { variable: 'predictions', class_names: ['cat', 'dog'], id_variable: 'ids', output_file: 'out.csv' } }, 'LogVariables'];

describe('effective config with eval hooks that replace the base hooks: plain values', () => {
  it('pipewright effective --stream: no anchors or aliases, the hooks complete in both places', () => {
    expect(anchors(EVAL_HOOKS)).toEqual([]);
    const r = run(['effective', 'config.yaml', '--stream', 'test'], { 'config.yaml': EVAL_HOOKS });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(anchors(r.out)).toEqual([]);
    const v = parse(r.out) as { hooks: unknown; model: unknown; eval: { test: { hooks: unknown } } };
    expect(v.hooks).toEqual(EVAL_HOOKS_VALUE);
    expect(v.eval.test.hooks).toEqual(EVAL_HOOKS_VALUE);
    expect(v.model).toEqual({ class: 'm.Net', inputs: ['images'], outputs: ['predictions', 'loss'] });
  });

  it('pipewright render of the eval unit: the effective config after the command has no anchors either', () => {
    const r = run(['render', 'config.yaml', '--unit', 'eval test'], { 'config.yaml': EVAL_HOOKS });
    expect(r.code).toBe(0);
    const [command, ...rest] = r.out.split('\n');
    expect(command).toBe('emloop eval test log/<run> -c config.yaml');
    const config = rest.join('\n').replace(/^\n# Effective config\n/, '');
    expect(anchors(config)).toEqual([]);
    expect((parse(config) as { hooks: unknown }).hooks).toEqual(EVAL_HOOKS_VALUE);
    const json = JSON.parse(run(['render', 'config.yaml', '--unit', 'eval test', '--json'], { 'config.yaml': EVAL_HOOKS }).out);
    expect(anchors(json.blocks[0].text)).toEqual([]);
  });

  it('anchors the file has are written out as values too', () => {
    const text = `${BASE.replace('  batch_size: 10\n', '  batch_size: 10\n  augment: &aug {rotate: true}\n').replace('  outputs: [predictions, loss]\n', '  outputs: [predictions, loss]\n  augment: *aug\n')}eval:\n  test:\n    hooks: [LogVariables]\n`;
    const r = run(['effective', 'config.yaml', '--stream', 'test', 'model.augment.rotate=false'], { 'config.yaml': text });
    expect(r.code).toBe(0);
    expect(anchors(r.out)).toEqual([]);
    const v = parse(r.out) as { dataset: { augment: unknown }; model: { augment: unknown } };
    // The alias is the anchor's very object in emloop: the override shows in both places.
    expect(v.dataset.augment).toEqual({ rotate: false });
    expect(v.model.augment).toEqual({ rotate: false });
  });
});

describe('render eval STREAM without an eval.STREAM section', () => {
  const NOTE = 'warning: The file has no eval.test section, so `emloop eval test` runs stream "test" with the base configuration (dataset, model, main_loop and hooks as they are)';

  it('renders with the base configuration (hooks included) and says so on stderr', () => {
    const r = run(['render', 'config.yaml', '--unit', 'eval test'], { 'config.yaml': BASE });
    expect(r.code).toBe(0);
    expect(r.err).toBe(NOTE);
    const [command, ...rest] = r.out.split('\n');
    expect(command).toBe('emloop eval test log/<run> -c config.yaml');
    expect(parse(rest.join('\n'))).toEqual(parse(BASE));
  });

  it('with overrides, --json, and a file that has other eval blocks', () => {
    const text = `${BASE}eval:\n  predict:\n    hooks: []\n`;
    const r = run(['render', 'config.yaml', '--unit', 'eval test', 'dataset.batch_size=1', '--json'], { 'config.yaml': text });
    expect(r.code).toBe(0);
    expect(r.err).toBe(NOTE);
    const json = JSON.parse(r.out);
    expect(json.command).toEqual(['emloop eval test log/<run> -c config.yaml dataset.batch_size=1']);
    const v = parse(json.blocks[0].text) as { dataset: unknown; hooks: unknown };
    expect(v.dataset).toEqual({ class: 'data.Set', batch_size: 1 });
    expect(v.hooks).toEqual([{ ComputeStats: { variables: ['loss'] } }, 'LogVariables']);
    expect(json.blocks[0].marks).toEqual([expect.objectContaining({ note: 'changed by dataset.batch_size=1' })]);
  });

  it('a bad override is still refused (exit 1), and a unit that is not `eval STREAM` is still unknown (exit 2)', () => {
    const bad = run(['render', 'config.yaml', '--unit', 'eval test', 'model.missing.x=1'], { 'config.yaml': BASE });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("error: override model.missing.x=1: KeyError: 'missing'");
    const unknown = run(['render', 'config.yaml', '--unit', 'evaluate'], { 'config.yaml': BASE });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no unit "evaluate"; units: "train", "resume", or "eval STREAM" for any stream/);
    expect(run(['render', 'config.yaml', '--unit', 'eval'], { 'config.yaml': BASE }).code).toBe(2);
  });

  it('the units the file has render as before', () => {
    const text = `${BASE}eval:\n  predict:\n    model:\n      inputs: [images]\n`;
    const r = run(['render', 'config.yaml', '--unit', 'eval predict', 'model.inputs=[y]'], { 'config.yaml': text });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe("emloop eval predict log/<run> -c config.yaml 'model.inputs=[y]'");
    expect(r.err).toBe('warning: eval.predict has no hooks: the evaluation runs without any');
    expect(run(['render', 'config.yaml'], { 'config.yaml': text })).toMatchObject({ code: 2, err: expect.stringMatching(/Which one\? .*"train", "resume", "eval predict"/) });
    expect(run(['render', 'config.yaml', '--unit', 'train', '--param', 'a=1'], { 'config.yaml': text }).code).toBe(2);
  });

  it('effective --stream for such a stream prints the base configuration (emloop applies no eval section)', () => {
    const r = run(['effective', 'config.yaml', '--stream', 'test', '--json'], { 'config.yaml': BASE });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(parse(BASE));
  });

  it('as an installed command on a real file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-emloop-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, BASE);
    const r = spawnSync(process.execPath, [join(root, 'bin/pipewright.mjs'), 'render', file, '--unit', 'eval test'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('emloop eval test log/<run> -c config.yaml');
    expect(r.stderr.trim()).toBe(NOTE);
  }, 60_000);
});
