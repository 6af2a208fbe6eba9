import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openFolder, openSharedLink } from './fileActions';
import { folderToken, serverFolder } from './projectFolder';
import { persistWorkspace, type SavedSession } from './persistence';
import { WorkspaceContext } from '../store/react';
import { adoptModel } from '../editor/models';
import { dropFirstEditor, takeFirstModel } from '../editor/firstEditor';
import { FOLDER_TOKEN_KEY, firstDocument, firstVisit } from './firstDocument';
import { graphStats } from '../graph/stats';
import { editorStats } from '../editor/stats';
import { pageOrWorkerConnection } from '../store/connection';
import { createWorkspace } from '../store/workspace';

const workspace = createWorkspace({ connect: () => pageOrWorkerConnection() });

/**
 * Opened by `pipewright open`: the fragment carries the file API's token. It is taken out of the
 * address at once (kept for this tab's reloads in sessionStorage, never sent anywhere but our own API).
 */
async function connectServedFolder() {
  const fromUrl = folderToken(location.hash);
  if (fromUrl) {
    history.replaceState(null, '', location.pathname + location.search);
    sessionStorage.setItem(FOLDER_TOKEN_KEY, fromUrl);
  }
  const token = fromUrl ?? sessionStorage.getItem(FOLDER_TOKEN_KEY) ?? undefined;
  if (!token) return;
  try {
    await openFolder(workspace, await serverFolder(token));
  } catch (e) {
    workspace.getState().active()?.store.getState().setNotice(`Could not reach the folder pipewright open serves: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The page: everything open last time (`session`, read by the entry) comes back as it was; a first visit opens the example. */
export async function start(session: Promise<SavedSession>) {
  const saved = await session;
  // The page paints its text first; the form and Problems follow a moment later (the service's
  // analysis or this thread's, after the first frame). Tabs not shown wait for the service.
  const shown = firstDocument(saved).saved?.id;
  for (const d of saved.docs) {
    workspace.getState().open({ ...d, background: true, firstAnalysis: d.id === shown ? 'after-paint' : 'service' });
  }
  if (saved.docs.length === 0) workspace.getState().open({ ...firstVisit, firstAnalysis: 'after-paint' });
  else workspace.getState().activate(shown!);
  // The entry's first editor shows this document already (see firstEditor.ts).
  const firstModel = takeFirstModel();
  if (firstModel) adoptModel(workspace.getState().active()!.store, firstModel);
  await openSharedLink(workspace);
  await connectServedFolder();
  persistWorkspace(workspace, (message) => workspace.getState().active()?.store.getState().setNotice(message));

  // `?debug` exposes the active document's store for benchmarks and troubleshooting; nothing reads it otherwise.
  if (new URLSearchParams(location.search).has('debug')) {
    (window as unknown as { pipewright: unknown }).pipewright = {
      workspace,
      graph: graphStats,
      editor: editorStats,
      get store() {
        return workspace.getState().active()?.store;
      },
    };
  }

  // The first screen in one task: React would otherwise render it in 5 ms slices, and the browser
  // lays out and paints a frame without the editor between them.
  const root = createRoot(document.getElementById('root')!);
  flushSync(() =>
    root.render(
      <StrictMode>
        <WorkspaceContext.Provider value={workspace}>
          <App />
        </WorkspaceContext.Provider>
      </StrictMode>,
    ),
  );
  // The app's first screen is drawn: the static one (index.html) goes, in the same frame.
  dropFirstEditor();
  document.getElementById('first-screen')?.remove();
}
