/**
 * One folder of the user's disk, as `pipewright open` exposes it: paths are relative, with forward
 * slashes, and every one is checked to stay inside the folder — no `..`, no absolute path, no
 * symbolic link leading out (the real path must be inside the folder's real path).
 *
 * Usage:
 *   const folder = new Folder('/home/me/project');
 *   folder.list()                       → [{ path: 'valohai.yaml', size, kind: 'config', dialect: 'valohai' }, …]
 *   folder.read('train.py')             → { text, version }   (throws FolderError)
 *   folder.write('valohai.yaml', text, version)              (FolderError 'changed' when it changed on disk)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { recognisedDialect } from '../../core/dialects';
import { decodeFile } from '../../core/document/decode';

export type FolderErrorKind = 'refused' | 'missing' | 'unreadable' | 'changed';

export class FolderError extends Error {
  constructor(
    readonly kind: FolderErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface FolderEntry {
  path: string;
  size: number;
  /** A config of ours (by the same detection as the app), a script a config may run, or anything else. */
  kind: 'config' | 'script' | 'other';
  dialect?: string;
}

/** Folders nobody edits configs in, and that can be huge. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', 'dist', 'build']);
const SCRIPT = /\.(py|sh|bash)$/;
const YAML = /\.ya?ml$/;
/** A YAML file larger than this is listed but not read to tell whether it is a config. */
const DETECT_LIMIT = 1024 * 1024;
const MAX_ENTRIES = 5000;
const MAX_DEPTH = 8;

/** The content's version: changes whenever the bytes do. */
export function versionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

export class Folder {
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
    if (!statSync(this.root).isDirectory()) throw new FolderError('refused', `${root} is not a folder`);
  }

  /**
   * The absolute real path of `relative`, which must name an existing file inside the folder.
   * Refuses absolute paths, `..` and `.` segments, backslashes, NUL, and links that lead out.
   */
  resolve(relative: string): string {
    if (typeof relative !== 'string' || relative === '' || relative.includes('\0') || relative.includes('\\')) {
      throw new FolderError('refused', 'Not a path inside the folder');
    }
    const parts = relative.split('/');
    if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative) || parts.some((p) => p === '' || p === '.' || p === '..')) {
      throw new FolderError('refused', 'Only paths inside the folder are served');
    }
    const joined = join(this.root, ...parts);
    let real: string;
    try {
      real = realpathSync(joined);
    } catch {
      throw new FolderError('missing', `${relative} does not exist`);
    }
    if (!real.startsWith(this.root + sep)) throw new FolderError('refused', `${relative} leads outside the folder`);
    if (!statSync(real).isFile()) throw new FolderError('refused', `${relative} is not a file`);
    return real;
  }

  list(): FolderEntry[] {
    const out: FolderEntry[] = [];
    const walk = (dir: string, prefix: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (out.length >= MAX_ENTRIES) return;
        if (name.startsWith('.') || SKIPPED.has(name)) continue;
        const path = prefix + name;
        let real: string;
        try {
          real = realpathSync(join(dir, name));
        } catch {
          continue;
        }
        // A link out of the folder is neither listed nor followed.
        if (!real.startsWith(this.root + sep)) continue;
        const stat = statSync(real);
        if (stat.isDirectory()) {
          if (depth < MAX_DEPTH) walk(real, `${path}/`, depth + 1);
          continue;
        }
        if (!stat.isFile()) continue;
        out.push(this.entry(path, real, stat.size));
      }
    };
    walk(this.root, '', 0);
    return out;
  }

  private entry(path: string, real: string, size: number): FolderEntry {
    if (SCRIPT.test(path)) return { path, size, kind: 'script' };
    if (!YAML.test(path) || size > DETECT_LIMIT) return { path, size, kind: 'other' };
    const decoded = decodeFile(readFileSync(real));
    const dialect = decoded.ok ? recognisedDialect(path.split('/').pop(), decoded.text) : undefined;
    return dialect ? { path, size, kind: 'config', dialect: dialect.id } : { path, size, kind: 'other' };
  }

  read(relative: string): { text: string; version: string } {
    const bytes = readFileSync(this.resolve(relative));
    const decoded = decodeFile(bytes);
    if (!decoded.ok) throw new FolderError('unreadable', `${relative}: ${decoded.reason.replace(/ — the current document is kept\.$/, '.')}`);
    return { text: decoded.text, version: versionOf(bytes) };
  }

  /**
   * Write `text` over an existing file, when its content is still the version the writer read
   * (a file changed on disk meanwhile is not overwritten: FolderError 'changed'). Written to a
   * temporary file beside it and renamed over, so a failure never leaves half a file.
   */
  write(relative: string, text: string, base: string): { version: string } {
    const real = this.resolve(relative);
    const current = versionOf(readFileSync(real));
    if (current !== base) throw new FolderError('changed', `${relative} changed on disk since it was opened`);
    const bytes = Buffer.from(text, 'utf8');
    const temporary = `${real}.pipewright-${process.pid}.tmp`;
    writeFileSync(temporary, bytes, { mode: statSync(real).mode });
    renameSync(temporary, real);
    return { version: versionOf(bytes) };
  }
}
