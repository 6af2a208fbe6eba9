import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Completion } from '../../core/contracts/assist';
import type { LocatedDiagnostic } from '../../core/contracts/diagnostics';
import { completionItemOf, diagnosticOf, documentSymbolOf, offsetOf, snippetToPlain, symbolInformationOf } from './convert';

const doc = (text: string) => TextDocument.create('file:///x/valohai.yaml', 'yaml', 1, text);

const located = (range: [number, number], extra: Partial<LocatedDiagnostic> = {}): LocatedDiagnostic => ({
  severity: 'error',
  message: 'm',
  path: [],
  range,
  source: 'schema',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
  ...extra,
});

describe('convert', () => {
  it('maps severities to 1..4 and keeps the code, with source pipewright', () => {
    const d = doc('a: 1\n');
    expect((['error', 'warning', 'info', 'hint'] as const).map((severity) => diagnosticOf(d, located([0, 1], { severity })).severity)).toEqual([1, 2, 3, 4]);
    expect(diagnosticOf(d, located([0, 1], { code: 'unused-parameter' }))).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      severity: 1,
      source: 'pipewright',
      message: 'm',
      code: 'unused-parameter',
    });
    expect(diagnosticOf(d, located([0, 1]))).not.toHaveProperty('code');
  });

  it('turns offsets into 0-based lines and UTF-16 characters (astral characters count two), CRLF too', () => {
    const text = 'a: "😀"\r\nb: é😀x\n';
    const d = doc(text);
    const x = text.indexOf('x');
    expect(diagnosticOf(d, located([x, x + 1])).range).toEqual({ start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
    expect(offsetOf(d, { line: 1, character: 6 })).toBe(x);
  });

  it('has no offset for positions outside the document; a character past its line is the line end', () => {
    const d = doc('ab\ncd\n');
    expect(d.lineCount).toBe(3);
    expect(offsetOf(d, { line: 3, character: 0 })).toBeUndefined();
    expect(offsetOf(d, { line: -1, character: 0 })).toBeUndefined();
    expect(offsetOf(d, { line: 0, character: -2 })).toBeUndefined();
    expect(offsetOf(d, { line: 0.5, character: 0 })).toBeUndefined();
    expect(offsetOf(d, { line: 0, character: Number.NaN })).toBeUndefined();
    expect(offsetOf(d, undefined)).toBeUndefined();
    expect(offsetOf(d, { line: 0, character: 99 })).toBe(2);
    expect(offsetOf(d, { line: 2, character: 0 })).toBe(6);
  });

  it('makes completion items with a snippet text edit, markdown and the sort text', () => {
    const d = doc('- step:\n    na\n');
    const c: Completion = { label: 'name', kind: 'key', detail: 'string', documentation: '**name**', insertText: 'name: ${1:x}', range: [12, 14], sortText: '0001', filterText: 'name' };
    const support = { snippets: true, completionMarkdown: true, hoverMarkdown: true };
    expect(completionItemOf(d, c, 14, support)).toEqual({
      label: 'name',
      kind: 10,
      detail: 'string',
      documentation: { kind: 'markdown', value: '**name**' },
      textEdit: { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } }, newText: 'name: ${1:x}' },
      insertTextFormat: 2,
      sortText: '0001',
      filterText: 'name',
    });
    // A client without snippets or markdown gets plain text.
    const plain = completionItemOf(d, c, 14, { snippets: false, completionMarkdown: false, hoverMarkdown: false });
    expect(plain).toMatchObject({ insertTextFormat: 1, textEdit: { newText: 'name: x' }, documentation: { kind: 'plaintext', value: '**name**' } });
    // A range that does not hold the cursor (or spans lines) cannot be a text edit's: insert at the cursor.
    expect(completionItemOf(d, { ...c, range: [0, 14] }, 14, support).textEdit).toMatchObject({ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 } } });
  });

  it('nests document symbols, and flattens them with their container for older clients', () => {
    const d = doc('- step:\n    name: train\n    parameters:\n      - name: lr\n');
    const outline = [
      {
        name: 'train',
        detail: 'step',
        kind: 'step' as const,
        range: [2, 60] as [number, number],
        selection: [18, 23] as [number, number],
        children: [{ name: '', kind: 'parameter' as const, range: [52, 60] as [number, number], selection: [58, 60] as [number, number], children: [] }],
      },
    ];
    const [symbol] = outline.map((item) => documentSymbolOf(d, item));
    expect(symbol).toMatchObject({ name: 'train', detail: 'step', kind: 12, selectionRange: { start: { line: 1, character: 10 } }, children: [{ name: ' ', kind: 13 }] });
    expect(symbolInformationOf(d, outline).map((s) => [s.name, s.containerName])).toEqual([
      ['train', undefined],
      [' ', 'train'],
    ]);
  });

  it('reads snippets as the text they insert', () => {
    expect(snippetToPlain('name: ${1:train}$0')).toBe('name: train');
    expect(snippetToPlain('type: ${1|float,integer|}')).toBe('type: float');
    expect(snippetToPlain('- step:\n    name: ${1:my-step}\n    command: ${2:python ${3:train.py}}\n$0')).toBe('- step:\n    name: my-step\n    command: python train.py\n');
    expect(snippetToPlain('\\$HOME \\} \\\\ {parameter:${1:lr}}')).toBe('$HOME } \\ {parameter:lr}');
    expect(snippetToPlain('${TM_SELECTED_TEXT}$1 a$b')).toBe(' a');
    expect(snippetToPlain('cost: $')).toBe('cost: $');
  });
});
