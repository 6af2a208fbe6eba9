/**
 * Page-wide behaviour of the workspace: Ctrl+S saves the active document, a file dropped on the
 * page opens in a new tab, and leaving the page with unsaved changes to a disk file asks first.
 */
import { useEffect } from 'react';
import { isUnsaved, type FileHandle, type Workspace } from '../store/workspace';
import { openFileInTab, saveActive } from './fileActions';

interface HandleItem {
  getAsFileSystemHandle?: () => Promise<(FileHandle & { kind: string }) | null>;
}

export function useWorkspaceEvents(workspace: Workspace): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveActive(workspace);
      }
    };
    const onDragOver = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = async (e: DragEvent) => {
      const transfer = e.dataTransfer;
      if (!transfer?.types.includes('Files')) return;
      e.preventDefault();
      // Handles (to save back to the same file) must be asked for before the event ends.
      const items = [...transfer.items].filter((i) => i.kind === 'file');
      const handles = await Promise.all(items.map((i) => (i as unknown as HandleItem).getAsFileSystemHandle?.().catch(() => null) ?? Promise.resolve(null)));
      const files = items.map((i) => i.getAsFile()).filter((f): f is File => f !== null);
      for (const [i, file] of files.entries()) {
        const handle = handles[i];
        await openFileInTab(workspace, file, handle && handle.kind === 'file' ? handle : undefined);
      }
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!workspace.getState().docs.some((d) => isUnsaved(d))) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [workspace]);
}
