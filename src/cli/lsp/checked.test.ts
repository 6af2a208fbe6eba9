import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDialect } from '../../core/dialects';
import { analyze } from '../../core/lint';
import { syntheticDocument } from '../../../bench/synthetic';
import { CheckedDocument, MAX_CHECKED_LENGTH, refusal } from './checked';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const read = (p: string) => readFileSync(resolve(CORPUS, p), 'utf8');

describe('CheckedDocument', () => {
  it('finds what the app finds: the core analysis of the detected dialect', () => {
    for (const [name, path] of [
      ['valohai.yaml', 'valohai/examples/example1.yaml'],
      ['valohai.yaml', 'valohai/tests/error_examples/invalid-YAML-indentation.yaml'],
      ['const.yaml', 'determined/examples/tutorials/mnist_pytorch/const.yaml'],
      ['config.yaml', 'emloop/examples/emloop-examples/mnist_convnet/config.yaml'],
    ]) {
      const text = read(path);
      const doc = new CheckedDocument(name);
      doc.update(text, 1);
      expect(doc.view()).toMatchObject({ kind: 'checked', dialect: { id: detectDialect(name, text).id } });
      expect(doc.diagnostics(), path).toEqual(analyze(text, detectDialect(name, text)).diagnostics);
    }
  });

  it('keeps its parser warm through edits and answers each version as a fresh analysis would', () => {
    let text = syntheticDocument(400);
    const doc = new CheckedDocument('valohai.yaml');
    doc.update(text, 1);
    expect(doc.diagnostics()).toEqual([]);
    const edits: [string, string][] = [
      ['image: tensorflow', 'imgae: tensorflow'],
      ['default: 0.001', 'default: [0.001'],
      ['default: [0.001', 'default: 0.001'],
      ['    name: step-3\n', '    name: step-2\n'],
    ];
    let version = 1;
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      doc.update(text, ++version);
      expect(doc.analysed).toBe(false);
      expect(doc.diagnostics()).toEqual(analyze(text, detectDialect('valohai.yaml', text)).diagnostics);
      expect(doc.analysed).toBe(true);
      expect(doc.textVersion).toBe(version);
    }
  });

  it('follows a change of dialect with new parsers', () => {
    const doc = new CheckedDocument('untitled.yaml');
    doc.update('- step:\n    name: a\n    image: x\n    command: date\n', 1);
    expect(doc.view()).toMatchObject({ kind: 'checked', dialect: { id: 'valohai' } });
    doc.update('dataset:\n  class: a.B\nmodel:\n  class: c.D\n  inputs: [x]\n  outputs: [y]\n', 2);
    expect(doc.view()).toMatchObject({ kind: 'checked', dialect: { id: 'emloop' } });
    doc.update('just: some yaml\n', 3);
    expect(doc.view()).toEqual({ kind: 'ignored' });
    expect(doc.diagnostics()).toEqual([]);
  });

  it('refuses huge and binary texts with one finding saying why', () => {
    expect(refusal('- step:\n    name: a\n')).toBeUndefined();
    // A few control characters in a text file are YAML's business (it reports them), not binary.
    expect(refusal('a: "\u0007"\n'.padEnd(500, ' '))).toBeUndefined();
    expect(refusal('a: \u0000\n')).toEqual({ severity: 'error', reason: 'This looks like a binary file, not YAML text (it contains NUL bytes).' });
    expect(refusal('\u0001\u0002\u0003\u0004'.repeat(50))?.reason).toMatch(/full of control characters/);
    const huge = 'a'.repeat(MAX_CHECKED_LENGTH + 1);
    expect(refusal(huge)).toMatchObject({ severity: 'warning', reason: expect.stringMatching(/^This file is too large to check as you type \(2\.0 MB; at most 2\.0 MB\)/) });

    const doc = new CheckedDocument('valohai.yaml');
    doc.update('- step:\n' + '    name: a\n'.repeat(MAX_CHECKED_LENGTH / 12 + 1), 1);
    expect(doc.view()).toMatchObject({ kind: 'refused', dialect: { id: 'valohai' }, severity: 'warning' });
    expect(doc.diagnostics()).toMatchObject([{ severity: 'warning', range: [0, 0], message: expect.stringMatching(/too large/) }]);
    // Not ours at all: nothing to say, however large.
    const other = new CheckedDocument('data.yaml');
    other.update('rows:\n' + '  - 1\n'.repeat(MAX_CHECKED_LENGTH / 6 + 1), 1);
    expect(other.view()).toEqual({ kind: 'ignored' });
  });
});
