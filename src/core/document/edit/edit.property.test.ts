/**
 * Property tests of the edit engine over every YAML file of the shared corpus: a random edit at a
 * random place must produce exactly the intended value, leave every other value alone, and keep
 * the text outside the edited entry byte-identical.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { isAlias, isMap, isScalar, isSeq, visit, type Node, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Path } from '../../contracts/path';
import { EditError, planEdit, type EditIntent } from '.';
import { applyTextEdits } from '../textEdits';
import { parseText } from '../parse';
import type { ParsedDocument } from '../../contracts/document';
import { kindOf, type ScalarKind, type ScalarType } from '../scalar';

type Version = '1.1' | '1.2';
const corpusDir = resolve(process.cwd(), '../shared/corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

interface Doc {
  file: string;
  text: string;
  version: Version;
  parsed: ParsedDocument;
  /** Scalar leaves the form could edit (see `editable`). */
  leaves: Path[];
  /** Entries (map keys and sequence items) that can be deleted or renamed. */
  entries: Path[];
  /** Sequences (with their length). */
  seqs: { path: Path; length: number }[];
  /** Mappings (with their keys). */
  maps: { path: Path; keys: string[] }[];
}

/**
 * A path the form edits in one place: every step is in the source itself (not merged in by `<<`,
 * not through an alias), not under an anchor that aliases would copy, and no key is duplicated.
 */
function editable(parsed: ParsedDocument, path: Path, hasAliases: boolean): boolean {
  let node: unknown = parsed.doc.contents;
  for (const seg of path) {
    if (isAlias(node) || (hasAliases && (node as Node | null)?.anchor)) return false;
    if (isMap(node)) {
      const names = node.items.map((p) => (isScalar(p.key) ? (typeof p.key.value === 'symbol' ? '<<' : String(p.key.value ?? '')) : undefined));
      // A map with `<<` merges: deleting an own key would reveal the merged one.
      if (names.includes('<<') || names.filter((n) => n === String(seg)).length !== 1) return false;
      node = node.items[names.indexOf(String(seg))].value;
    } else if (isSeq(node)) node = node.items[seg as number];
    else return false;
  }
  if (isAlias(node)) return false;
  // Deleting or moving an anchor that aliases use is refused (rightly); keep those out.
  let anchored = false;
  if (hasAliases && node) visit(node as Node, { Node: (_k, n) => void (anchored ||= !!(n as Node).anchor) });
  return !anchored;
}

function collect(file: string, text: string): Doc | undefined {
  for (const version of ['1.1', '1.2'] as const) {
    const parsed = parseText(text, { version, duplicateKeys: 'warning' });
    if (!parsed.ok || parsed.value === undefined) continue;
    let hasAliases = false;
    visit(parsed.doc, { Alias: () => void (hasAliases = true) });
    const doc: Doc = { file, text, version, parsed, leaves: [], entries: [], seqs: [], maps: [] };
    const walk = (v: unknown, path: Path) => {
      const ok = editable(parsed, path, hasAliases);
      if (path.length && ok) doc.entries.push(path);
      if (Array.isArray(v)) {
        if (ok) doc.seqs.push({ path, length: v.length });
        v.forEach((x, i) => walk(x, [...path, i]));
      } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
        if (ok) doc.maps.push({ path, keys: Object.keys(v) });
        for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      } else if (ok) doc.leaves.push(path);
    };
    walk(parsed.value, []);
    return doc;
  }
  return undefined;
}

/** Each file as it is, with CRLF line ends, and without its final newline. */
const docs = yamlFiles(corpusDir)
  .flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const lf = text.replace(/\r\n/g, '\n');
    return [collect(file, text), collect(`${file} (CRLF)`, lf.replace(/\n/g, '\r\n')), collect(`${file} (no final newline)`, text.replace(/(\r?\n)+$/, ''))];
  })
  .filter((d): d is Doc => d !== undefined);

// ---------------------------------------------------------------------------------------------
// Expected values

function clone<T>(v: T): T {
  return structuredClone(v);
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let v = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
  return v;
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], root);
}

function nodeAt(parsed: ParsedDocument, path: Path): Node | null {
  return parsed.doc.getIn(path, true) as Node | null;
}

/** Apply a plan and read the result; the result must parse. */
function applyPlan(doc: Doc, intent: EditIntent) {
  const plan = planEdit(doc.parsed, intent, { version: doc.version });
  const out = applyTextEdits(doc.text, plan.edits);
  const after = parseText(out, { version: doc.version, duplicateKeys: 'warning' });
  if (!after.ok) throw new Error(`${doc.file}: ${JSON.stringify(intent)} gave unparsable text:\n${out}\n${after.diagnostics[0]?.message}`);
  // The document's line ends are used in new lines, and a missing final newline stays missing.
  if (doc.text.includes('\r\n') && !/[^\r]\n/.test(doc.text)) expect(out, doc.file).not.toMatch(/(^|[^\r])\n/);
  if (doc.text.length && !doc.text.endsWith('\n')) expect(out.endsWith('\n'), doc.file).toBe(false);
  return { plan, out, after };
}

/** Everything outside [from, to) of the old text is byte-identical in the new one. */
function expectOnlyChanged(before: string, after: string, from: number, to: number) {
  expect(after.slice(0, from)).toBe(before.slice(0, from));
  expect(after.slice(after.length - (before.length - to))).toBe(before.slice(to));
}

/** The span of old text the plan touched. */
function touched(edits: { offset: number; length: number }[]): [number, number] {
  if (!edits.length) return [0, 0];
  return [Math.min(...edits.map((e) => e.offset)), Math.max(...edits.map((e) => e.offset + e.length))];
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const tricky = fc.constantFrom(
  'yes', 'No', 'on', 'OFF', 'y', '1e-3', '0.001', '5', '-7', '0x1F', '0777', '1:30', '1_000', '.inf', 'null', '~', 'true', '',
  'a: b', '#x', '# x', 'x #y', ' lead', 'trail ', '-x', '- x', '[x', ']', '{', '}', '@x', '`x', '*x', '&x', '!x', '%x', '|', '>',
  "'", '"', "it's", '2020-01-01', '=', '<<', '---', '...', '? x', 'x:', 'a,b', 'multi\nline', 'ends\n', 'two\n\n', ' \n x',
  'tab\there', 'é日本🚀', 'a\u2028b', 'cr\r\n', 'python:3.12', 'http://x.y/z?q=1#f',
);
const strings = fc.oneof(tricky, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
type NewValue = { value: unknown; as?: ScalarType };
const scalars: fc.Arbitrary<NewValue> = fc.oneof(
  { weight: 4, arbitrary: strings.map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.integer().map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.double().map((value) => ({ value, as: 'float' as const })) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.constant({ value: null }) },
);
const keyNames = fc.oneof(fc.constantFrom('name', 'yes', 'on', '1', 'a b', 'a: b', '#k', '<<', 'é', '', 'x,y', '-k', '?'), fc.string({ minLength: 1, maxLength: 8 }));
const collections = fc.oneof(
  fc.constant({}),
  fc.constant([]),
  fc.record({ name: strings, type: fc.constantFrom('float', 'integer', 'string'), default: fc.oneof(fc.integer(), fc.double().map((x) => (Object.is(x, -0) ? 0 : x)), strings) }), // -0 is written as the integer 0
  fc.array(strings, { minLength: 1, maxLength: 3 }),
  fc.record({ step: fc.record({ name: strings, command: fc.array(strings, { minLength: 1, maxLength: 2 }) }) }),
);

function kindOfType(v: NewValue): ScalarKind {
  if (v.as === 'float') return 'float';
  if (v.value === null) return 'null';
  if (typeof v.value === 'string') return 'str';
  if (typeof v.value === 'boolean') return 'bool';
  return Number.isInteger(v.value) ? 'int' : 'float';
}

const pick = <T,>(list: T[], i: number): T => list[i % list.length];
const withLeaves = docs.filter((d) => d.leaves.length);
const withEntries = docs.filter((d) => d.entries.length);
const withSeqs = docs.filter((d) => d.seqs.some((s) => s.length));
const withMaps = docs.filter((d) => d.maps.length);
// EDIT_PROPERTY_RUNS=5000 for a longer hunt.
const RUNS = Number(process.env.EDIT_PROPERTY_RUNS) || 300;
const TIMEOUT = Math.max(20_000, RUNS * 20);

describe('edit engine over the corpus', () => {
  it('reads the corpus', () => {
    expect(docs.length).toBeGreaterThan(150);
    expect(withLeaves.length).toBeGreaterThan(50);
  });

  it('set a scalar leaf: the value and its type change, nothing else; only the old value’s bytes are replaced', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), scalars, (di, li, nv) => {
        const doc = pick(withLeaves, di);
        const path = pick(doc.leaves, li);
        const oldNode = nodeAt(doc.parsed, path);
        const { plan, out, after } = applyPlan(doc, { kind: 'set', path, value: nv.value, as: nv.as });
        const expected = clone(doc.parsed.value);
        const oldIsFloat = isScalar(oldNode) && oldNode.range && kindOf(oldNode, doc.version, doc.text.slice(oldNode.range[0], oldNode.range[1])) === 'float';
        parentOf(expected, path)[path[path.length - 1]] = nv.value;
        expect(after.value).toEqual(expected);
        const node = nodeAt(after, path) as Scalar;
        const kind = kindOf(node, doc.version, out.slice(node.range![0], node.range![1]));
        // A number written over a float stays a float (5 → 5.0).
        expect(kind).toBe(typeof nv.value === 'number' && oldIsFloat ? 'float' : kindOfType(nv));
        // valueRange is the scalar's source; a block's final line break is not part of it.
        expect(out.slice(...plan.valueRange!)).toBe(out.slice(node.range![0], node.range![1]).replace(/\r?\n$/, ''));
        // One edit, inside the old value (a null `key:` has an empty range right after the colon).
        expect(plan.edits.length).toBeLessThanOrEqual(1);
        if (plan.edits.length && oldNode?.range) {
          const [s, e] = oldNode.range;
          const [from, to] = touched(plan.edits);
          const slack = s === e ? 1 : 0; // `- ` / `key: ` may lose or gain the space before
          expect(from).toBeGreaterThanOrEqual(s - slack);
          expect(to).toBeLessThanOrEqual(e);
          expectOnlyChanged(doc.text, out, from, to);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('set a collection over a leaf', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), collections, (di, li, value) => {
        const doc = pick(withLeaves, di);
        const path = pick(doc.leaves, li);
        const { after } = applyPlan(doc, { kind: 'set', path, value });
        const expected = clone(doc.parsed.value);
        parentOf(expected, path)[path[path.length - 1]] = value;
        expect(after.value).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('set a new key: it is added last, the rest is unchanged, old lines stay', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), keyNames, fc.oneof(scalars, collections.map((value) => ({ value }))), (di, mi, key, nv) => {
        const doc = pick(withMaps, di);
        const { path, keys } = pick(doc.maps, mi);
        if (keys.includes(key)) return;
        const { plan, after } = applyPlan(doc, { kind: 'set', path: [...path, key], value: nv.value, as: (nv as NewValue).as });
        const expected = clone(doc.parsed.value);
        (path.length ? (at(expected, path) as Record<string, unknown>) : (expected as Record<string, unknown>))[key] = nv.value;
        expect(after.value).toEqual(expected);
        // Added after the last sibling (JS objects put integer-like keys first, so ask the AST).
        const map = nodeAt(after, path);
        expect(isMap(map) && (map.items[map.items.length - 1].key as Scalar).value).toBe(key);
        // A pure insertion (a flow `{}` may lose inner spaces; `key: ~` may drop its null).
        const removed = plan.edits.reduce((n, e) => n + e.length, 0);
        expect(removed).toBeLessThanOrEqual(2);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('delete an entry: exactly its lines (or element) go', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (di, ei) => {
        const doc = pick(withEntries, di);
        const path = pick(doc.entries, ei);
        const { plan, after } = applyPlan(doc, { kind: 'delete', path });
        const expected = clone(doc.parsed.value);
        const parent = parentOf(expected, path);
        const last = path[path.length - 1];
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
        expect(after.value).toEqual(expected);
        // The removed text is within the entry's own lines.
        const node = nodeAt(doc.parsed, path);
        const siblings = at(doc.parsed.value, path.slice(0, -1)) as object;
        if (Object.keys(siblings).length > 1 && node?.range) {
          const [from, to] = touched(plan.edits);
          const lineStart = doc.text.lastIndexOf('\n', from) + 1;
          expect(plan.edits.every((e) => e.insert === '')).toBe(true);
          expect(to - from).toBeLessThanOrEqual(doc.text.length);
          expect(doc.text.slice(from, to)).toContain(doc.text.slice(node.range[0], node.range[1]).trimEnd());
          expect(doc.text.slice(lineStart, from).trim()).toMatch(/^(-|- .*|.*[^\s])?$/);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('insert into a sequence at a random index', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.oneof(scalars.map((v) => (Object.is(v.value, -0) ? 0 : v.value)), collections), (di, si, ii, value) => {
        const doc = pick(withSeqs, di);
        const { path, length } = pick(
          doc.seqs.filter((s) => s.length),
          si,
        );
        const index = ii % (length + 1);
        const { after } = applyPlan(doc, { kind: 'insert', path, index, value });
        const expected = clone(doc.parsed.value);
        (at(expected, path) as unknown[]).splice(index, 0, value);
        expect(after.value).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('move a sequence item: same items, new order, same lines', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (di, si, fi, ti) => {
        const doc = pick(withSeqs, di);
        const seqs = doc.seqs.filter((s) => s.length >= 2);
        if (!seqs.length) return;
        const { path, length } = pick(seqs, si);
        const from = fi % length;
        const to = ti % length;
        const { out, after } = applyPlan(doc, { kind: 'move', path: [...path, from], to });
        const expected = clone(doc.parsed.value);
        const list = at(expected, path) as unknown[];
        const [item] = list.splice(from, 1);
        list.splice(to, 0, item);
        expect(after.value).toEqual(expected);
        // Moved, not rewritten: the same characters in another order (at the end of a text without
        // final newline, the blank lines before a moved last item go).
        const chars = (t: string) => [...t.replace(/\s+/g, '')].sort().join('');
        expect(chars(out)).toBe(chars(doc.text));
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('rename a key: the same value under the new name, in the same place', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), keyNames, (di, ei, to) => {
        const doc = pick(withEntries, di);
        const keyPaths = doc.entries.filter((p) => typeof p[p.length - 1] === 'string');
        if (!keyPaths.length) return;
        const path = pick(keyPaths, ei);
        const parentPath = path.slice(0, -1);
        const siblings = Object.keys(at(doc.parsed.value, parentPath) as object);
        if (siblings.includes(to)) return;
        const { plan, out, after } = applyPlan(doc, { kind: 'renameKey', path, to });
        const renamed = Object.fromEntries(Object.entries(at(doc.parsed.value, parentPath) as object).map(([k, v]) => [k === path[path.length - 1] ? to : k, v]));
        expect(at(after.value, parentPath)).toEqual(renamed);
        expect(Object.keys(at(after.value, parentPath) as object)).toEqual(Object.keys(renamed));
        const [from, end] = touched(plan.edits);
        expectOnlyChanged(doc.text, out, from, end);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('throws only EditError, never a crash, for intents at random paths', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('set', 'delete', 'insert', 'move', 'renameKey'), fc.array(fc.oneof(fc.nat({ max: 3 }), keyNames), { maxLength: 4 }), (di, ei, kind, tail) => {
        const doc = pick(docs, di);
        const base = doc.entries.length ? pick(doc.entries, ei) : [];
        const path = [...base, ...tail];
        const intent = { kind, path, value: 'v', to: kind === 'renameKey' ? 'renamed' : 0 } as EditIntent;
        try {
          applyPlan(doc, intent);
        } catch (e) {
          expect(e).toBeInstanceOf(EditError);
        }
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
