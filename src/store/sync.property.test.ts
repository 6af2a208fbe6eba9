/**
 * Random interleavings of editor typing and form edits keep every copy of the document equal:
 * the editor's text (a mirror that replays the store's edits as Monaco does), the store's text,
 * the document service's replica, and the values the form shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valohai } from '../core/dialects/valohai';
import { exampleText } from '../core/dialects/valohai/example';
import { applyTextEdits } from '../core/document/textEdits';
import { parseText } from '../core/document/parse';
import type { Path } from '../core/contracts/path';
import { createDocumentStore } from './documentStore';

type Op = { kind: 'type'; at: number; text: string } | { kind: 'erase'; at: number; length: number } | { kind: 'form'; leaf: number; value: string | number | boolean };

function scalarLeaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => scalarLeaves(v, [...path, i]));
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).flatMap(([k, v]) => scalarLeaves(v, [...path, k]));
  return [path];
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('a', ' ', '\n', '#', ': ', '- ', '"', 'x1') }),
  fc.record({ kind: fc.constant('erase' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('form' as const), leaf: fc.nat(), value: fc.oneof(fc.constantFrom('yes', '1e-3', 'a: b', '', 'ünï'), fc.integer(), fc.boolean()) }),
);

describe('editor and form edits stay in sync', () => {
  it('keeps editor text, store text, service replica and form values equal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const store = createDocumentStore({ text: exampleText, fileName: 'valohai.yaml', dialect: valohai });
        let editorText = exampleText;
        // The editor replays changes from elsewhere; its own changes it already has.
        store.subscribe((s, prev) => {
          if (s.version !== prev.version && s.origin !== 'editor') editorText = applyTextEdits(editorText, s.lastEdits);
        });
        for (const o of ops) {
          const { text } = store.getState();
          if (o.kind === 'type') {
            const edit = { offset: o.at % (text.length + 1), length: 0, insert: o.text };
            editorText = applyTextEdits(editorText, [edit]);
            store.getState().applyEdits([edit], 'editor');
          } else if (o.kind === 'erase') {
            if (text.length === 0) continue;
            const offset = o.at % text.length;
            const edit = { offset, length: Math.min(o.length, text.length - offset), insert: '' };
            editorText = applyTextEdits(editorText, [edit]);
            store.getState().applyEdits([edit], 'editor');
          } else {
            const analysis = await store.getState().settled();
            if (!analysis.ok) continue;
            const leaves = scalarLeaves(analysis.value).filter((p) => p.length > 0);
            if (leaves.length === 0) continue;
            const path = leaves[o.leaf % leaves.length];
            await store.getState().applyIntent({ kind: 'set', path, value: o.value }, 'form').catch(() => undefined);
          }
        }
        const final = await store.getState().settled();
        const { text } = store.getState();
        expect(editorText).toBe(text);
        const truth = parseText(text, valohai.yaml);
        expect(final.ok).toBe(truth.ok);
        expect(final.value).toEqual(truth.value);
        // The service's replica answers for the same text: a path it finds points at the same bytes.
        if (truth.ok && Array.isArray(truth.value) && truth.value.length > 0) {
          const range = await store.getState().query({ kind: 'rangeOf', path: [0] });
          const node = truth.doc.get(0, true) as { range: [number, number, number] } | undefined;
          if (node) expect(range).toEqual([node.range[0], node.range[1]]);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
