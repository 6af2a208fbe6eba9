/**
 * The thin React binding of the framework-free stores (zustand's `vanilla` core with a `react`
 * binding): views read the active document and the workspace through these hooks, so they depend
 * on `store/` and only `app/` composes them.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DocumentState, DocumentActions, DocumentStore } from './documentStore';
import type { Workspace, WorkspaceActions, WorkspaceState } from './workspace';

export const StoreContext = createContext<DocumentStore | null>(null);

export function useDocumentStore(): DocumentStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDocumentStore outside <StoreContext.Provider>');
  return store;
}

/** Subscribe a component to one slice of the document state. */
export function useDocument<T>(selector: (s: DocumentState & DocumentActions) => T): T {
  return useStore(useDocumentStore(), selector);
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspaceStore(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspaceStore outside <WorkspaceContext.Provider>');
  return ws;
}

/** Subscribe a component to one slice of the workspace (the open documents, the active one). */
export function useWorkspace<T>(selector: (s: WorkspaceState & WorkspaceActions) => T): T {
  return useStore(useWorkspaceStore(), selector);
}
