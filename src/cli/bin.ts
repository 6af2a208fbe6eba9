/**
 * The entry point of the built CLI (dist-cli/pipewright.mjs, see scripts/build-cli.mjs).
 * `pipewright lsp` loads the language server's own chunk (lsp/server.ts); every other command
 * goes to runCli without it.
 */
import { runCli } from './main';

const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  const { runLsp } = await import('./lsp/server');
  const status = runLsp(args.slice(1));
  if (status !== undefined) process.exitCode = status;
} else {
  process.exitCode = runCli(args);
}
