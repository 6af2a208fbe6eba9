import { describe, expect, it } from 'vitest';
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, visit, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { corpusFiles } from '../schema/corpusFiles';
import { valohai } from '../dialects/valohai';
import { keepNode, keptNodeClasses, moveNode, rangedNodes } from './keptNodes';
import { parseText } from './parse';
import { StringPool } from './stringPool';

/** Every node under `root` with its range, in document order. */
function ranges(root: unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  visit(root as Node, (_key, node) => {
    if (node && !isPair(node)) out.push([isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'other', (node as Node).range && [...(node as Node).range!]]);
  });
  return out;
}

describe('kept nodes', () => {
  it('read as the nodes they replace on every corpus file: ranges, values, text and edits', () => {
    const strings = new StringPool();
    for (const [file, text] of corpusFiles('valohai')) {
      const parsed = parseText(text, valohai.yaml);
      if (parsed.doc.errors.length > 0) continue;
      const want = ranges(parsed.doc.contents).map(([kind, r]) => [kind, r && [...(r as number[])]]);
      const wantText = parsed.doc.toString();
      const wantValue = parsed.doc.toJS();
      const kept = keepNode(parsed.doc.contents, parsed.doc.schema, strings) as Node;
      parsed.doc.contents = kept as typeof parsed.doc.contents;
      expect(ranges(kept), file).toEqual(want);
      expect(parsed.doc.toString(), file).toBe(wantText);
      expect(parsed.doc.toJS(), file).toEqual(wantValue);
      // A clone is a tree of its own: moving the original leaves it where it was.
      const clone = parsed.doc.clone();
      for (const r of rangedNodes(kept)) moveNode(r, 7);
      expect(ranges(clone.contents), file).toEqual(want);
      expect(ranges(kept).map(([kind, r]) => [kind, r && (r as number[]).map((n) => n - 7)]), file).toEqual(want);
      // An edit through the library's own API writes out as it would on the original nodes.
      if (isCollection(kept) && kept.items.length > 0) {
        const original = parseText(text, valohai.yaml).doc;
        original.setIn([0, 'pipewright-test'], 'x');
        parsed.doc.setIn([0, 'pipewright-test'], 'x');
        expect(parsed.doc.toString(), file).toBe(original.toString());
      }
    }
  });

  it('made by the reader itself (parseText with keptNodeClasses): the same ranges, values and text, and kept without a copy', () => {
    let composed = 0;
    for (const [file, text] of corpusFiles('valohai')) {
      const library = parseText(text, valohai.yaml);
      const read = parseText(text, valohai.yaml, keptNodeClasses);
      expect(ranges(read.doc.contents), file).toEqual(ranges(library.doc.contents));
      expect(read.value, file).toEqual(library.value);
      expect(read.diagnostics, file).toEqual(library.diagnostics);
      if (library.doc.errors.length === 0) expect(read.doc.toString(), file).toBe(library.doc.toString());
      const root = read.doc.contents;
      if (!isCollection(root) || root.constructor === YAMLMap || root.constructor === YAMLSeq) continue; // read by the library
      composed++;
      // Its nodes hold their range as numbers, and keeping them replaces none of them.
      expect(Object.getOwnPropertyDescriptor(root, 'range'), file).toBeUndefined();
      const first = root.items[0];
      const kept = keepNode(root, read.doc.schema, new StringPool()) as typeof root;
      expect(kept, file).toBe(root);
      expect(kept.items[0], file).toBe(first);
    }
    expect(composed).toBeGreaterThan(50);
  });

  it('replace only the plain classes: tagged collections keep their class and range array, and still move', () => {
    const source = 'a: !!omap\n  - x: 1\nb: !!set\n  ? y\nc: [1, 2]\nd: plain\n';
    const doc = parseDocument(source, { version: '1.1' });
    const kept = keepNode(doc.contents, doc.schema, new StringPool()) as YAMLMap;
    const [a, b, c, d] = kept.items.map((p) => (p as { value: Node }).value);
    const [omap, set] = (parseDocument(source, { version: '1.1' }).contents as YAMLMap).items.map((p) => (p as { value: Node }).value);
    expect(omap.constructor).not.toBe(YAMLSeq);
    expect(a.constructor).toBe(omap.constructor);
    expect(b.constructor).toBe(set.constructor);
    expect(Object.getOwnPropertyDescriptor(a, 'range')?.value).toEqual(a.range);
    expect(c).toBeInstanceOf(YAMLSeq);
    expect(c.constructor).not.toBe(YAMLSeq);
    expect(d).toBeInstanceOf(Scalar);
    expect(isScalar(d) && d.constructor).not.toBe(Scalar);
    const before = ranges(kept);
    for (const r of rangedNodes(kept)) moveNode(r, 3);
    expect(ranges(kept)).toEqual(before.map(([kind, r]) => [kind, r && (r as number[]).map((n) => n + 3)]));
  });

  it('answer an unset range as undefined and a set one as its three numbers', () => {
    const doc = parseDocument('k: v\n');
    const kept = keepNode(doc.contents, doc.schema, new StringPool()) as YAMLMap;
    const value = (kept.items[0] as { value: Scalar }).value;
    expect(value.range).toEqual([3, 4, 5]);
    value.range = undefined;
    expect(value.range).toBeUndefined();
    moveNode(rangedNodes(value)[0] ?? value, 5);
    expect(value.range).toBeUndefined();
    value.range = [1, 2, 3];
    expect(value.range).toEqual([1, 2, 3]);
  });
});
