import { describe, expect, it } from 'vitest';
import { dialects } from '../core/dialects';
import { createDocumentStore } from './documentStore';

const newStore = () => createDocumentStore({ text: '- step:\n    name: train\n', fileName: 'valohai.yaml', dialect: dialects[0] });

describe('where the pipeline graph boxes are (placeGraphBoxes, renameGraphBox)', () => {
  it('keeps the places given, and replaces the layout instead of changing it', () => {
    const store = newStore();
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }, ['p']);
    const before = store.getState().graphLayout;
    expect(before).toEqual({ p: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } } });
    store.getState().placeGraphBoxes('p', { a: { x: 5, y: 6 }, b: { x: 3, y: 4 } }, ['p']);
    expect(store.getState().graphLayout.p.a).toEqual({ x: 5, y: 6 });
    expect(before).toEqual({ p: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } } });
  });

  it('remembers a deleted box, so that it comes back where it was', () => {
    const store = newStore();
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }, ['p']);
    // "b" deleted: the pipeline's boxes are just "a" now.
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 } }, ['p']);
    expect(store.getState().graphLayout.p.b).toEqual({ x: 3, y: 4 });
    // Undone: "b" is a box again, at its old place.
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 }, b: store.getState().graphLayout.p.b }, ['p']);
    expect(store.getState().graphLayout).toEqual({ p: { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } } });
  });

  it('remembers only the last 100 boxes that are gone', () => {
    const store = newStore();
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`n${i}`, { x: i, y: i }]));
    store.getState().placeGraphBoxes('p', many, ['p']);
    store.getState().placeGraphBoxes('p', { kept: { x: 0, y: 0 } }, ['p']);
    const ids = Object.keys(store.getState().graphLayout.p);
    expect(ids.length).toBe(101);
    expect(ids[0]).toBe('n50');
    expect(ids.at(-1)).toBe('kept');
  });

  it('forgets the pipelines that are gone, and each pipeline keeps its own boxes', () => {
    const store = newStore();
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 } }, ['p', 'q']);
    store.getState().placeGraphBoxes('q', { a: { x: 7, y: 8 } }, ['p', 'q']);
    expect(store.getState().graphLayout).toEqual({ p: { a: { x: 1, y: 2 } }, q: { a: { x: 7, y: 8 } } });
    store.getState().placeGraphBoxes('q', { a: { x: 7, y: 8 } }, ['q']);
    expect(store.getState().graphLayout).toEqual({ q: { a: { x: 7, y: 8 } } });
  });

  it('moves a renamed box to its new name, keeping the old one for an undo; a box without a place stays without', () => {
    const store = newStore();
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 }, b: { x: 3, y: 4 } }, ['p']);
    store.getState().renameGraphBox('p', 'a', 'c', ['p']);
    expect(store.getState().graphLayout.p).toEqual({ a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, c: { x: 1, y: 2 } });
    const before = store.getState().graphLayout;
    store.getState().renameGraphBox('p', 'nowhere', 'd', ['p']);
    store.getState().renameGraphBox('other', 'a', 'd', ['p']);
    expect(store.getState().graphLayout).toBe(before);
  });

  it('takes any node name as a key, even one an object has already', () => {
    const store = newStore();
    store.getState().placeGraphBoxes('p', { a: { x: 1, y: 2 } }, ['p']);
    store.getState().placeGraphBoxes('p', { constructor: { x: 3, y: 4 } }, ['p']);
    expect(store.getState().graphLayout.p).toEqual({ a: { x: 1, y: 2 }, constructor: { x: 3, y: 4 } });
    store.getState().renameGraphBox('p', 'toString', 'x', ['p']);
    expect(Object.keys(store.getState().graphLayout.p)).toEqual(['a', 'constructor']);
  });
});
