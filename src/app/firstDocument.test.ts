import { describe, expect, it } from 'vitest';
import { dialects, detectDialect } from '../core/dialects';
import { firstDocument, firstVisit, mayShowAnotherFirst } from './firstDocument';
import type { SavedDocument } from './persistence';

const doc = (id: string, text: string, cursor = 0): SavedDocument => ({
  id,
  fileName: `${id}.yaml`,
  dialectId: 'valohai',
  dialectChoice: 'detected',
  text,
  savedText: text,
  source: 'new',
  cursor,
  previewInputs: { values: {}, env: {} },
});

describe('firstDocument', () => {
  it('is the active document of the saved session, with its cursor', () => {
    const saved = { docs: [doc('a', 'a: 1\n'), doc('b', 'b: 2\n', 3)], activeId: 'b' };
    expect(firstDocument(saved)).toEqual({ saved: saved.docs[1], text: 'b: 2\n', cursor: 3 });
  });

  it('is the first document when the active one is not among them', () => {
    const saved = { docs: [doc('a', 'a: 1\n'), doc('b', 'b: 2\n')], activeId: 'gone' };
    expect(firstDocument(saved).saved?.id).toBe('a');
    expect(firstDocument({ ...saved, activeId: null }).saved?.id).toBe('a');
  });

  it('is the example on a first visit: the first dialect’s, read as that dialect', () => {
    expect(firstDocument({ docs: [], activeId: null })).toEqual({ saved: undefined, text: firstVisit.text, cursor: 0 });
    expect(firstVisit).toEqual({ ...dialects[0].example, dialectId: dialects[0].id });
    expect(detectDialect(firstVisit.fileName, firstVisit.text).id).toBe(firstVisit.dialectId);
  });
});

describe('mayShowAnotherFirst', () => {
  const none = { getItem: () => null };
  it.each([
    ['', none, false],
    ['#section', none, false],
    ['#share=abc', none, true],
    ['#folder=0123456789abcdef', none, true],
    ['', { getItem: (key: string) => (key === 'pipewright-folder-token' ? 'tok' : null) }, true],
  ])('%j', (hash, storage, expected) => {
    expect(mayShowAnotherFirst(hash, storage)).toBe(expected);
  });
});
