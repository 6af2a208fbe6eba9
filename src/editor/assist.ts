/**
 * Completion, hover, quick fixes and folding in Monaco, answered by the document service (which holds the
 * parsed document and the dialect's schema). Every answer is for the exact text the editor has:
 * a request that the text outran is dropped.
 *
 * The core's markdown escapes the document text it quotes; Monaco is also told to render no HTML,
 * no theme icons and no command links (and it drops `javascript:`/`data:` links by itself).
 */
import type { Completion } from '../core/assist';
import type { DocumentStore } from '../store/documentStore';
import { monaco } from './monaco';
import { askFor, rangeOf } from './answers';
import { FOLDING_LIMIT } from './options';

const KIND: Record<Completion['kind'], monaco.languages.CompletionItemKind> = {
  key: monaco.languages.CompletionItemKind.Property,
  value: monaco.languages.CompletionItemKind.Value,
  snippet: monaco.languages.CompletionItemKind.Snippet,
  reference: monaco.languages.CompletionItemKind.Reference,
};

/** Markdown for Monaco: no HTML, no `command:` links, no `$(icon)` syntax. */
function markdown(value: string): monaco.IMarkdownString {
  return { value, supportHtml: false, isTrusted: false, supportThemeIcons: false };
}

export function registerAssist(store: DocumentStore, model: monaco.editor.ITextModel): monaco.IDisposable {
  const ask = askFor(model);

  const completion = monaco.languages.registerCompletionItemProvider('yaml', {
    triggerCharacters: [':', ' ', '{', '-', '.', '$'],
    async provideCompletionItems(m, position) {
      if (m !== model) return { suggestions: [] };
      const items = await ask(() => store.getState().query({ kind: 'complete', offset: m.getOffsetAt(position) }), [] as Completion[]);
      return {
        suggestions: items.map((c) => ({
          label: c.label,
          kind: KIND[c.kind],
          detail: c.detail,
          documentation: c.documentation ? markdown(c.documentation) : undefined,
          insertText: c.insertText,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range: rangeOf(m, c.range),
          sortText: c.sortText,
          filterText: c.filterText,
          preselect: c.preselect,
        })),
      };
    },
  });

  const hover = monaco.languages.registerHoverProvider('yaml', {
    async provideHover(m, position) {
      if (m !== model) return null;
      const h = await ask(() => store.getState().query({ kind: 'hover', offset: m.getOffsetAt(position) }), null);
      return h ? { range: rangeOf(m, h.range), contents: [markdown(h.markdown)] } : null;
    },
  });

  const actions = monaco.languages.registerCodeActionProvider('yaml', {
    async provideCodeActions(m, range, context) {
      if (m !== model) return { actions: [], dispose() {} };
      const fixes = await ask(() => store.getState().query({ kind: 'fixes', offset: m.getOffsetAt(range.getStartPosition()) }), []);
      return {
        actions: fixes.map((fix, i) => ({
          title: fix.title,
          kind: 'quickfix',
          isPreferred: i === 0,
          diagnostics: context.markers.filter((mk) => mk.source === 'pipewright'),
          edit: {
            edits: fix.edits.map((e) => ({
              resource: m.uri,
              versionId: m.getVersionId(),
              textEdit: { range: rangeOf(m, [e.offset, e.offset + e.length]), text: e.insert },
            })),
          },
        })),
        dispose() {},
      };
    },
  });

  // Monaco would otherwise fold YAML by indentation, reading every line on the main thread after
  // each pause in typing (20–60 ms at 50,000 lines); sticky scroll asks here too. An answer for a
  // text the editor has changed since is still given: that change has asked again already, and
  // null would make Monaco read the indentation meanwhile (it does only when the service fails).
  const folding = monaco.languages.registerFoldingRangeProvider('yaml', {
    async provideFoldingRanges(m) {
      if (m !== model) return null;
      return store
        .getState()
        .query({ kind: 'folding', limit: FOLDING_LIMIT })
        .catch(() => null);
    },
  });

  return {
    dispose() {
      completion.dispose();
      hover.dispose();
      actions.dispose();
      folding.dispose();
    },
  };
}
