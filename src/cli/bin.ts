/**
 * The entry point of the built CLI (dist-cli/pipewright.mjs, see scripts/build-cli.mjs).
 */
import { runCli } from './main';

process.exitCode = runCli(process.argv.slice(2));
