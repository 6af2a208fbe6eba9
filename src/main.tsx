import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { openSharedLink } from './app/fileActions';
import { loadSession, persistWorkspace } from './app/persistence';
import { WorkspaceContext } from './store/react';
import { dialects } from './core/dialects';
import { graphStats } from './graph/stats';
import { workerConnection } from './store/connection';
import { createWorkspace } from './store/workspace';
import './app/app.css';

const workspace = createWorkspace({ connect: workerConnection });

async function start() {
  // Everything open last time comes back as it was; a first visit opens the example.
  const saved = await loadSession();
  for (const d of saved.docs) {
    workspace.getState().open({ ...d, background: true });
  }
  if (saved.docs.length === 0) workspace.getState().open({ text: dialects[0].example.text, fileName: dialects[0].example.fileName });
  else workspace.getState().activate(saved.activeId ?? saved.docs[0].id);
  await openSharedLink(workspace);
  persistWorkspace(workspace, (message) => workspace.getState().active()?.store.getState().setNotice(message));

  // `?debug` exposes the active document's store for benchmarks and troubleshooting; nothing reads it otherwise.
  if (new URLSearchParams(location.search).has('debug')) {
    (window as unknown as { pipewright: unknown }).pipewright = {
      workspace,
      graph: graphStats,
      get store() {
        return workspace.getState().active()?.store;
      },
    };
  }

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <WorkspaceContext.Provider value={workspace}>
        <App />
      </WorkspaceContext.Provider>
    </StrictMode>,
  );
}

void start();
