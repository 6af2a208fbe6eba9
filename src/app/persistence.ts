/**
 * Work is never lost: every open document (text, file name, dialect, cursor, preview values, where
 * its pipeline graph's boxes are, the text last saved to disk and the file handle to save back to) is written to IndexedDB as it
 * changes, and a reload, a crash or a closed tab brings the whole workspace back.
 *
 * Usage: `const saved = await loadSession(); ...; persistWorkspace(workspace)`
 */
import type { PreviewInputs } from '../core/contracts/preview';
import type { DocumentState } from '../store/documentStore';
import type { GraphLayout } from '../store/graphLayout';
import type { DocumentSource, FileHandle, OpenDocument, Workspace } from '../store/workspace';

const DB_NAME = 'pipewright';
const DOCS = 'documents';
const SESSION = 'session';

export interface SavedDocument {
  id: string;
  fileName: string;
  dialectId: string;
  dialectChoice: 'detected' | 'chosen';
  text: string;
  savedText: string;
  source: DocumentSource;
  cursor: number;
  previewInputs: PreviewInputs;
  /** Absent in sessions saved before graph layouts were kept. */
  graphLayout?: GraphLayout;
  handle?: FileHandle;
  /** A file of an open folder (pipewright open): saved back there when the same folder is open again. */
  folderFile?: { path: string; version: string; folder: string };
}

/**
 * A document as its record holds it: the text last saved to disk is kept beside it, under
 * savedTextKey, and written only when it changes — a second copy of a megabyte text per write
 * doubled what a keystroke in a big file cost (sessions from before have it inline).
 */
type DocumentRecord = Omit<SavedDocument, 'savedText'> & { savedText?: string };

const SAVED_TEXT = 'saved-text:';
const savedTextKey = (id: string) => `${SAVED_TEXT}${id}`;

export interface SavedSession {
  docs: SavedDocument[];
  activeId: string | null;
}

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(DOCS, { keyPath: 'id' });
      req.result.createObjectStore(SESSION);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
  return dbPromise;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

/** The workspace as last saved: its documents in tab order and the active one (none when there is none or storage is unavailable). */
export async function loadSession(): Promise<SavedSession> {
  try {
    const db = await openDb();
    const tx = db.transaction([DOCS, SESSION], 'readonly');
    const session = tx.objectStore(SESSION);
    const [records, order, activeId] = await Promise.all([
      request(tx.objectStore(DOCS).getAll() as IDBRequest<DocumentRecord[]>),
      request(session.get('order') as IDBRequest<string[] | undefined>),
      request(session.get('active') as IDBRequest<string | null | undefined>),
    ]);
    const rank = new Map((order ?? []).map((id, i) => [id, i]));
    const listed = records.filter((d) => rank.has(d.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    const docs = await Promise.all(
      listed.map(async (d): Promise<SavedDocument> => {
        const savedText = d.savedText ?? (await request(session.get(savedTextKey(d.id)) as IDBRequest<string | undefined>));
        return { ...d, savedText: savedText ?? d.text };
      }),
    );
    return { docs, activeId: activeId ?? null };
  } catch {
    return { docs: [], activeId: null };
  }
}

function snapshot(doc: OpenDocument): DocumentRecord {
  const s = doc.store.getState();
  return {
    id: doc.id,
    fileName: s.fileName,
    dialectId: s.dialectId,
    dialectChoice: s.dialectChoice,
    text: s.text,
    source: doc.source,
    cursor: s.cursor,
    // A selection (the focus) belongs to this visit, not to the document.
    previewInputs: { ...s.previewInputs, focus: undefined },
    graphLayout: s.graphLayout,
    handle: doc.handle,
    ...(doc.folderFile ? { folderFile: doc.folderFile } : {}),
  };
}

/** What of a document's state is worth writing (everything else is derived from it). */
const persisted = (s: DocumentState) => [s.text, s.fileName, s.dialectId, s.dialectChoice, s.cursor, s.previewInputs, s.graphLayout] as const;

/**
 * Keep IndexedDB in step with the workspace: a document is written shortly after it changes
 * (coalescing a burst of keystrokes), the tab order and active tab at once, everything pending
 * when the page is hidden. Returns a function that stops it.
 */
export function persistWorkspace(workspace: Workspace, onError: (message: string) => void = () => {}): () => void {
  const pending = new Map<string, OpenDocument>();
  const watched = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failed = false;
  /** The saved text last written per document: the same string is not written again. */
  const savedTextWritten = new Map<string, string>();

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const { docs, activeId } = workspace.getState();
    const changed = [...pending.values()].filter((d) => docs.includes(d));
    const writes = changed.map(snapshot);
    // The same string object, nearly always: no characters are compared.
    const savedTexts = changed.filter((d) => savedTextWritten.get(d.id) !== d.savedText).map((d) => [d.id, d.savedText] as const);
    for (const [id, text] of savedTexts) savedTextWritten.set(id, text);
    pending.clear();
    const open = new Set(docs.map((d) => d.id));
    for (const id of savedTextWritten.keys()) if (!open.has(id)) savedTextWritten.delete(id);
    void openDb()
      .then((db) => {
        const tx = db.transaction([DOCS, SESSION], 'readwrite');
        const store = tx.objectStore(DOCS);
        const session = tx.objectStore(SESSION);
        for (const w of writes) store.put(w);
        for (const [id, text] of savedTexts) session.put(text, savedTextKey(id));
        session.put(docs.map((d) => d.id), 'order');
        session.put(activeId, 'active');
        // Closed documents go, with their saved texts.
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const k of keys.result) if (!open.has(String(k))) store.delete(k);
        };
        const sessionKeys = session.getAllKeys();
        sessionKeys.onsuccess = () => {
          for (const k of sessionKeys.result) {
            const key = String(k);
            if (key.startsWith(SAVED_TEXT) && !open.has(key.slice(SAVED_TEXT.length))) session.delete(k);
          }
        };
        return done(tx);
      })
      .catch((e: unknown) => {
        // Nothing of this write may have landed: the saved texts go again with the next one.
        for (const [id, text] of savedTexts) if (savedTextWritten.get(id) === text) savedTextWritten.delete(id);
        if (failed) return;
        failed = true;
        onError(`Your work could not be saved in this browser (${e instanceof Error ? e.message : String(e)}) — download it to keep it.`);
      });
  };

  const schedule = (doc: OpenDocument) => {
    pending.set(doc.id, doc);
    if (timer !== undefined) return;
    // Big documents are written less often: a structured copy of megabytes per keystroke would show.
    const delay = doc.store.getState().text.length > 1_000_000 ? 500 : 100;
    timer = setTimeout(flush, delay);
  };

  const watch = (docs: OpenDocument[]) => {
    for (const doc of docs) {
      if (watched.has(doc.id)) continue;
      let last = persisted(doc.store.getState());
      watched.set(
        doc.id,
        doc.store.subscribe((s) => {
          const next = persisted(s);
          if (next.some((v, i) => v !== last[i])) {
            last = next;
            schedule(workspace.getState().docs.find((d) => d.id === doc.id) ?? doc);
          }
        }),
      );
    }
    for (const [id, stop] of watched) {
      if (!docs.some((d) => d.id === id)) {
        stop();
        watched.delete(id);
      }
    }
  };

  watch(workspace.getState().docs);
  for (const d of workspace.getState().docs) pending.set(d.id, d);
  flush();
  const stopWorkspace = workspace.subscribe((s, prev) => {
    watch(s.docs);
    if (s.docs !== prev.docs || s.activeId !== prev.activeId) {
      // Saved-text, handle or source changes replace the document object.
      for (const d of s.docs) if (!prev.docs.includes(d)) pending.set(d.id, d);
      flush();
    }
  });
  const onHide = () => flush();
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    stopWorkspace();
    for (const stop of watched.values()) stop();
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
  };
}
