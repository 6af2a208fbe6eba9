import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DocumentState, DocumentActions, DocumentStore } from './documentStore';

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
