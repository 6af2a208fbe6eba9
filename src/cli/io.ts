/**
 * What the CLI's commands read and write through (the terminal and the disk by default; tests
 * give files in memory, see runInMemory.ts), and reading a file as text the way the app does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ProjectFiles } from '../core/contracts/project';
import { decodeFile } from '../core/document/decode';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The files of a config's folder, for checking it against its code (default: read from disk). */
  project?: (dir: string) => ProjectFiles;
  readFile: (path: string) => Uint8Array;
  /** For `lint --fix`; a runner without it cannot fix files in place (--dry-run still works). */
  writeFile?: (path: string, bytes: Uint8Array) => void;
}

export const defaultIO: CliIO = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readFile: (p) => readFileSync(p),
  writeFile: (p, bytes) => writeFileSync(p, bytes),
};

export /** The file's text, or undefined after saying why it cannot be read (also to `unreadable`, when given). */
function readText(file: string, io: CliIO, unreadable?: { file: string; reason: string }[]): string | undefined {
  let bytes: Uint8Array;
  let reason: string;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    reason = `cannot read: ${e instanceof Error ? e.message : String(e)}`;
    io.err(`${file}: ${reason}`);
    unreadable?.push({ file, reason });
    return undefined;
  }
  const decoded = decodeFile(bytes);
  if (!decoded.ok) {
    reason = decoded.reason.replace(/ — the current document is kept\.$/, '.');
    io.err(`${file}: ${reason}`);
    unreadable?.push({ file, reason });
    return undefined;
  }
  return decoded.text;
}
