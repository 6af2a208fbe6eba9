import { describe, expect, it, vi } from 'vitest';
import { DocumentService, type Query, type ServiceResponse } from './service';
import { applyTextEdits } from '../core/document/textEdits';
import type { TextEdit } from '../core/contracts/change';

const text = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';

function harness(Service: typeof DocumentService = DocumentService) {
  const responses: ServiceResponse[] = [];
  const deferred: (() => void)[] = [];
  const service = new Service(
    (r) => responses.push(r),
    (run) => deferred.push(run),
  );
  const runDeferred = () => deferred.splice(0).forEach((f) => f());
  const analyses = () => responses.flatMap((r) => (r.type === 'analysis' ? [r.result] : []));
  const answers = () => responses.flatMap((r) => (r.type === 'answer' ? [r] : []));
  const values = () => responses.flatMap((r) => (r.type === 'value' ? [r.delta] : []));
  return { service, responses, runDeferred, analyses, answers, values };
}

describe('document service', () => {
  it('keeps its replica in step through edits and analyses only the latest text of a burst', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
    const at = text.indexOf('python:3.12');
    h.service.handle({ type: 'edits', version: 1, edits: [{ offset: at, length: 6, insert: 'pytorch' }] });
    h.service.handle({ type: 'edits', version: 2, edits: [{ offset: at, length: 0, insert: 'x' }] });
    h.runDeferred();
    expect(h.analyses().map((a) => a.version)).toEqual([2]);
    expect(h.values()[0]).toEqual({ kind: 'full', value: [{ step: { name: 'train', image: 'xpytorch:3.12', command: 'python train.py' } }] });
  });

  it('analyses once the dialect\'s schema validator has loaded, and not before (a page starts without any)', async () => {
    // A fresh copy of the core, as a page has at its start: no validator loaded (the test setup loads them all).
    vi.resetModules();
    const fresh = await import('./service');
    const lint = await import('../core/lint');
    const { valohai } = await import('../core/dialects/valohai');
    expect(lint.canAnalyze(valohai)).toBe(false);
    expect(() => lint.analyze(text, valohai)).toThrow(/validator is not loaded yet/);
    const h = harness(fresh.DocumentService);
    h.service.handle({ type: 'reset', version: 0, text: text.replace('image:', 'imagee:'), dialectId: 'valohai' });
    h.runDeferred();
    expect(h.analyses()).toEqual([]);
    await lint.loadValidator(valohai);
    await Promise.resolve();
    h.runDeferred();
    expect(h.analyses().map((a) => [a.version, a.diagnostics.some((d) => d.source === 'schema' && /imagee/.test(d.message))])).toEqual([[0, true]]);
  });

  it('a reset to the version it had already analysed (a resync) is analysed again, its value sent whole', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 3, text, dialectId: 'valohai' });
    h.runDeferred();
    h.service.handle({ type: 'reset', version: 3, text, dialectId: 'valohai' });
    h.runDeferred();
    expect(h.analyses().map((a) => a.version)).toEqual([3, 3]);
    expect(h.values().map((d) => d.kind)).toEqual(['full', 'full']);
  });

  it('a rehearsal reset is read and checked but answers nothing, not even a query; the next reset answers in full', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 4, text, dialectId: 'valohai', rehearsal: true });
    h.service.handle({ type: 'previewInputs', inputs: { values: {}, env: {} } });
    h.service.handle({ type: 'query', id: 1, version: 4, query: { kind: 'outline' } });
    h.runDeferred();
    expect(h.responses).toEqual([]);
    h.service.handle({ type: 'reset', version: 4, text, dialectId: 'valohai' });
    h.runDeferred();
    expect(h.responses.map((r) => r.type)).toEqual(['value', 'analysis']);
    expect(h.values()[0]).toMatchObject({ kind: 'full' });
    expect(h.analyses()[0]).toMatchObject({ version: 4, ok: true });
  });

  it('answers queries against exactly the text of the version asked about', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
    h.service.handle({ type: 'query', id: 1, version: 0, query: { kind: 'pathAt', offset: text.indexOf('3.12') } });
    h.service.handle({ type: 'query', id: 2, version: 0, query: { kind: 'rangeOf', path: [0, 'step', 'name'] } });
    h.service.handle({ type: 'query', id: 3, version: 7, query: { kind: 'pathAt', offset: 0 } });
    const [a, b, c] = h.answers();
    expect(a).toMatchObject({ id: 1, result: [0, 'step', 'image'] });
    expect(b.result).toEqual([text.indexOf('train'), text.indexOf('train') + 5]);
    expect(c.error).toMatch(/^stale/);
    // The query parsed the text, so its analysis went out at once rather than after another parse.
    expect(h.analyses().map((x) => x.version)).toEqual([0]);
  });

  it('sends only the entries an edit changed', () => {
    const h = harness();
    const two = text + text.replace('name: train', 'name: test');
    h.service.handle({ type: 'reset', version: 0, text: two, dialectId: 'valohai' });
    h.runDeferred();
    const at = two.lastIndexOf('python:3.12');
    h.service.handle({ type: 'edits', version: 1, edits: [{ offset: at, length: 6, insert: 'ruby' }] });
    h.runDeferred();
    expect(h.values()[1]).toEqual({ kind: 'array', items: [{ same: 0 }, { value: { step: { name: 'test', image: 'ruby:3.12', command: 'python train.py' } } }] });
  });

  it('sends a text\'s value before checking it, and no value for a text that does not parse', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
    h.runDeferred();
    h.service.handle({ type: 'edits', version: 1, edits: [{ offset: 0, length: 0, insert: '[' }] });
    h.runDeferred();
    expect(h.responses.map((r) => (r.type === 'analysis' ? `analysis ${r.result.version} ${r.result.ok}` : r.type === 'value' ? `value ${r.version}` : r.type))).toEqual([
      'value 0',
      'analysis 0 true',
      'analysis 1 false',
    ]);
  });

  it('answers where the editor can fold, for the version asked about and within the limit asked', () => {
    const h = harness();
    const doc = '- step:\n    name: train\n    image: python:3.12\n    command:\n      - pip install .\n      - python train.py\n';
    h.service.handle({ type: 'reset', version: 0, text: doc, dialectId: 'valohai' });
    h.service.handle({ type: 'query', id: 1, version: 0, query: { kind: 'folding' } });
    h.service.handle({ type: 'query', id: 2, version: 0, query: { kind: 'folding', limit: 1 } });
    h.service.handle({ type: 'edits', version: 1, edits: [{ offset: doc.indexOf('      - python'), length: 0, insert: '      - nvidia-smi\n' }] });
    h.service.handle({ type: 'query', id: 3, version: 1, query: { kind: 'folding' } });
    expect(h.answers().map((a) => a.result)).toEqual([
      [
        { start: 1, end: 6 },
        { start: 4, end: 6 },
      ],
      [{ start: 1, end: 6 }],
      [
        { start: 1, end: 7 },
        { start: 4, end: 7 },
      ],
    ]);
  });

  it('asks for a reset when an edit batch is missing', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
    h.service.handle({ type: 'edits', version: 2, edits: [] });
    expect(h.responses.at(-1)).toEqual({ type: 'resync' });
  });

  it('answers navigation: the name at the cursor, rename edits or the reason, uses of a form field, the outline', () => {
    const h = harness();
    const doc = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py --lr={parameter:lr}\n    parameters:\n      - name: lr\n        type: float\n      - name: epochs\n        type: integer\n';
    h.service.handle({ type: 'reset', version: 0, text: doc, dialectId: 'valohai' });
    const use = doc.indexOf('{parameter:lr}') + 11;
    const definition = doc.indexOf('name: lr') + 6;
    const ask = (id: number, query: Query) => h.service.handle({ type: 'query', id, version: 0, query });
    ask(1, { kind: 'navigate', offset: use + 1 });
    ask(2, { kind: 'rename', offset: use, to: 'rate' });
    ask(3, { kind: 'rename', offset: use, to: 'epochs' });
    ask(4, { kind: 'usesOf', path: [0, 'step', 'parameters', 0, 'name'] });
    ask(5, { kind: 'renameAt', path: [0, 'step', 'parameters', 0, 'name'], to: 'rate' });
    ask(6, { kind: 'outline' });
    ask(7, { kind: 'prepareRename', offset: doc.indexOf('python:') });
    const [nav, rename, refused, uses, renameAt, outline, prepare] = h.answers();
    expect(nav.result).toEqual({ name: 'lr', kind: 'parameter', at: [use, use + 2], definitions: [[definition, definition + 2]], references: [[use, use + 2]] });
    const renamed = doc.replace('{parameter:lr}', '{parameter:rate}').replace('name: lr', 'name: rate');
    expect(applyTextEdits(doc, (rename.result as { edits: TextEdit[] }).edits)).toBe(renamed);
    expect(refused.error).toMatch(/already has a parameter named "epochs"/);
    expect(uses.result).toBe(1);
    expect(applyTextEdits(doc, (renameAt.result as { edits: TextEdit[] }).edits)).toBe(renamed);
    expect((outline.result as { name: string }[]).map((i) => i.name)).toEqual(['train']);
    expect(prepare.result).toEqual({ refuse: expect.stringMatching(/no name here/) });
  });
});
