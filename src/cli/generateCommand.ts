/**
 * `pipewright generate step SCRIPT [--name NAME] [--image IMAGE]`: a complete valohai.yaml step
 * read from a Python script's command line (argparse, click, valohai-utils), printed as YAML to
 * paste under the file's other items — the same step as "New step from script" in the app.
 */
import { generateStep } from '../core/dialects/valohai/project';
import { readText, type CliIO } from './io';

export function generateCommand(args: string[], io: CliIO, usage: string): number {
  const [what, ...rest] = args;
  if (what !== 'step') {
    io.err(`${what ? `Unknown thing to generate "${what}"` : 'Say what to generate'}: pipewright generate step SCRIPT [--name NAME] [--image IMAGE]\n\n${usage}`);
    return 2;
  }
  let script: string | undefined;
  const options: { name?: string; image?: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const named = /^--(name|image)(?:=(.*))?$/.exec(a);
    if (named) {
      const value = named[2] ?? rest[++i];
      if (value === undefined || value === '') {
        io.err(`--${named[1]} needs a value`);
        return 2;
      }
      options[named[1] as 'name' | 'image'] = value;
    } else if (a.startsWith('-')) {
      io.err(`Unknown option ${a}\n\n${usage}`);
      return 2;
    } else if (script === undefined) script = a;
    else {
      io.err(`One script at a time (got ${script} and ${a})`);
      return 2;
    }
  }
  if (script === undefined) {
    io.err(`No script given: pipewright generate step SCRIPT [--name NAME] [--image IMAGE]`);
    return 2;
  }
  const source = readText(script, io);
  if (source === undefined) return 2;
  io.out(generateStep({ path: script.replace(/\\/g, '/').replace(/^\.\//, ''), source }, options).replace(/\n$/, ''));
  return 0;
}
