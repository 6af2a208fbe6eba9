import { describe, expect, it } from 'vitest';
import { parseText } from './parse';
import { corpusFiles } from '../schema/corpusFiles';
import { StringPool } from './stringPool';
import { valohai } from '../dialects/valohai';

describe('StringPool', () => {
  it('leaves every corpus value as it was, cloned or not', () => {
    const pool = new StringPool();
    for (const [file, text] of corpusFiles('valohai')) {
      const value = parseText(text, valohai.yaml).value;
      const copy = structuredClone(value);
      expect(pool.value(copy), file).toBe(copy);
      expect(copy, file).toEqual(value);
    }
  });

  it('keeps own __proto__ keys, shared parts and cycles as they are', () => {
    const pool = new StringPool();
    const shared = { a: 'x' };
    const cyclic: Record<string, unknown> = { name: 'n' };
    cyclic.self = cyclic;
    const value = JSON.parse('{"__proto__": "p", "list": ["a", 1, null, true]}') as Record<string, unknown>;
    Object.assign(value, { one: shared, two: shared, cyclic });
    pool.value(value);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('p');
    expect(value.list).toEqual(['a', 1, null, true]);
    expect(value.one).toBe(value.two);
    expect(cyclic.self).toBe(cyclic);
  });

  it('answers a string with what it was given and starts afresh past its limit', () => {
    const pool = new StringPool({ limit: 2 });
    const own = new StringPool({ ownCopies: true });
    const text = 'name: a-rather-long-name-of-a-step\n'.repeat(10) + 'x'.repeat(500);
    for (const s of ['a', 'b', 'c', 'a', 'x'.repeat(500), '', text.slice(6, 34), text.slice(-300)]) {
      expect(pool.string(s)).toBe(s);
      expect(own.string(s)).toBe(s);
    }
    expect(pool.value('float')).toBe('float');
  });
});
