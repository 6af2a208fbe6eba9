/**
 * The dialect as a whole: detection against the other platforms' files, the example, the
 * schema under the strict validator, and the hook data against the upstream catalog's facts.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { analyze } from '../../lint';
import { compileSchema } from '../../schema/compile';
import { ALL_HOOKS, EMLOOP_HOOKS, TENSORFLOW_HOOKS } from './hooks';
import { emloop } from './index';
import { readCorpus } from './testCorpus';

const detect = (name: string | undefined, text: string) => emloop.detect(name, parseText(text, emloop.yaml).value);

describe('detect', () => {
  it('config.yaml with dataset and model classes: high', () => {
    expect(detect('config.yaml', readCorpus('examples/emloop-examples/majority/config.yaml'))).toBeGreaterThanOrEqual(0.95);
    expect(detect(undefined, readCorpus('examples/emloop-examples/majority/config.yaml'))).toBeGreaterThanOrEqual(0.9);
  });

  it('a top-level list (valohai.yaml): low', () => {
    expect(detect('config.yaml', '- step:\n    name: train\n    image: python\n    command: python t.py\n')).toBeLessThan(0.1);
  });

  it('a Determined experiment: well below 0.9, even named config.yaml', () => {
    const determined = 'name: mnist\nhyperparameters:\n  lr: 0.1\nsearcher:\n  name: single\n  metric: loss\nentrypoint: model_def:Trial\n';
    expect(detect('config.yaml', determined)).toBeLessThan(0.5);
  });

  it('any other config.yaml: undecided', () => {
    expect(detect('config.yaml', 'a: 1\n')).toBeLessThan(0.5);
    expect(detect('other.yaml', 'a: 1\n')).toBeLessThan(0.1);
  });
});

describe('dialect', () => {
  it('reads YAML as ruamel does', () => {
    expect(emloop.yaml).toEqual({ version: '1.2', duplicateKeys: 'error', mergeKeys: true });
    expect(parseText('a: yes\nb: 1e-3\nc: &x {k: 1}\nd: {<<: *x, j: 2}\n', emloop.yaml).value).toEqual({ a: 'yes', b: 0.001, c: { k: 1 }, d: { k: 1, j: 2 } });
  });

  it('its schema compiles under the strict validator', () => {
    expect(() => compileSchema(emloop.schema)).not.toThrow();
  });

  it('the example lints clean and previews train, resume and its eval block', () => {
    expect(emloop.example.fileName).toBe('config.yaml');
    const { parsed, diagnostics } = analyze(emloop.example.text, emloop);
    expect(diagnostics).toEqual([]);
    expect(emloop.preview!(parsed, { values: {}, env: {} }).steps.map((s) => [s.name, s.errors])).toEqual([
      ['train', []],
      ['resume', []],
      ['eval predict', []],
    ]);
  });
});

interface CatalogArg {
  name: string;
  required: boolean;
  default: unknown;
  injected_by_emloop: boolean;
  enum?: unknown[];
}
interface CatalogHook {
  name: string;
  fqn: string;
  args: CatalogArg[];
  also_importable_as?: string;
}

describe('hook data matches the catalog facts', () => {
  const catalog = JSON.parse(readCorpus('emloop-hooks-catalog.json')) as { emloop_hooks: CatalogHook[]; emloop_tensorflow_hooks: CatalogHook[] };

  it('has every hook, and no other', () => {
    expect(EMLOOP_HOOKS.map((h) => h.name)).toEqual(catalog.emloop_hooks.map((h) => h.name));
    expect(TENSORFLOW_HOOKS.map((h) => h.name)).toEqual(catalog.emloop_tensorflow_hooks.map((h) => h.name));
  });

  for (const c of [...catalog.emloop_hooks, ...catalog.emloop_tensorflow_hooks]) {
    it(c.name, () => {
      const ours = ALL_HOOKS.find((h) => h.name === c.name)!;
      expect(`${ours.module}.${ours.name}`).toBe(c.also_importable_as ?? c.fqn);
      const facts = (a: { name: string; required?: boolean; injected?: boolean; default?: unknown; enum?: unknown[] }) => ({
        name: a.name,
        required: Boolean(a.required),
        injected: Boolean(a.injected),
        default: a.required || a.injected ? undefined : a.default,
        enum: a.enum,
      });
      expect(ours.args.map(facts)).toEqual(
        c.args.map((a) => facts({ name: a.name, required: a.required && !a.injected_by_emloop, injected: a.injected_by_emloop, default: a.default, enum: a.enum })),
      );
      expect(ours.help.length).toBeGreaterThan(10);
      for (const a of ours.args) expect(a.help.length).toBeGreaterThan(5);
    });
  }
});
