/**
 * Parity with the reference linter on its own corpus: valid files are clean, every error file
 * gets an error on the node the reference names, every warning file gets exactly the
 * reference's warnings (texts from its snapshot).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locatePath, rangeOfPath } from '../../document/paths';
import { analyze } from '../../lint';
import type { Path } from '../../contracts/path';
import { valohai } from './index';
import { UNCHECKED_SETUP } from './commandItems';
import { UNUSED_PARAMETER } from './parameterPlaceholders';

const CORPUS = [resolve(process.cwd(), '../shared/corpus/valohai'), fileURLToPath(new URL('../../../../../shared/corpus/valohai', import.meta.url))].find(
  (dir) => existsSync(dir),
)!;

const read = (dir: string, file: string) => readFileSync(resolve(CORPUS, dir, file), 'utf8');
const files = (dir: string) => readdirSync(resolve(CORPUS, dir)).filter((f) => f.endsWith('.yaml'));

interface Expected {
  /** Messages of errors the reference finds beyond the schema (exact texts). */
  lintErrors: string[];
  /** Instance paths of the reference's schema errors, e.g. `0.step.image`. */
  schemaPaths: { path: Path; keyword: string }[];
  yamlLine?: number;
  warnings: string[];
}

/** Read the reference's expected output per file out of the syrupy snapshot. */
function readSnapshot(): Map<string, Expected> {
  const text = read('tests/__snapshots__', 'test_validation.ambr');
  const out = new Map<string, Expected>();
  for (const block of text.split('# ---')) {
    const name = /# name: \w+\[(.+?)\]/.exec(block)?.[1];
    if (!name) continue;
    const expected: Expected = { lintErrors: [], schemaPaths: [], warnings: [] };
    for (const raw of block.split('\n')) {
      const line = raw.replace(/^ {2}/, '');
      if (line.startsWith('warning: ')) expected.warnings.push(line.slice('warning: '.length));
      if (!line.startsWith('error: ')) continue;
      const message = line.slice('error: '.length);
      const yaml = /^Indentation Error at line (\d+)/.exec(message);
      const schema = /^ {2}(\w+) validation on .*\(([^()]*)\)$/.exec(message);
      if (yaml) expected.yamlLine = Number(yaml[1]);
      else if (schema) {
        const path = schema[2] === '' ? [] : schema[2].split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
        expected.schemaPaths.push({ path, keyword: schema[1] });
      } else expected.lintErrors.push(message);
    }
    out.set(name, expected);
  }
  return out;
}

const snapshot = readSnapshot();

describe('valid corpus files lint clean', () => {
  for (const dir of ['examples', 'tests/valid_examples']) {
    for (const file of files(dir)) {
      it(`${dir}/${file}`, () => {
        // Our hint that an early setup item's failure goes unnoticed is not the platform's lint, and
        // it is real in these files (the items run as one script; only the last one's status counts):
        // commandItems.test.ts lists where it is. Likewise our hint at parameters that no command
        // passes (e.g. `command: date` beside parameters): unusedParameters.test.ts lists where it is.
        const { diagnostics } = analyze(read(dir, file), valohai);
        const own = [UNCHECKED_SETUP, UNUSED_PARAMETER];
        expect(diagnostics.filter((d) => !own.includes(d.code ?? '')).map((d) => `${d.line}: ${d.message}`)).toEqual([]);
      });
    }
  }
});

describe('rules beyond the reference find nothing in the valid corpus files', () => {
  // Agent variables, secrets, input sources, optional defaults: none of them is in these files.
  const OWN = ['agent-variable-typo', 'agent-variable-export', 'default-optional', 'secret-in-file', 'input-source'];
  for (const dir of ['examples', 'tests/valid_examples']) {
    it(`${dir}: ${OWN.join(', ')}`, () => {
      const found = files(dir).flatMap((file) =>
        analyze(read(dir, file), valohai)
          .diagnostics.filter((d) => OWN.includes(d.code ?? ''))
          .map((d) => `${file}:${d.line}: ${d.message}`),
      );
      expect(found).toEqual([]);
    });
  }
});

describe('error corpus files get an error on the node the reference names', () => {
  for (const file of files('tests/error_examples')) {
    it(file, () => {
      const text = read('tests/error_examples', file);
      const { parsed, diagnostics } = analyze(text, valohai);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      const expected = snapshot.get(file)!;
      expect(expected).toBeDefined();

      if (expected.yamlLine !== undefined) {
        expect(errors.some((e) => e.source === 'yaml' && e.line === expected.yamlLine)).toBe(true);
      }
      for (const message of expected.lintErrors) {
        expect(errors.map((e) => e.message)).toContain(message);
      }
      for (const { path, keyword } of expected.schemaPaths) {
        const found = locatePath(parsed.doc, path);
        expect(found.depth).toBe(path.length);
        // The reference's node spans from its key (if any) to the end of its value.
        const start = (found.pair?.key as { range?: number[] } | undefined)?.range?.[0] ?? found.node!.range![0];
        const end = found.node?.range?.[1] ?? start;
        const inside = errors.filter((e) => e.source === 'schema' && e.range[0] >= start && e.range[0] <= end);
        expect(inside.length, `an error within ${path.join('.')}`).toBeGreaterThan(0);
        if (keyword !== 'Anyof') {
          // Not an alternative: we point at exactly the place the reference names.
          const part = keyword === 'Required' ? 'key' : 'value';
          const line = parsed.lineCounter.linePos(rangeOfPath(parsed.doc, path, part)[0]).line;
          expect(inside.map((e) => e.line)).toContain(line);
        }
      }
    });
  }
});

describe('warning corpus files get exactly the reference warnings', () => {
  for (const file of files('tests/warning_examples')) {
    it(file, () => {
      const { diagnostics } = analyze(read('tests/warning_examples', file), valohai);
      const expected = snapshot.get(file)!;
      expect(expected).toBeDefined();
      const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
      expect(warnings.sort()).toEqual([...expected.warnings].sort());
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBe(expected.schemaPaths.length + expected.lintErrors.length);
    });
  }

  it('override-with-extra-fields-warning.yaml is a schema error at the misplaced key', () => {
    const text = read('tests/warning_examples', 'override-with-extra-fields-warning.yaml');
    const { diagnostics } = analyze(text, valohai);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', source: 'schema', line: 18 });
    expect(text.slice(...diagnostics[0].range)).toBe('training-images');
  });
});
