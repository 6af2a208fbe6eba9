/**
 * Writes the build-time validators (src/core/schema/generated/) — see
 * src/core/schema/generateValidators.ts. Run: `npm run gen:validators`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'src/core/schema/generated');
const index = join(dir, 'index.ts');

// Without the generated files the dialects cannot load (validation imports the index): start from an empty one.
if (!existsSync(index)) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(index, 'export const generatedValidators: readonly { schema: unknown; validate: unknown }[] = [];\n');
}

const { generateAll } = await import('../src/core/schema/generateValidators.ts');
for (const file of await generateAll(root)) {
  const path = join(root, file.path);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before === file.text) continue;
  writeFileSync(path, file.text);
  console.log(`wrote ${file.path} (${file.text.length} characters)`);
}
