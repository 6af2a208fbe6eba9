import { describe, expect, it } from 'vitest';
import { StringPool } from '../core/document/stringPool';
import { decodeDelta, encodeDelta } from './valueDelta';

describe('value deltas', () => {
  it('send only changed entries and rebuild the value around the receiver copy', () => {
    const a = { step: { name: 'a' } };
    const b = { step: { name: 'b' } };
    const c = { step: { name: 'c' } };
    const base = [a, b, c];
    const changed = { step: { name: 'B' } };
    const next = [a, changed, c, { pipeline: {} }];
    const delta = encodeDelta(base, next);
    expect(delta).toEqual({ kind: 'array', items: [{ same: 0 }, { value: changed }, { same: 2 }, { value: { pipeline: {} } }] });
    // The receiver has its own copy of base (as after postMessage): unchanged entries keep its identity.
    const receiverBase = structuredClone(base);
    const rebuilt = decodeDelta(receiverBase, structuredClone(delta)) as unknown[];
    expect(rebuilt).toEqual(next);
    expect(rebuilt[0]).toBe(receiverBase[0]);
    expect(rebuilt[2]).toBe(receiverBase[2]);
  });

  it('follow entries that moved, and handle mappings and scalars', () => {
    const a = { x: 1 };
    const b = { y: 2 };
    expect(encodeDelta([a, b], [b, a])).toEqual({ kind: 'array', items: [{ same: 1 }, { same: 0 }] });
    const base = { name: 'n', hyperparameters: { lr: 1 } };
    const next = { ...base, name: 'm' };
    expect(encodeDelta(base, next)).toEqual({ kind: 'map', entries: [['name', { value: 'm' }], ['hyperparameters', { same: 'hyperparameters' }]] });
    expect(decodeDelta(base, encodeDelta(base, next))).toEqual(next);
    expect(encodeDelta(undefined, [1])).toEqual({ kind: 'full', value: [1] });
  });

  it('give the same values with a string pool, whole, by entry and by key', () => {
    const pool = new StringPool();
    const step = (name: string) => ({ step: { name, image: 'tensorflow/tensorflow:2.15.0-gpu', parameters: [{ name: 'lr', type: 'float', default: 0.1 }] } });
    const base = [step('a'), step('b')];
    const full = decodeDelta(undefined, structuredClone(encodeDelta(undefined, base)), pool) as unknown[];
    expect(full).toEqual(base);
    const next = [base[0], step('c')];
    const rebuilt = decodeDelta(full, structuredClone(encodeDelta(base, next)), pool) as unknown[];
    expect(rebuilt).toEqual(next);
    expect(rebuilt[0]).toBe(full[0]);
    const map = { name: 'n', 'x-y': ['float'] };
    expect(decodeDelta({}, structuredClone(encodeDelta({}, map)), pool)).toEqual(map);
  });
});
