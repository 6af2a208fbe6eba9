import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inlineConnection } from '../store/connection';
import { createWorkspace } from '../store/workspace';
import { loadSession, persistWorkspace } from './persistence';

const text = (name: string) => `- step:\n    name: ${name}\n    image: python:3.12\n    command: python ${name}.py\n`;

/** Every key of the session store (where saved texts live beside the document records). */
async function sessionKeys(): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('pipewright', 1);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
    const req = db.transaction('session', 'readonly').objectStore('session').getAllKeys();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return keys.map(String).sort();
}

/** Until the writes pending have landed (each waits at most 100 ms after a change). */
const written = () => new Promise((r) => setTimeout(r, 300));

beforeAll(() => {
  // The page's hooks for writing everything when it is hidden: not part of these tests.
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', new EventTarget());
});

describe('the session in IndexedDB', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    vi.restoreAllMocks();
  });

  it("keeps each disk file's saved text beside its record, and deletes it with the closed document", async () => {
    const ws = createWorkspace({ connect: inlineConnection });
    const a = ws.getState().open({ text: `# edited\n${text('a')}`, fileName: 'a.yaml', source: 'disk', savedText: text('a') });
    const b = ws.getState().open({ text: text('b'), fileName: 'b.yaml', source: 'disk', savedText: text('b') });
    stop = persistWorkspace(ws);
    await written();
    expect(await sessionKeys()).toEqual(['active', 'order', `saved-text:${a}`, `saved-text:${b}`]);
    const restored = await loadSession();
    expect(restored.docs.map((d) => [d.id, d.savedText])).toEqual([
      [a, text('a')],
      [b, text('b')],
    ]);

    ws.getState().close(a);
    await written();
    expect(await sessionKeys()).toEqual(['active', 'order', `saved-text:${b}`]);
    expect((await loadSession()).docs.map((d) => d.id)).toEqual([b]);
    ws.getState().close(b);
    await written();
  });

  it('a write that failed sends its saved texts again with the next one', async () => {
    const ws = createWorkspace({ connect: inlineConnection });
    const id = ws.getState().open({ text: text('c'), fileName: 'c.yaml', source: 'disk', savedText: text('c') });
    // The first write fails as a whole (a full disk, a closing database).
    const transaction = IDBDatabase.prototype.transaction;
    let failures = 1;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (failures-- > 0) throw new Error('QuotaExceededError');
      return transaction.apply(this, args);
    });
    const errors: string[] = [];
    stop = persistWorkspace(ws, (message) => errors.push(message));
    await written();
    expect(errors).toEqual([expect.stringContaining('QuotaExceededError')]);
    expect(await sessionKeys()).not.toContain(`saved-text:${id}`);

    // The next change is written, and the saved text, unchanged since, goes with it.
    ws.getState().active()!.store.getState().applyEdits([{ offset: 0, length: 0, insert: '# mine\n' }], 'editor');
    await written();
    expect(await sessionKeys()).toContain(`saved-text:${id}`);
    expect((await loadSession()).docs.find((d) => d.id === id)?.savedText).toBe(text('c'));
    ws.getState().close(id);
    await written();
  });
});
