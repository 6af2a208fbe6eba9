import { describe, expect, it } from 'vitest';
import { dialects } from '../core/dialects';
import { createDocumentStore } from './documentStore';

const dialect = dialects[0];
const valid = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';
const newStore = (text = valid) => createDocumentStore({ text, fileName: 'valohai.yaml', dialect });

describe('document store', () => {
  it('keeps where pipeline boxes are by pipeline, forgetting pipelines that are gone; a newly loaded file starts without', () => {
    const store = newStore();
    expect(store.getState().graphLayout).toEqual({});
    store.getState().setGraphLayout('a', { n1: { x: 1, y: 2 } }, ['a', 'b']);
    store.getState().setGraphLayout('b', { n2: { x: 3, y: 4 } }, ['a', 'b']);
    expect(store.getState().graphLayout).toEqual({ a: { n1: { x: 1, y: 2 } }, b: { n2: { x: 3, y: 4 } } });
    // Pipeline "a" was deleted from the text: drawing "b" again drops it.
    store.getState().setGraphLayout('b', { n2: { x: 5, y: 6 } }, ['b']);
    expect(store.getState().graphLayout).toEqual({ b: { n2: { x: 5, y: 6 } } });
    // Tidy: forgotten, so the next drawing lays it out afresh.
    store.getState().setGraphLayout('b', undefined, ['b']);
    expect(store.getState().graphLayout).toEqual({});
    store.getState().setGraphLayout('b', { n2: { x: 5, y: 6 } }, ['b']);
    store.getState().load(valid, 'other.yaml', dialect);
    expect(store.getState().graphLayout).toEqual({});
    // The text itself is never touched by any of it.
    expect(store.getState().text).toBe(valid);
  });

  it('holds the text as the truth and records each change with its origin and edits', async () => {
    const store = newStore();
    const at = valid.indexOf('train\n');
    store.getState().applyEdits([{ offset: at, length: 5, insert: 'fit' }], 'editor');
    const s = store.getState();
    expect(s.text).toBe(valid.replace('name: train', 'name: fit'));
    expect([s.origin, s.version]).toEqual(['editor', 1]);
    expect(s.lastEdits).toEqual([{ offset: at, length: 5, insert: 'fit' }]);
    const analysis = await store.getState().settled();
    expect(analysis.version).toBe(1);
    expect(analysis.value).toEqual([{ step: { name: 'fit', image: 'python:3.12', command: 'python train.py' } }]);
  });

  it('derives diagnostics from the text: a mistake appears and disappears', async () => {
    const store = newStore();
    expect(store.getState().analysis.diagnostics).toEqual([]);
    store.getState().applyEdits([{ offset: valid.length, length: 0, insert: '- step:\n' }], 'editor');
    const bad = await store.getState().settled();
    expect(bad.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 5]]);
    store.getState().applyEdits([{ offset: valid.length, length: '- step:\n'.length, insert: '' }], 'editor');
    expect((await store.getState().settled()).diagnostics).toEqual([]);
  });

  it('keeps the last good value while the YAML does not parse, sharing unchanged parts', async () => {
    const store = newStore();
    const good = store.getState().lastGood.value;
    store.getState().applyEdits([{ offset: 0, length: 0, insert: '"' }], 'editor');
    const broken = await store.getState().settled();
    expect(broken.ok).toBe(false);
    expect(store.getState().lastGood.value).toBe(good);
    store.getState().applyEdits([{ offset: 0, length: 1, insert: '' }], 'editor');
    await store.getState().settled();
    expect(store.getState().lastGood.value).toBe(good);
  });

  it('applies a form edit as the smallest text edit, with origin form', async () => {
    const store = newStore();
    const { plan, version } = await store.getState().applyIntent({ kind: 'set', path: [0, 'step', 'image'], value: 'pytorch/pytorch:2.3' }, 'form');
    const s = store.getState();
    expect(version).toBe(1);
    expect(s.origin).toBe('form');
    expect(s.text).toBe(valid.replace('python:3.12', 'pytorch/pytorch:2.3'));
    expect(s.lastEdits).toEqual(plan.edits);
  });

  it('records who asked for an intent, and a batch of intents is one change', async () => {
    const store = newStore();
    const batch = { kind: 'batch' as const, intents: [
      { kind: 'set' as const, path: [0, 'step', 'name'], value: 'fit' },
      { kind: 'set' as const, path: [0, 'step', 'image'], value: 'busybox' },
    ] };
    const { version } = await store.getState().applyIntent(batch, 'graph');
    const s = store.getState();
    expect([s.origin, version]).toEqual(['graph', 1]);
    expect(s.text).toBe(valid.replace('name: train', 'name: fit').replace('python:3.12', 'busybox'));
  });

  it('says a rename or a dialect choice changed no text', () => {
    const store = newStore();
    store.getState().rename('renamed.yaml');
    expect([store.getState().origin, store.getState().text, store.getState().lastEdits]).toEqual(['rename', valid, []]);
    store.getState().setDialect(dialect);
    expect([store.getState().origin, store.getState().text]).toEqual(['dialect', valid]);
  });

  it('re-plans a form edit when the text changed while it was being planned', async () => {
    const store = newStore();
    const editing = store.getState().applyIntent({ kind: 'set', path: [0, 'step', 'name'], value: 'fit' }, 'form');
    store.getState().applyEdits([{ offset: 0, length: 0, insert: '# note\n' }], 'editor');
    await editing;
    expect(store.getState().text).toBe('# note\n' + valid.replace('name: train', 'name: fit'));
  });

  it('tells the form which path the editor cursor is on', async () => {
    const store = newStore();
    store.getState().cursorMoved(valid.indexOf('3.12'));
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().cursorPath).toEqual([0, 'step', 'image']);
    store.getState().focusPath([0, 'step', 'command']);
    await new Promise((r) => setTimeout(r, 20));
    const { range } = store.getState().highlight!;
    expect(valid.slice(range[0], range[1])).toBe('python train.py');
  });

  it('loads a file as a whole-document change with its name and dialect', async () => {
    const store = newStore();
    store.getState().load('- step: {}\n', 'other.yaml', dialect);
    const s = store.getState();
    expect([s.text, s.fileName, s.origin]).toEqual(['- step: {}\n', 'other.yaml', 'file']);
    expect(s.lastEdits).toEqual([{ offset: 0, length: valid.length, insert: '- step: {}\n' }]);
    expect((await s.settled()).diagnostics.length).toBeGreaterThan(0);
  });
});

describe('the first analysis', () => {
  /** A service that never answers: what the store knows is its own. */
  const silent = () => ({ send: () => {}, listen: () => {}, close: () => {} });
  const broken = `${valid}- step:\n`;
  const open = (text: string, firstAnalysis: 'now' | 'after-paint' | 'service') =>
    createDocumentStore({ text, fileName: 'valohai.yaml', dialect, connection: silent(), firstAnalysis });
  const aMoment = () => new Promise((done) => setTimeout(done, 20));

  it("'now' is there at once: value, problems and preview", () => {
    const s = open(broken, 'now').getState();
    expect(s.analysis.version).toBe(0);
    expect(s.analysis.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 5]]);
    expect(open(valid, 'now').getState().preview?.steps.map((p) => p.name)).toEqual(['train']);
  });

  it("'after-paint' starts unchecked and is made here once the page is idle, when the service has not answered", async () => {
    const store = open(valid, 'after-paint');
    expect(store.getState().analysis.version).toBe(-1);
    expect([store.getState().current.value, store.getState().preview]).toEqual([undefined, null]);
    await aMoment();
    const s = store.getState();
    expect(s.analysis.version).toBe(0);
    expect(s.current).toEqual({ version: 0, ok: true, value: [{ step: { name: 'train', image: 'python:3.12', command: 'python train.py' } }] });
    expect(s.analysis.value).toBe(s.current.value);
    expect(s.lastGood.value).toBe(s.current.value);
    expect(s.preview?.steps.map((p) => p.name)).toEqual(['train']);

    const bad = open(broken, 'after-paint');
    const unparsable = open(`"${valid}`, 'after-paint');
    await aMoment();
    expect(bad.getState().analysis.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 5]]);
    expect(unparsable.getState().analysis.version).toBe(0);
    expect([unparsable.getState().analysis.ok, unparsable.getState().current.ok, unparsable.getState().current.value]).toEqual([false, false, undefined]);
    expect(unparsable.getState().analysis.diagnostics.some((d) => d.source === 'yaml' && d.severity === 'error')).toBe(true);
  });

  it("'after-paint' does nothing once the text changed or the document was closed: the service's answer is for newer text", async () => {
    const edited = open(valid, 'after-paint');
    edited.getState().applyEdits([{ offset: 0, length: 0, insert: '# note\n' }], 'editor');
    const closed = open(valid, 'after-paint');
    closed.getState().dispose();
    await aMoment();
    expect(edited.getState().analysis.version).toBe(-1);
    expect(closed.getState().analysis.version).toBe(-1);
  });

  it("'service' leaves it to the service (a document opened in the background)", async () => {
    const store = open(valid, 'service');
    await aMoment();
    expect(store.getState().analysis.version).toBe(-1);
    expect(store.getState().preview).toBeNull();
  });
});
