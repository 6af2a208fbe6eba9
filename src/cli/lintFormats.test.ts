/**
 * `pipewright lint --format text|json|github|sarif|checkstyle`: each format says what --json says,
 * for several files and for files that cannot be read; SARIF validates against the official
 * SARIF 2.1.0 schema (testdata/, see its README), checkstyle XML parses and gives back every
 * message, GitHub workflow commands are escaped as the runner unescapes them.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { detectDialect } from '../core/dialects';
import { parseText } from '../core/document/parse';
import { applyTextEdits } from '../core/document/textEdits';
import { analyze } from '../core/lint';
import { corpusFiles } from '../core/schema/corpusFiles';
import type { LocatedDiagnostic } from '../core/contracts/diagnostics';
import { artifactUri, escapeGithubData, escapeGithubProperty, formatReports, ruleDescription, xmlAttribute } from './lintFormats';
import { runInMemory } from './runInMemory';

const run = (argv: string[], files: Record<string, string> = {}) => runInMemory(argv, files);

const typo = '- step:\n    name: train\n    imgae: python:3.12\n    command: python train.py\n';
const good = '- step:\n    name: train\n    image: python:3.12\n    command: python train.py\n';
/** A warning (the step named twice), an error (image is not text), a hint (a parameter no command passes), a warning (its default). */
const mixed = `- step:
    name: train
    image: busybox
    command: date
- step:
    name: train
    image: true
    command: python train.py
    parameters:
      - name: lr
        default: 0.1
`;

interface Row {
  file: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const jsonRows = (argv: string[], files: Record<string, string>): Row[] => JSON.parse(run([...argv, '--json'], files).out);

// ---------------------------------------------------------------------------------------------
// The official SARIF 2.1.0 schema (draft-04, which ajv no longer bundles: its keywords here mean
// the same under draft-07, so it is compiled without its $schema/id). Formats are checked with
// small checks of our own rather than ajv-formats (not a dependency).

const sarifSchema = JSON.parse(readFileSync(resolve(__dirname, 'testdata/sarif-schema-2.1.0.json'), 'utf8'));
const { $schema: _draft, id: _id, ...sarifBody } = sarifSchema;
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const sarifAjv = new Ajv({ strict: false, allErrors: true });
sarifAjv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
sarifAjv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
sarifAjv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validateSarif = sarifAjv.compile(sarifBody);

function expectValidSarif(log: unknown) {
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[];
}

/** Apply a SARIF fix's replacements to `text` as a consumer would: offsets in UTF-16 code units, from the end. */
function applySarifFix(text: string, fix: NonNullable<SarifResult['fixes']>[number]): string {
  const replacements = fix.artifactChanges.flatMap((c) => c.replacements).sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.deletedRegion.charOffset) + r.insertedContent.text + out.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small reader for the checkstyle XML we write: it accepts only well-formed markup of this shape.

function decodeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!));
}

const ATTR_VALUE = '"((?:[^"<&]|&(?:amp|lt|gt|quot|apos|#\\d+);)*)"';

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const rest = tag.replace(new RegExp(`\\s(\\w+)=${ATTR_VALUE}`, 'g'), (_, name: string, value: string) => {
    out[name] = decodeXml(value);
    return '';
  });
  expect(rest, `stray text in ${tag}`).toMatch(/^<\w+\/?>$/);
  return out;
}

function parseCheckstyle(xml: string): { name: string; errors: Record<string, string>[] }[] {
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  const lines = xml.split('\n');
  expect(lines[0]).toBe('<?xml version="1.0" encoding="UTF-8"?>');
  expect(lines[1]).toBe('<checkstyle version="4.3">');
  expect(lines[lines.length - 1]).toBe('</checkstyle>');
  const files: { name: string; errors: Record<string, string>[] }[] = [];
  let open: { name: string; errors: Record<string, string>[] } | undefined;
  for (const line of lines.slice(2, -1)) {
    const empty = new RegExp(`^  (<file name=${ATTR_VALUE}/>)$`).exec(line);
    const start = new RegExp(`^  (<file name=${ATTR_VALUE}>)$`).exec(line);
    const error = /^ {4}(<error [^>]*\/>)$/.exec(line);
    if (empty && !open) files.push({ name: attributes(empty[1].replace('/>', '>')).name, errors: [] });
    else if (start && !open) open = { name: attributes(start[1]).name, errors: [] };
    else if (error && open) open.errors.push(attributes(error[1].replace(/^<error/, '<error').replace(/\/>$/, '>')));
    else if (line === '  </file>' && open) {
      files.push(open);
      open = undefined;
    } else throw new Error(`not checkstyle as we write it: ${JSON.stringify(line)}`);
  }
  expect(open).toBeUndefined();
  return files;
}

// ---------------------------------------------------------------------------------------------

describe('--format text and json', () => {
  it('text is the default and --json is --format json', () => {
    const files = { 'valohai.yaml': mixed, 'b/valohai.yaml': good };
    expect(run(['lint', 'valohai.yaml', 'b/valohai.yaml', '--format', 'text'], files)).toEqual(run(['lint', 'valohai.yaml', 'b/valohai.yaml'], files));
    expect(run(['lint', 'valohai.yaml', '--format=json'], files)).toEqual(run(['lint', 'valohai.yaml', '--json'], files));
    expect(jsonRows(['lint', 'valohai.yaml'], files).map((r) => r.severity)).toEqual(['warning', 'error', 'hint', 'warning']);
  });

  it('an unknown or missing format is a usage error naming the formats', () => {
    expect(run(['lint', 'valohai.yaml', '--format', 'xml'], { 'valohai.yaml': good })).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown format "xml"; formats: text, json, github, sarif, checkstyle/) });
    expect(run(['lint', 'valohai.yaml', '--format'], { 'valohai.yaml': good }).code).toBe(2);
  });

  it('--help documents every format, --fix, schema and lsp', () => {
    const help = run(['--help']).out;
    for (const s of ['--format text|json|github|sarif|checkstyle', '--fix [--dry-run]', '--skip-unrecognised', 'pipewright schema --dialect ID', 'pipewright lsp', 'Language Server Protocol server over stdio, for editors']) expect(help).toContain(s);
  });
});

describe('--format github', () => {
  it('escapes as @actions/core does: % CR LF in the message, and : , too in property values', () => {
    expect(escapeGithubData('100% sure\r\nnext: a, b')).toBe('100%25 sure%0D%0Anext: a, b');
    expect(escapeGithubProperty('dir,x/a:b.yaml 100%\n')).toBe('dir%2Cx/a%3Ab.yaml 100%25%0A');
  });

  it('one workflow command per finding: error, warning, and notice for info and hint', () => {
    const files = { 'valohai.yaml': mixed };
    const r = run(['lint', 'valohai.yaml', '--format', 'github'], files);
    expect(r.code).toBe(1);
    const rows = jsonRows(['lint', 'valohai.yaml'], files);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(rows.length);
    const kind = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as Record<string, string>;
    lines.forEach((line, i) => {
      const m = /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]*)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
      expect([m![1], unescape(m![2]), Number(m![3]), Number(m![4]), Number(m![5]), Number(m![6]), unescape(m![8])]).toEqual([
        kind[rows[i].severity],
        rows[i].file,
        rows[i].line,
        rows[i].column,
        rows[i].endLine,
        rows[i].endColumn,
        rows[i].message,
      ]);
      expect(unescape(m![7])).toMatch(/^pipewright \S+$/);
    });
    expect(r.err).toMatch(/1 file\(s\) checked: 1 error\(s\), 3 other finding\(s\)/);
  });

  it('a file name with , and : and a message with % and a line break stay one command each', () => {
    const d = { severity: 'warning', message: 'x: 50% done\nthen more', path: [], range: [0, 1], source: 'lint', code: 'demo', line: 2, column: 3, endLine: 2, endColumn: 4 } as LocatedDiagnostic;
    const out = formatReports('github', [{ file: 'a,b/c:d.yaml', text: 'x', diagnostics: [d] }], { unreadable: [] });
    expect(out).toBe('::warning file=a%2Cb/c%3Ad.yaml,line=2,col=3,endLine=2,endColumn=4,title=pipewright demo::x: 50%25 done%0Athen more');
  });
});

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 with one run, rules, levels, regions and the version of package.json', () => {
    const files = { 'valohai.yaml': mixed, 'sub\\dir\\valohai.yaml': typo, 'my file.yaml': good };
    const r = run(['lint', 'valohai.yaml', 'sub\\dir\\valohai.yaml', 'my file.yaml', '--format', 'sarif'], files);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expectValidSarif(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const [runObj] = log.runs;
    expect(runObj.columnKind).toBe('utf16CodeUnits');
    expect(runObj.tool.driver).toMatchObject({ name: 'pipewright', version: packageJson.version });
    const results: SarifResult[] = runObj.results;
    const rows = [...jsonRows(['lint', 'valohai.yaml'], files), ...jsonRows(['lint', 'sub\\dir\\valohai.yaml'], files)];
    expect(results.map((x) => [x.locations[0].physicalLocation.artifactLocation.uri, x.message.text, x.locations[0].physicalLocation.region])).toEqual(
      rows.map((row) => [row.file.replace(/\\/g, '/'), row.message, { startLine: row.line, startColumn: row.column, endLine: row.endLine, endColumn: row.endColumn }]),
    );
    expect(results.map((x) => x.level)).toEqual(['warning', 'error', 'note', 'warning', 'error', 'error']);
    const ids = runObj.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of results) expect(ids[x.ruleIndex]).toBe(x.ruleId);
    for (const rule of runObj.tool.driver.rules) expect(rule.shortDescription.text).toBe(ruleDescription(rule.id));
    expect(ids).toEqual(expect.arrayContaining(['schema', 'unused-parameter']));
    expect(runObj.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('the schema check bites: the official schema refuses a level "hint", a line 0 or a missing message', () => {
    const log = JSON.parse(run(['lint', 'valohai.yaml', '--format', 'sarif'], { 'valohai.yaml': typo }).out);
    expectValidSarif(log);
    const broken = (change: (result: Record<string, any>) => void) => {
      const copy = structuredClone(log);
      change(copy.runs[0].results[0]);
      return validateSarif(copy);
    };
    expect(broken((r) => (r.level = 'hint'))).toBe(false);
    expect(broken((r) => (r.locations[0].physicalLocation.region.startLine = 0))).toBe(false);
    expect(broken((r) => delete r.message)).toBe(false);
    expect(broken((r) => (r.locations[0].physicalLocation.artifactLocation.uri = 'my file.yaml'))).toBe(false);
  });

  it('paths become URI references: forward slashes, encoded segments, absolute paths as file: URIs', () => {
    expect(artifactUri('sub\\dir\\valohai.yaml')).toBe('sub/dir/valohai.yaml');
    expect(artifactUri('my file#1.yaml')).toBe('my%20file%231.yaml');
    expect(artifactUri('/home/me/valohai.yaml')).toBe('file:///home/me/valohai.yaml');
    expect(artifactUri('C:\\work\\valohai.yaml')).toBe('file:///C:/work/valohai.yaml');
  });

  it('quick fixes are replacements at UTF-16 offsets that a consumer can apply', () => {
    // Characters outside the BMP before the fix: a byte or code-point offset would land elsewhere.
    const text = `# 🚀 café ✨\n${typo}`;
    const r = run(['lint', 'valohai.yaml', '--format', 'sarif'], { 'valohai.yaml': text });
    const log = JSON.parse(r.out);
    expectValidSarif(log);
    const withFix = (log.runs[0].results as SarifResult[]).filter((x) => x.fixes);
    expect(withFix.map((x) => x.fixes!.map((f) => f.description.text))).toEqual([['Add "image"'], ['Rename to "image"']]);
    expect(applySarifFix(text, withFix[1].fixes![0])).toBe(`# 🚀 café ✨\n${good}`);
  });

  it('a file starting with a byte-order mark gets no fixes (how consumers count the mark is not settled)', () => {
    const log = JSON.parse(run(['lint', 'valohai.yaml', '--format', 'sarif'], { 'valohai.yaml': `\uFEFF${typo}` }).out);
    expectValidSarif(log);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].results.some((x: SarifResult) => x.fixes)).toBe(false);
  });

  it('every corpus file, all three platforms: valid SARIF, one result per finding, fixes that reproduce the editor\'s', () => {
    for (const platform of ['valohai', 'determined', 'emloop']) {
      const files = Object.fromEntries(corpusFiles(platform));
      const names = Object.keys(files);
      const r = run(['lint', ...names, '--format', 'sarif'], files);
      const log = JSON.parse(r.out);
      expectValidSarif(log);
      const results: SarifResult[] = log.runs[0].results;
      const rows = jsonRows(['lint', ...names], files);
      expect(results.length, platform).toBe(rows.length);
      expect(results.map((x) => x.message.text)).toEqual(rows.map((row) => row.message));
      // Each SARIF fix applied as a consumer would gives the text the editor's own edits give.
      let fixes = 0;
      for (const name of names) {
        for (const x of results.filter((res) => res.locations[0].physicalLocation.artifactLocation.uri === artifactUri(name))) {
          for (const f of x.fixes ?? []) {
            const own = editorFix(name, files[name], x, f.description.text);
            expect(applySarifFix(files[name], f)).toBe(own);
            fixes++;
          }
        }
      }
      if (platform !== 'determined') expect(fixes, platform).toBeGreaterThan(0);
    }
  }, 60_000);
});

/** The text the editor's own edits give for the fix titled `title` of the finding `result` is about. */
function editorFix(file: string, text: string, result: SarifResult, title: string): string {
  const { startLine, startColumn } = result.locations[0].physicalLocation.region;
  const diagnostics = analyze(text, detectDialect(basename(file), text)).diagnostics;
  const d = diagnostics.find((x) => x.message === result.message.text && x.line === startLine && x.column === startColumn)!;
  return applyTextEdits(text, d.fixes!.find((f) => f.title === title)!.edits);
}

describe('--format checkstyle', () => {
  it('escapes the markup characters, keeps tab/LF/CR as references and drops what XML cannot hold', () => {
    expect(xmlAttribute(`a & b < c > "d" 'e'\tf\ng\rh\u0001i\u0000j\uFFFEk\uD800l`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;&#9;f&#10;g&#13;hijkl');
    expect(xmlAttribute('🚀')).toBe('🚀');
  });

  it('parses, lists every file checked, and gives back each message, line, column and severity', () => {
    const files = { 'valohai.yaml': mixed, 'a&b.yaml': good, 'c.yaml': typo };
    const r = run(['lint', 'valohai.yaml', 'a&b.yaml', 'c.yaml', '--format', 'checkstyle'], files);
    expect(r.code).toBe(1);
    const parsed = parseCheckstyle(r.out);
    expect(parsed.map((f) => f.name)).toEqual(['valohai.yaml', 'a&b.yaml', 'c.yaml']);
    const rows = jsonRows(['lint', 'valohai.yaml', 'a&b.yaml', 'c.yaml'], files);
    const severity = { error: 'error', warning: 'warning', info: 'info', hint: 'info' } as Record<string, string>;
    expect(parsed.flatMap((f) => f.errors.map((e) => ({ ...e, file: f.name })))).toEqual(
      rows.map((row) => ({ file: row.file, line: String(row.line), column: String(row.column), severity: severity[row.severity], message: row.message, source: expect.stringMatching(/^pipewright\.\S+$/) })),
    );
  });

  it('round-trips messages with markup, quotes and line breaks', () => {
    const message = `Use <b> & "quotes" 'here'\nand\ttabs`;
    const d = { severity: 'hint', message, path: [], range: [0, 0], source: 'schema', line: 1, column: 1, endLine: 1, endColumn: 1 } as LocatedDiagnostic;
    const parsed = parseCheckstyle(formatReports('checkstyle', [{ file: 'x.yaml', text: '', diagnostics: [d] }], { unreadable: [] }));
    expect(parsed).toEqual([{ name: 'x.yaml', errors: [{ line: '1', column: '1', severity: 'info', message, source: 'pipewright.schema' }] }]);
  });

  it('the corpus messages all come back', () => {
    const files = Object.fromEntries(corpusFiles('valohai'));
    const names = Object.keys(files);
    const parsed = parseCheckstyle(run(['lint', ...names, '--format', 'checkstyle'], files).out);
    expect(parsed.map((f) => f.name)).toEqual(names);
    expect(parsed.flatMap((f) => f.errors.map((e) => e.message))).toEqual(jsonRows(['lint', ...names], files).map((row) => row.message));
  });
});

describe('every format with several files, one of which cannot be read', () => {
  const files = { 'valohai.yaml': typo, 'b.yaml': good };
  for (const format of ['text', 'json', 'github', 'sarif', 'checkstyle']) {
    it(`${format}: the readable files are reported, the unreadable one is said on stderr, exit 2`, () => {
      const r = run(['lint', 'valohai.yaml', 'missing.yaml', 'b.yaml', '--format', format], files);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^missing\.yaml: cannot read: /m);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toContain('valohai.yaml');
      if (format !== 'sarif') expect(r.out).not.toContain('missing.yaml');
      if (format === 'sarif') {
        const log = JSON.parse(r.out);
        expectValidSarif(log);
        expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
        expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^missing\.yaml: cannot read/);
      }
      if (format === 'checkstyle') expect(parseCheckstyle(r.out).map((f) => f.name)).toEqual(['valohai.yaml', 'b.yaml']);
    });
  }
});

describe('the pre-commit hook (.pre-commit-hooks.yaml) and --skip-unrecognised', () => {
  const hooks = parseText(readFileSync(resolve(__dirname, '../../.pre-commit-hooks.yaml'), 'utf8'), { version: '1.2', duplicateKeys: 'error' });
  const [hook] = hooks.value as { id: string; entry: string; language: string; files: string; types: string[] }[];

  it('declares pipewright-lint: node, every YAML file, lint passing over the ones that are not ours', () => {
    expect(hooks.ok).toBe(true);
    expect(hook).toMatchObject({ id: 'pipewright-lint', entry: 'pipewright lint --skip-unrecognised', language: 'node', types: ['yaml'] });
    const files = new RegExp(hook.files);
    for (const name of ['valohai.yaml', 'sub/valohai.yml', 'experiment.yaml', 'config.yml', '.github/workflows/ci.yml']) expect(files.test(name), name).toBe(true);
    for (const name of ['train.py', 'README.md', 'valohai.yaml.bak']) expect(files.test(name), name).toBe(false);
  });

  it('run as the hook runs it: a CI workflow and a compose file pass, a broken valohai.yaml fails', () => {
    const files = {
      '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
      'valohai.yaml': good,
    };
    const argv = [...hook.entry.split(' ').slice(1), ...Object.keys(files)];
    expect(run(argv, files)).toMatchObject({ code: 0, out: '', err: '1 file(s) checked: 0 error(s), 0 other finding(s); 2 other YAML file(s) skipped' });
    expect(run(argv, { ...files, 'valohai.yaml': typo })).toMatchObject({ code: 1, out: expect.stringMatching(/^valohai\.yaml:3:5: error: Unknown key "imgae"/m) });
    // Without the option (or with --dialect) every file is checked as given.
    expect(run(['lint', 'docker-compose.yml'], files).code).toBe(1);
    expect(run(['lint', '--skip-unrecognised', '--dialect', 'valohai', 'docker-compose.yml'], files).code).toBe(1);
  });
});
