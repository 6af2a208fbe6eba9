/**
 * Opening and saving documents of the workspace: a picked or dropped file opens in a new tab
 * (with a handle to save back to where the browser gives one); Save writes back to that file,
 * or asks where to save (File System Access API), or downloads under the file's name.
 */
import { encodeText } from '../core/document/decode';
import { FolderConflict, type FileHandle, type FolderEntry, type ProjectFolder, type Workspace } from '../store/workspace';
import type { ProjectSnapshot } from '../core/contracts/project';
import { downloadDocument, readDocumentFile } from './files';
import { readShare } from './share';

/** Open `file` in a new tab; a refused file leaves every document as it was and says why. */
export async function openFileInTab(workspace: Workspace, file: File, handle?: FileHandle): Promise<void> {
  const result = await readDocumentFile(file);
  if (!result.ok) {
    workspace.getState().active()?.store.getState().setNotice(`Could not open ${file.name}: ${result.reason}`);
    return;
  }
  workspace.getState().open({ text: result.text, fileName: file.name, source: 'disk', handle, replacePristine: true });
}

interface SavePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileHandle>;
}

async function writable(handle: FileHandle): Promise<boolean> {
  if (!handle.queryPermission) return true;
  if ((await handle.queryPermission({ mode: 'readwrite' })) === 'granted') return true;
  return (await handle.requestPermission?.({ mode: 'readwrite' })) === 'granted';
}

const SCRIPT = /\.(py|sh|bash)$/;
/** How much of a folder's code is read for the checks: a few hundred scripts, a few MB. */
const MAX_SCRIPTS = 400;
const MAX_SCRIPT_BYTES = 8 * 1024 * 1024;

/** The scripts of each open folder, read once per listing (Refresh reads them again). */
const scriptTexts = new WeakMap<ProjectFolder, Promise<Record<string, string>>>();

function readScripts(source: ProjectFolder, entries: FolderEntry[]): Promise<Record<string, string>> {
  let texts = scriptTexts.get(source);
  if (!texts) {
    texts = (async () => {
      const out: Record<string, string> = {};
      let bytes = 0;
      for (const e of entries.filter((f) => f.kind === 'script' || SCRIPT.test(f.path)).slice(0, MAX_SCRIPTS)) {
        if (bytes + e.size > MAX_SCRIPT_BYTES) break;
        try {
          out[e.path] = (await source.read(e.path)).text;
          bytes += e.size;
        } catch {
          // An unreadable script reads as missing; the checks say what they can.
        }
      }
      return out;
    })();
    scriptTexts.set(source, texts);
  }
  return texts;
}

/** Give a folder document the code beside it, so it is checked against its scripts. */
async function sendProject(workspace: Workspace, id: string): Promise<void> {
  const { folder, docs } = workspace.getState();
  const doc = docs.find((d) => d.id === id);
  if (!folder || !doc?.folderFile || doc.folderFile.folder !== folder.source.name) return;
  const texts = await readScripts(folder.source, folder.entries);
  const path = doc.folderFile.path;
  const snapshot: ProjectSnapshot = { paths: folder.entries.map((e) => e.path), texts, configDir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '' };
  if (workspace.getState().docs.some((d) => d.id === id)) doc.store.getState().setProject(snapshot);
}

/**
 * "New step from script": a valohai.yaml step read from the script's command line, added at the
 * end of the active valohai.yaml as one change (one undo step).
 */
export async function newStepFromScript(workspace: Workspace, path: string): Promise<void> {
  const { folder } = workspace.getState();
  const doc = workspace.getState().active();
  if (!folder || !doc) return;
  const store = doc.store;
  if (store.getState().dialectId !== 'valohai') {
    store.getState().setNotice(`Open the folder's valohai.yaml first: a step from ${path} goes into a valohai.yaml.`);
    return;
  }
  try {
    const { text: source } = await folder.source.read(path);
    const { generateStep } = await import('../core/dialects/valohai/projectStep');
    const configDir = doc.folderFile?.path.includes('/') ? doc.folderFile.path.slice(0, doc.folderFile.path.lastIndexOf('/') + 1) : '';
    const relative = configDir && path.startsWith(configDir) ? path.slice(configDir.length) : path;
    // A name the file's steps do not have yet (the script's own name, else with -2, -3…).
    const value = store.getState().current.value;
    const taken = new Set((Array.isArray(value) ? value : []).flatMap((item: unknown) => {
      const s = (item as { step?: { name?: unknown } } | null)?.step;
      return typeof s?.name === 'string' ? [s.name] : [];
    }));
    let step = generateStep({ path: relative, source });
    const named = /^ {4}name: (.*)$/m.exec(step)?.[1];
    if (named !== undefined && taken.has(named)) {
      let k = 2;
      while (taken.has(`${named}-${k}`)) k++;
      step = generateStep({ path: relative, source }, { name: `${named}-${k}` });
    }
    const { text } = store.getState();
    const lead = text === '' || text.endsWith('\n') ? '' : '\n';
    store.getState().applyEdits([{ offset: text.length, length: 0, insert: lead + step }], 'form');
    store.getState().setNotice(`Added a step for ${path} at the end of ${store.getState().fileName}.`);
  } catch (e) {
    store.getState().setNotice(`Could not make a step from ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Show a folder's files in the Files region (replacing the folder shown before); its open files are checked again. */
export async function openFolder(workspace: Workspace, source: ProjectFolder): Promise<void> {
  const entries = await source.list();
  scriptTexts.delete(source);
  workspace.getState().setFolder({ source, entries });
  await Promise.all(workspace.getState().docs.filter((d) => d.folderFile?.folder === source.name).map((d) => sendProject(workspace, d.id)));
}

/** Open a file of the open folder in a tab (or go to its tab when it is open already). */
export async function openFolderFile(workspace: Workspace, path: string): Promise<void> {
  const { folder, docs } = workspace.getState();
  if (!folder) return;
  const open = docs.find((d) => d.folderFile?.path === path && d.folderFile.folder === folder.source.name);
  if (open) {
    workspace.getState().activate(open.id);
    return;
  }
  try {
    const { text, version } = await folder.source.read(path);
    const id = workspace.getState().open({ text, fileName: path.split('/').pop()!, source: 'disk', folderFile: { path, version, folder: folder.source.name }, replacePristine: true });
    await sendProject(workspace, id);
  } catch (e) {
    workspace.getState().active()?.store.getState().setNotice(`Could not open ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Write a folder file back. A file changed on disk since it was opened is not overwritten
 * without the person saying so.
 */
async function saveToFolder(folder: ProjectFolder, path: string, base: string, text: string): Promise<string> {
  try {
    return (await folder.write(path, text, base)).version;
  } catch (e) {
    if (!(e instanceof FolderConflict)) throw e;
    if (!window.confirm(`${path} changed on disk since you opened it. Overwrite it with what the editor holds? (Cancel keeps the file on disk as it is.)`)) {
      throw new FolderConflict(`${path} changed on disk; not saved`);
    }
    const current = await folder.read(path);
    return (await folder.write(path, text, current.version)).version;
  }
}

/** Save the active document: to its file, to a file the person picks, or as a download. */
export async function saveActive(workspace: Workspace): Promise<void> {
  const doc = workspace.getState().active();
  if (!doc) return;
  const { text, fileName } = doc.store.getState();
  const say = (m: string) => doc.store.getState().setNotice(m);
  const folder = workspace.getState().folder;
  // A folder file is written back only into its own folder (a document restored from another session may belong elsewhere).
  if (doc.folderFile && folder && doc.folderFile.folder === folder.source.name) {
    try {
      const version = await saveToFolder(folder.source, doc.folderFile.path, doc.folderFile.version, text);
      workspace.getState().markSaved(doc.id, text, undefined, undefined, version);
      say(`Saved ${doc.folderFile.path}.`);
    } catch (e) {
      say(`Could not save ${doc.folderFile.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return;
  }
  try {
    let handle = doc.handle;
    const picker = (window as unknown as SavePickerWindow).showSaveFilePicker;
    if (!handle && picker) {
      handle = await picker({ suggestedName: fileName, types: [{ description: 'YAML', accept: { 'application/yaml': ['.yaml', '.yml'] } }] });
    }
    if (!handle) {
      downloadDocument(fileName, text);
      workspace.getState().markSaved(doc.id, text);
      return;
    }
    if (!(await writable(handle))) {
      say(`Not allowed to write ${handle.name} — use Download instead.`);
      return;
    }
    const out = await handle.createWritable();
    await out.write(encodeText(text) as BlobPart);
    await out.close();
    workspace.getState().markSaved(doc.id, text, handle, handle.name);
    say(`Saved ${handle.name}.`);
  } catch (e) {
    // The person closed the save dialog: nothing to say.
    if (e instanceof DOMException && e.name === 'AbortError') return;
    say(`Could not save ${fileName}: ${e instanceof Error ? e.message : String(e)} — use Download instead.`);
  }
}

/** A `#share=` link: its document opens in a new tab (nothing open is replaced), and the link is cleared so a reload does not open it twice. */
export async function openSharedLink(workspace: Workspace): Promise<void> {
  if (!location.hash.startsWith('#share=')) return;
  const hash = location.hash;
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const shared = await readShare(hash);
    if (!shared) return;
    const taken = workspace.getState().docs.some((d) => d.store.getState().fileName === shared.fileName);
    workspace.getState().open({ text: shared.text, fileName: shared.fileName, dialectId: shared.dialectId, source: 'shared' });
    workspace
      .getState()
      .active()
      ?.store.getState()
      .setNotice(`Opened the shared ${shared.fileName} in a new tab${taken ? ` — your own ${shared.fileName} is untouched in its tab` : ''}.`);
  } catch (e) {
    workspace.getState().active()?.store.getState().setNotice(`Could not open the shared document: ${e instanceof Error ? e.message : String(e)}`);
  }
}
