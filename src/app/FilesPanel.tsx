/**
 * The open folder's files ("Files"): its configs (recognised as the app recognises a dialect),
 * each opening in a tab, and its scripts. Shown only while a folder is open.
 */
import { useWorkspace, useWorkspaceStore } from '../store/react';
import { newStepFromScript, openFolder, openFolderFile } from './fileActions';

export function FilesPanel() {
  const ws = useWorkspaceStore();
  const folder = useWorkspace((s) => s.folder);
  if (!folder) return null;
  const configs = folder.entries.filter((e) => e.kind === 'config');
  const scripts = folder.entries.filter((e) => e.kind === 'script');
  return (
    <section className="files-panel" aria-label="Files">
      <h2 className="pane-title">
        Files <span className="files-folder">{folder.source.name}</span>
      </h2>
      <button type="button" className="link-button" onClick={() => void openFolder(ws, folder.source)}>
        Refresh
      </button>
      <h3 className="files-group">Configs</h3>
      {configs.length === 0 ? (
        <p className="preview-empty">No valohai.yaml, Determined or emloop config in this folder.</p>
      ) : (
        <ul className="files-list">
          {configs.map((f) => (
            <li key={f.path}>
              <button type="button" className="file-entry" onClick={() => void openFolderFile(ws, f.path)} aria-label={`Open ${f.path}`}>
                {f.path}
              </button>
              <span className="files-dialect">{f.dialect}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="files-group">Scripts</h3>
      {scripts.length === 0 ? (
        <p className="preview-empty">No Python or shell scripts.</p>
      ) : (
        <ul className="files-list">
          {scripts.map((f) => (
            <li key={f.path}>
              <span>{f.path}</span>
              {/\.py$/.test(f.path) && (
                <button type="button" className="link-button files-action" onClick={() => void newStepFromScript(ws, f.path)} aria-label={`New step from script ${f.path}`}>
                  New step
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
