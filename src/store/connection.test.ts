import { describe, expect, it, vi } from 'vitest';
import { dialects } from '../core/dialects';
import { inlineConnection, pageOrWorkerConnection, SLOW_JOBS, type ServiceConnection } from './connection';
import { createDocumentStore } from './documentStore';
import type { ServiceRequest, ServiceResponse } from './service';

// What the service prepares when a form field gets the focus (prepareEdit itself still runs).
const prepared = vi.hoisted(() => [] as unknown[]);
vi.mock('../core/document/edit', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/document/edit')>();
  return { ...real, prepareEdit: (...args: Parameters<typeof real.prepareEdit>) => (prepared.push(args[1]), real.prepareEdit(...args)) };
});

const dialect = dialects[0];
const step = (name: string) => `- step:\n    name: ${name}\n    image: python:3.12\n    command: python ${name}.py {parameters}\n    parameters:\n      - name: lr\n        type: float\n        default: 0.1\n`;
const reset = (text: string): ServiceRequest => ({ type: 'reset', version: 0, text, dialectId: dialect.id, fileName: 'valohai.yaml' });

/** A stand-in for the worker: the in-thread service, counting what it is sent. */
function fakeWorker() {
  const made: { requests: ServiceRequest[]; closed: boolean }[] = [];
  const factory = (): ServiceConnection => {
    const inner = inlineConnection();
    const record = { requests: [] as ServiceRequest[], closed: false };
    made.push(record);
    return { ...inner, send: (r) => (record.requests.push(r), inner.send(r)), close: () => ((record.closed = true), inner.close()) };
  };
  return { made, factory };
}

/** A page-or-worker connection over a fake worker (`limit` and `slow` as in the app), with every response it delivers. */
function served(limit = 10_000, slow = SLOW_JOBS) {
  const worker = fakeWorker();
  const connection = pageOrWorkerConnection(worker.factory, limit, slow);
  const got: ServiceResponse[] = [];
  connection.listen((r) => got.push(r));
  return { worker, connection, got };
}

/** Runs queued microtasks only: what happens before the task that sent a request ends. */
async function microtasks() {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}
const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe('the document service in the page or a worker', () => {
  it("a small document's keystroke is analysed before the task that sent it ends; the analysis after a reset waits a task", async () => {
    const { worker, connection, got } = served();
    connection.send(reset(step('train')));
    await microtasks();
    // A page being loaded paints its editor before the first analysis.
    expect(got).toEqual([]);
    await nextTask();
    expect(got.some((r) => r.type === 'analysis' && r.result.version === 0)).toBe(true);

    got.length = 0;
    const at = step('train').indexOf('train');
    connection.send({ type: 'edits', version: 1, edits: [{ offset: at, length: 5, insert: 'fit' }] });
    await microtasks();
    const analysis = got.find((r) => r.type === 'analysis');
    expect(analysis?.type === 'analysis' && analysis.result.version).toBe(1);
    expect(got.map((r) => r.type)).toEqual(['value', 'analysis']);
    expect(worker.made).toEqual([]);
  });

  it('an edit typed into the form is analysed after the next frame (the editor paints it first); one typed in the editor before it', async () => {
    const { connection, got } = served();
    connection.send(reset(step('train')));
    await nextTask();
    const analysed = () => got.flatMap((r) => (r.type === 'analysis' ? [r.result.version] : []));
    connection.send({ type: 'edits', version: 1, edits: [{ offset: 0, length: 0, insert: '#' }], origin: 'form' });
    await microtasks();
    expect(analysed()).toEqual([0]);
    await nextTask();
    expect(analysed()).toEqual([0, 1]);
    connection.send({ type: 'edits', version: 2, edits: [{ offset: 0, length: 0, insert: '#' }], origin: 'editor' });
    await microtasks();
    expect(analysed()).toEqual([0, 1, 2]);
  });

  it('a document that grows past the limit moves to the worker with its text, version, dialect and preview values; the store does not notice', async () => {
    const worker = fakeWorker();
    const small = step('train');
    const store = createDocumentStore({ text: small, fileName: 'valohai.yaml', dialect, connection: pageOrWorkerConnection(worker.factory, small.length + 50) });
    store.getState().setPreviewValue('train', 'lr', { kind: 'text', text: '0.25' });
    store.getState().applyEdits([{ offset: small.indexOf('python:3.12') + 11, length: 0, insert: '-slim' }], 'editor');
    await store.getState().settled();
    expect(worker.made).toEqual([]);

    // Past the limit: a second step pasted at the end.
    const before = store.getState().text;
    store.getState().applyEdits([{ offset: before.length, length: 0, insert: step('eval') }], 'editor');
    expect(worker.made).toHaveLength(1);
    const [handoff, inputs, edits] = worker.made[0].requests;
    expect(handoff).toEqual({ type: 'reset', version: 1, text: before, dialectId: dialect.id, fileName: 'valohai.yaml', project: null });
    expect(inputs.type === 'previewInputs' && inputs.inputs).toEqual(store.getState().previewInputs);
    expect(edits).toMatchObject({ type: 'edits', version: 2 });

    const analysis = await store.getState().settled();
    expect(analysis.version).toBe(2);
    expect(analysis.value).toEqual([
      { step: { name: 'train', image: 'python:3.12-slim', command: 'python train.py {parameters}', parameters: [{ name: 'lr', type: 'float', default: 0.1 }] } },
      { step: { name: 'eval', image: 'python:3.12', command: 'python eval.py {parameters}', parameters: [{ name: 'lr', type: 'float', default: 0.1 }] } },
    ]);
    // The value typed into the preview before the move still counts after it.
    await new Promise((r) => setTimeout(r, 20));
    const train = store.getState().preview!.steps[0];
    expect('command' in train && train.command.join('\n')).toContain('--lr=0.25');
    // Queries are answered by the worker, about the current text.
    const where = await store.getState().query({ kind: 'pathAt', offset: before.length + 20 });
    expect(where).toEqual([1, 'step', 'name']);
    // It stays there when the text shrinks again.
    store.getState().applyEdits([{ offset: before.length, length: step('eval').length, insert: '' }], 'editor');
    expect((await store.getState().settled()).version).toBe(3);
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests.at(-1)).toMatchObject({ type: 'edits', version: 3 });
  });

  it('a big document goes to the worker from the start, and nothing is analysed in the page', async () => {
    const worker = fakeWorker();
    const big = step('train').repeat(5);
    const store = createDocumentStore({ text: big, fileName: 'valohai.yaml', dialect, connection: pageOrWorkerConnection(worker.factory, big.length - 1) });
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests[0]).toMatchObject({ type: 'reset', text: big });
    expect((await store.getState().settled()).diagnostics.map((d) => d.message).join('\n')).toMatch(/train/);
  });

  it("a form field's focus has the service prepare an edit of its value: in the worker for a big document, in the page for a small one", async () => {
    const worker = fakeWorker();
    const big = step('train').repeat(5);
    const store = createDocumentStore({ text: big, fileName: 'valohai.yaml', dialect, connection: pageOrWorkerConnection(worker.factory, big.length - 1) });
    await store.getState().settled();
    const image = [0, 'step', 'image'];
    store.getState().focusPath(image);
    expect(worker.made[0].requests.at(-1)).toEqual({ type: 'expectEdit', version: 0, path: image });
    // It answers nothing of its own, and the edit planned after it is the one planned without it.
    const { plan } = await store.getState().applyIntent({ kind: 'set', path: image, value: 'python:3.13' }, 'form');
    expect(plan.edits).toEqual([{ offset: big.indexOf('python:3.12'), length: 'python:3.12'.length, insert: 'python:3.13' }]);
    expect(store.getState().text).toBe(big.replace('3.12', '3.13'));

    // The page's service prepares it without a worker and answers nothing.
    const small = served();
    small.connection.send(reset(step('train')));
    const answered = small.got.length;
    prepared.length = 0;
    small.connection.send({ type: 'expectEdit', version: 0, path: image });
    await nextTask();
    await nextTask();
    expect(small.worker.made).toEqual([]);
    expect(prepared).toEqual([{ path: image, version: dialect.yaml.version }]);
    expect(small.got.slice(answered).filter((r) => r.type === 'answer')).toEqual([]);
  });

  it('a document checked against the code beside it (a folder) moves to the worker with that project', async () => {
    const { worker, connection } = served();
    connection.send(reset(step('train')));
    connection.send({ type: 'edits', version: 1, edits: [{ offset: 0, length: 0, insert: '# mine\n' }] });
    expect(worker.made).toEqual([]);
    const project = { paths: ['train.py'], texts: { 'train.py': 'import argparse\n' }, configDir: '' };
    connection.send({ type: 'project', version: 2, project });
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests.map((r) => r.type)).toEqual(['reset', 'previewInputs', 'project']);
    expect(worker.made[0].requests[0]).toMatchObject({ version: 1, text: `# mine\n${step('train')}` });
    expect(worker.made[0].requests[2]).toEqual({ type: 'project', version: 2, project });
  });

  it('a document whose jobs turn out slow in the page moves to the worker; the first of each kind, which compiles and parses, is not held against it', async () => {
    // Every timed job counts as a long task.
    const { worker, connection, got } = served(10_000, { ...SLOW_JOBS, longMs: -1 });
    const analysed = () => got.flatMap((r) => (r.type === 'analysis' ? [r.result.version] : []));
    const text = step('train');
    connection.send(reset(text));
    // A query before the first analysis parses the text itself: not timed.
    connection.send({ type: 'query', id: 1, version: 0, query: { kind: 'pathAt', offset: text.indexOf('train') } });
    await nextTask();
    expect(got.find((r) => r.type === 'answer')).toMatchObject({ id: 1, result: [0, 'step', 'name'] });
    // The first edit and its analysis: not timed either.
    connection.send({ type: 'edits', version: 1, edits: [{ offset: 0, length: 0, insert: '# mine\n' }] });
    await microtasks();
    expect(analysed()).toEqual([0, 1]);
    expect(worker.made).toEqual([]);

    // The next job (taking the second edit) is timed, found slow, and the document moves once it
    // is done: the worker analyses the new text, the page nothing more.
    connection.send({ type: 'edits', version: 2, edits: [{ offset: 0, length: 0, insert: '#' }] });
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests[0]).toMatchObject({ type: 'reset', version: 2, text: `## mine\n${text}` });
    connection.send({ type: 'edits', version: 3, edits: [{ offset: 0, length: 0, insert: '#' }] });
    expect(worker.made[0].requests.at(-1)).toMatchObject({ type: 'edits', version: 3 });
    await new Promise((r) => setTimeout(r, 20));
    // (The worker's analysis of version 2 gave way to the edit that came before it ran.)
    expect(analysed()).toEqual([0, 1, 3]);
  });

  it('a document whose jobs are often a frame late moves to the worker on the third of ten, not on the first', async () => {
    // Every timed job takes longer than a frame (none is a long task).
    const { worker, connection } = served(10_000, { ...SLOW_JOBS, frameMs: -1, longMs: Infinity });
    connection.send(reset(step('train')));
    await nextTask();
    // The first edit and its analysis are not timed; taking an edit and analysing it are two
    // jobs, so the second keystroke's two late jobs leave it in the page.
    for (const version of [1, 2]) {
      connection.send({ type: 'edits', version, edits: [{ offset: 0, length: 0, insert: '#' }] });
      await microtasks();
    }
    expect(worker.made).toEqual([]);
    // The third moves it, once it has taken this edit.
    connection.send({ type: 'edits', version: 3, edits: [{ offset: 0, length: 0, insert: '#' }] });
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests[0]).toMatchObject({ type: 'reset', version: 3, text: `###${step('train')}` });
  });

  it('a launch chosen in the preview (expanded with every analysis, perhaps into thousands of executions) moves the document to the worker before it is expanded', () => {
    const { worker, connection } = served();
    connection.send(reset(step('train')));
    connection.send({ type: 'previewInputs', inputs: { values: {}, env: {}, launch: {} } });
    expect(worker.made).toEqual([]);
    const chosen = { type: 'previewInputs', inputs: { values: {}, env: {}, launch: { id: 'task:grid' } } } as const;
    connection.send(chosen);
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests.at(-1)).toEqual(chosen);
  });

  it('a worker started ahead (the launch choice has the focus) takes the document when a launch is chosen, and stops with it', async () => {
    const { worker, connection, got } = served();
    connection.send(reset(step('train')));
    await nextTask();
    connection.prepare!();
    connection.prepare!();
    // Started once, rehearsing with the document as it is; the page still serves it.
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests.map((r) => r.type === 'reset' && r.rehearsal)).toEqual([true, false]);
    got.length = 0;
    connection.send({ type: 'edits', version: 1, edits: [{ offset: 0, length: 0, insert: '#' }] });
    await microtasks();
    expect(got.map((r) => r.type)).toEqual(['value', 'analysis']);
    await nextTask();
    // The rehearsal answered nothing.
    expect(got.map((r) => r.type)).toEqual(['value', 'analysis']);
    expect(worker.made[0].requests).toHaveLength(2);

    const chosen = { type: 'previewInputs', inputs: { values: {}, env: {}, launch: { id: 'task:grid' } } } as const;
    connection.send(chosen);
    // The same worker, now with the document (at version 1, for real) and the choice.
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].requests[2]).toMatchObject({ type: 'reset', version: 1, text: `#${step('train')}` });
    expect(worker.made[0].requests[2]).not.toHaveProperty('rehearsal');
    expect(worker.made[0].requests.at(-1)).toEqual(chosen);
    got.length = 0;
    await new Promise((r) => setTimeout(r, 20));
    expect(got.some((r) => r.type === 'analysis' && r.result.version === 1)).toBe(true);
    // In a worker already, nothing more is started.
    connection.prepare!();
    expect(worker.made).toHaveLength(1);
    connection.close();
    expect(worker.made[0].closed).toBe(true);
  });

  it('a worker started ahead that no launch used stops with its document', () => {
    const { worker, connection } = served();
    connection.send(reset(step('train')));
    connection.prepare!();
    connection.close();
    expect(worker.made).toHaveLength(1);
    expect(worker.made[0].closed).toBe(true);
  });

  it('a closed document hears nothing more, from the page or the worker', async () => {
    for (const limit of [10_000, 10]) {
      const { connection, got } = served(limit);
      connection.send(reset(step('train')));
      connection.close();
      await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([]);
    }
  });
});
