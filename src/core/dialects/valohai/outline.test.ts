import { describe, expect, it } from 'vitest';
import type { OutlineItem } from '../../contracts/symbols';
import { parseText } from '../../document/parse';
import { corpusFiles } from '../../schema/corpusFiles';
import { valohai } from './index';
import { valohaiOutline } from './outline';

const outline = (text: string) => valohaiOutline(parseText(text, valohai.yaml));

/** The outline as indented lines: `kind name (detail) «selected text»`. */
function tree(text: string, items: OutlineItem[], depth = 0): string[] {
  return items.flatMap((i) => [
    `${'  '.repeat(depth)}${i.kind} ${i.name}${i.detail ? ` (${i.detail})` : ''} «${text.slice(...i.selection)}»`,
    ...tree(text, i.children, depth + 1),
  ]);
}

/** Every item's selection lies in its range, every child in its parent, siblings one after another. */
function checkNesting(items: OutlineItem[], parent?: [number, number]): void {
  let end = -1;
  for (const item of items) {
    const [from, to] = item.range;
    expect(from, item.name).toBeLessThanOrEqual(to);
    expect(item.selection[0], item.name).toBeGreaterThanOrEqual(from);
    expect(item.selection[1], item.name).toBeLessThanOrEqual(to);
    if (parent) {
      expect(from, item.name).toBeGreaterThanOrEqual(parent[0]);
      expect(to, item.name).toBeLessThanOrEqual(parent[1]);
    }
    expect(from, `${item.name} after its sibling`).toBeGreaterThanOrEqual(end);
    end = to;
    checkNesting(item.children, item.range);
  }
}

/** The chain of items containing `offset`, outermost first (what the breadcrumb shows). */
function breadcrumb(items: OutlineItem[], offset: number): string[] {
  const hit = items.find((i) => i.range[0] <= offset && offset <= i.range[1]);
  return hit ? [hit.name, ...breadcrumb(hit.children, offset)] : [];
}

const DOC = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    inputs:
      - name: dataset
    parameters:
      - name: learning_rate
        type: float
        default: 0.01
      - name: label
    environment-variables:
      - name: SEED
    outputs:
      - name: model
- task:
    name: sweep
    step: train
    parameters:
      - name: learning_rate
        style: logspace
        rules: {min: -4, max: -1, count: 4}
- pipeline:
    name: main
    nodes:
      - name: fit
        type: execution
        step: train
      - name: tune
        type: task
        task: sweep
      - step: train
        type: execution
    edges: []
    parameters:
      - name: rate
        target: fit.parameter.learning_rate
- endpoint:
    name: serve
    image: python:3.12
    wsgi: app:app
- deployment:
    name: prod
- blueprint:
    name: bp
    nodes: []
    edges: []
- step:
    image: python:3.12
    command: echo
`;

describe('valohaiOutline', () => {
  it('lists each definition with what it declares, in groups, in the order of the text', () => {
    expect(tree(DOC, outline(DOC))).toEqual([
      'step train (step) «train»',
      '  section inputs «inputs»',
      '    input dataset «dataset»',
      '  section parameters «parameters»',
      '    parameter learning_rate (float) «learning_rate»',
      '    parameter label (string) «label»',
      '  section environment-variables «environment-variables»',
      '    environment-variable SEED «SEED»',
      '  section outputs «outputs»',
      '    output model «model»',
      'task sweep (task) «sweep»',
      '  section parameters «parameters»',
      '    parameter learning_rate (logspace) «learning_rate»',
      'pipeline main (pipeline) «main»',
      '  section nodes «nodes»',
      '    node fit (execution node) «fit»',
      '    node tune (task node) «tune»',
      '    node (unnamed node) (execution node) «step»',
      '  section parameters «parameters»',
      '    parameter rate (→ fit.parameter.learning_rate) «rate»',
      'endpoint serve (endpoint) «serve»',
      'deployment prod (deployment) «prod»',
      'pipeline bp (blueprint) «bp»',
      '  section nodes «nodes»',
      'step (unnamed step) (step) «step»',
    ]);
  });

  it('nests ranges: selections inside their items, children inside their parents', () => {
    checkNesting(outline(DOC));
  });

  it('gives the breadcrumb at a cursor', () => {
    const at = (needle: string, from = 0) => DOC.indexOf(needle, from);
    expect(breadcrumb(outline(DOC), at('default: 0.01'))).toEqual(['train', 'parameters', 'learning_rate']);
    expect(breadcrumb(outline(DOC), at('learning_rate', at('- task')) + 3)).toEqual(['sweep', 'parameters', 'learning_rate']);
    expect(breadcrumb(outline(DOC), at('task: sweep'))).toEqual(['main', 'nodes', 'tune']);
    expect(breadcrumb(outline(DOC), at('image: python:3.12'))).toEqual(['train']);
    expect(breadcrumb(outline(DOC), at('wsgi'))).toEqual(['serve']);
  });

  it('keeps the whole entry in range: from the kind key or the item to the end of its value, without the line break after it', () => {
    const items = outline(DOC);
    expect(DOC.slice(...items[0].range).startsWith('step:\n    name: train')).toBe(true);
    expect(DOC.slice(...items[0].range).endsWith('- name: model')).toBe(true);
    const parameters = items[0].children[1];
    expect(DOC.slice(...parameters.range).startsWith('parameters:\n')).toBe(true);
    expect(DOC.slice(...parameters.children[0].range)).toBe('name: learning_rate\n        type: float\n        default: 0.01');
  });

  it('nests every corpus file (the files that parse)', () => {
    let items = 0;
    for (const [file, text] of corpusFiles('valohai')) {
      const parsed = parseText(text, valohai.yaml);
      if (!parsed.ok) continue;
      const found = valohaiOutline(parsed);
      items += found.length;
      try {
        checkNesting(found);
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
    }
    expect(items).toBeGreaterThan(50);
  });
});
