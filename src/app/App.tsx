import { lazy, Suspense, useEffect } from 'react';
import { YamlEditor } from '../editor/YamlEditor';
import { FormPane } from '../form/FormPane';
import { PreviewPane } from '../preview/PreviewPane';
import { releaseModels } from '../editor/models';
import { usePipelineGraphs } from '../graph/usePipelineGraphs';
import { firstVisit } from './firstDocument';
import { ProblemsPanel } from './ProblemsPanel';
import { StoreContext, useDocumentStore, useWorkspace, useWorkspaceStore } from '../store/react';
import { PANEL_ID, tabId, Tabs } from './Tabs';
import { Toolbar } from './Toolbar';
import { FilesPanel } from './FilesPanel';
import { useColorScheme } from './useColorScheme';
import { useWorkspaceEvents } from './useWorkspaceEvents';
import { SplitView } from '../ui/SplitView';

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
    if (docs.length === 0) workspace.getState().open({ ...firstVisit });
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
        <SplitView
          orientation="horizontal"
          panes={[
            ...(hasFolder ? [{ id: 'files', size: 16, min: 8, collapsible: true, content: <FilesPanel /> }] : []),
            {
              id: 'text',
              size: hasFolder ? 48 : 58,
              min: 25,
              resizeLabel: 'Resize files and editor',
              content: (
                <SplitView
                  orientation="vertical"
                  panes={[
                    { id: 'editor', size: showGraph ? 44 : 72, min: 20, content: <YamlEditor store={store} theme={theme} /> },
                    ...(showGraph
                      ? [
                          {
                            id: 'graph',
                            size: 40,
                            min: 15,
                            collapsible: true,
                            resizeLabel: 'Resize editor and pipeline graph',
                            content: (
                              <Suspense fallback={<p className="preview-empty">Loading the pipeline graph…</p>}>
                                <PipelineGraphPane graphs={graphs} support={support} theme={theme} />
                              </Suspense>
                            ),
                          },
                        ]
                      : []),
                    { id: 'problems', size: showGraph ? 16 : 28, min: 8, collapsible: true, resizeLabel: 'Resize editor and problems', content: <ProblemsPanel /> },
                  ]}
                />
              ),
            },
            {
              id: 'form',
              size: hasFolder ? 36 : 42,
              min: 15,
              collapsible: true,
              resizeLabel: 'Resize editor and form',
              content: (
                <SplitView
                  orientation="vertical"
                  panes={[
                    { id: 'form-main', size: 55, min: 15, content: <FormPane /> },
                    { id: 'preview', size: 45, min: 8, collapsible: true, resizeLabel: 'Resize form and command preview', content: <PreviewPane /> },
                  ]}
                />
              ),
            },
          ]}
        />
      </main>
    </div>
  );
}
