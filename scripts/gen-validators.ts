/**
 * Writes the build-time validators (`src/core/dialects/<id>/validator.generated.ts`, build output
 * that git ignores) — see src/core/schema/generateValidators.ts. Run: `npm run gen:validators`
 * (npm runs it on install and before test, build, start, dev and bench).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dialectsDir = join(root, 'src/core/dialects');

// A dialect imports its generated validator, and the generator imports the dialects: a dialect
// whose validator is missing (a new one) starts from an empty module, replaced below.
for (const id of readdirSync(dialectsDir)) {
  const out = join(dialectsDir, id, 'validator.generated.ts');
  if (existsSync(join(dialectsDir, id, 'schema.json')) && !existsSync(out)) {
    writeFileSync(out, '// @ts-nocheck\nexport const validate = undefined;\nexport default validate;\n');
  }
}

const { generateAll } = await import('../src/core/schema/generateValidators.ts');
const { validatorTargets } = await import('../src/core/dialects/validatorTargets.ts');
for (const file of await generateAll(root, validatorTargets())) {
  const path = join(root, file.path);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before === file.text) continue;
  writeFileSync(path, file.text);
  console.log(`wrote ${file.path} (${file.text.length} characters)`);
}
