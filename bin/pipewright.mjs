#!/usr/bin/env node
// Runs the CLI built ahead of time (npm run build:cli → dist-cli/), so it starts at once.
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/pipewright.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('pipewright: the command-line tool is not built in this checkout — run `npm run build:cli` (or `npm run build`) first.\n');
  process.exit(2);
}
await import(built.href);
