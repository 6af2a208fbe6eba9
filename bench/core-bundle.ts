import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain .mjs build script without types.
import { nodeBundleOptions } from '../scripts/build-cli.mjs';

export type Core = typeof import('./core');

/** bench/core.ts bundled with the CLI's options into a temporary folder, and loaded. */
export async function loadCore(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-bench-core-'));
  try {
    const outfile = join(dir, 'core.mjs');
    await build({ ...nodeBundleOptions, entryPoints: ['bench/core.ts'], outfile });
    return (await import(pathToFileURL(outfile).href)) as Core;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
