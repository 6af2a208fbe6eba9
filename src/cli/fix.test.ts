/**
 * `pipewright lint --fix [--dry-run]`: which fixes are applied, in rounds, with the editor's
 * minimal edits — checked on hand-made files, on a made-up dialect whose fixes overlap, and on
 * every corpus file (nothing outside the edits changes, the result reads, no more errors).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TextEdit } from '../core/contracts/change';
import type { Dialect } from '../core/contracts/dialect';
import type { Diagnostic, LocatedDiagnostic } from '../core/contracts/diagnostics';
import { detectDialect } from '../core/dialects';
import { parseText } from '../core/document/parse';
import { analyze, loadValidator } from '../core/lint';
import { corpusFiles } from '../core/schema/corpusFiles';
import { automaticFix, fixText } from './fix';
import { runCli } from './main';
import { basename } from 'node:path';

/** Run the CLI over an in-memory folder that it may write to; `files` is changed in place. */
function run(argv: string[], files: Record<string, string>, options: { noWriter?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const writes: string[] = [];
  const code = runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT: no such file');
      return new TextEncoder().encode(files[p]);
    },
    ...(options.noWriter
      ? {}
      : {
          writeFile: (p: string, bytes: Uint8Array) => {
            writes.push(p);
            files[p] = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
          },
        }),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), writes };
}

const typo = '- step:\n    name: train\n    imgae: python:3.12\n    command: python train.py\n';
const fixed = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';

describe('lint --fix on hand-made files', () => {
  it('renames a misspelt key to the one it nearly is, writes the file, and reports what is left', () => {
    const files = { 'valohai.yaml': typo };
    const r = run(['lint', 'valohai.yaml', '--fix'], files);
    expect(files['valohai.yaml']).toBe(fixed);
    expect(r.writes).toEqual(['valohai.yaml']);
    expect(r.err).toBe('valohai.yaml: fixed 1 problem(s): Rename to "image"\n1 file(s) checked: 0 error(s), 0 other finding(s)');
    expect(r).toMatchObject({ code: 0, out: '' });
  });

  it('keeps CRLF line ends, a byte-order mark and everything else byte for byte', () => {
    const crlf = `\uFEFF# café 🚀\r\n${typo.replace(/\n/g, '\r\n')}`;
    const files = { 'valohai.yaml': crlf };
    run(['lint', 'valohai.yaml', '--fix'], files);
    expect(files['valohai.yaml']).toBe(crlf.replace('imgae', 'image'));
  });

  it('--dry-run prints a unified diff, writes nothing, and exits by what would remain', () => {
    const files = { 'valohai.yaml': typo };
    const r = run(['lint', 'valohai.yaml', '--fix', '--dry-run'], files);
    expect(r.writes).toEqual([]);
    expect(files['valohai.yaml']).toBe(typo);
    expect(r.out).toBe(
      ['--- valohai.yaml', '+++ valohai.yaml', '@@ -1,4 +1,4 @@', ' - step:', '     name: train', '-    imgae: python:3.12', '+    image: python:3.12', '     command: python train.py'].join('\n'),
    );
    expect(r.err).toBe('valohai.yaml: would fix 1 problem(s): Rename to "image"\n1 file(s) checked: 0 error(s), 0 other finding(s) would remain');
    expect(r.code).toBe(0);
  });

  it('writes nothing when nothing changes, and exits 1 while errors remain', () => {
    const files = { 'valohai.yaml': fixed, 'bad.yaml': '- step:\n    name: train\n    image: python:3.12\n    command: [a, {b: 1}]\n' };
    const r = run(['lint', 'valohai.yaml', 'bad.yaml', '--fix'], files);
    expect(r.writes).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^bad\.yaml:4:\d+: error: /m);
  });

  it('one `set -e` for two unchecked setup items: one edit, two problems fixed', () => {
    const text = '- step:\n    name: train\n    image: python:3.12\n    command:\n      - pip install -r requirements.txt\n      - apt-get update\n      - python train.py\n';
    const files = { 'valohai.yaml': text };
    const r = run(['lint', 'valohai.yaml', '--fix'], files);
    expect(files['valohai.yaml']).toBe(text.replace('    command:\n', '    command:\n      - set -e\n'));
    expect(r.err).toMatch(/^valohai\.yaml: fixed 2 problem\(s\): Stop at the first failing item \(set -e\)$/m);
  });

  it('leaves placeholders, nearest values and choices to a person, and says why', () => {
    const missing = '- step:\n    name: train\n    command: python train.py\n';
    const range = '- step:\n    name: test\n    image: busybox\n    command: echo {parameters}\n    parameters:\n      - name: value\n        type: integer\n        min: 1\n        max: 100\n        default: 1337\n';
    const files = { 'a.yaml': missing, 'b.yaml': range };
    const r = run(['lint', 'a.yaml', 'b.yaml', '--fix', '--dialect', 'valohai'], files);
    expect(r.writes).toEqual([]);
    expect(r.err).toMatch(/^a\.yaml:1:3: not fixed: "Add "image"" would write placeholder values for you to fill in$/m);
    expect(r.err).toMatch(/^b\.yaml:10:18: not fixed: "Use 100, the nearest allowed value": either the value or its bounds are wrong, and only you know which$/m);
    expect(r.code).toBe(1);
  });

  it('a runner that cannot write says so and exits 2 (--dry-run still works there)', () => {
    const files = { 'valohai.yaml': typo };
    expect(run(['lint', 'valohai.yaml', '--fix'], files, { noWriter: true })).toMatchObject({ code: 2, err: expect.stringMatching(/^valohai\.yaml: cannot write: this runner cannot write files$/m) });
    expect(run(['lint', 'valohai.yaml', '--fix', '--dry-run'], files, { noWriter: true }).code).toBe(0);
  });

  it('a file that cannot be written is said, not thrown', () => {
    const said: string[] = [];
    const r = runCli(['lint', 'valohai.yaml', '--fix'], {
      out: () => {},
      err: (s) => said.push(s),
      readFile: () => new TextEncoder().encode(typo),
      writeFile: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(r).toBe(2);
    expect(said).toContain('valohai.yaml: cannot write: EACCES: permission denied');
  });

  it('usage: --dry-run needs --fix and prints only a diff', () => {
    expect(run(['lint', 'valohai.yaml', '--dry-run'], { 'valohai.yaml': typo }).code).toBe(2);
    expect(run(['lint', 'valohai.yaml', '--fix', '--dry-run', '--format', 'sarif'], { 'valohai.yaml': typo }).code).toBe(2);
  });

  it('--fix with --format: stdout holds the remaining findings in that format only', () => {
    const files = { 'valohai.yaml': typo.replace('command: python train.py', 'command: python train.py\n    commnd2: x') };
    const r = run(['lint', 'valohai.yaml', '--fix', '--format', 'json'], files);
    expect(JSON.parse(r.out).map((row: { message: string }) => row.message)).toEqual([expect.stringMatching(/commnd2/)]);
  });

  it('two misspelt keys nearest the same key: one is renamed, the other left (both would make a duplicate key)', () => {
    const files = { 'valohai.yaml': `${typo}    imgae2: x\n` };
    const r = run(['lint', 'valohai.yaml', '--fix'], files);
    expect(files['valohai.yaml']).toBe(`${fixed}    imgae2: x\n`);
    expect(r.err).toMatch(/^valohai\.yaml: fixed 1 problem\(s\): Rename to "image"$/m);
    expect(r.out).toMatch(/^valohai\.yaml:5:5: error: Unknown key "imgae2"/m);
    expect(r.code).toBe(1);
  });
});

describe('automaticFix', () => {
  const base: LocatedDiagnostic = { severity: 'error', message: 'm', path: [], range: [0, 1], source: 'schema', line: 1, column: 1, endLine: 1, endColumn: 2 };
  const fix = (title: string) => ({ title, edits: [{ offset: 0, length: 1, insert: 'x' }] });
  it('takes the one fix, and only when it decides nothing the author must', () => {
    expect(automaticFix({ ...base, fixes: [fix('Rename to "image"')] })).toEqual({ fix: fix('Rename to "image"') });
    expect(automaticFix(base)).toBeUndefined();
    expect(automaticFix({ ...base, fixes: [fix('A'), fix('B')] })).toEqual({ reason: 'it offers 2 fixes (A / B): choose one in the editor' });
    expect(automaticFix({ ...base, source: 'lint', code: 'lookalike', fixes: [fix('Quote it: "yes"')] })).toHaveProperty('reason');
    expect(automaticFix({ ...base, fixes: [fix('Add "image"')] })).toHaveProperty('reason');
    expect(automaticFix({ ...base, source: 'lint', fixes: [fix('Add the space: a: b')] })).toHaveProperty('fix');
    expect(automaticFix({ ...base, source: 'lint', fixes: [fix('Use 100, the nearest allowed value')] })).toHaveProperty('reason');
  });
});

/**
 * A made-up dialect for the rounds: every `aa` is a finding whose fix writes `a` there, and every
 * `bad` one whose fix writes `worse` — an error of its own (a `worse` is an error without a fix).
 */
function toyDialect(): Dialect {
  const rules = (parsed: { text: string }): Diagnostic[] => {
    const found: Diagnostic[] = [];
    for (let i = parsed.text.indexOf('aa'); i >= 0; i = parsed.text.indexOf('aa', i + 1)) {
      found.push({ severity: 'warning', message: `aa at ${i}`, path: [], range: [i, i + 2], source: 'lint', fixes: [{ title: 'Write a', edits: [{ offset: i, length: 2, insert: 'a' }] }] });
    }
    for (const m of parsed.text.matchAll(/bad/g)) {
      found.push({ severity: 'warning', message: 'bad', path: [], range: [m.index, m.index + 3], source: 'lint', fixes: [{ title: 'Write worse', edits: [{ offset: m.index, length: 3, insert: 'worse' }] }] });
    }
    for (const m of parsed.text.matchAll(/worse/g)) found.push({ severity: 'error', message: 'worse', path: [], range: [m.index, m.index + 5], source: 'lint' });
    return found;
  };
  return {
    id: 'toy',
    label: 'Toy',
    defaultFileName: 'toy.yaml',
    yaml: { version: '1.2', duplicateKeys: 'error' },
    schema: {},
    loadValidator: async () => Object.assign(() => true, { errors: null }),
    detect: () => 0,
    rules,
    example: { fileName: 'toy.yaml', text: 'a' },
  };
}

const toy = toyDialect();
beforeAll(() => loadValidator(toy));

/** `after` is `before` with exactly `edits` (offsets into `before`) applied, and nothing else changed. */
function expectOnlyEdits(before: string, after: string, edits: TextEdit[]) {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let b = 0;
  let a = 0;
  for (const e of sorted) {
    expect(e.offset).toBeGreaterThanOrEqual(b);
    const kept = before.slice(b, e.offset);
    expect(after.slice(a, a + kept.length)).toBe(kept);
    a += kept.length;
    expect(after.slice(a, a + e.insert.length)).toBe(e.insert);
    a += e.insert.length;
    b = e.offset + e.length;
  }
  expect(after.slice(a)).toBe(before.slice(b));
}

describe('fixText rounds', () => {
  it('applies fixes whose edits do not touch, analyses again, and goes on until nothing is left', () => {
    const outcome = fixText('aaaa', toy);
    // Round 1: the findings at 0, 1 and 2 overlap or meet: only the first is applied; and so on.
    expect(outcome.rounds.map((r) => r.before)).toEqual(['aaaa', 'aaa', 'aa']);
    expect(outcome.rounds.map((r) => r.edits)).toEqual([[{ offset: 0, length: 2, insert: 'a' }], [{ offset: 0, length: 2, insert: 'a' }], [{ offset: 0, length: 2, insert: 'a' }]]);
    expect(outcome.text).toBe('a');
    expect(outcome.applied).toEqual([{ title: 'Write a', problems: 3 }]);
    expect(outcome.left).toEqual([]);
  });

  it('applies fixes that do not touch in the same round; stops after the last round and says what is still to do', () => {
    const outcome = fixText('aaaaa', toy, 1);
    expect(outcome.rounds.map((r) => r.edits)).toEqual([[{ offset: 0, length: 2, insert: 'a' }, { offset: 3, length: 2, insert: 'a' }]]);
    expect(outcome.text).toBe('aaa');
    expect(outcome.left.map((l) => l.reason)).toEqual(['"Write a" is still to do after 1 rounds: run --fix again', '"Write a" is still to do after 1 rounds: run --fix again']);
  });

  it('never applies a fix that leaves more errors, and applies the others', () => {
    const outcome = fixText('aa bad', toy);
    expect(outcome.text).toBe('a bad');
    expect(outcome.left.map((l) => [l.diagnostic.message, l.reason])).toEqual([['bad', '"Write worse" would add a problem of its own (or leave the file unreadable)']]);
  });
});

describe('lint --fix over the whole corpus', () => {
  const platforms = ['valohai', 'determined', 'emloop'];
  const excluded = /^Add |the nearest allowed value$/;
  for (const platform of platforms) {
    it(`${platform}: only the edits change, the result reads, it has no more errors, and the CLI writes just that`, () => {
      const titles = new Set<string>();
      let changed = 0;
      for (const [name, text] of corpusFiles(platform)) {
        const dialect = detectDialect(basename(name), text);
        const outcome = fixText(text, dialect);
        // Round by round, the text is the one before with the round's edits and nothing else.
        let current = text;
        for (const round of outcome.rounds) {
          expect(round.before, name).toBe(current);
          const next = round === outcome.rounds[outcome.rounds.length - 1] ? outcome.text : outcome.rounds[outcome.rounds.indexOf(round) + 1].before;
          expectOnlyEdits(round.before, next, round.edits);
          current = next;
        }
        expect(current, name).toBe(outcome.text);
        const before = analyze(text, dialect);
        const after = analyze(outcome.text, dialect);
        if (before.parsed.ok) expect(parseText(outcome.text, dialect.yaml).ok, name).toBe(true);
        expect(after.diagnostics.filter((d) => d.severity === 'error').length, name).toBeLessThanOrEqual(before.diagnostics.filter((d) => d.severity === 'error').length);
        for (const a of outcome.applied) {
          expect(a.title, name).not.toMatch(excluded);
          titles.add(a.title);
        }
        // The CLI writes exactly this text, and only when it changed.
        const files = { [name]: text };
        const r = run(['lint', name, '--fix'], files);
        expect(files[name], name).toBe(outcome.text);
        expect(r.writes, name).toEqual(outcome.text === text ? [] : [name]);
        if (outcome.text !== text) changed++;
      }
      if (platform === 'valohai') {
        expect(changed).toBeGreaterThan(5);
        expect([...titles]).toEqual(expect.arrayContaining(['Stop at the first failing item (set -e)', 'Quote it: "yes"', 'Quote it: "8"']));
      }
      if (platform === 'emloop') expect([...titles]).toEqual(expect.arrayContaining(['Move it to eval.predict', 'Write the variables as a list']));
    }, 120_000);
  }
});
