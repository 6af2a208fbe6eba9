/**
 * Document text in hovers and completion documentation of every dialect renders literally with
 * the markdown parser Monaco uses: no image, link, script or emphasis comes from the document.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error untyped JavaScript module
import { marked } from 'monaco-editor/base/common/marked/marked.js';
import type { Dialect } from '../contracts/dialect';
import { determined } from '../dialects/determined/index';
import { emloop } from '../dialects/emloop/index';
import { valohai } from '../dialects/valohai/index';
import { complete } from './complete';
import { hover } from './hover';

const IMG = '<img src=x onerror="window.__xss=1">';
const LINK = '[click](javascript:window.__xss=1)';
const EM = '**loud** `tick`';

function html(md: string): string {
  return (marked as { parse(s: string, o: object): string }).parse(md, { async: false });
}
function shown(h: string): string {
  return h.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
/** The markdown renders with no element from the document, and shows `literal` as it is. */
function expectLiteral(md: string | undefined, literal: string) {
  expect(md).toBeDefined();
  const h = html(md!);
  expect(h).not.toMatch(/<(img|a|script)\b/i);
  expect(shown(h)).toContain(literal);
}
function hoverAt(dialect: Dialect, text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  return hover(dialect, text, offset + delta)?.markdown;
}

describe('valohai', () => {
  const doc = `- step:
    name: 'train ${IMG}'
    image: python:3.12
    description: '${LINK} ${EM}'
    command: python train.py {parameter:lr} {parameter:no${'`'}pe}
    '${IMG}': 1
    parameters:
      - name: '\`${IMG}'
        type: string
        default: '\`${LINK}'
- pipeline:
    name: p
    nodes:
      - name: n
        type: execution
        step: x
    edges: []
`;

  it('a key the place does not take', () => expectLiteral(hoverAt(valohai, doc, `'${IMG}': 1`, 2), IMG));
  it('a value', () => expectLiteral(hoverAt(valohai, doc, `'\`${LINK}'\n`, 2), `\`${LINK}`));
  it('a command placeholder naming the step', () => {
    const md = hoverAt(valohai, doc, '{parameter:no', 3);
    expectLiteral(md, `train ${IMG}`);
    expectLiteral(md, '{parameter:no`pe}');
  });
  it("a pipeline node's step completion with the step's description", () => {
    const offset = doc.indexOf('step: x') + 'step: x'.length;
    const item = complete(valohai, doc, offset).find((c) => c.label.startsWith('train'));
    expectLiteral(item?.documentation, `${LINK} ${EM}`);
    expect(html(item!.documentation!)).not.toMatch(/<(strong|em|code)>/);
  });
  it("a command placeholder's completion with the parameter name", () => {
    const text = doc.replace('{parameter:lr}', '{parameter:');
    const offset = text.indexOf('{parameter:') + '{parameter:'.length;
    const item = complete(valohai, text, offset).find((c) => c.label.includes('<img'));
    expectLiteral(item?.documentation, `\`${IMG}`);
  });
});

describe('determined', () => {
  const doc = `name: x
hyperparameters:
  '${IMG}': 1
  other: '${LINK}'
searcher:
  name: single
  metric: loss
  max_length:
    batches: 10
entrypoint: model_def:Trial
`;
  it('a hyperparameter name', () => expectLiteral(hoverAt(determined, doc, `'${IMG}'`, 2), IMG));
  it('a value', () => expectLiteral(hoverAt(determined, doc, `'${LINK}'`, 2), LINK));
});

describe('emloop', () => {
  const doc = `dataset:
  class: data.Set
model:
  class: m.Net
  note: '${EM}'
hooks:
  - SaveBest:
      '${IMG}': 1
`;
  it("a key that is not the hook's argument", () => expectLiteral(hoverAt(emloop, doc, `'${IMG}'`, 2), IMG));
  it('a value', () => {
    const md = hoverAt(emloop, doc, `'${EM}'`, 2);
    expectLiteral(md, EM);
    expect(html(md!)).not.toMatch(/<strong>/);
  });
});
