/**
 * The open documents (tabs): each is its own document store — its own text, dialect, document
 * service, undo history (the editor keeps one model per document) and preview values — plus
 * what the workspace knows about it: where it came from, the text last saved to disk, a file
 * handle to save back to when the browser gives one.
 *
 * Usage: `const ws = createWorkspace({ connect: workerConnection })`
 *        `ws.getState().open({ text, fileName })` → the new document's id (and it is active)
 */
import { createStore } from 'zustand/vanilla';
import { detectDialect, dialectById } from '../core/dialects';
import type { PreviewInputs } from '../core/contracts/preview';
import type { ServiceConnection } from './connection';
import { createDocumentStore, type DocumentStore } from './documentStore';
import type { FirstAnalysis } from './firstAnalysis';
import type { GraphLayout } from './graphLayout';

/** A writable file the browser handed us (File System Access API); only what we use of it. */
export interface FileHandle {
  name: string;
  createWritable(): Promise<{ write(data: BlobPart): Promise<void>; close(): Promise<void> }>;
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
}

/** A file of an open folder, as listed (see ProjectFolder). */
export interface FolderEntry {
  path: string;
  size: number;
  kind: 'config' | 'script' | 'other';
  dialect?: string;
}

/** The file changed on disk since it was read: writing it would lose that change. */
export class FolderConflict extends Error {}

/**
 * A folder of the user's disk the app may read and write: through `pipewright open`'s file API or
 * the browser's directory picker (the app implements both). Paths are relative, with `/`; a
 * version is what the file's content was when read, and a write is refused (FolderConflict) when
 * the file no longer has it.
 */
export interface ProjectFolder {
  name: string;
  list(): Promise<FolderEntry[]>;
  read(path: string): Promise<{ text: string; version: string }>;
  write(path: string, text: string, base: string): Promise<{ version: string }>;
}

export interface OpenFolder {
  source: ProjectFolder;
  entries: FolderEntry[];
}

/** Where a document came from: a file on disk, a template or example, a share link. */
export type DocumentSource = 'disk' | 'new' | 'shared';

export interface OpenDocument {
  id: string;
  store: DocumentStore;
  source: DocumentSource;
  /** The text as last opened from or saved to disk (for `disk` documents: unsaved = text differs). */
  savedText: string;
  handle?: FileHandle;
  /** A file of an open folder: its path there, the version of it last read or written, and the folder's name. */
  folderFile?: { path: string; version: string; folder: string };
}

export interface OpenRequest {
  text: string;
  fileName: string;
  /** Forced dialect (a restored choice); detected from the name and text otherwise. */
  dialectId?: string;
  dialectChoice?: 'detected' | 'chosen';
  source?: DocumentSource;
  savedText?: string;
  handle?: FileHandle;
  folderFile?: { path: string; version: string; folder: string };
  cursor?: number;
  previewInputs?: PreviewInputs;
  graphLayout?: GraphLayout;
  /** Restoring a session: keep this id. */
  id?: string;
  /** Do not make it the active document. */
  background?: boolean;
  /** Take the place of the only document when that one is an untouched template or example. */
  replacePristine?: boolean;
  /** Where its first analysis comes from (FirstAnalysis): here at once unless said. */
  firstAnalysis?: FirstAnalysis;
}

export interface WorkspaceState {
  docs: OpenDocument[];
  activeId: string | null;
  /** The folder opened with "Open folder" or `pipewright open`, if any. */
  folder: OpenFolder | null;
}

export interface WorkspaceActions {
  open(request: OpenRequest): string;
  close(id: string): void;
  activate(id: string): void;
  /** The document was written to disk (or downloaded) as `text` (`version`: the folder file's new version). */
  markSaved(id: string, text: string, handle?: FileHandle, fileName?: string, version?: string): void;
  setFolder(folder: OpenFolder | null): void;
  active(): OpenDocument | undefined;
}

export type Workspace = ReturnType<typeof createWorkspace>;

let counter = 0;
function newId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** isUnsaved's last answer per document, by the version it was for: comparing a 1 MB text costs a copy of it. */
const unsavedAt = new WeakMap<OpenDocument, { version: number; unsaved: boolean }>();

/**
 * Whether a document has changes not yet written to its disk file. Asked on every change of the
 * store (the tab's mark): the text is compared once per version (a saved document is a new object).
 */
export function isUnsaved(doc: OpenDocument, state: { text: string; version: number } = doc.store.getState()): boolean {
  if (doc.source !== 'disk') return false;
  const known = unsavedAt.get(doc);
  if (known?.version === state.version) return known.unsaved;
  const unsaved = state.text.length !== doc.savedText.length || state.text !== doc.savedText;
  unsavedAt.set(doc, { version: state.version, unsaved });
  return unsaved;
}

export function createWorkspace({ connect }: { connect: () => ServiceConnection }) {
  return createStore<WorkspaceState & WorkspaceActions>()((set, get) => ({
    docs: [],
    activeId: null,
    folder: null,
    open(request) {
      const dialect = (request.dialectId && dialectById(request.dialectId)) || detectDialect(request.fileName, request.text);
      const store = createDocumentStore({
        text: request.text,
        fileName: request.fileName,
        dialect,
        connection: connect(),
        dialectChoice: request.dialectChoice,
        cursor: request.cursor,
        previewInputs: request.previewInputs,
        graphLayout: request.graphLayout,
        firstAnalysis: request.firstAnalysis,
      });
      const doc: OpenDocument = {
        id: request.id ?? newId(),
        store,
        source: request.source ?? 'new',
        savedText: request.savedText ?? request.text,
        handle: request.handle,
        folderFile: request.folderFile,
      };
      const { docs } = get();
      const pristine = request.replacePristine && docs.length === 1 && docs[0].source === 'new' && docs[0].store.getState().version === 0 ? docs[0] : undefined;
      pristine?.store.getState().dispose();
      set((s) => ({ docs: [...s.docs.filter((d) => d !== pristine), doc], activeId: request.background && s.activeId && !pristine ? s.activeId : doc.id }));
      return doc.id;
    },
    close(id) {
      const { docs, activeId } = get();
      const index = docs.findIndex((d) => d.id === id);
      if (index < 0) return;
      docs[index].store.getState().dispose();
      const rest = docs.filter((d) => d.id !== id);
      // The neighbour to the left takes over (the right one for the first tab).
      const next = activeId === id ? (rest[Math.max(0, index - 1)]?.id ?? null) : activeId;
      set({ docs: rest, activeId: next });
    },
    setFolder(folder) {
      set({ folder });
    },
    activate(id) {
      if (get().docs.some((d) => d.id === id)) set({ activeId: id });
    },
    markSaved(id, text, handle, fileName, version) {
      set((s) => ({
        docs: s.docs.map((d) =>
          d.id === id ? { ...d, source: 'disk', savedText: text, handle: handle ?? d.handle, folderFile: d.folderFile && version ? { ...d.folderFile, version } : d.folderFile } : d,
        ),
      }));
      const doc = get().docs.find((d) => d.id === id);
      if (doc && fileName && fileName !== doc.store.getState().fileName) doc.store.getState().rename(fileName);
    },
    active() {
      const { docs, activeId } = get();
      return docs.find((d) => d.id === activeId);
    },
  }));
}
