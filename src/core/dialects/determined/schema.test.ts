/**
 * Determined's own schema test cases (schemas/test_cases/v0): every valid/invalid expectation of
 * the sanity phase gets the same verdict from our schema. Cases for the completeness phase
 * (after cluster defaults) must at least be sane: we never report `eventuallyRequired` as errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../document/parse';
import { validatorFor } from './schema';

const CORPUS = [resolve(process.cwd(), '../shared/corpus/determined'), fileURLToPath(new URL('../../../../../shared/corpus/determined', import.meta.url))].find(
  (dir) => existsSync(dir),
)!;
const CASES = resolve(CORPUS, 'schema_test_cases/v0');

interface TestCase {
  name: string;
  case: unknown;
  sane_as?: string[];
  sanity_errors?: Record<string, string[]>;
  complete_as?: string[];
  completeness_errors?: Record<string, string[]>;
}

/** `http://determined.ai/schemas/expconf/v0/searcher-random.json` → `searcher-random` (our $defs use the same names). */
const defName = (url: string) => url.split('/').pop()!.replace(/\.json$/, '');
/** Schemas that exist only to test the Go extensions themselves. */
const testOnly = (url: string) => defName(url).startsWith('test-');

interface Expectation {
  file: string;
  name: string;
  def: string;
  valid: boolean;
  value: unknown;
}

function expectations(): Expectation[] {
  const out: Expectation[] = [];
  for (const file of readdirSync(CASES).filter((f) => f.endsWith('.yaml'))) {
    const parsed = parseText(readFileSync(resolve(CASES, file), 'utf8'), { version: '1.1', duplicateKeys: 'error' });
    for (const c of parsed.value as TestCase[]) {
      const add = (urls: string[], valid: boolean) => {
        for (const url of urls.filter((u) => !testOnly(u))) out.push({ file, name: c.name, def: defName(url), valid, value: c.case ?? null });
      };
      add(c.sane_as ?? [], true);
      add(Object.keys(c.sanity_errors ?? {}), false);
      // Complete implies sane; incomplete configs are still sane (completeness is hint-only here).
      add([...(c.complete_as ?? []), ...Object.keys(c.completeness_errors ?? {})], true);
    }
  }
  return out;
}

const all = expectations();

describe('Determined schema test cases', () => {
  it('reads every expectation', () => {
    expect(all.length).toBe(177);
    expect(all.filter((e) => !e.valid).length).toBe(39);
  });
  for (const e of all) {
    it(`${e.file}: ${e.name} is ${e.valid ? 'valid' : 'invalid'} as ${e.def}`, async () => {
      const validate = await validatorFor(e.def);
      const ok = validate(e.value);
      expect(ok ? [] : validate.errors?.map((x) => `${x.instancePath} ${x.message}`), e.name).toEqual(e.valid ? [] : expect.arrayContaining([expect.any(String)]));
    });
  }
});
