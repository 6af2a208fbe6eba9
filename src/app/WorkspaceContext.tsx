import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Workspace, WorkspaceActions, WorkspaceState } from '../store/workspace';

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
