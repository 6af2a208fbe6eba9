import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valohai } from '../dialects/valohai';
import { exampleText } from '../dialects/valohai/example';
import { analyzeParsed } from '../lint';
import type { Path } from '../contracts/path';
import { applyTextEdits } from './textEdits';
import { chunkStarts, IncrementalParser } from './incremental';
import { parseText } from './parse';
import { Document, visit, type Node, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../contracts/document';
import { pathAtOffset, rangeOfPath } from './paths';

const v11 = { version: '1.1', duplicateKeys: 'warning' } as const;
const corpus = resolve(process.cwd(), '../shared/corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

function paths(value: unknown, path: Path = []): Path[] {
  const here = [path];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => paths(v, [...path, i])));
  if (value && typeof value === 'object' && !(value instanceof Date)) return here.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...path, k])));
  return here;
}

const sortDiagnostics = (p: ParsedDocument) =>
  p.diagnostics.map((d) => `${d.range[0]}-${d.range[1]} ${d.severity} ${d.message}`).sort();

/** A parse that says its plain scalars are all on one line must be right about it. */
function expectOneLineClaimTrue(parsed: ParsedDocument) {
  if (!parsed.plainScalarsOnOneLine) return;
  visit(parsed.doc, {
    Scalar(_, node) {
      if (node.type === 'PLAIN' && node.range) expect(parsed.text.slice(node.range[0], node.range[1])).not.toContain('\n');
    },
  });
}

/** The incremental result must be indistinguishable from a full parse for everything we read from it. */
function expectSameAsFull(text: string, parser: IncrementalParser) {
  const got = parser.parse(text);
  const want = parseText(text, v11);
  expectOneLineClaimTrue(got);
  expectOneLineClaimTrue(want);
  expect(got.ok).toBe(want.ok);
  // Every line, for positions anywhere: the incremental line index is patched, not rebuilt.
  expect(got.lineCounter.lineStarts).toEqual(want.lineCounter.lineStarts);
  expect(got.value).toEqual(want.value);
  expect(sortDiagnostics(got)).toEqual(sortDiagnostics(want));
  if (!want.ok) return;
  // The dialect's checks read node ranges and Python types from the joined Document.
  const lint = (p: ParsedDocument) => analyzeParsed(p, valohai).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  expect(lint(got)).toEqual(lint(want));
  for (const p of paths(want.value)) {
    expect(rangeOfPath(got.doc, p, 'value')).toEqual(rangeOfPath(want.doc, p, 'value'));
    expect(rangeOfPath(got.doc, p, 'key')).toEqual(rangeOfPath(want.doc, p, 'key'));
  }
  for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 41))) {
    expect(pathAtOffset(got.doc, offset)).toEqual(pathAtOffset(want.doc, offset));
  }
  for (const offset of [0, Math.floor(text.length / 2), text.length]) {
    expect(got.lineCounter.linePos(offset)).toEqual(want.lineCounter.linePos(offset));
  }
}

/** Random edits to `start` (each an insert from `inserts` at `place(at, text)`), the parse equal to a full one after each. */
function expectEqualThroughEdits(start: string, inserts: string[], place: (at: number, text: string) => number, runs: { numRuns: number; seed?: number; maxEdits: number }) {
  fc.assert(
    fc.property(fc.array(fc.record({ at: fc.nat(), erase: fc.nat({ max: 3 }), insert: fc.constantFrom(...inserts) }), { minLength: 1, maxLength: runs.maxEdits }), (edits) => {
      const parser = new IncrementalParser(v11);
      let text = start;
      expectSameAsFull(text, parser);
      for (const e of edits) {
        const offset = place(e.at, text);
        text = applyTextEdits(text, [{ offset, length: Math.min(e.erase, text.length - offset), insert: e.insert }]);
        expectSameAsFull(text, parser);
      }
    }),
    { numRuns: runs.numRuns, seed: runs.seed },
  );
}

let stepNumber = 0;
const manySteps = Array.from({ length: 12 }, () => exampleText).join('\n').replace(/name: Train model/g, () => `name: train-${stepNumber++}`);

describe('incremental parsing', () => {
  it('says its plain scalars are all on one line when every entry’s are', () => {
    expect(new IncrementalParser(v11).parse(manySteps).plainScalarsOnOneLine).toBe(true);
    const swallowing = manySteps.replace('name: train-3', 'name: train-3\n        - swallowed');
    expect(new IncrementalParser(v11).parse(swallowing).plainScalarsOnOneLine).toBeUndefined();
  });

  it('cuts at column-0 entries only', () => {
    expect(chunkStarts('# c\n- a: 1\n  b: 2\n# d\n- c\n')).toEqual([0, 4, 22]);
  });

  it('gives what a full parse gives on every corpus file', () => {
    const files = yamlFiles(corpus);
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expectSameAsFull(readFileSync(f, 'utf8'), new IncrementalParser(v11));
  });

  it('falls back to a full parse when a typo ends an entry early (the rest would be stray text)', () => {
    // A tab in front of an entry's line closes the entry in a full parse; every entry after it is then an error.
    for (let at = manySteps.indexOf('- name: test-set-labels'); at < manySteps.indexOf('parameters:', manySteps.indexOf('- name: test-set-labels')); at++) {
      const parser = new IncrementalParser(v11);
      parser.parse(manySteps);
      const text = applyTextEdits(manySteps, [{ offset: at, length: 0, insert: '\t' }]);
      expect(sortDiagnostics(parser.parse(text))).toEqual(sortDiagnostics(parseText(text, v11)));
    }
  });

  it('parses again only the entries an edit touches: the others keep their nodes, moved to where they now are', () => {
    const parser = new IncrementalParser(v11);
    const items = (text: string) => (parser.parse(text).doc.contents as YAMLSeq).items as Node[];
    const before = items(manySteps);
    const at = manySteps.indexOf('name: train-3');
    const text = applyTextEdits(manySteps, [{ offset: at, length: 0, insert: '# note\n    ' }]);
    const after = items(text);
    expect(after.length).toBe(before.length);
    const edited = after.findIndex((n) => n.range![0] <= at && at < n.range![1]);
    expect(edited).toBeGreaterThan(0);
    for (let i = 0; i < after.length; i++) expect(after[i] === before[i], `entry ${i}`).toBe(i !== edited);
    expectSameAsFull(text, new IncrementalParser(v11));
    expectSameAsFull(text, parser);
  });

  it('takes back the nodes of entries an edit moves about (two entries swapped), found by their text', () => {
    const parser = new IncrementalParser(v11);
    const items = (text: string) => (parser.parse(text).doc.contents as YAMLSeq).items as Node[];
    const before = items(manySteps);
    const starts = chunkStarts(manySteps);
    const piece = (i: number) => manySteps.slice(starts[i], starts[i + 1]);
    const swapped = manySteps.slice(0, starts[4]) + piece(5) + piece(4) + manySteps.slice(starts[6]);
    const order = items(swapped).map((n) => before.indexOf(n));
    expect(order).not.toContain(-1);
    expect(order).not.toEqual([...order].sort((x, y) => x - y));
    expectSameAsFull(swapped, new IncrementalParser(v11));
    expectSameAsFull(swapped, parser);
  });

  it('keeps entries compact: their collections share one schema, and their nodes write out and edit as a full parse\'s', () => {
    const parsed = new IncrementalParser(v11).parse(manySteps);
    const schemas = new Set<unknown>();
    visit(parsed.doc, { Map: (_, node) => void schemas.add(node.schema), Seq: (_, node) => void schemas.add(node.schema) });
    // The joined root's own (the document's) and the one every entry's collections share.
    expect(schemas.size).toBe(2);
    // Two later steps with parameters, edited through the Document API (a value set, an item added to a list), then written out alone.
    const [a, b] = (parsed.value as { step?: { parameters?: unknown } }[]).flatMap((e, i) => (i > 2 && e.step?.parameters ? [i] : []));
    const edited = (doc: Document) => {
      doc.setIn([a, 'step', 'parameters', 0, 'default'], 7);
      (doc.getIn([b, 'step', 'parameters']) as YAMLSeq).add(doc.createNode({ name: 'extra', type: 'integer', default: 1 }));
      // Without the comment lines above an entry: the incremental parser keeps those beside the entry, not on its node.
      return [a, b].map((i) => new Document(doc.get(i)).toString().replace(/^(#.*\n)*/, ''));
    };
    const want = edited(parseText(manySteps, v11).doc);
    expect(want[0]).toMatch(/default: 7/);
    expect(want[1]).toMatch(/- name: extra\n\s+type: integer/);
    expect(edited(parsed.doc)).toEqual(want);
  });

  it('stays equal to a full parse when an edit joins, splits, repeats or removes entries, or touches a header comment', () => {
    const header = '# header\n\n' + manySteps;
    const second = header.indexOf('\n- ', header.indexOf('- ') + 1) + 1;
    const third = header.indexOf('\n- ', second) + 1;
    const entry = header.slice(second, third);
    const edits: [string, (t: string) => string][] = [
      ['indent an entry into the one above', (t) => t.slice(0, second) + '  ' + t.slice(second)],
      ['split an entry', (t) => t.replace('    image:', '- step:\n    name: split\n    image:')],
      ['repeat an entry twice', (t) => t.slice(0, third) + entry + entry + t.slice(third)],
      ['remove an entry exactly', (t) => t.slice(0, second) + t.slice(third)],
      ['edit one of two equal entries', (t) => t.slice(0, third) + entry.replace('image:', 'image: x\n    imagee:') + t.slice(third)],
      ['drop the header', (t) => t.slice(t.indexOf('- '))],
      ['comment out an entry start', (t) => t.slice(0, second) + '#' + t.slice(second)],
      ['anchor in the middle', (t) => t.replace('image:', 'image: &img')],
      ['nothing', (t) => t],
    ];
    for (const [, edit] of edits) {
      const parser = new IncrementalParser(v11);
      expectSameAsFull(header, parser);
      let text = header;
      // Each edit, then the next on top of it, then back to the start.
      for (const next of [edit(text), edit(edit(text)), header]) {
        text = next;
        expectSameAsFull(text, parser);
      }
    }
  });

  it('stays equal to a full parse of a file with CRLF line ends, through edits that add or break them', () => {
    const crlf = manySteps.replaceAll('\n', '\r\n');
    const second = crlf.indexOf('\r\n- ', crlf.indexOf('- ') + 1) + 2;
    // Half of the edits land in the second entry, the rest anywhere.
    const place = (at: number, text: string) => Math.min(at % 2 === 0 ? second + (at % 200) : at % (text.length + 1), text.length);
    expectEqualThroughEdits(crlf, ['', 'x', ' ', '\r\n', '\n', '\r', '- ', '\r\n- step:\r\n    name: n\r\n', '#', ':', '|\r\n', '  '], place, { numRuns: 30, seed: 19, maxEdits: 6 });
    // Read by the quick reader, entry by entry, to the value its LF twin has.
    const parsed = new IncrementalParser(v11).parse(crlf);
    expect(parsed.plainScalarsOnOneLine).toBe(true);
    expect(parsed.value).toEqual(parseText(manySteps, v11).value);
  }, 60_000);

  it.each([
    // A key given twice in one step.
    ['repeated keys', 'duplicate-key', ['        type: integer\n', '        type: integer\n        type: float\n']],
    // A key that is a list (found by the random edits below, seed 2141769207: the entry kept its finding while another broke).
    ['keys that are lists or mappings', 'collection-key', ['name: train-3\n', 'name: train-3\n    ? [a, b]\n    : c\n']],
  ] as const)('reports no %s while another entry has a syntax error, as a full parse does', (_name, code, [from, to]) => {
    const parser = new IncrementalParser(v11);
    parser.parse(manySteps);
    const found = manySteps.replace(from, to);
    // ... and a typo in another step breaks the text.
    const broken = found.replace('name: train-5', 'name: train-5: x');
    for (const text of [found, broken]) expect(sortDiagnostics(parser.parse(text))).toEqual(sortDiagnostics(parseText(text, v11)));
    expect(parseText(found, v11).diagnostics.some((d) => d.code === code)).toBe(true);
    expect(parseText(broken, v11).ok).toBe(false);
  });

  it('parses the whole text when a quote opened after a value runs to the end of its entry', () => {
    // Found by the random edits below (seed -1119225758): in the whole text the quote goes on into
    // the next entries, so the entry's own reading of it is not the full parse's.
    const text = manySteps.replace('default: "128"', 'default: "1""');
    expect(text).not.toBe(manySteps);
    const parser = new IncrementalParser(v11);
    parser.parse(manySteps);
    expectSameAsFull(text, parser);
    expectSameAsFull(text, new IncrementalParser(v11));
  });

  it('stays equal to a full parse through random edits, reusing entries it has seen', () => {
    const inserts = ['', 'x', ' ', '\n', '- ', '\n- step:\n    name: n\n', '#', ':', '"', "'", '[', '{', '|\n', '\t', 'a: b: c', '&a ', '*a', '\n---\n', '  ', '\nx\n', '? '];
    expectEqualThroughEdits(manySteps, inserts, (at, text) => at % (text.length + 1), { numRuns: 40, maxEdits: 8 });
  }, 60_000);
});
