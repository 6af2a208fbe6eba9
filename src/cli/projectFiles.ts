/**
 * The files beside a config on disk, as the core's project checks read them (ProjectFiles): paths
 * relative to the folder with forward slashes, listed once when first asked, read as text (binary,
 * huge or non-UTF-8 files read as missing); nothing outside the folder is read.
 *
 * Usage: analyze(text, dialect, { files: diskProject(dirname(file)), configDir: '' })
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectFiles } from '../core/contracts/project';
import { decodeFile } from '../core/document/decode';

/** Folders that hold no project code of the user's, and can be huge. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', 'site-packages']);
const MAX_FILES = 20_000;
const MAX_DEPTH = 10;
/** Scripts larger than this are not read (a generated file, data saved as .py). */
const MAX_READ = 2 * 1024 * 1024;

export function diskProject(root: string): ProjectFiles {
  let listed: string[] | undefined;
  const walk = (dir: string, prefix: string, depth: number, out: string[]) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_FILES) return;
      if (e.name.startsWith('.') || SKIPPED.has(e.name)) continue;
      // Symbolic links are not followed: they may lead anywhere.
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) walk(join(dir, e.name), `${prefix}${e.name}/`, depth + 1, out);
      } else if (e.isFile()) out.push(prefix + e.name);
    }
  };
  return {
    list() {
      if (!listed) {
        listed = [];
        walk(root, '', 0, listed);
      }
      return listed;
    },
    read(path) {
      const parts = path.split('/');
      if (path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..') || path.includes('\\') || path.includes('\0')) return undefined;
      try {
        const full = join(root, ...parts);
        if (statSync(full).size > MAX_READ) return undefined;
        const decoded = decodeFile(readFileSync(full));
        return decoded.ok ? decoded.text : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
