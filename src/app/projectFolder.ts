/**
 * The two ways a folder reaches the app (store/workspace.ts ProjectFolder):
 * - `pipewright open DIR` serves the app with a file API for DIR; the token it put in the URL's
 *   fragment (`#folder=…`) goes back with every request as a header;
 * - "Open folder" in a browser with the File System Access API's directory picker.
 * Both list the same files (configs recognised by the same detection as the app, and scripts),
 * read with a version, and refuse to write over a file that changed on disk since.
 */
import { recognisedDialect } from '../core/dialects';
import { decodeFile, encodeText } from '../core/document/decode';
import { FolderConflict, type FolderEntry, type ProjectFolder } from '../store/workspace';

/** `#folder=TOKEN` of a URL opened by `pipewright open`, or undefined. */
export function folderToken(hash: string): string | undefined {
  const m = /^#folder=([A-Za-z0-9_-]{16,})$/.exec(hash);
  return m?.[1];
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (response.status === 409) throw new FolderConflict(body.error ?? 'The file changed on disk');
  if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}`);
  return body as T;
}

/** The folder `pipewright open` serves, on this page's own origin. */
export async function serverFolder(token: string): Promise<ProjectFolder> {
  const headers = { 'x-pipewright-token': token };
  const api = (path: string, init?: RequestInit) => fetch(path, { ...init, headers: { ...headers, ...(init?.headers ?? {}) }, cache: 'no-store' });
  const first = await answer<{ name: string; files: FolderEntry[] }>(await api('api/folder'));
  let listed: FolderEntry[] | undefined = first.files;
  return {
    name: first.name,
    async list() {
      const files = listed ?? (await answer<{ files: FolderEntry[] }>(await api('api/folder'))).files;
      listed = undefined;
      return files;
    },
    async read(path) {
      return answer(await api(`api/file?path=${encodeURIComponent(path)}`));
    },
    async write(path, text, base) {
      return answer(await api(`api/file?path=${encodeURIComponent(path)}`, { method: 'PUT', body: JSON.stringify({ text, base }), headers: { 'content-type': 'application/json' } }));
    },
  };
}

// ---- File System Access API (only what we use of it) ----------------------------------------------

interface FileEntryHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: BlobPart): Promise<void>; close(): Promise<void> }>;
}
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<FileEntryHandle | DirectoryHandle>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
}
interface DirectoryPickerWindow {
  showDirectoryPicker?: (options?: { mode?: 'read' | 'readwrite' }) => Promise<DirectoryHandle>;
}

export function canPickFolder(): boolean {
  return typeof (window as unknown as DirectoryPickerWindow).showDirectoryPicker === 'function';
}

const SKIPPED = new Set(['node_modules', '__pycache__', 'venv', 'dist', 'build']);
const versionOf = (file: File) => `${file.lastModified}:${file.size}`;

/** Ask the person for a folder (resolves undefined when they close the dialog). */
export async function pickFolder(): Promise<ProjectFolder | undefined> {
  let dir: DirectoryHandle;
  try {
    dir = await (window as unknown as DirectoryPickerWindow).showDirectoryPicker!({ mode: 'readwrite' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined;
    throw e;
  }
  const handles = new Map<string, FileEntryHandle>();
  const walk = async (d: DirectoryHandle, prefix: string, depth: number, out: FolderEntry[]) => {
    for await (const h of d.values()) {
      if (h.name.startsWith('.') || SKIPPED.has(h.name) || out.length >= 5000) continue;
      const path = prefix + h.name;
      if (h.kind === 'directory') {
        if (depth < 8) await walk(h, `${path}/`, depth + 1, out);
        continue;
      }
      handles.set(path, h);
      const file = await h.getFile();
      if (/\.(py|sh|bash)$/.test(path)) out.push({ path, size: file.size, kind: 'script' });
      else if (/\.ya?ml$/.test(path) && file.size <= 1024 * 1024) {
        const decoded = decodeFile(new Uint8Array(await file.arrayBuffer()));
        const dialect = decoded.ok ? recognisedDialect(h.name, decoded.text) : undefined;
        out.push(dialect ? { path, size: file.size, kind: 'config', dialect: dialect.id } : { path, size: file.size, kind: 'other' });
      } else out.push({ path, size: file.size, kind: 'other' });
    }
  };
  const handle = (path: string) => {
    const h = handles.get(path);
    if (!h) throw new Error(`${path} is not a file of the folder`);
    return h;
  };
  return {
    name: dir.name,
    async list() {
      handles.clear();
      const out: FolderEntry[] = [];
      await walk(dir, '', 0, out);
      return out.sort((a, b) => a.path.localeCompare(b.path));
    },
    async read(path) {
      const file = await handle(path).getFile();
      const decoded = decodeFile(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) throw new Error(`${path}: ${decoded.reason}`);
      return { text: decoded.text, version: versionOf(file) };
    },
    async write(path, text, base) {
      const h = handle(path);
      if (versionOf(await h.getFile()) !== base) throw new FolderConflict(`${path} changed on disk since it was opened`);
      const out = await h.createWritable();
      await out.write(encodeText(text) as BlobPart);
      await out.close();
      return { version: versionOf(await h.getFile()) };
    },
  };
}
