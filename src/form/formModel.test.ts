import { describe, expect, it } from 'vitest';
import { determined } from '../core/dialects/determined';
import { valohai } from '../core/dialects/valohai';
import { schemaAtPath } from '../core/schema/schemaAtPath';
import type { Diagnostic } from '../core/contracts/diagnostics';
import { PAGE, visibleIndexes, addLabel, childPath, controlFor, currentVariant, diagnosticIndex, isPrefix, itemTitle, newItem, objectLayout, pathKey, pathOf, replaceIntent, samePath, switchVariant, variantsOf, wrapperKey } from './formModel';

const root = valohai.schema;
const doc = [
  {
    step: {
      name: 'train',
      image: 'python:3.12',
      command: ['a', 'b'],
      parameters: [
        { name: 'lr', type: 'float', default: 0.1 },
        { name: 'steps', type: 'integer', default: 3 },
        { name: 'debug', type: 'flag' },
      ],
      'x-custom': 1,
    },
  },
];
const at = (...path: (string | number)[]) => schemaAtPath(root, doc, path);

describe('controls come from the schema', () => {
  it('objects, lists, choices, booleans, text-or-list', () => {
    expect(controlFor(at(0, 'step'), doc[0].step).kind).toBe('object');
    expect(controlFor(at(0, 'step', 'parameters'), doc[0].step.parameters).kind).toBe('array');
    expect(controlFor(at(0, 'step', 'parameters', 0, 'type'), 'float')).toMatchObject({ kind: 'enum', options: ['string', 'integer', 'float', 'flag'] });
    expect(controlFor(at(0, 'step', 'parameters', 0, 'optional'), undefined).kind).toBe('boolean');
    expect(controlFor(at(0, 'step', 'command'), ['a']).kind).toBe('textOrList');
    expect(controlFor(at(0, 'step', 'image'), 'x')).toEqual({ kind: 'scalar', as: 'string' });
  });

  it("a parameter's default is written as its type says", () => {
    expect(controlFor(at(0, 'step', 'parameters', 0, 'default'), 0.1)).toEqual({ kind: 'scalar', as: 'float' });
    expect(controlFor(at(0, 'step', 'parameters', 1, 'default'), 3)).toEqual({ kind: 'scalar', as: 'integer' });
    expect(controlFor(at(0, 'step', 'parameters', 2, 'default'), undefined).kind).toBe('boolean');
  });

  it('lays out a step: primary keys shown, the rest under More, unknown keys kept', () => {
    const layout = objectLayout(at(0, 'step'), doc[0].step);
    expect(layout.shown).toEqual(['name', 'image', 'command', 'parameters', 'inputs', 'environment-variables']);
    const param = objectLayout(at(0, 'step', 'parameters', 0), { type: 'float', default: 0.1, name: 'lr' });
    expect(param.shown).toEqual(['type', 'default', 'name', 'description', 'pass-as']);
    expect(layout.more).toContain('resources');
    expect(layout.more).toContain('time-limit');
    expect(layout.unknown).toEqual(['x-custom']);
  });

  it('names items and buttons for people', () => {
    expect(wrapperKey(at(0), doc[0])).toBe('step');
    expect(itemTitle('Parameter', { name: 'lr' }, 0)).toBe('Parameter: lr');
    expect(itemTitle('Edge', ['a', 'b'], 1)).toBe('Edge 2');
    expect(addLabel('Environment variable')).toBe('Add environment variable');
  });

  it('starts new items from the schema template with a unique name', () => {
    const s = at(0, 'step', 'parameters', 0);
    expect(newItem(s, [])).toEqual({ name: 'new_parameter', type: 'string' });
    expect(newItem(s, [{ name: 'new_parameter' }, { name: 'new_parameter-2' }])).toMatchObject({ name: 'new_parameter-3' });
  });

  it('interns paths so equal paths are the same array', () => {
    expect(childPath(pathOf([0]), 'step')).toBe(pathOf([0, 'step']));
    expect(isPrefix([0, 'step'], [0, 'step', 'name'])).toBe(true);
    expect(isPrefix([0, 'step'], [1, 'step'])).toBe(false);
  });
});

describe('long lists', () => {
  it('render the first page, and the page holding the cursor after a gap', () => {
    expect(visibleIndexes(3, PAGE, -1)).toEqual([0, 1, 2]);
    const shown = visibleIndexes(2500, PAGE, 2400);
    expect(shown.length).toBe(PAGE + 1 + PAGE);
    expect(shown[PAGE]).toBe(-1);
    expect(shown.at(-1)).toBe(2499);
  });
});

describe('alternative shapes', () => {
  const hp: Record<string, unknown> = {
    $defs: {
      range: {
        title: 'Integer range',
        type: 'object',
        properties: { type: { const: 'int' }, minval: { type: 'integer' }, maxval: { type: 'integer' }, count: { type: 'integer' } },
        required: ['type', 'minval', 'maxval'],
        'x-form': { template: { type: 'int', minval: 0, maxval: 10 } },
      },
    },
    type: 'object',
    additionalProperties: {
      oneOf: [
        { $ref: '#/$defs/range' },
        {
          title: 'Float range',
          type: 'object',
          properties: { type: { const: 'double' }, minval: { type: 'number' }, maxval: { type: 'number' }, count: { type: 'integer' } },
          required: ['type', 'minval', 'maxval'],
          'x-form': { template: { type: 'double', minval: 0, maxval: 1 } },
        },
        {
          title: 'Categorical',
          type: 'object',
          properties: { type: { const: 'categorical' }, vals: { type: 'array' } },
          required: ['type', 'vals'],
          'x-form': { template: { type: 'categorical', vals: [] } },
        },
      ],
    },
  };
  const value = { lr: { type: 'double', minval: 0.5, maxval: 2, count: 4 } };
  const at = schemaAtPath(hp, value, ['lr']);
  const variants = variantsOf(hp, at)!;

  it('lists every titled branch (titles through $ref too) and finds the current one', () => {
    expect(variants.map((v) => v.title)).toEqual(['Integer range', 'Float range', 'Categorical']);
    expect(currentVariant(hp, variants, value.lr)).toBe(1);
    expect(variantsOf(hp, schemaAtPath(hp, value, []))).toBeUndefined();
  });

  it('switching keeps the keys the new shape has and whose values fit it', () => {
    expect(switchVariant(hp, { type: 'int', minval: 1, maxval: 8, count: 3 }, variants[1])).toEqual({ type: 'double', minval: 1, maxval: 8, count: 3 });
    // 0.5 is not an integer: the template's bound stays; 2 fits and is kept.
    expect(switchVariant(hp, value.lr, variants[0])).toEqual({ type: 'int', minval: 0, maxval: 2, count: 4 });
    expect(switchVariant(hp, value.lr, variants[2])).toEqual({ type: 'categorical', vals: [] });
  });

  it('edits only the keys that change', () => {
    expect(replaceIntent(['hp', 'lr'], { type: 'int', minval: 1, maxval: 8 }, { type: 'double', minval: 1, maxval: 8 })).toEqual({ kind: 'set', path: ['hp', 'lr', 'type'], value: 'double' });
    // Several keys change: one batch, so the switch is one change and one undo step.
    expect(replaceIntent(['x'], { type: 'int', minval: 1 }, { type: 'categorical', vals: [] })).toEqual({
      kind: 'batch',
      intents: [
        { kind: 'delete', path: ['x', 'minval'] },
        { kind: 'set', path: ['x', 'type'], value: 'categorical' },
        { kind: 'set', path: ['x', 'vals'], value: [] },
      ],
    });
    expect(replaceIntent(['x'], 3, { a: 1 })).toEqual({ kind: 'set', path: ['x'], value: { a: 1 } });
  });
});

describe('hyperparameter kinds in the form', () => {
  it('offers every kind of a hyperparameter, finds the current one, and switches keeping the range', () => {
    const value = { hyperparameters: { lr: { type: 'double', minval: 0.0001, maxval: 1 }, layers: { a: 1 } } };
    const at = schemaAtPath(determined.schema, value, ['hyperparameters', 'lr']);
    const variants = variantsOf(determined.schema, at)!;
    expect(variants.map((v) => v.title)).toEqual(['Integer range', 'Float range', 'Log range', 'Constant', 'Categorical', 'Nested', 'Plain value']);
    expect(currentVariant(determined.schema, variants, value.hyperparameters.lr)).toBe(1);
    expect(currentVariant(determined.schema, variants, value.hyperparameters.layers)).toBe(5);
    expect(currentVariant(determined.schema, variants, 32)).toBe(6);
    expect(switchVariant(determined.schema, value.hyperparameters.lr, variants[2])).toEqual({ type: 'log', minval: 0.0001, maxval: 1, base: 10 });
    // The searcher's shape follows its name: no kind switch there.
    expect(variantsOf(determined.schema, schemaAtPath(determined.schema, { searcher: { name: 'grid' } }, ['searcher']))).toBeUndefined();
  });
});

describe('diagnostics by where they are', () => {
  const at = (severity: Diagnostic['severity'], message: string, ...path: (string | number)[]): Diagnostic => ({ severity, message, path, range: [0, 1], source: 'lint' });
  const diagnostics = [
    at('error', 'image is required', 0, 'step'),
    at('warning', 'unknown key', 0, 'step', 'imagee'),
    at('error', 'not a number', 0, 'step', 'parameters', 1, 'default'),
    at('warning', 'deprecated', 0, 'step'),
    at('error', 'duplicate name', 2, 'step', 'name'),
  ];

  it('lists the diagnostics at exactly a path, in order, and counts the errors at or inside each path', () => {
    const index = diagnosticIndex(diagnostics);
    expect(index.at.get(pathKey([0, 'step']))).toBe('error\timage is required\nwarning\tdeprecated');
    expect(index.at.get(pathKey([0, 'step', 'imagee']))).toBe('warning\tunknown key');
    expect(index.at.get(pathKey([0, 'step', 'parameters']))).toBeUndefined();
    expect(index.errorsWithin.get(pathKey([]))).toBe(3);
    expect(index.errorsWithin.get(pathKey([0]))).toBe(2);
    expect(index.errorsWithin.get(pathKey([0, 'step', 'parameters']))).toBe(1);
    expect(index.errorsWithin.get(pathKey([0, 'step', 'imagee']))).toBeUndefined();
    expect(index.errorsWithin.get(pathKey([1]))).toBeUndefined();
    expect(index.errorsWithin.get(pathKey([2, 'step', 'name']))).toBe(1);
  });

  it('is built once per list of diagnostics: the same list gives the same index, a new one a new index', () => {
    const index = diagnosticIndex(diagnostics);
    expect(diagnosticIndex(diagnostics)).toBe(index);
    const next = diagnosticIndex([...diagnostics.slice(1)]);
    expect(next).not.toBe(index);
    expect(next.at.get(pathKey([0, 'step']))).toBe('warning\tdeprecated');
  });

  it('compares paths segment by segment: a number is not the same segment as its string', () => {
    expect(samePath([0, 'step'], [0, 'step'])).toBe(true);
    expect(samePath([0, 'step'], ['0', 'step'])).toBe(false);
    expect(samePath([0, 'step'], [0, 'step', 'name'])).toBe(false);
    expect(samePath([0], null)).toBe(false);
  });
});
