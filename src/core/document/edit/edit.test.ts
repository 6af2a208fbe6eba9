import { describe, expect, it } from 'vitest';
import { EditError, formatPath, planEdit, prepareEdit, type EditIntent } from '.';
import { applyTextEdits } from '../textEdits';
import { parseText } from '../parse';

type Version = '1.1' | '1.2';

/** Apply an intent and return the new text; the result must parse. */
function edit(text: string, intent: EditIntent, version: Version = '1.1'): string {
  const parsed = parseText(text, { version, duplicateKeys: 'warning' });
  const plan = planEdit(parsed, intent, { version });
  const out = applyTextEdits(text, plan.edits);
  const after = parseText(out, { version, duplicateKeys: 'warning' });
  expect(after.ok, `result should parse:\n${out}`).toBe(true);
  return out;
}

function plan(text: string, intent: EditIntent, version: Version = '1.1') {
  return planEdit(parseText(text, { version, duplicateKeys: 'warning' }), intent, { version });
}

function valueOf(text: string, version: Version = '1.1'): unknown {
  return parseText(text, { version, duplicateKeys: 'warning' }).value;
}

const valohai = `- step:
    name: train  # the step
    image: python:3.12
    parameters:
      - name: lr
        type: float
        default: 0.001

      # epochs
      - name: epochs
        type: integer
        default: 10
    command:
      - python train.py {parameters}
- step:
    name: eval
    image: x
`;

describe('set a scalar: only its bytes change', () => {
  it('replaces the value and keeps the comment on its line', () => {
    const out = edit(valohai, { kind: 'set', path: [0, 'step', 'name'], value: 'fit' });
    expect(out).toBe(valohai.replace('name: train  #', 'name: fit  #'));
  });

  it('quotes a string that would be misread, and reports where it is and in which style', () => {
    const p = plan(valohai, { kind: 'set', path: [0, 'step', 'name'], value: 'yes' });
    const out = applyTextEdits(valohai, p.edits);
    expect(out).toBe(valohai.replace('name: train', 'name: "yes"'));
    expect(out.slice(...p.valueRange!)).toBe('"yes"');
    expect(p.style).toBe('QUOTE_DOUBLE');
  });

  it('writes floats that stay floats under the version', () => {
    const path = [0, 'step', 'parameters', 0, 'default'];
    expect(edit(valohai, { kind: 'set', path, value: 1e-7, as: 'float' })).toContain('default: 1.0e-7\n');
    // The node is a float: a whole number stays a float without being told.
    expect(edit(valohai, { kind: 'set', path, value: 5 })).toContain('default: 5.0\n');
    expect(edit(valohai, { kind: 'set', path, value: 0.001, as: 'float', literal: '1.0e-3' })).toBe(valohai); // same value: no edit
    expect(edit(valohai, { kind: 'set', path, value: 0.5, as: 'float', literal: '5.0e-1' })).toContain('default: 5.0e-1\n');
    expect(plan(valohai, { kind: 'set', path, value: 0.001 }).edits).toEqual([]);
  });

  it('writes the type asked for', () => {
    const path = [0, 'step', 'parameters', 1, 'default'];
    expect(edit(valohai, { kind: 'set', path, value: 12 })).toContain('default: 12\n');
    expect(edit(valohai, { kind: 'set', path, value: '12' })).toContain('default: "12"\n');
    expect(edit(valohai, { kind: 'set', path, value: true })).toContain('default: true\n');
    expect(edit(valohai, { kind: 'set', path, value: null })).toContain('default: null\n');
    expect(() => plan(valohai, { kind: 'set', path, value: 1.5, as: 'integer' })).toThrow(EditError);
  });

  it('keeps single quotes, and reads the version: 1e-3 is a string in 1.1 only', () => {
    expect(edit("a: 'x'\n", { kind: 'set', path: ['a'], value: 'y z' })).toBe("a: 'y z'\n");
    expect(edit('a: x\n', { kind: 'set', path: ['a'], value: '1e-3' }, '1.1')).toBe('a: 1e-3\n');
    expect(edit('a: x\n', { kind: 'set', path: ['a'], value: '1e-3' }, '1.2')).toBe('a: "1e-3"\n');
  });

  it('quotes with single quotes in a document that prefers them', () => {
    expect(edit("a: 'x'\nb: 'y'\nc: z\n", { kind: 'set', path: ['c'], value: 'no' })).toBe("a: 'x'\nb: 'y'\nc: 'no'\n");
  });

  it('fills an empty value, and keeps anchors and tags', () => {
    expect(edit('a:\nb: 1\n', { kind: 'set', path: ['a'], value: 'x' })).toBe('a: x\nb: 1\n');
    expect(edit('a: &x 1\nb: *x\n', { kind: 'set', path: ['a'], value: 2 })).toBe('a: &x 2\nb: *x\n');
    expect(edit('- \n- b\n', { kind: 'set', path: [0], value: 'a' })).toBe('- a\n- b\n');
    expect(edit('-\n- b\n', { kind: 'set', path: [0], value: 'a' })).toBe('- a\n- b\n');
  });

  it('edits inside flow collections in place, quoting for flow', () => {
    expect(edit('a: [x, y]  # c\n', { kind: 'set', path: ['a', 1], value: 'p,q' })).toBe('a: [x, "p,q"]  # c\n');
    expect(edit('a: {k: 1, j: 2}\n', { kind: 'set', path: ['a', 'j'], value: 3 })).toBe('a: {k: 1, j: 3}\n');
    expect(edit('a: {k}\n', { kind: 'set', path: ['a', 'k'], value: 3 })).toBe('a: {k: 3}\n');
  });

  it('rewrites a block scalar as a block, keeping its header comment and indentation', () => {
    const text = 'run: |-  # script\n    echo a\n    echo b\nnext: 1\n';
    expect(edit(text, { kind: 'set', path: ['run'], value: 'echo c\n\necho d\n' })).toBe('run: |  # script\n    echo c\n\n    echo d\nnext: 1\n');
    expect(edit(text, { kind: 'set', path: ['run'], value: 'one line' })).toBe('run: |-  # script\n    one line\nnext: 1\n');
    expect(edit(text, { kind: 'set', path: ['run'], value: 7 })).toBe('run: 7  # script\nnext: 1\n');
    expect(edit('f: >\n  a\n  b\n', { kind: 'set', path: ['f'], value: 'x\ny\n' })).toBe('f: >\n  x\n\n  y\n');
  });

  it('writes multi-line text into a one-line scalar with double quotes (the line and its comment stay)', () => {
    expect(edit('a: x  # c\n', { kind: 'set', path: ['a'], value: 'l1\nl2' })).toBe('a: "l1\\nl2"  # c\n');
    // An empty value with nothing after it becomes a literal block.
    expect(edit('a:\nb: 1\n', { kind: 'set', path: ['a'], value: 'l1\nl2\n' })).toBe('a: |\n  l1\n  l2\nb: 1\n');
  });

  it('keeps a tag, and refuses a value the tag would read as another type', () => {
    expect(edit('a: !!str 5\n', { kind: 'set', path: ['a'], value: 'six' })).toBe('a: !!str six\n');
    expect(() => plan('a: !!str 5\n', { kind: 'set', path: ['a'], value: 6 })).toThrow(/tag !!str/);
  });

  it('throws EditError for paths through scalars and aliases, and for unparsable text', () => {
    expect(() => plan('a: x\n', { kind: 'set', path: ['a', 'b'], value: 1 })).toThrow(/a is a value \("x"\), not a mapping or a list/);
    expect(() => plan('a: &x {k: 1}\nb: *x\n', { kind: 'set', path: ['b', 'k'], value: 2 })).toThrow(/alias \(\*x\)/);
    expect(() => plan('a: [1\n', { kind: 'set', path: ['a'], value: 2 })).toThrow(EditError);
    expect(() => plan('a: [1]\n', { kind: 'set', path: ['a', 3], value: 2 })).toThrow(/has 1 items/);
  });
});

describe('set a missing key: one line after the last sibling', () => {
  it('uses the siblings’ indentation', () => {
    const out = edit(valohai, { kind: 'set', path: [0, 'step', 'environment'], value: 'aws-eu' });
    expect(out).toBe(valohai.replace('      - python train.py {parameters}\n', '      - python train.py {parameters}\n    environment: aws-eu\n'));
  });

  it('creates missing parents as one block, at the document’s indent unit', () => {
    const text = 'a:\n    b: 1\nc: 2\n';
    expect(edit(text, { kind: 'set', path: ['a', 'x', 'y'], value: 'z' })).toBe('a:\n    b: 1\n    x:\n        y: z\nc: 2\n');
    expect(edit('k: 1\n', { kind: 'set', path: ['list', 0, 'name'], value: 'n' })).toBe('k: 1\nlist:\n  - name: n\n');
    expect(edit('k: 1\nl:\n- a\n', { kind: 'set', path: ['m', 0], value: 'n' })).toBe('k: 1\nl:\n- a\nm:\n- n\n');
  });

  it('creates the block under an empty or null key, with the key’s line and comment kept', () => {
    expect(edit('a:\nb: 1\n', { kind: 'set', path: ['a', 'k'], value: 'v' })).toBe('a:\n  k: v\nb: 1\n');
    expect(edit('a: ~  # none yet\nb: 1\n', { kind: 'set', path: ['a', 'k'], value: 'v' })).toBe('a:  # none yet\n  k: v\nb: 1\n');
    expect(edit('- step:\n', { kind: 'set', path: [0, 'step', 'name'], value: 'x' })).toBe('- step:\n    name: x\n');
  });

  it('edits empty flow collections in place', () => {
    expect(edit('a: {}\n', { kind: 'set', path: ['a', 'k'], value: 'v' })).toBe('a: {k: v}\n');
    expect(edit('a: { }\n', { kind: 'set', path: ['a', 'k'], value: 'v' })).toBe('a: {k: v}\n');
    expect(edit('a: {x: 1}\n', { kind: 'set', path: ['a', 'k'], value: [1, 'b c'] })).toBe('a: {x: 1, k: [1, b c]}\n');
  });

  it('keeps CRLF and a missing final newline', () => {
    expect(edit('a: 1\r\nb:\r\n  c: 2\r\n', { kind: 'set', path: ['b', 'd'], value: { x: [1, 2] } })).toBe('a: 1\r\nb:\r\n  c: 2\r\n  d:\r\n    x:\r\n      - 1\r\n      - 2\r\n');
    expect(edit('a: 1\nb: 2', { kind: 'set', path: ['c'], value: 3 })).toBe('a: 1\nb: 2\nc: 3');
    expect(edit('a: 1\nb: 2', { kind: 'set', path: ['c'], value: 'x\n' })).toBe('a: 1\nb: 2\nc: "x\\n"');
  });

  it('starts an empty document, or one that holds only comments', () => {
    expect(edit('', { kind: 'set', path: ['a', 'b'], value: 5 })).toBe('a:\n  b: 5\n');
    expect(edit('# hello\n', { kind: 'set', path: ['a'], value: [1] })).toBe('# hello\na:\n  - 1\n');
  });

  it('never writes a block scalar that would swallow the deeper comment below it', () => {
    const text = '- a: 1\n    # about a\n  b: 2\n';
    expect(edit(text, { kind: 'set', path: [0, 'c'], value: 'l1\nl2' })).toBe('- a: 1\n    # about a\n  b: 2\n  c: |-\n    l1\n    l2\n');
    expect(edit('a:\n  # note\nb: 1\n', { kind: 'set', path: ['a'], value: 'l1\nl2' })).toBe('a: "l1\\nl2"\n  # note\nb: 1\n');
    expect(edit('m:\n  x: 1\n      # deep\n', { kind: 'insert', path: ['l'], value: 'l1\nl2' })).toBe('m:\n  x: 1\n      # deep\nl:\n  - |-\n    l1\n    l2\n');
  });

  it('adds after a block scalar without swallowing it', () => {
    expect(edit('a: |\n  x\n\nb: 1\n', { kind: 'set', path: ['c'], value: 2 })).toBe('a: |\n  x\n\nb: 1\nc: 2\n');
    expect(edit('m:\n  a: |+\n    x\n\n', { kind: 'set', path: ['m', 'c'], value: 2 })).toBe('m:\n  a: |+\n    x\n\n  c: 2\n');
  });

  it('writes an object value as block YAML at the right indentation', () => {
    const value = { name: 'bs', type: 'integer', default: 32, tags: ['a', 'yes'], nested: { deep: null }, empty: {} };
    const out = edit('- step:\n    name: x\n', { kind: 'set', path: [0, 'step', 'parameter'], value });
    expect(out).toBe(
      '- step:\n    name: x\n    parameter:\n      name: bs\n      type: integer\n      default: 32\n      tags:\n        - a\n        - "yes"\n      nested:\n        deep: null\n      empty: {}\n',
    );
    expect((valueOf(out) as [{ step: { parameter: unknown } }])[0].step.parameter).toEqual(value);
  });
});

describe('set a collection over something else', () => {
  it('replaces a block collection by a scalar and back', () => {
    expect(edit('k:\n- a\n- b\nz: 1\n', { kind: 'set', path: ['k'], value: 'scalar' })).toBe('k: scalar\nz: 1\n');
    expect(edit('k:  # keep\n  a: 1\n  b: 2  # last\nz: 1\n', { kind: 'set', path: ['k'], value: 's' })).toBe('k: s  # keep\nz: 1\n');
    expect(edit('k: s  # keep\nz: 1\n', { kind: 'set', path: ['k'], value: { a: 1 } })).toBe('k:  # keep\n  a: 1\nz: 1\n');
    expect(edit('k:\n  - a\n  - b\n', { kind: 'set', path: ['k'], value: { x: 1 } })).toBe('k:\n  x: 1\n');
  });

  it('writes a compact mapping after a dash', () => {
    expect(edit('- a\n- b\n', { kind: 'set', path: [1], value: { name: 'x', type: 'y' } })).toBe('- a\n- name: x\n  type: y\n');
    expect(edit('- name: a\n  type: b\n- c\n', { kind: 'set', path: [0], value: ['p', 'q'] })).toBe('- - p\n  - q\n- c\n');
  });

  it('keeps the replaced value’s comment out of block scalars', () => {
    expect(edit('- a  # c\n- b\n', { kind: 'set', path: [0], value: { x: ['l1\nl2'] } })).toBe('- x:\n    - "l1\\nl2"  # c\n- b\n');
  });

  it('keeps a flow collection flow', () => {
    expect(edit('a: [1, 2]\n', { kind: 'set', path: ['a'], value: [3, { k: 'v' }] })).toBe('a: [3, {k: v}]\n');
  });
});

describe('insert into a sequence', () => {
  it('appends a mapping item with the items’ dash column and style', () => {
    const out = edit(valohai, { kind: 'insert', path: [0, 'step', 'parameters'], value: { name: 'bs', type: 'integer', default: 32 } });
    expect(out).toBe(valohai.replace('        default: 10\n', '        default: 10\n      - name: bs\n        type: integer\n        default: 32\n'));
  });

  it('inserts before an item and the comment lines that belong to it', () => {
    const out = edit(valohai, { kind: 'insert', path: [0, 'step', 'parameters'], index: 1, value: { name: 'bs' } });
    expect(out).toBe(valohai.replace('\n      # epochs', '\n      - name: bs\n      # epochs'));
    expect(edit('a:\n- x\n- y\n', { kind: 'insert', path: ['a'], index: 0, value: 'w' })).toBe('a:\n- w\n- x\n- y\n');
  });

  it('matches a wider dash gap', () => {
    expect(edit('-   a: 1\n    b: 2\n', { kind: 'insert', path: [], value: { a: 3, b: 4 } })).toBe('-   a: 1\n    b: 2\n-   a: 3\n    b: 4\n');
  });

  it('inserts a whole step', () => {
    const out = edit(valohai, { kind: 'insert', path: [], index: 1, value: { step: { name: 'prep', image: 'busybox', command: ['ls'] } } });
    expect(out).toBe(valohai.replace('- step:\n    name: eval', '- step:\n    name: prep\n    image: busybox\n    command:\n      - ls\n- step:\n    name: eval'));
  });

  it('inserts into flow lists, keeping their separator', () => {
    expect(edit('a: [1, 2]\n', { kind: 'insert', path: ['a'], value: 3 })).toBe('a: [1, 2, 3]\n');
    expect(edit('a: [1, 2]\n', { kind: 'insert', path: ['a'], index: 0, value: 0 })).toBe('a: [0, 1, 2]\n');
    expect(edit('a: []\n', { kind: 'insert', path: ['a'], value: { name: 'x' } })).toBe('a: [{name: x}]\n');
    expect(edit('a: [\n  1,\n  2\n]\n', { kind: 'insert', path: ['a'], value: 3 })).toBe('a: [\n  1,\n  2,\n  3\n]\n');
  });

  it('creates the sequence when the key is absent or empty', () => {
    expect(edit('a: 1\n', { kind: 'insert', path: ['b'], value: 'x' })).toBe('a: 1\nb:\n  - x\n');
    expect(edit('b:\na: 1\n', { kind: 'insert', path: ['b'], value: 'x' })).toBe('b:\n  - x\na: 1\n');
    expect(edit('b: null\n', { kind: 'insert', path: ['b'], value: 'x' })).toBe('b:\n  - x\n');
  });

  it('inserts into a nested compact list', () => {
    expect(edit('- - a\n  - b\n- c\n', { kind: 'insert', path: [0], index: 0, value: 'z' })).toBe('- - z\n  - a\n  - b\n- c\n');
  });

  it('refuses bad indexes and non-lists', () => {
    expect(() => plan('a: [1]\n', { kind: 'insert', path: ['a'], index: 3, value: 1 })).toThrow(EditError);
    expect(() => plan('a: x\n', { kind: 'insert', path: ['a'], value: 1 })).toThrow(/not a list/);
  });
});

describe('delete', () => {
  it('removes exactly the item’s lines, with its own trailing comment; neighbours’ comments and blank lines stay', () => {
    const out = edit(valohai, { kind: 'delete', path: [0, 'step', 'parameters', 0] });
    expect(out).toBe(valohai.replace('      - name: lr\n        type: float\n        default: 0.001\n', ''));
    expect(edit(valohai, { kind: 'delete', path: [0, 'step', 'name'] })).toBe(valohai.replace('    name: train  # the step\n', ''));
    expect(edit('a: 1\n\n# about b\nb: 2  # two\nc: 3\n', { kind: 'delete', path: ['b'] })).toBe('a: 1\n\n# about b\nc: 3\n');
  });

  it('takes the comment lines indented inside the entry with it', () => {
    const text = 'p:\n  - name: a\n    x: 1\n    # about a\n  # about b\n  - name: b\n';
    expect(edit(text, { kind: 'delete', path: ['p', 0] })).toBe('p:\n  # about b\n  - name: b\n');
    expect(edit(text, { kind: 'move', path: ['p', 0], to: 1 })).toBe('p:\n  # about b\n  - name: b\n  - name: a\n    x: 1\n    # about a\n');
    expect(edit(text, { kind: 'insert', path: ['p'], value: 'c' })).toBe(text + '  - c\n');
  });

  it('removes the first key of a compact mapping by moving the next one up', () => {
    expect(edit('- name: a\n  type: b\n- name: c\n', { kind: 'delete', path: [0, 'name'] })).toBe('- type: b\n- name: c\n');
    expect(edit('- name: a\n  # note\n  type: b\n', { kind: 'delete', path: [0, 'name'] })).toBe('-\n  # note\n  type: b\n');
    expect(edit('- - a\n  - b\n', { kind: 'delete', path: [0, 0] })).toBe('- - b\n');
  });

  it('leaves an empty collection, not null, when the last entry goes', () => {
    expect(edit('a:\n  b: 1  # c\nz: 2\n', { kind: 'delete', path: ['a', 'b'] })).toBe('a: {}\nz: 2\n');
    expect(edit('- name: a\n- b\n', { kind: 'delete', path: [0, 'name'] })).toBe('- {}\n- b\n');
    expect(edit('a: 1\n', { kind: 'delete', path: ['a'] })).toBe('{}\n');
    expect(edit('a: [1]\n', { kind: 'delete', path: ['a', 0] })).toBe('a: []\n');
  });

  it('removes a flow element with one comma', () => {
    expect(edit('a: [1, 2, 3]\n', { kind: 'delete', path: ['a', 0] })).toBe('a: [2, 3]\n');
    expect(edit('a: [1, 2, 3]\n', { kind: 'delete', path: ['a', 2] })).toBe('a: [1, 2]\n');
    expect(edit('a: {x: 1, y: 2}\n', { kind: 'delete', path: ['a', 'x'] })).toBe('a: {y: 2}\n');
  });

  it('keeps CRLF and a missing final newline', () => {
    expect(edit('a: 1\r\nb: 2\r\nc: 3\r\n', { kind: 'delete', path: ['b'] })).toBe('a: 1\r\nc: 3\r\n');
    expect(edit('a: 1\r\nb: 2', { kind: 'delete', path: ['b'] })).toBe('a: 1');
    expect(edit('a: 1\n\nb: 2', { kind: 'delete', path: ['b'] })).toBe('a: 1');
  });

  it('refuses what would break an alias, duplicates, and missing paths', () => {
    expect(() => plan('a: &x 1\nb: *x\n', { kind: 'delete', path: ['a'] })).toThrow(/alias/);
    expect(() => plan('a: 1\na: 2\n', { kind: 'delete', path: ['a'] })).toThrow(/more than once/);
    expect(() => plan('a: 1\n', { kind: 'delete', path: ['b'] })).toThrow(/There is no b/);
    expect(() => plan('a: 1\n', { kind: 'delete', path: [] })).toThrow(EditError);
  });
});

describe('move', () => {
  it('moves an item’s lines verbatim, with the comment lines directly above it', () => {
    const out = edit(valohai, { kind: 'move', path: [0, 'step', 'parameters', 1], to: 0 });
    expect(out).toBe(
      valohai.replace(
        '      - name: lr\n        type: float\n        default: 0.001\n\n      # epochs\n      - name: epochs\n        type: integer\n        default: 10\n',
        '      # epochs\n      - name: epochs\n        type: integer\n        default: 10\n      - name: lr\n        type: float\n        default: 0.001\n\n',
      ),
    );
    expect(edit('- a  # one\n- b\n- c\n', { kind: 'move', path: [0], to: 2 })).toBe('- b\n- c\n- a  # one\n');
  });

  it('keeps a missing final newline', () => {
    expect(edit('- a\n- b', { kind: 'move', path: [1], to: 0 })).toBe('- b\n- a');
    expect(edit('- a\n- b', { kind: 'move', path: [0], to: 1 })).toBe('- b\n- a');
  });

  it('exchanges texts in flow lists and compact lists', () => {
    expect(edit('a: [x, &y y, z]\n', { kind: 'move', path: ['a', 2], to: 0 })).toBe('a: [z, x, &y y]\n');
    expect(edit('- - a\n  - b\n', { kind: 'move', path: [0, 1], to: 0 })).toBe('- - b\n  - a\n');
  });

  it('refuses keys and bad targets', () => {
    expect(() => plan('a: 1\nb: 2\n', { kind: 'move', path: ['a'], to: 1 })).toThrow(/only list items/);
    expect(() => plan('- a\n', { kind: 'move', path: [0], to: 1 })).toThrow(EditError);
    expect(plan('- a\n- b\n', { kind: 'move', path: [0], to: 0 }).edits).toEqual([]);
  });
});

describe('renameKey', () => {
  it('changes only the key', () => {
    expect(edit(valohai, { kind: 'renameKey', path: [0, 'step', 'image'], to: 'docker' })).toBe(valohai.replace('image: python', 'docker: python'));
    expect(edit('"a": 1\n', { kind: 'renameKey', path: ['a'], to: 'b' })).toBe('"b": 1\n');
    expect(edit('a: 1\n', { kind: 'renameKey', path: ['a'], to: 'on' })).toBe('"on": 1\n');
    expect(edit('x: {a: 1}\n', { kind: 'renameKey', path: ['x', 'a'], to: 'b,c' })).toBe('x: {"b,c": 1}\n');
  });

  it('refuses a name that is already there', () => {
    expect(() => plan('a: 1\nb: 2\n', { kind: 'renameKey', path: ['a'], to: 'b' })).toThrow(/already a key "b"/);
  });
});

describe('formatPath', () => {
  it('reads like code', () => {
    expect(formatPath([0, 'step', 'parameters', 2, 'name'])).toBe('[0].step.parameters[2].name');
    expect(formatPath([])).toBe('the document');
  });
});

describe('flow insert', () => {
  const pipeline = `- pipeline:
    name: p
    edges:
      - [a.output.x, b.input.y]  # first
`;
  it('writes a list item as `[a, b]` on one line', () => {
    expect(edit(pipeline, { kind: 'insert', path: [0, 'pipeline', 'edges'], value: ['a.output.z*', 'c.input.w'], flow: true })).toBe(
      `${pipeline}      - [a.output.z*, c.input.w]\n`,
    );
  });
  it('quotes what flow context needs quoted', () => {
    const out = edit(pipeline, { kind: 'insert', path: [0, 'pipeline', 'edges'], value: ['a.output.x, y', 'b.input.[z]'], flow: true });
    expect((valueOf(out) as { pipeline: { edges: unknown[] } }[])[0].pipeline.edges[1]).toEqual(['a.output.x, y', 'b.input.[z]']);
  });
});

describe('batch: several intents as one change', () => {
  const doc = `# pipeline
- pipeline:
    name: p
    nodes:
      - name: a   # first
        step: s
      - name: b
        step: s
    edges:
      - [a.output.x, b.input.y]
      - [b.output.x, a.input.y]  # back
      - [c.output.x, c.input.y]
`;
  it('plans each intent on the text the previous ones leave, as edits on the original text', () => {
    const intents: EditIntent[] = [
      { kind: 'delete', path: [0, 'pipeline', 'edges', 1] },
      { kind: 'delete', path: [0, 'pipeline', 'edges', 0] },
      { kind: 'delete', path: [0, 'pipeline', 'nodes', 1] },
    ];
    const p = plan(doc, { kind: 'batch', intents });
    expect(applyTextEdits(doc, p.edits)).toBe(`# pipeline
- pipeline:
    name: p
    nodes:
      - name: a   # first
        step: s
    edges:
      - [c.output.x, c.input.y]
`);
    // Two separate places changed: the node's lines and the edges' lines, nothing between.
    expect(p.edits).toHaveLength(2);
  });
  it('keeps scalar edits in different places apart', () => {
    const p = plan(doc, {
      kind: 'batch',
      intents: [
        { kind: 'set', path: [0, 'pipeline', 'nodes', 0, 'name'], value: 'alpha' },
        { kind: 'set', path: [0, 'pipeline', 'edges', 0, 0], value: 'alpha.output.x' },
        { kind: 'set', path: [0, 'pipeline', 'edges', 1, 1], value: 'alpha.input.y' },
      ],
    });
    expect(p.edits).toEqual([
      { offset: doc.indexOf('a   #'), length: 1, insert: 'alpha' },
      { offset: doc.indexOf('[a.output') + 1, length: 'a.output.x'.length, insert: 'alpha.output.x' },
      { offset: doc.indexOf('a.input.y'), length: 'a.input.y'.length, insert: 'alpha.input.y' },
    ]);
  });
  it('an intent on text an earlier one changed (insert after a delete) still lands on original offsets', () => {
    const out = edit(doc, {
      kind: 'batch',
      intents: [
        { kind: 'delete', path: [0, 'pipeline', 'edges', 2] },
        { kind: 'insert', path: [0, 'pipeline', 'edges'], value: ['a.output.z', 'b.input.z'], flow: true },
      ],
    });
    expect(out).toBe(doc.replace('      - [c.output.x, c.input.y]\n', '      - [a.output.z, b.input.z]\n'));
  });
  it('refuses the whole batch when one intent cannot be applied', () => {
    expect(() =>
      plan(doc, { kind: 'batch', intents: [{ kind: 'delete', path: [0, 'pipeline', 'edges', 0] }, { kind: 'delete', path: [0, 'pipeline', 'edges', 9] }] }),
    ).toThrow(EditError);
  });
  it('an empty batch changes nothing', () => {
    expect(plan(doc, { kind: 'batch', intents: [] }).edits).toEqual([]);
  });
});

describe('prepareEdit with a focused field', () => {
  const prepared = (text: string, path: (string | number)[], version: Version = '1.1') => {
    const parsed = parseText(text, { version, duplicateKeys: 'warning' });
    const before = JSON.stringify(parsed.value);
    prepareEdit(parsed, { path, version });
    // Nothing is written or changed: the same text and value, and the field's plan is the plan made without preparing.
    expect(parsed.text).toBe(text);
    expect(JSON.stringify(parsed.value)).toBe(before);
    return parsed;
  };

  it('leaves the document as it was, and plans the first keystroke as without it', () => {
    const parsed = prepared(valohai, [0, 'step', 'image']);
    const intent: EditIntent = { kind: 'set', path: [0, 'step', 'image'], value: 'python:3.13' };
    expect(planEdit(parsed, intent, { version: '1.1' })).toEqual(plan(valohai, intent));
  });

  it('prepares a field whose key is not written yet, a number, a null and a quoted string', () => {
    prepared(valohai, [0, 'step', 'environment']);
    prepared(valohai, [0, 'step', 'parameters', 0, 'default']);
    prepared('a:\n  b: ~\n  c: "x: y"\n', ['a', 'b']);
    prepared('a:\n  b: ~\n  c: "x: y"\n', ['a', 'c']);
  });

  it('is silent where no edit can be planned: an alias, a collection, a path through a scalar, a text with errors', () => {
    prepared('a: &x 1\nb: *x\n', ['b']);
    prepared(valohai, [0, 'step', 'parameters']);
    prepared(valohai, [0, 'step', 'image', 'tag']);
    prepared(valohai, [7, 'step', 'image']);
    prepared('a: [1\n', ['a']);
  });
});
