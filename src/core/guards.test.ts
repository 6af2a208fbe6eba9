import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asArray, isMapping } from './guards';

describe('isMapping', () => {
  it('is true for plain objects, with or without a prototype', () => {
    expect(isMapping({})).toBe(true);
    expect(isMapping({ a: 1 })).toBe(true);
    expect(isMapping(Object.create(null))).toBe(true);
    expect(isMapping(structuredClone({ a: { b: 1 } }))).toBe(true);
    expect(isMapping(parse('a: 1'))).toBe(true);
  });

  it('is false for lists, timestamps, maps, instances and scalars', () => {
    expect(isMapping([])).toBe(false);
    const timestamp = parse('t: 2001-12-14', { version: '1.1' }).t;
    expect(timestamp).toBeInstanceOf(Date);
    expect(isMapping(timestamp)).toBe(false);
    expect(isMapping(new Date())).toBe(false);
    expect(isMapping(new Map())).toBe(false);
    expect(isMapping(new (class Box {})())).toBe(false);
    for (const v of [null, undefined, 0, '', 'a', true]) expect(isMapping(v)).toBe(false);
  });
});

describe('asArray', () => {
  it('gives a list as it is and nothing for anything else', () => {
    const list = [1, 2];
    expect(asArray(list)).toBe(list);
    expect(asArray({ 0: 1 })).toEqual([]);
    expect(asArray(undefined)).toEqual([]);
  });
});
