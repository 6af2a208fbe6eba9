import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../contracts/schema';
import { resolveRef, roughlyMatches, schemaAtPath } from './schemaAtPath';

const schema: JsonSchema = {
  type: 'array',
  items: { $ref: '#/$defs/item' },
  $defs: {
    item: { type: 'object', properties: { node: { $ref: '#/$defs/node' }, alias: { $ref: '#/$defs/node', description: 'Old name' } } },
    node: {
      type: 'object',
      description: 'A node',
      required: ['type'],
      properties: { type: { enum: ['a', 'b'] }, name: { type: 'string', description: 'Outer name' } },
      allOf: [
        { if: { type: 'object', properties: { type: { const: 'a' } }, required: ['type'] }, then: { $ref: '#/$defs/a' } },
        { if: { type: 'object', properties: { type: { const: 'b' } }, required: ['type'] }, then: { $ref: '#/$defs/b' } },
      ],
    },
    a: { type: 'object', properties: { name: { type: 'string' }, onlyA: { type: 'integer', description: 'A only' } } },
    b: { type: 'object', properties: { onlyB: { type: 'boolean' } }, additionalProperties: false },
    either: { oneOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'number' } } }] },
    pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
    map: { type: 'object', additionalProperties: { type: 'number', minimum: 1 } },
  },
};

describe('schemaAtPath', () => {
  const value = [{ node: { type: 'a', name: 'n' } }, { node: { type: 'b' } }, { alias: {} }];

  it('resolves $ref and keeps the annotations of the referring schema', () => {
    expect(schemaAtPath(schema, value, [0, 'node'])?.description).toBe('A node');
    expect(schemaAtPath(schema, value, [2, 'alias'])?.description).toBe('Old name');
  });

  it('applies the if/then branch the data selects', () => {
    expect(Object.keys(schemaAtPath(schema, value, [0, 'node'])!.properties as object).sort()).toEqual(['name', 'onlyA', 'type']);
    expect(schemaAtPath(schema, value, [0, 'node', 'onlyA'])).toMatchObject({ type: 'integer', description: 'A only' });
    expect(schemaAtPath(schema, value, [1, 'node', 'onlyA'])).toBeUndefined();
    expect(schemaAtPath(schema, value, [1, 'node', 'onlyB'])).toMatchObject({ type: 'boolean' });
  });

  it('merges a property defined both outside and inside a branch', () => {
    expect(schemaAtPath(schema, value, [0, 'node', 'name'])).toMatchObject({ type: 'string', description: 'Outer name' });
  });

  it('finds the schema of a key that is not written yet', () => {
    expect(schemaAtPath(schema, value, [0, 'node', 'type'])).toMatchObject({ enum: ['a', 'b'] });
    expect(schemaAtPath(schema, [], [5, 'node', 'type'])).toMatchObject({ enum: ['a', 'b'] });
  });

  it('returns undefined where nothing may be', () => {
    expect(schemaAtPath(schema, value, [0, 'unknown'])).toBeUndefined();
    expect(schemaAtPath(schema, value, [0, 'node', 'name', 'deeper'])).toBeUndefined();
  });

  it('handles oneOf by the data, prefixItems and additionalProperties', () => {
    const root = { ...schema, type: 'object', items: undefined, properties: { e: { $ref: '#/$defs/either' }, p: { $ref: '#/$defs/pair' }, m: { $ref: '#/$defs/map' } } };
    expect(schemaAtPath(root, { e: 'text' }, ['e'])).toMatchObject({ type: 'string' });
    expect(schemaAtPath(root, { e: { x: 1 } }, ['e', 'x'])).toMatchObject({ type: 'number' });
    // Undecided: every branch is offered.
    expect(schemaAtPath(root, {}, ['e', 'x'])).toMatchObject({ type: 'number' });
    expect(schemaAtPath(root, {}, ['p', 1])).toMatchObject({ type: 'number' });
    expect(schemaAtPath(root, {}, ['p', 2])).toBeUndefined();
    expect(schemaAtPath(root, {}, ['m', 'nvidia.com/gpu'])).toMatchObject({ type: 'number', minimum: 1 });
  });
});

describe('helpers', () => {
  it('resolveRef follows JSON pointers', () => {
    expect(resolveRef(schema, '#/$defs/b')).toBe((schema.$defs as JsonSchema).b);
    expect(resolveRef(schema, '#/$defs/missing')).toBeUndefined();
  });
  it('roughlyMatches checks type, const, required and present properties', () => {
    const ifA = { type: 'object', properties: { type: { const: 'a' } }, required: ['type'] };
    expect(roughlyMatches(schema, ifA, { type: 'a' })).toBe(true);
    expect(roughlyMatches(schema, ifA, { type: 'b' })).toBe(false);
    expect(roughlyMatches(schema, ifA, {})).toBe(false);
    expect(roughlyMatches(schema, ifA, null)).toBe(false);
  });
});
