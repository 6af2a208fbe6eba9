/**
 * For tests: run the CLI in this process with files given in memory (a path not among them is read
 * from disk when `disk` is set, else it does not exist), collecting what it prints. The files of a
 * config's folder (its project) are the in-memory files in that folder — or, with `disk`, the disk's.
 *
 * Usage: `const { code, out, err } = runInMemory(['lint', 'valohai.yaml'], { 'valohai.yaml': text })`
 */
import { readFileSync } from 'node:fs';
import { runCli } from './main';

export function runInMemory(argv: string[], files: Record<string, string> = {}, options: { disk?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (p in files) return new TextEncoder().encode(files[p]);
      if (options.disk) return readFileSync(p);
      throw new Error('ENOENT: no such file');
    },
    ...(options.disk
      ? {}
      : {
          project: (dir: string) => {
            const prefix = dir === '.' ? '' : `${dir}/`;
            const inDir = Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
            return { list: () => inDir, read: (path: string) => files[prefix + path] };
          },
        }),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
