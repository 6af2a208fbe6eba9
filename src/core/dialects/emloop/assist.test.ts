/**
 * Completion and hover of hooks through the editor's own entry points (core/assist): names
 * where a hook item goes, arguments inside a hook's map, their allowed values, and hovers.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../assist/complete';
import { hover } from '../../assist/hover';
import { emloop } from './index';

const DOC = `dataset:
  class: data.Set
model:
  class: m.Net
hooks:
  - LogVariables
  - SaveBest:
      stream: test
main_loop:
  on_empty_batch: warn
eval:
  predict:
    hooks:
      - StopAfter:
          epochs: 1
`;

/** Replace the first `find` (after `after`) with `put`; the cursor goes where `|` is. */
function at(find: string, put: string, after = '') {
  const where = DOC.indexOf(find, after ? DOC.indexOf(after) : 0);
  expect(where).toBeGreaterThanOrEqual(0);
  const text = DOC.slice(0, where) + put.replace('|', '') + DOC.slice(where + find.length);
  return { text, offset: where + put.indexOf('|') };
}

const labels = (p: { text: string; offset: number }) => complete(emloop, p.text, p.offset).map((c) => c.label);

describe('hook names', () => {
  it('as a string item', () => {
    const p = at('  - LogVariables\n', '  - Log|\n');
    const got = complete(emloop, p.text, p.offset);
    expect(got.map((c) => c.label)).toEqual(expect.arrayContaining(['LogVariables', 'LogProfile', 'StopAfter', 'emloop_tensorflow.hooks.WriteTensorBoard']));
    const log = got.find((c) => c.label === 'LogVariables')!;
    expect(log.insertText).toBe('LogVariables');
    expect(log.documentation).toContain('on_unknown_type');
  });

  it('as the key of a hook with arguments: the required ones come with it', () => {
    const p = at('  - SaveBest:\n      stream: test\n', '  - |\n');
    const stop = complete(emloop, p.text, p.offset).find((c) => c.label === 'StopAfter')!;
    expect(stop.insertText).toBe('StopAfter:\n      epochs: ${1}');
    const check = complete(emloop, p.text, p.offset).find((c) => c.label === 'Check')!;
    expect(check.insertText).toBe('Check:\n      variable: ${1}\n      required_min_value: ${2}\n      max_epoch: ${3}');
  });

  it('in an eval block\'s hooks too', () => {
    expect(labels(at('      - StopAfter:\n          epochs: 1\n', '      - |\n'))).toContain('emloop_tensorflow.hooks.DecayLR');
  });
});

describe('hook arguments', () => {
  it('inside a hook map: its arguments with types and defaults, the ones present left out', () => {
    const p = at('      stream: test\n', '      stream: test\n      |\n');
    const got = complete(emloop, p.text, p.offset);
    const names = got.map((c) => c.label);
    expect(names).toEqual(expect.arrayContaining(['variable', 'condition', 'model_name', 'on_save_failure']));
    expect(names).not.toContain('stream');
    const condition = got.find((c) => c.label === 'condition')!;
    expect(condition.insertText).toBe('condition: ${1|min,max|}');
    expect(condition.detail).toContain('string');
    expect(got.find((c) => c.label === 'model_name')!.insertText).toBe('model_name: ${1:best}');
  });

  it('the allowed values of an argument', () => {
    const p = at('      stream: test\n', '      stream: test\n      on_save_failure: |\n');
    const got = complete(emloop, p.text, p.offset);
    expect(got.map((c) => c.label)).toEqual(expect.arrayContaining(['error', 'warn', 'ignore']));
    expect(got.find((c) => c.label === 'error')!.preselect).toBe(true);
  });

  it('main_loop enums come from the schema', () => {
    const p = at('on_empty_batch: warn', 'on_empty_batch: |');
    expect(labels(p)).toEqual(expect.arrayContaining(['ignore', 'warn', 'error']));
  });
});

describe('hover', () => {
  it('on a hook name (string item and key): what it does and its arguments', () => {
    const onItem = hover(emloop, DOC, DOC.indexOf('LogVariables') + 3)!;
    expect(onItem.range).toEqual([DOC.indexOf('LogVariables'), DOC.indexOf('LogVariables') + 'LogVariables'.length]);
    expect(onItem.markdown).toContain('**LogVariables** (emloop.hooks.log_variables.LogVariables)');
    expect(onItem.markdown).toContain('`on_unknown_type`: string = `"ignore"` — one of `error`, `warn`, `str`, `ignore`');
    const onKey = hover(emloop, DOC, DOC.indexOf('SaveBest') + 2)!;
    expect(onKey.markdown).toContain('Keeps a copy of the model');
    expect(onKey.markdown).not.toContain('`model`:');
  });

  it('on an argument: its type, default and meaning', () => {
    const h = hover(emloop, DOC, DOC.indexOf('epochs: 1') + 1)!;
    expect(h.markdown).toContain('**epochs** — argument of StopAfter');
    expect(h.markdown).toContain('integer or null');
  });
});
