/** Completion, hover and the form read the schema through the extensions' `expand`. */
import { describe, expect, it } from 'vitest';
import { complete } from '../../assist/complete';
import { schemaAtPath } from '../../schema/schemaAtPath';
import { determined } from './index';

const at = (value: unknown, path: (string | number)[]) => schemaAtPath(determined.schema, value, path);

describe('schemaAtPath', () => {
  it('the searcher name picks its branch', () => {
    const random = at({ searcher: { name: 'random' } }, ['searcher', 'max_trials']);
    expect(random?.description).toMatch(/How many trials/);
    expect(random?.minimum).toBe(1);
    expect(at({ searcher: { name: 'single' } }, ['searcher'])?.properties).not.toHaveProperty('max_trials');
    expect(Object.keys((at({ searcher: { name: 'adaptive_asha' } }, ['searcher'])?.properties as object) ?? {})).toEqual(
      expect.arrayContaining(['time_metric', 'max_time', 'mode', 'divisor']),
    );
  });
  it('an undecided searcher offers the current names only', () => {
    expect(at({ searcher: {} }, ['searcher', 'name'])?.enum).toEqual(['single', 'random', 'grid', 'adaptive_asha', 'async_halving']);
  });
  it('hyperparameter kinds resolve by type, with their titles and templates', () => {
    const value = { hyperparameters: { lr: { type: 'log' }, n: { type: 'int' }, nest: { a: 1 }, plain: 3 } };
    expect(at(value, ['hyperparameters', 'lr'])).toMatchObject({ title: 'Log range', 'x-form': { template: { type: 'log' } } });
    expect(at(value, ['hyperparameters', 'lr', 'base'])?.exclusiveMinimum).toBe(0);
    expect(at(value, ['hyperparameters', 'n', 'maxval'])?.type).toBe('integer');
    expect(at(value, ['hyperparameters', 'nest'])?.title).toBe('Nested');
    expect(at(value, ['hyperparameters', 'nest', 'b', 'type'])?.enum).toEqual(['int', 'double', 'log', 'const', 'categorical']);
    expect(at(value, ['hyperparameters', 'plain'])?.title).toBe('Plain value');
  });
  it('checkpoint storage by type', () => {
    expect(at({ checkpoint_storage: { type: 's3' } }, ['checkpoint_storage', 'bucket'])?.description).toMatch(/bucket/);
    expect(at({ checkpoint_storage: {} }, ['checkpoint_storage', 'type'])?.enum).toEqual(['shared_fs', 'directory', 's3', 'gcs', 'azure']);
  });
});

describe('completion', () => {
  const labels = (text: string) => complete(determined, text, text.indexOf('|') >= 0 ? text.indexOf('|') : text.length).map((c) => c.label);
  it('offers searcher names without the removed ones', () => {
    const text = 'searcher:\n  name: ';
    const got = labels(text);
    expect(got).toEqual(expect.arrayContaining(['single', 'random', 'grid', 'adaptive_asha', 'async_halving']));
    for (const removed of ['custom', 'adaptive', 'adaptive_simple', 'sync_halving']) expect(got).not.toContain(removed);
  });
  it('offers the keys of the chosen searcher', () => {
    const got = labels('searcher:\n  name: random\n  ');
    expect(got).toEqual(expect.arrayContaining(['max_trials', 'metric']));
    expect(got).not.toContain('time_metric');
    expect(got).not.toContain('budget');
  });
});

describe('the searcher name once chosen', () => {
  it('still offers every current searcher (the form shows a select), never a removed one', () => {
    const name = at({ searcher: { name: 'adaptive_asha', metric: 'loss' } }, ['searcher', 'name']);
    expect(name?.enum).toEqual(expect.arrayContaining(['single', 'random', 'grid', 'adaptive_asha', 'async_halving']));
    expect(name?.enum).not.toContain('custom');
    expect(at({ searcher: { name: 'adaptive_asha' } }, ['searcher', 'divisor'])).toBeDefined();
  });
});
