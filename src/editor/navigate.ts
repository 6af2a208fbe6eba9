/**
 * Navigation in Monaco, answered by the document service from the core's symbols: go to
 * definition (F12, Ctrl+click), references (Shift+F12, in the peek view), highlights of the
 * other uses of the name under the cursor, rename (F2; refused with the reason before anything
 * changes; Monaco applies the edits as one undo step) and the document's outline (Ctrl+Shift+O).
 */
import type { OutlineItem, SymbolKind } from '../core/contracts/symbols';
import type { DocumentStore } from '../store/documentStore';
import { askFor, rangeOf } from './answers';
import { monaco } from './monaco';

const K = monaco.languages.SymbolKind;
const SYMBOL_KIND: Record<SymbolKind, monaco.languages.SymbolKind> = {
  step: K.Function,
  task: K.Event,
  pipeline: K.Module,
  node: K.Object,
  endpoint: K.Interface,
  deployment: K.Package,
  parameter: K.Variable,
  input: K.File,
  output: K.File,
  'environment-variable': K.Constant,
  hyperparameter: K.Variable,
  stream: K.Field,
  hook: K.Method,
  section: K.Namespace,
  anchor: K.Key,
};

function symbolOf(model: monaco.editor.ITextModel, item: OutlineItem): monaco.languages.DocumentSymbol {
  return {
    name: item.name || ' ',
    detail: item.detail ?? '',
    kind: SYMBOL_KIND[item.kind],
    tags: [],
    range: rangeOf(model, item.range),
    selectionRange: rangeOf(model, item.selection),
    children: item.children.map((c) => symbolOf(model, c)),
  };
}

/** The stores of the models open in editors: the providers are registered once and answer for any of them. */
const stores = new Map<monaco.editor.ITextModel, DocumentStore>();
const editors = new Map<monaco.editor.ITextModel, monaco.editor.ICodeEditor>();
let providers: monaco.IDisposable | null = null;

interface MessageController {
  showMessage(message: string, position: monaco.IPosition): void;
}

/**
 * Monaco hands a refused rename to its notification service, which the standalone editor does
 * not show: say why at the cursor, as it does for a refused rename location, once the rename box has closed.
 */
function showRefusal(model: monaco.editor.ITextModel, reason: string, position: monaco.IPosition): void {
  setTimeout(() => {
    const editor = editors.get(model);
    (editor?.getContribution('editor.contrib.messageController') as MessageController | null)?.showMessage(reason, position);
  }, 50);
}

export function registerNavigation(store: DocumentStore, model: monaco.editor.ITextModel, editor: monaco.editor.ICodeEditor): monaco.IDisposable {
  stores.set(model, store);
  editors.set(model, editor);
  providers ??= registerProviders();
  return {
    dispose() {
      if (stores.get(model) === store) stores.delete(model);
      if (editors.get(model) === editor) editors.delete(model);
      if (stores.size === 0) {
        providers?.dispose();
        providers = null;
      }
    },
  };
}

function registerProviders(): monaco.IDisposable {
  const navigate = (m: monaco.editor.ITextModel, position: monaco.Position) => {
    const store = stores.get(m);
    return store ? askFor(m)(() => store.getState().query({ kind: 'navigate', offset: m.getOffsetAt(position) }), null) : Promise.resolve(null);
  };
  const locations = (m: monaco.editor.ITextModel, ranges: [number, number][]) => ranges.map((r) => ({ uri: m.uri, range: rangeOf(m, r) }));

  const disposables = [
    monaco.languages.registerDefinitionProvider('yaml', {
      async provideDefinition(m, position) {
        const nav = await navigate(m, position);
        return nav ? locations(m, nav.definitions) : null;
      },
    }),
    monaco.languages.registerReferenceProvider('yaml', {
      async provideReferences(m, position, context) {
        const nav = await navigate(m, position);
        if (!nav) return null;
        return locations(m, context.includeDeclaration ? [...nav.definitions, ...nav.references] : nav.references);
      },
    }),
    monaco.languages.registerDocumentHighlightProvider('yaml', {
      async provideDocumentHighlights(m, position) {
        const nav = await navigate(m, position);
        if (!nav) return null;
        const H = monaco.languages.DocumentHighlightKind;
        return [...nav.definitions.map((r) => ({ range: rangeOf(m, r), kind: H.Write })), ...nav.references.map((r) => ({ range: rangeOf(m, r), kind: H.Read }))];
      },
    }),
    monaco.languages.registerRenameProvider('yaml', {
      async resolveRenameLocation(m, position) {
        const store = stores.get(m);
        if (!store) return null;
        const at = await askFor(m)(() => store.getState().query({ kind: 'prepareRename', offset: m.getOffsetAt(position) }), {
          refuse: 'The document changed; try again',
        });
        if ('refuse' in at) return { range: monaco.Range.fromPositions(position), text: '', rejectReason: at.refuse };
        return { range: rangeOf(m, at.range), text: at.name };
      },
      async provideRenameEdits(m, position, newName) {
        const store = stores.get(m);
        if (!store) return null;
        const version = m.getVersionId();
        try {
          const plan = await store.getState().query({ kind: 'rename', offset: m.getOffsetAt(position), to: newName });
          if (m.getVersionId() !== version) return { edits: [], rejectReason: 'The document changed while renaming; try again' };
          return {
            edits: plan.edits.map((e) => ({ resource: m.uri, versionId: version, textEdit: { range: rangeOf(m, [e.offset, e.offset + e.length]), text: e.insert } })),
          };
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          showRefusal(m, reason, position);
          return { edits: [], rejectReason: reason };
        }
      },
    }),
    monaco.languages.registerDocumentSymbolProvider('yaml', {
      displayName: 'Pipewright outline',
      async provideDocumentSymbols(m) {
        const store = stores.get(m);
        if (!store) return [];
        const items = await askFor(m)(() => store.getState().query({ kind: 'outline' }), [] as OutlineItem[]);
        return items.map((item) => symbolOf(m, item));
      },
    }),
  ];
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
