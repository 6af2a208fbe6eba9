// Tests run `bin/pipewright.mjs` as a user would: it runs the built CLI, so build it first (≈1 s).
import { buildCli } from './build-cli.mjs';

export default async function setup() {
  await buildCli();
}
