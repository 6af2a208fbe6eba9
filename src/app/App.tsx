import { lazy, Suspense, useEffect } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { YamlEditor } from '../editor/YamlEditor';
import { FormPane } from '../form/FormPane';
import { PreviewPane } from '../preview/PreviewPane';
import { releaseModels } from '../editor/models';
import { usePipelineGraphs } from '../graph/usePipelineGraphs';
import { dialects } from '../core/dialects';
import { ProblemsPanel } from './ProblemsPanel';
import { StoreContext, useDocumentStore, useWorkspace, useWorkspaceStore } from '../store/react';
import { PANEL_ID, tabId, Tabs } from './Tabs';
import { Toolbar } from './Toolbar';
import { FilesPanel } from './FilesPanel';
import { useColorScheme } from './useColorScheme';
import { useWorkspaceEvents } from './useWorkspaceEvents';

// The graph view (and @xyflow/react) loads only for a document that has pipelines.
const PipelineGraphPane = lazy(() => import('../graph/PipelineGraphPane'));

/** The workspace: toolbar, tabs, and the active document's panes (each document keeps its own state). */
export function App() {
  const workspace = useWorkspaceStore();
  const docs = useWorkspace((s) => s.docs);
  const active = useWorkspace((s) => s.docs.find((d) => d.id === s.activeId));
  const theme = useColorScheme();
  useWorkspaceEvents(workspace);
  useEffect(() => {
    releaseModels(docs.map((d) => d.store));
    // Never an empty page: closing the last document opens the example.
    if (docs.length === 0) workspace.getState().open({ text: dialects[0].example.text, fileName: dialects[0].example.fileName, dialectId: dialects[0].id });
  }, [docs, workspace]);
  if (!active) return null;
  return (
    <StoreContext.Provider value={active.store}>
      <DocumentView id={active.id} theme={theme} />
    </StoreContext.Provider>
  );
}

function DocumentView({ id, theme }: { id: string; theme: 'light' | 'dark' }) {
  const store = useDocumentStore();
  const { support, graphs } = usePipelineGraphs();
  const showGraph = support !== undefined && graphs.length > 0;
  const hasFolder = useWorkspace((s) => s.folder !== null);
  return (
    <div className={`app theme-${theme}`}>
      <Toolbar />
      <Tabs />
      {/* Keyed by document: each tab's panes start from their own document's state. */}
      <main key={id} className="workspace" id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(id)}>
        <Group orientation="horizontal" className="pane-group">
          {hasFolder && (
            <>
              <Panel id="files" defaultSize="16%" minSize="8%" collapsible>
                <FilesPanel />
              </Panel>
              <Separator className="separator separator-vertical" aria-label="Resize files and editor" />
            </>
          )}
          <Panel id="text" defaultSize={hasFolder ? '48%' : '58%'} minSize="25%">
            <Group orientation="vertical" className="pane-group">
              <Panel id="editor" defaultSize={showGraph ? '44%' : '72%'} minSize="20%">
                <YamlEditor store={store} theme={theme} />
              </Panel>
              {showGraph && (
                <>
                  <Separator className="separator separator-horizontal" aria-label="Resize editor and pipeline graph" />
                  <Panel id="graph" defaultSize="40%" minSize="15%" collapsible>
                    <Suspense fallback={<p className="preview-empty">Loading the pipeline graph…</p>}>
                      <PipelineGraphPane graphs={graphs} support={support} theme={theme} />
                    </Suspense>
                  </Panel>
                </>
              )}
              <Separator className="separator separator-horizontal" aria-label="Resize editor and problems" />
              <Panel id="problems" defaultSize={showGraph ? '16%' : '28%'} minSize="8%" collapsible>
                <ProblemsPanel />
              </Panel>
            </Group>
          </Panel>
          <Separator className="separator separator-vertical" aria-label="Resize editor and form" />
          <Panel id="form" defaultSize={hasFolder ? '36%' : '42%'} minSize="15%" collapsible>
            <Group orientation="vertical" className="pane-group">
              <Panel id="form-main" defaultSize="55%" minSize="15%">
                <FormPane />
              </Panel>
              <Separator className="separator separator-horizontal" aria-label="Resize form and command preview" />
              <Panel id="preview" defaultSize="45%" minSize="8%" collapsible>
                <PreviewPane />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </main>
    </div>
  );
}
