import type { ErrorObject } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dialect } from '../contracts/dialect';
import { parseText } from '../document/parse';
import { analyze } from '../lint';
import { compileAtRuntime } from '../schema/compileAtRuntime';
import { compileSchema, setRuntimeCompiler } from '../schema/compile';
import { dialects } from '.';

afterEach(() => setRuntimeCompiler(compileAtRuntime));

/** Broken variants of a value: at each place a wrong type, odd strings and numbers, null, an unknown key, a key less, an item more. */
function mutations(value: unknown): unknown[] {
  const out: unknown[] = [];
  const at = (path: (string | number)[], change: (v: unknown) => unknown) => {
    const copy = structuredClone(value);
    if (path.length === 0) return out.push(change(copy));
    let parent = copy as Record<string | number, unknown>;
    for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    const next = change(parent[last]);
    if (next === undefined) delete parent[last];
    else parent[last] = next;
    out.push(copy);
  };
  const visit = (v: unknown, path: (string | number)[]) => {
    for (const bad of [12345, 1e9, -1, 'zz not valid', '', null, true]) at(path, () => bad);
    if (Array.isArray(v)) {
      at(path, (a) => [...(a as unknown[]), 12345]);
      v.forEach((item, i) => visit(item, [...path, i]));
    } else if (v && typeof v === 'object') {
      at(path, (o) => ({ ...(o as object), zz_unknown: 1 }));
      for (const key of Object.keys(v)) {
        at([...path, key], () => undefined);
        visit((v as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  visit(value, []);
  return out;
}

/** Documents a dialect says must fail in their own ways (Determined's keyword extensions). */
const SPECIFIC: Record<string, string[]> = {
  determined: [
    'hyperparameters:\n  lr: {type: double, minval: 1, maxval: 0.5}\n  n: {type: integer}\n  c: {type: categorical}\n',
    'bind_mounts:\n  - host_path: data\n    container_path: /data\nprofiling: {begin_on_batch: 9, end_after_batch: 1}\nmin_validation_period: {batches: 1, epochs: 1}\n',
    'checkpoint_storage:\n  type: shared_fs\n  host_path: /mnt\n  storage_path: /elsewhere\n',
    'checkpoint_storage: {type: ftp}\n',
    'environment:\n  pod_spec:\n    metadata: {name: x}\n    spec:\n      containers:\n        - name: determined-container\n          image: mine\n',
    'tensorboard_storage: {type: shared_fs, host_path: /t, save_trial_best: 1}\n',
    'searcher: {name: grid, metric: loss}\nhyperparameters:\n  n: {type: int, minval: 1, maxval: 4}\n',
  ],
};

function corpus(d: Dialect): unknown[] {
  const texts = [d.example.text, ...(d.templates ?? []).map((t) => t.text), ...(SPECIFIC[d.id] ?? [])];
  const values = texts.map((t) => parseText(t, d.yaml).value);
  return [...values, ...values.flatMap(mutations)];
}

function errorsOf(validate: (data: unknown) => boolean, errors: () => ErrorObject[] | null | undefined, data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(errors() ?? [])];
}

describe('generated validators', () => {
  it('serve every dialect, handed over by the dialect from its own folder', async () => {
    for (const d of dialects) {
      const generated = (await import(`./${d.id}/validator.generated.ts`)) as { validate: unknown; schema: unknown };
      expect(await d.loadValidator(), d.id).toBe(generated.validate);
      // It validates the dialect's very schema object, not a copy of it.
      expect(generated.schema, d.id).toBe(d.schema);
    }
  });

  it('validate documents in Node without compiling anything', () => {
    const compiler = vi.fn(compileAtRuntime);
    setRuntimeCompiler(compiler);
    for (const d of dialects) {
      for (const text of [d.example.text, 'zz_unknown: 1\n', '- 5\n']) {
        analyze(text, d);
      }
    }
    expect(compiler).not.toHaveBeenCalled();
  });

  it('refuse a schema without a generated validator when nothing may compile (as in the app)', () => {
    setRuntimeCompiler(undefined);
    expect(() => compileSchema({ title: 'ad hoc', type: 'string' })).toThrow(/No generated validator for the schema "ad hoc".*npm run gen:validators/);
  });

  for (const d of dialects) {
    it(`${d.id}: give the very errors of compiling the schema in memory, schema objects included`, async () => {
      const generated = await d.loadValidator();
      const inMemory = compileAtRuntime(d.schema);
      expect(inMemory).not.toBe(generated);
      let failing = 0;
      for (const data of corpus(d)) {
        const expected = errorsOf(inMemory, () => inMemory.errors, data);
        const actual = errorsOf(generated, () => generated.errors, data);
        expect(actual).toEqual(expected);
        actual.forEach((e, i) => {
          // explainErrors reads these: the schema's own objects, as in-memory compilation gives them.
          expect(e.parentSchema).toBe(expected[i].parentSchema);
          expect(e.schema).toBe(expected[i].schema);
          expect(e.data).toBe(expected[i].data);
        });
        if (actual.length > 0) failing++;
      }
      expect(failing).toBeGreaterThan(50);
    });
  }

  it('report the keyword extensions\' errors as in-memory compilation does', async () => {
    const determined = dialects.find((d) => d.id === 'determined')!;
    const validate = await determined.loadValidator();
    const keywords = new Set(corpus(determined).flatMap((data) => errorsOf(validate, () => validate.errors, data).map((e) => e.keyword)));
    expect([...keywords]).toEqual(expect.arrayContaining(['union', 'checks', 'compareProperties', 'disallowProperties']));
  });
});
