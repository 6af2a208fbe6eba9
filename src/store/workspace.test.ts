import { describe, expect, it } from 'vitest';
import { inlineConnection } from './connection';
import { createWorkspace, isUnsaved } from './workspace';

const step = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';
const experiment = 'entrypoint: python3 train.py\nsearcher: {name: single, metric: loss}\n';

describe('workspace', () => {
  it('opens each document in its own store with its own dialect, and the new one is active', () => {
    const ws = createWorkspace({ connect: inlineConnection });
    const a = ws.getState().open({ text: step, fileName: 'valohai.yaml' });
    const b = ws.getState().open({ text: experiment, fileName: 'exp.yaml' });
    expect(ws.getState().activeId).toBe(b);
    const [da, db] = ws.getState().docs;
    expect([da.id, db.id]).toEqual([a, b]);
    expect(da.store).not.toBe(db.store);
    expect(da.store.getState().dialectId).toBe('valohai');
    expect(db.store.getState().dialectId).toBe('determined');
    ws.getState().activate(a);
    expect(ws.getState().active()?.id).toBe(a);
  });

  it('closing the active document activates its left neighbour and stops its service', async () => {
    const ws = createWorkspace({ connect: inlineConnection });
    const ids = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => ws.getState().open({ text: step, fileName: f }));
    ws.getState().activate(ids[1]);
    const closing = ws.getState().active()!.store;
    ws.getState().close(ids[1]);
    expect(ws.getState().docs.map((d) => d.id)).toEqual([ids[0], ids[2]]);
    expect(ws.getState().activeId).toBe(ids[0]);
    await expect(closing.getState().query({ kind: 'pathAt', offset: 0 })).rejects.toThrow();
  });

  it('a disk file is unsaved once its text differs from the saved text; saving under another name renames it', async () => {
    const ws = createWorkspace({ connect: inlineConnection });
    const id = ws.getState().open({ text: step, fileName: 'valohai.yaml', source: 'disk' });
    const doc = () => ws.getState().docs.find((d) => d.id === id)!;
    expect(isUnsaved(doc())).toBe(false);
    doc().store.getState().applyEdits([{ offset: 0, length: 0, insert: '# note\n' }], 'editor');
    expect(isUnsaved(doc())).toBe(true);
    ws.getState().markSaved(id, doc().store.getState().text, undefined, 'renamed.yaml');
    expect(isUnsaved(doc())).toBe(false);
    expect(doc().store.getState().fileName).toBe('renamed.yaml');
    // A template is never "unsaved": it has no file to differ from.
    const t = ws.getState().open({ text: step, fileName: 'valohai.yaml' });
    ws.getState().docs.find((d) => d.id === t)!.store.getState().applyEdits([{ offset: 0, length: 0, insert: '#\n' }], 'editor');
    expect(isUnsaved(ws.getState().docs.find((d) => d.id === t)!)).toBe(false);
  });

  it('a file replaces only an untouched example, never edited work', () => {
    const ws = createWorkspace({ connect: inlineConnection });
    ws.getState().open({ text: step, fileName: 'valohai.yaml' });
    ws.getState().open({ text: experiment, fileName: 'exp.yaml', source: 'disk', replacePristine: true });
    expect(ws.getState().docs.map((d) => d.store.getState().fileName)).toEqual(['exp.yaml']);
    ws.getState().docs[0].store.getState().applyEdits([{ offset: 0, length: 0, insert: '#\n' }], 'editor');
    ws.getState().open({ text: step, fileName: 'other.yaml', source: 'disk', replacePristine: true });
    expect(ws.getState().docs.map((d) => d.store.getState().fileName)).toEqual(['exp.yaml', 'other.yaml']);
  });

  it('restores a document with its dialect choice, cursor, preview values and graph layout', () => {
    const ws = createWorkspace({ connect: inlineConnection });
    ws.getState().open({
      text: step,
      fileName: 'x.yaml',
      dialectId: 'emloop',
      dialectChoice: 'chosen',
      cursor: 12,
      previewInputs: { values: {}, env: {}, overrides: { train: ['a=1'] } },
      graphLayout: { main: { train: { x: 10, y: 20 } } },
      id: 'kept-id',
    });
    const s = ws.getState().docs[0].store.getState();
    expect([ws.getState().docs[0].id, s.dialectId, s.dialectChoice, s.cursor, s.previewInputs.overrides]).toEqual(['kept-id', 'emloop', 'chosen', 12, { train: ['a=1'] }]);
    expect(s.graphLayout).toEqual({ main: { train: { x: 10, y: 20 } } });
  });
});
