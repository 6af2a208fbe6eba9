// Builds the command-line tool (lint, render, effective, lsp…) ahead of time into plain
// JavaScript under dist-cli/, with every library it uses bundled in: `pipewright` then starts
// without compiling TypeScript, and the npm package needs no dependencies at run time.
// The language server is its own chunk, loaded only by `pipewright lsp`.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  // Built beside and moved into place, so a CLI running meanwhile never meets half a build, and
  // the last build's chunks (their names carry content hashes) go with it.
  const outdir = `dist-cli.${process.pid}.tmp`;
  await build({
    absWorkingDir: root,
    entryPoints: { pipewright: 'src/cli/bin.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: false,
    legalComments: 'linked',
    logLevel: 'warning',
    // Bundled CommonJS libraries (the language server's) call require() for Node's own modules.
    banner: { js: "import { createRequire as __pipewrightRequire } from 'node:module'; const require = __pipewrightRequire(import.meta.url);" },
  });
  const final = new URL('../dist-cli', import.meta.url);
  rmSync(final, { recursive: true, force: true });
  renameSync(new URL(`../${outdir}`, import.meta.url), final);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
