/**
 * The Monaco editor, uncontrolled: it shows the document's model (models.ts keeps one per open
 * document, so a tab switch keeps each undo history). User typing flows out as text edits; changes from elsewhere flow in as model edits
 * (never a `value` prop re-set on render), so the cursor and undo history stay intact.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { DocumentStore } from '../store/documentStore';
import type { TextEdit } from '../core/contracts/change';
import type { LocatedDiagnostic } from '../core/contracts/diagnostics';
import { registerAssist } from './assist';
import { registerNavigation } from './navigate';
import { Breadcrumb } from './Breadcrumb';
import { keepViewState, modelFor } from './models';
import { takeFirstEditor } from './firstEditor';
import { editorOptions, themeName } from './options';
import { editBetween } from '../core/document/textEdits';
import { monaco } from './monaco';
import { editorStats } from './stats';

const SEVERITY: Record<LocatedDiagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
  hint: monaco.MarkerSeverity.Hint,
};

function toMarkers(model: monaco.editor.ITextModel, diagnostics: readonly LocatedDiagnostic[]): monaco.editor.IMarkerData[] {
  return diagnostics.map((d) => {
    const start = model.getPositionAt(d.range[0]);
    let end = model.getPositionAt(d.range[1]);
    // A zero-width range would draw nothing: mark the rest of the word, or the line.
    if (d.range[0] === d.range[1]) {
      const word = model.getWordAtPosition(start);
      end = word ? new monaco.Position(start.lineNumber, word.endColumn) : new monaco.Position(start.lineNumber, model.getLineMaxColumn(start.lineNumber));
    }
    return {
      severity: SEVERITY[d.severity],
      message: d.message,
      source: 'pipewright',
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
}

/** What each model's markers were last made from. */
const shownMarkers = new WeakMap<monaco.editor.ITextModel, string>();

/**
 * Marks the diagnostics in the model, unless it already shows exactly these. Re-set markers are
 * not only redrawn: Monaco drops the quick fixes it was asked for (Ctrl+.) and asks again, so a
 * menu requested just before the service's identical answer (or a tab switch) would never open.
 */
function showMarkers(model: monaco.editor.ITextModel, diagnostics: readonly LocatedDiagnostic[]): void {
  const key = diagnostics.map((d) => `${d.range[0]}:${d.range[1]}:${d.severity}:${d.message}`).join('\n');
  if (shownMarkers.get(model) === key) return;
  shownMarkers.set(model, key);
  editorStats.markerSets++;
  monaco.editor.setModelMarkers(model, 'pipewright', toMarkers(model, diagnostics));
}

export function YamlEditor({ store, theme }: { store: DocumentStore; theme: 'light' | 'dark' }) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  // Created before the browser paints: the first frame shows the editor with its text, not an empty pane.
  useLayoutEffect(() => {
    const state = store.getState();
    const { model, view, fresh } = modelFor(store);
    // The page's first editor, made before the app (firstEditor.ts), is taken over whole: moved
    // here with its focus (`moveBefore` keeps it; where there is none it is given back), and what
    // was typed in it meanwhile reaches the store.
    const first = takeFirstEditor(model);
    const frame = first?.frame ?? document.createElement('div');
    frame.className = 'editor-frame';
    const hadFocus = first?.editor.hasTextFocus() ?? false;
    if (first && 'moveBefore' in host.current!) (host.current as unknown as { moveBefore(node: Node, before: Node | null): void }).moveBefore(frame, null);
    else host.current!.append(frame);
    if (hadFocus && !first!.editor.hasTextFocus()) first!.editor.focus();
    const editor = first?.editor ?? monaco.editor.create(frame, editorOptions(model, theme));
    if (first) {
      const typed = editBetween(state.text, model.getValue());
      if (typed) state.applyEdits([typed], 'editor');
    } else if (view) editor.restoreViewState(view);
    else if (fresh && state.cursor > 0) {
      // A restored session: the cursor where it was.
      const pos = model.getPositionAt(state.cursor);
      editor.setPosition(pos);
      editor.revealPositionInCenter(pos);
    }
    const assist = registerAssist(store, model);
    const navigation = registerNavigation(store, model, editor);
    editorRef.current = editor;
    let applyingFromStore = false;

    const onChange = model.onDidChangeContent((e) => {
      if (applyingFromStore) return;
      const edits: TextEdit[] = e.changes.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, insert: c.text }));
      store.getState().applyEdits(edits, 'editor');
    });

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.version !== prev.version && s.origin !== 'editor' && s.text !== model.getValue()) {
        applyingFromStore = true;
        try {
          if (s.origin === 'file') {
            model.setValue(s.text);
            editor.setPosition({ lineNumber: 1, column: 1 });
          } else {
            // Replay the exact edits so Monaco's undo stack holds them: one history for every view.
            const ops = s.lastEdits.map((e) => {
              const start = model.getPositionAt(e.offset);
              const end = model.getPositionAt(e.offset + e.length);
              return { range: monaco.Range.fromPositions(start, end), text: e.insert };
            });
            // Typing in one form field is one undo step, like typing a word in the editor.
            const sameGroup = s.editGroup !== null && s.editGroup === prev.editGroup && prev.origin === s.origin;
            if (!sameGroup) model.pushStackElement();
            model.pushEditOperations(editor.getSelections(), ops, () => null);
          }
        } finally {
          applyingFromStore = false;
        }
      }
      // A result for an older text would put markers at stale offsets; Monaco moves the old ones along with edits meanwhile.
      if (s.analysis !== prev.analysis && s.analysis.version === s.version) {
        showMarkers(model, s.analysis.diagnostics);
      }
      if (s.highlight !== prev.highlight) {
        if (!s.highlight) highlight.clear();
        else {
          const start = model.getPositionAt(s.highlight.range[0]);
          const end = model.getPositionAt(s.highlight.range[1]);
          const range = monaco.Range.fromPositions(start, end);
          highlight.set([
            { range, options: { isWholeLine: true, className: 'form-focus-line' } },
            { range, options: { inlineClassName: 'form-focus-value' } },
          ]);
          editor.revealRangeInCenterIfOutsideViewport(range);
        }
      }
      if (s.reveal !== prev.reveal && s.reveal) {
        const pos = model.getPositionAt(s.reveal.offset);
        editor.setPosition(pos);
        editor.revealPositionInCenterIfOutsideViewport(pos);
        if (s.reveal.focus !== false) editor.focus();
      }
    });
    showMarkers(model, state.analysis.diagnostics);

    // One undo history: the form's Ctrl+Z lands here too.
    state.registerEditorCommands({
      undo: () => editor.trigger('pipewright', 'undo', null),
      redo: () => editor.trigger('pipewright', 'redo', null),
    });

    // Tell the form where the cursor is (after the burst of moves settles).
    let cursorTimer: ReturnType<typeof setTimeout> | undefined;
    const onCursor = editor.onDidChangeCursorPosition((e) => {
      if (!editor.hasTextFocus()) return;
      clearTimeout(cursorTimer);
      cursorTimer = setTimeout(() => store.getState().cursorMoved(model.getOffsetAt(e.position)), 50);
    });
    const highlight = editor.createDecorationsCollection();
    // Close the form's open undo step when typing moves to the editor.
    // Also tell where the cursor is: a move made while the focus was elsewhere (the quick outline, a breadcrumb) was not told.
    const onFocus = editor.onDidFocusEditorText(() => {
      model.pushStackElement();
      const pos = editor.getPosition();
      if (pos) store.getState().cursorMoved(model.getOffsetAt(pos));
    });
    (window as unknown as { __pipewrightEditorReady?: boolean }).__pipewrightEditorReady = true;

    return () => {
      clearTimeout(cursorTimer);
      onCursor.dispose();
      onFocus.dispose();
      assist.dispose();
      navigation.dispose();
      store.getState().registerEditorCommands(null);
      unsubscribe();
      onChange.dispose();
      keepViewState(store, editor.saveViewState());
      editor.dispose();
      frame.remove();
      editorRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    monaco.editor.setTheme(themeName(theme));
  }, [theme]);

  return (
    <div className="editor-pane">
      <Breadcrumb store={store} />
      <div ref={host} className="editor-host" />
    </div>
  );
}
