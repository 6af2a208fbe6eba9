// Builds the command-line tool (lint, render, effective, lsp…) ahead of time into plain
// JavaScript under dist-cli/, with every library it uses bundled in: `pipewright` then starts
// without compiling TypeScript, and the npm package needs no dependencies at run time.
// The language server is its own chunk, loaded only by `pipewright lsp`.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * How our code is bundled to run in Node (the CLI, the language server, and the benchmark's
 * measures of the core in Node).
 *
 * yaml's Node build reads `process.env.LOG_TOKENS` once for every token it parses (and
 * `LOG_STREAM` for every document), to print them when debugging the library. In Node,
 * `process.env` is not a plain object: each read asks the C++ side for the environment, and at
 * 50,000 lines that was about a third of the parse (for example 390 → 280 ms for the parse of the
 * benchmark's 50,000-line file). Its build for other platforms is the same code without those
 * reads (and warns through console.warn instead of process.emitWarning, a warning we turn off
 * anyway), so that is the one we bundle. The browser gets it already.
 */
export const nodeBundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Bundled CommonJS libraries (the language server's) call require() for Node's own modules.
  banner: { js: "import { createRequire as __pipewrightRequire } from 'node:module'; const require = __pipewrightRequire(import.meta.url);" },
  logLevel: 'warning',
};

export async function buildCli() {
  // Built beside and moved into place, so a CLI running meanwhile never meets half a build, and
  // the last build's chunks (their names carry content hashes) go with it.
  const outdir = `dist-cli.${process.pid}.tmp`;
  await build({
    ...nodeBundleOptions,
    entryPoints: { pipewright: 'src/cli/bin.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    minify: true,
    keepNames: false,
    legalComments: 'linked',
  });
  const final = new URL('../dist-cli', import.meta.url);
  rmSync(final, { recursive: true, force: true });
  renameSync(new URL(`../${outdir}`, import.meta.url), final);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
