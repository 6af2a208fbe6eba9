/**
 * Every renameable name of every real corpus file, renamed to a fresh name and back: the text
 * comes back byte for byte, and the renamed document lints exactly as the original (the same
 * findings, the fresh name read as the old one).
 */
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../contracts/dialect';
import { determined } from '../dialects/determined';
import { emloop } from '../dialects/emloop';
import { valohai } from '../dialects/valohai';
import { parseText } from '../document/parse';
import { applyTextEdits } from '../document/textEdits';
import { corpusFiles } from '../schema/corpusFiles';
import { analyzeParsed } from '../lint';
import { planRename, symbolDefinedAt, usesOfDefinition } from './navigate';
import { located } from './symbols';

/**
 * A name found nowhere in the text with `name`'s shape: its length, its letters' case, its digits,
 * dashes and dots where they were (some findings are about the shape: too long, upper case).
 */
function freshFor(name: string, text: string): string {
  for (const [lo, up] of [['q', 'Q'], ['z', 'Z'], ['j', 'J'], ['k', 'K']]) {
    const fresh = [...name].map((c, i) => (/[a-z]/.test(c) ? (i % 2 ? 'x' : lo) : /[A-Z]/.test(c) ? up : /[0-9]/.test(c) ? '7' : c)).join('');
    if (!text.includes(fresh)) return fresh;
  }
  throw new Error(`no fresh name for ${name}`);
}

function findings(dialect: Dialect, text: string, renamed?: { from: string; to: string }): string[] {
  const parsed = parseText(text, dialect.yaml);
  return analyzeParsed(parsed, dialect)
    .diagnostics.map((d) => `${d.severity} ${d.code ?? ''} ${d.message}`)
    .map((m) => (renamed ? m.replaceAll(renamed.to, renamed.from) : m))
    .sort();
}

const CORPORA: [string, Dialect][] = [
  ['valohai', valohai],
  ['determined', determined],
  ['emloop', emloop],
];

for (const [platform, dialect] of CORPORA) {
  describe(`${platform} corpus: rename every name and back`, () => {
    const files = corpusFiles(platform).filter(([, text]) => parseText(text, dialect.yaml).ok);
    it('has files with names to rename', () => {
      const total = files.reduce((n, [, text]) => n + located(dialect, parseText(text, dialect.yaml)).symbols.length, 0);
      expect(total).toBeGreaterThan(files.length);
    });
    it("counts each name field's uses as its symbol does, on a parse that never built the table", () => {
      let used = 0;
      for (const [file, text] of files) {
        const withTable = parseText(text, dialect.yaml);
        const counting = parseText(text, dialect.yaml);
        for (const symbol of located(dialect, withTable).symbols) {
          for (const use of symbol.uses) {
            if (use.place.in !== 'value') continue;
            const defined = symbolDefinedAt(dialect, withTable, use.place.path);
            const expected = defined ? defined.uses.filter((u) => !u.definition).length : 0;
            expect(usesOfDefinition(dialect, counting, use.place.path), `${file} ${JSON.stringify(use.place.path)}`).toBe(expected);
            if (use.definition && expected > 0) used++;
          }
        }
        expect(usesOfDefinition(dialect, counting, ['no', 'such', 'path'])).toBe(0);
      }
      // valohai's names are values (steps run by pipeline nodes, parameters in commands); Determined's and emloop's are keys.
      if (platform === 'valohai') expect(used, 'some names in the corpus are used elsewhere').toBeGreaterThan(0);
    });
    for (const [file, text] of files) {
      it(file, () => {
        const parsed = parseText(text, dialect.yaml);
        const before = findings(dialect, text);
        for (const symbol of located(dialect, parsed).symbols) {
          const definition = located(dialect, parsed).usesOf(symbol).find((u) => u.use.definition && u.range);
          const fresh = freshFor(symbol.name, text);
          if (!definition || symbol.refuse(fresh)) continue;
          const there = applyTextEdits(text, planRename(dialect, parsed, definition.range![0], fresh).edits);
          const thereParsed = parseText(there, dialect.yaml);
          expect(thereParsed.ok, `${symbol.id} → ${fresh}`).toBe(true);
          expect(findings(dialect, there, { from: symbol.name, to: fresh }), `${symbol.id} lints the same`).toEqual(before);
          const renamed = located(dialect, thereParsed).symbols.filter((s) => s.name === fresh && s.kind === symbol.kind);
          const back = renamed.flatMap((s) => located(dialect, thereParsed).usesOf(s)).find((u) => u.use.definition && u.range);
          expect(back, `${symbol.id}: the fresh name is found again`).toBeDefined();
          expect(applyTextEdits(there, planRename(dialect, thereParsed, back!.range![0], symbol.name).edits), `${symbol.id} and back`).toBe(text);
        }
      });
    }
  });
}
