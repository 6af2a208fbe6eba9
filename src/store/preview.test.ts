import { describe, expect, it } from 'vitest';
import { dialects } from '../core/dialects';
import { exampleText } from '../core/dialects/valohai/example';
import { createDocumentStore, type DocumentStore } from './documentStore';
import { DocumentService, type ServiceResponse } from './service';
import type { StepPreview } from '../core/contracts/preview';

const dialect = dialects[0];
const newStore = (text = exampleText) => createDocumentStore({ text, fileName: 'valohai.yaml', dialect });
const tick = () => new Promise((r) => setTimeout(r, 5));

/** Waits until the store's preview satisfies the check. */
async function until(_store: DocumentStore, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await tick();
  expect(check()).toBe(true);
}

/** The preview's unit `i`, which must be open (a document of a dozen units or fewer opens them all). */
function unit(store: DocumentStore, i: number): StepPreview {
  const step = store.getState().preview!.steps[i];
  if ('folded' in step) throw new Error(`${step.name} is folded`);
  return step;
}
const train = (store: DocumentStore) => unit(store, 0);

describe('command preview in the store', () => {
  it('shows the first preview at once, and follows typed values', async () => {
    const store = newStore();
    expect(train(store).command[1]).toBe('python train.py --max_steps=300 --learning_rate=0.001 --dropout=0.9');
    const inference = store.getState().preview!.steps[1];
    store.getState().setPreviewValue('Train model', 'max_steps', { kind: 'text', text: '12' });
    await until(store, () => train(store).command[1].includes('--max_steps=12'));
    expect(train(store).params[0]).toMatchObject({ edited: true, errors: [] });
    // The other step is the very same object: its view does not re-render.
    expect(store.getState().preview!.steps[1]).toBe(inference);
    store.getState().setPreviewValue('Train model', 'max_steps', { kind: 'text', text: 'abc' });
    await until(store, () => train(store).params[0].errors[0] === 'abc is not an integer');
    store.getState().resetPreview('Train model');
    await until(store, () => train(store).command[1].includes('--max_steps=300'));
    expect(store.getState().previewInputs).toEqual({ values: {}, env: {} });
  });

  it('typed values survive edits of the text while the parameter exists; pass-as edits show at once', async () => {
    const store = newStore();
    store.getState().setPreviewValue('Train model', 'dropout', { kind: 'text', text: '0.5' });
    await until(store, () => train(store).command[1].includes('--dropout=0.5'));
    const at = store.getState().text.indexOf('--max_steps={v}');
    store.getState().applyEdits([{ offset: at, length: '--max_steps='.length, insert: '--steps ' }], 'editor');
    await until(store, () => train(store).command[1] === 'python train.py --steps 300 --learning_rate=0.001 --dropout=0.5');
    // Broken YAML: the last preview stays.
    store.getState().applyEdits([{ offset: 0, length: 0, insert: '"' }], 'editor');
    await store.getState().settled();
    expect(train(store).command[1]).toContain('--dropout=0.5');
    store.getState().applyEdits([{ offset: 0, length: 1, insert: '' }], 'editor');
    await store.getState().settled();
    expect(train(store).command[1]).toContain('--dropout=0.5');
  });

  it('environment values and reveal of a parameter', async () => {
    const store = newStore();
    store.getState().setEnvValue('Batch inference', 'BATCH_SIZE', '64');
    await until(store, () => unit(store, 1).env[0].value === '64');
    const path = train(store).params[1].path;
    store.getState().revealPath(path);
    expect(store.getState().cursorPath).toEqual([...path, 'name']);
    await until(store, () => store.getState().reveal !== null);
    expect(store.getState().reveal!.offset).toBe(exampleText.indexOf('learning_rate'));
  });
});

describe('a long document’s preview', () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: echo {parameters}\n    parameters:\n      - name: n\n        type: integer\n        default: ${i}\n`).join('');

  it('holds the names of folded units only, and a unit’s details once it is opened', async () => {
    const store = newStore(steps(20));
    await store.getState().settled();
    await until(store, () => store.getState().preview?.steps.length === 20);
    expect(store.getState().preview!.steps.every((s) => 'folded' in s)).toBe(true);
    store.getState().setUnitOpen('s7', true);
    await until(store, () => !('folded' in store.getState().preview!.steps[7]));
    expect(unit(store, 7).command).toEqual(['echo --n=7']);
    expect(store.getState().preview!.steps.filter((s) => 'folded' in s)).toHaveLength(19);
    // A value typed while it is open shows; folded again, its details go, the typed value stays.
    store.getState().setPreviewValue('s7', 'n', { kind: 'text', text: '70' });
    await until(store, () => unit(store, 7).command[0] === 'echo --n=70');
    store.getState().setUnitOpen('s7', false);
    await until(store, () => 'folded' in store.getState().preview!.steps[7]);
    store.getState().setUnitOpen('s7', true);
    await until(store, () => !('folded' in store.getState().preview!.steps[7]));
    expect(unit(store, 7).command).toEqual(['echo --n=70']);
  });

  it('sends a fraction of the whole preview between the threads', () => {
    const sent: ServiceResponse[] = [];
    const service = new DocumentService((r) => sent.push(r), (run) => run());
    service.handle({ type: 'reset', version: 0, text: steps(200), dialectId: 'valohai' });
    const folded = JSON.stringify(sent.find((r) => r.type === 'analysis'));
    sent.length = 0;
    service.handle({ type: 'previewInputs', inputs: { values: {}, env: {}, open: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, true])) } });
    const whole = JSON.stringify(sent.find((r) => r.type === 'preview'));
    expect(whole).toContain('echo --n=199');
    expect(folded).not.toContain('echo --n=');
    expect(folded.length).toBeLessThan(whole.length / 3);
  });
});

describe('command preview in the service', () => {
  it('sends the preview with each analysis, unchanged steps by reference, and alone when only values change', () => {
    const responses: ServiceResponse[] = [];
    const deferred: (() => void)[] = [];
    const service = new DocumentService((r) => responses.push(r), (run) => deferred.push(run));
    const run = () => deferred.splice(0).forEach((f) => f());
    service.handle({ type: 'reset', version: 0, text: exampleText, dialectId: 'valohai' });
    run();
    const first = responses.pop()!;
    expect(first.type === 'analysis' && first.result.preview?.kind).toBe('full');
    const at = exampleText.indexOf('default: 300') + 'default: '.length;
    service.handle({ type: 'edits', version: 1, edits: [{ offset: at, length: 3, insert: '400' }] });
    run();
    const second = responses.pop()!;
    expect(second.type === 'analysis' && second.result.preview).toMatchObject({ kind: 'array', items: [{ value: expect.anything() }, { same: 1 }] });
    service.handle({ type: 'previewInputs', inputs: { values: {}, env: { 'Batch inference': { OUTPUT_FORMAT: 'json' } } } });
    const third = responses.pop()!;
    expect(third).toMatchObject({ type: 'preview', version: 1, preview: { kind: 'array', items: [{ same: 0 }, { value: expect.anything() }] } });
  });

  it('new inputs reach the preview when a query already analysed the text its pending analysis was for', () => {
    const responses: ServiceResponse[] = [];
    const deferred: (() => void)[] = [];
    const service = new DocumentService((r) => responses.push(r), (run) => deferred.push(run));
    service.handle({ type: 'reset', version: 0, text: exampleText, dialectId: 'valohai' });
    // The editor asks for quick fixes before the deferred analysis runs: that analyses version 0 now.
    service.handle({ type: 'query', id: 1, version: 0, query: { kind: 'fixes', offset: 0 } });
    expect(responses.some((r) => r.type === 'analysis')).toBe(true);
    responses.length = 0;
    service.handle({ type: 'previewInputs', inputs: { values: {}, env: { 'Batch inference': { OUTPUT_FORMAT: 'json' } } } });
    deferred.splice(0).forEach((f) => f());
    const previews = responses.filter((r) => r.type === 'preview' || (r.type === 'analysis' && r.result.preview));
    expect(previews).toHaveLength(1);
    expect(previews[0]).toMatchObject({ type: 'preview', version: 0, preview: { kind: 'array', items: [{ same: 0 }, { value: expect.anything() }] } });
  });
});
