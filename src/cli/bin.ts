/**
 * The entry point of the built CLI (dist-cli/pipewright.mjs, see scripts/build-cli.mjs).
 * `pipewright lsp` loads the language server's own chunk (lsp/server.ts) and `pipewright open`
 * the folder server's (open/command.ts); every other command goes to runCli without them.
 */
import { runCliAsync } from './main';
import { dialects } from '../core/dialects';
import { loadValidators } from '../core/lint';

const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  const { runLsp } = await import('./lsp/server');
  await loadValidators(dialects);
  const status = runLsp(args.slice(1));
  if (status !== undefined) process.exitCode = status;
} else if (args[0] === 'open') {
  const { openCommand } = await import('./open/command');
  const started = await openCommand(args.slice(1), { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) });
  if (typeof started === 'number') process.exitCode = started;
  else {
    const stop = () => void started.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} else {
  process.exitCode = await runCliAsync(args);
}
