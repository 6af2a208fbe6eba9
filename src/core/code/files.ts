/**
 * A project's files indexed once for the questions the checks ask many times: does this file
 * exist, is this a folder, what does it say (read at most once). Paths are relative to the
 * project root with forward slashes; `joinPath` and `normalizePath` keep them that way.
 *
 * Usage:
 *   const index = new FileIndex(files);
 *   index.has('src/train.py'); index.isDir('src'); index.read('src/train.py');
 *   joinPath('src', '../train.py')   // 'train.py'
 */
import type { ProjectFiles } from '../contracts/project';

/** `a/./b/../c` → `a/c`; undefined when it climbs above the root. Leading `./` and `/` are dropped. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** `dir` joined with a relative `path`, normalized; undefined when it climbs above the root. */
export function joinPath(dir: string, path: string): string | undefined {
  return normalizePath(dir ? `${dir}/${path}` : path);
}

/** The folder of a path ('' for a file at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export class FileIndex {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>(['']);
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly project: ProjectFiles) {
    for (const raw of project.list()) {
      const path = normalizePath(raw.replace(/\\/g, '/'));
      if (!path) continue;
      this.files.add(path);
      for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) this.dirs.add(path.slice(0, i));
    }
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** The names of the files directly in a folder ('' = the root). */
  filesIn(dir: string): string[] {
    const prefix = dir ? `${dir}/` : '';
    return [...this.files].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/')).map((f) => f.slice(prefix.length));
  }

  read(path: string): string | undefined {
    if (!this.texts.has(path)) this.texts.set(path, this.has(path) ? this.project.read(path) : undefined);
    return this.texts.get(path);
  }
}
