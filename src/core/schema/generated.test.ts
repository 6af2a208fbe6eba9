import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateAll, projectRoot, REGENERATE } from './generateValidators';

describe('the committed generated validators', () => {
  it(`are what the generator writes now (else run \`${REGENERATE}\`)`, async () => {
    const root = projectRoot();
    const files = await generateAll(root);
    for (const file of files) {
      const path = join(root, file.path);
      const committed = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
      expect(committed === file.text, `${file.path} is stale: run \`${REGENERATE}\``).toBe(true);
    }
    expect(readdirSync(join(root, GENERATED_DIR)).sort()).toEqual(files.map((f) => f.path.slice(GENERATED_DIR.length + 1)).sort());
  });

  it('embed no copy of a schema and evaluate no strings', async () => {
    for (const file of await generateAll(projectRoot())) {
      expect(file.text).not.toMatch(/^const schema\d+ = [{[]/m);
      expect(file.text).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    }
  });
});
