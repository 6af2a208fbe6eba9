/**
 * The rename engine and the navigation answers, with a small made-up dialect (names under
 * `name:`, uses as `{ref:NAME}` inside any text under `uses:`) so that only the engine is tested
 * here; each dialect's own names are tested beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../contracts/dialect';
import type { DocSymbol, NameUse } from '../contracts/symbols';
import type { Path } from '../contracts/path';
import { parseText } from '../document/parse';
import { applyTextEdits } from '../document/textEdits';
import { EditError } from '../document/edit';
import { valohai } from '../dialects/valohai';
import { emloop } from '../dialects/emloop';
import { navigateAt, planRename, prepareRename } from './navigate';
import { breadcrumbAt, outlineOf } from './outline';

/** `defs: [{name: a}, …]`, `uses: [text with {ref:a}, …]`. */
function madeUp(parsed: { value: unknown }): DocSymbol[] {
  const value = parsed.value as { defs?: { name?: unknown }[]; uses?: unknown[]; keyed?: Record<string, unknown> };
  const symbols = new Map<string, DocSymbol>();
  (value.defs ?? []).forEach((d, i) => {
    if (typeof d?.name !== 'string') return;
    const name = d.name;
    symbols.set(name, {
      id: `def:${name}`,
      kind: 'parameter',
      name,
      uses: [{ place: { in: 'value', path: ['defs', i, 'name'], from: 0, to: name.length }, definition: true }],
      refuse: (to) => (to === '' ? 'A name cannot be empty' : to.includes('}') ? 'No braces' : symbols.has(to) && to !== name ? `"${to}" is taken` : undefined),
    });
  });
  (value.uses ?? []).forEach((u, i) => {
    if (typeof u !== 'string') return;
    for (const m of u.matchAll(/\{ref:([^}]*)\}/g)) {
      const use: NameUse = { place: { in: 'value', path: ['uses', i], from: m.index + 5, to: m.index + 5 + m[1].length }, definition: false };
      symbols.get(m[1])?.uses.push(use);
    }
  });
  for (const key of Object.keys(value.keyed ?? {})) {
    const path: Path = ['keyed', key];
    const s = symbols.get(key);
    if (s) s.uses.push({ place: { in: 'key', path }, definition: false });
  }
  return [...symbols.values()];
}

const v11: Dialect = { ...valohai, symbols: madeUp, outline: undefined };
const v12: Dialect = { ...emloop, symbols: madeUp, outline: undefined };

/** Rename the name at the first `at` in the text (`shift` characters into it). */
function rename(dialect: Dialect, text: string, at: string, to: string, shift = 0): string {
  const parsed = parseText(text, dialect.yaml);
  const { edits } = planRename(dialect, parsed, text.indexOf(at) + shift, to);
  return applyTextEdits(text, edits);
}

const DOC = `# names and their uses
defs:
  - name: lr          # the learning rate
  - name: 'epochs'
  - name: "batch"
uses:
  - python train.py --lr={ref:lr} --epochs={ref:epochs}
  - 'echo {ref:lr}'
  - "echo {ref:batch} {ref:lr}"
  - |
    echo {ref:epochs}
    echo done
keyed:
  lr: 1
`;

describe('rename', () => {
  it('changes exactly the characters of the name, in the quoting each place has', () => {
    const out = rename(v11, DOC, 'lr  ', 'rate');
    expect(out).toBe(DOC.replaceAll('{ref:lr}', '{ref:rate}').replace('name: lr ', 'name: rate ').replace('  lr: 1', '  rate: 1'));
  });
  it('renames from any use, and back again to the very same bytes', () => {
    const there = rename(v11, DOC, 'epochs}\n', 'n_epochs');
    expect(there).toContain("- name: 'n_epochs'");
    expect(there).toContain('    echo {ref:n_epochs}\n');
    expect(rename(v11, there, "n_epochs'", 'epochs')).toBe(DOC);
  });
  it('quotes a new name that would read as something else (yes is a boolean under YAML 1.1)', () => {
    const out = rename(v11, DOC, 'lr  ', 'yes');
    const parsed = parseText(out, v11.yaml);
    expect((parsed.value as { defs: { name: unknown }[] }).defs[0].name).toBe('yes');
    expect(out).toContain('{ref:yes}');
    expect(out).toContain('# the learning rate');
  });
  it('escapes where a double-quoted value needs it, and re-writes only that value', () => {
    const out = rename(v11, DOC, 'batch"', 'a"b');
    const parsed = parseText(out, v11.yaml);
    expect((parsed.value as { uses: string[] }).uses[2]).toBe('echo {ref:a"b} {ref:lr}');
    expect((parsed.value as { defs: { name: string }[] }).defs[2].name).toBe('a"b');
    expect(out.split('\n').filter((l, i) => l !== DOC.split('\n')[i])).toHaveLength(2);
  });
  it('re-writes a folded value whose source does not map character by character', () => {
    const text = 'defs:\n  - name: x\nuses:\n  - >\n    run {ref:x}\n    now\n';
    const out = rename(v11, text, 'x\n', 'y');
    expect((parseText(out, v11.yaml).value as { uses: string[] }).uses[0]).toBe('run {ref:y} now\n');
  });
  it('refuses a name the symbol refuses, before anything changes, with its reason', () => {
    const parsed = parseText(DOC, v11.yaml);
    expect(() => planRename(v11, parsed, DOC.indexOf('lr  '), 'epochs')).toThrow(new EditError('"epochs" is taken'));
    expect(() => planRename(v11, parsed, DOC.indexOf('lr  '), '')).toThrow('A name cannot be empty');
    expect(() => planRename(v11, parsed, DOC.indexOf('python'), 'z')).toThrow(/no name here/);
  });
  it('refuses on a text with errors', () => {
    const parsed = parseText('defs: [\n', v11.yaml);
    expect(prepareRename(v11, parsed, 1)).toEqual({ refuse: expect.stringMatching(/errors/) });
  });
  it('prepareRename names the range under the cursor', () => {
    const parsed = parseText(DOC, v11.yaml);
    const at = DOC.indexOf('{ref:batch}') + 5;
    expect(prepareRename(v11, parsed, at + 2)).toEqual({ range: [at, at + 5], name: 'batch' });
  });
});

describe('anchors and aliases, in every dialect', () => {
  const text = 'base: &base\n  a: 1\nother: &other2 2\nm:\n  <<: *base\n  k: *other2\nn: *base\n';
  it('the anchor is the definition, each alias a reference', () => {
    const parsed = parseText(text, v12.yaml);
    const nav = navigateAt(v12, parsed, text.indexOf('*base') + 2)!;
    expect(nav.name).toBe('base');
    expect(nav.definitions.map(([s, e]) => text.slice(s, e))).toEqual(['base']);
    expect(nav.definitions[0][0]).toBe(text.indexOf('&base') + 1);
    expect(nav.references).toEqual([text.indexOf('*base') + 1, text.lastIndexOf('*base') + 1].map((s) => [s, s + 4]));
  });
  it('rename changes the anchor and its aliases', () => {
    expect(rename(v12, text, '&base', 'common', 1)).toBe(text.replace('&base', '&common').replaceAll('*base', '*common'));
    expect(rename(v12, text, '&other2', 'o', 1)).toBe(text.replace('&other2', '&o').replace('*other2', '*o'));
  });
  it('an anchor name cannot take flow indicators or the name of another anchor', () => {
    const parsed = parseText(text, v12.yaml);
    expect(() => planRename(v12, parsed, text.indexOf('&base') + 1, 'a,b')).toThrow(/cannot contain/);
    expect(() => planRename(v12, parsed, text.indexOf('&base') + 1, 'other2')).toThrow(/already exists/);
  });
  it('an anchor defined again starts a new name: aliases after it are its own', () => {
    const again = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n';
    const parsed = parseText(again, v12.yaml);
    const nav = navigateAt(v12, parsed, again.lastIndexOf('*x') + 1)!;
    expect(nav.definitions).toEqual([[again.lastIndexOf('&x') + 1, again.lastIndexOf('&x') + 2]]);
    expect(nav.references).toEqual([[again.lastIndexOf('*x') + 1, again.lastIndexOf('*x') + 2]]);
  });
});

describe('navigateAt', () => {
  it('lists the definition and every use of the name under the cursor; nothing elsewhere', () => {
    const parsed = parseText(DOC, v11.yaml);
    const nav = navigateAt(v11, parsed, DOC.indexOf('{ref:lr}') + 6)!;
    expect(nav.definitions.map(([s]) => s)).toEqual([DOC.indexOf('lr  ')]);
    expect(nav.references.map(([s, e]) => DOC.slice(s - 5, e + 1))).toEqual(['{ref:lr}', '{ref:lr}', '{ref:lr}', 'd:\n  lr:']);
    expect(navigateAt(v11, parsed, DOC.indexOf('python'))).toBeNull();
  });
});

describe('outline without a dialect outline: the YAML keys', () => {
  it('lists keys with nested children and finds the chain at a cursor', () => {
    const text = 'a:\n  b:\n    c: 1\n  d: [1, 2]\ne: x\n';
    const items = outlineOf(v12, parseText(text, v12.yaml));
    expect(items.map((i) => i.name)).toEqual(['a', 'e']);
    expect(breadcrumbAt(items, text.indexOf('c:') + 1).map((i) => i.name)).toEqual(['a', 'b', 'c']);
    expect(breadcrumbAt(items, text.indexOf('x')).map((i) => i.name)).toEqual(['e']);
  });
  it('outlines a text with errors as far as it reads', () => {
    const items = outlineOf(v12, parseText('a: 1\nb: [\n', v12.yaml));
    expect(items[0].name).toBe('a');
  });
});
