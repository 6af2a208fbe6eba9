import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll, projectRoot, REGENERATE } from '../schema/generateValidators';
import { validatorTargets } from './validatorTargets';

describe('the generated validators', () => {
  it(`are what the generator writes now (else run \`${REGENERATE}\`)`, async () => {
    const root = projectRoot();
    const files = await generateAll(root, validatorTargets());
    for (const file of files) {
      const path = join(root, file.path);
      const written = existsSync(path) ? readFileSync(path, 'utf8') : '(missing)';
      expect(written === file.text, `${file.path} is stale: run \`${REGENERATE}\``).toBe(true);
    }
    // One per dialect folder with a schema, and no other generated file among the dialects.
    const dir = join(root, 'src/core/dialects');
    const onDisk = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.generated.ts')).map((f) => `src/core/dialects/${f.split('\\').join('/')}`);
    expect(onDisk.sort()).toEqual(files.map((f) => f.path).sort());
  });

  it('embed no copy of a schema and evaluate no strings', async () => {
    for (const file of await generateAll(projectRoot(), validatorTargets())) {
      expect(file.text).not.toMatch(/^const schema\d+ = [{[]/m);
      expect(file.text).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    }
  });
});
