import { describe, expect, it } from 'vitest';
import { DocumentService, type ServiceResponse } from './service';

const text = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';

function harness() {
  const responses: ServiceResponse[] = [];
  const deferred: (() => void)[] = [];
  const service = new DocumentService(
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

  it('asks for a reset when an edit batch is missing', () => {
    const h = harness();
    h.service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
    h.service.handle({ type: 'edits', version: 2, edits: [] });
    expect(h.responses.at(-1)).toEqual({ type: 'resync' });
  });
});
