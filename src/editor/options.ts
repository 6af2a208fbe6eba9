/**
 * How Pipewright's editor is set up, for the first document's editor (created before the rest of
 * the page, firstEditor.ts) and every editor after it (YamlEditor.tsx) alike.
 */
import { monaco } from './monaco';

export type ColorScheme = 'light' | 'dark';

/** Monaco's theme for the page's light or dark colour scheme. */
export const themeName = (scheme: ColorScheme) => (scheme === 'dark' ? 'pipewright-dark' : 'vs');

/** The media query that says the system's colour scheme is dark. */
export const DARK_SCHEME_QUERY = '(prefers-color-scheme: dark)';

/** The system's colour scheme now (app/useColorScheme.ts follows it live). */
export const systemColorScheme = (): ColorScheme => (window.matchMedia(DARK_SCHEME_QUERY).matches ? 'dark' : 'light');

export function editorOptions(model: monaco.editor.ITextModel, scheme: ColorScheme): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    model,
    ariaLabel: 'YAML editor',
    automaticLayout: true,
    minimap: { enabled: false },
    // Sticky scroll by indentation, found by Monaco itself: its default (the outline model) asks
    // for the whole document's outline after every change, megabytes from the worker at 50,000 lines.
    stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
    tabSize: 2,
    insertSpaces: true,
    detectIndentation: true,
    renderWhitespace: 'boundary',
    // Monaco folds YAML by indentation and, after each change of the lines, replaces every folding
    // region's decoration on the main thread: at its default limit (5,000 regions) that was a
    // 50–62 ms task after each new line typed in a 50,000-line file. Past 2,000 regions the
    // deepest levels are not foldable; documents of up to about 10,000 lines keep every fold.
    foldingMaximumRegions: 2000,
    // Monaco dims the number of the line after a final newline below readable contrast.
    renderFinalNewline: 'on',
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    theme: themeName(scheme),
    quickSuggestions: { other: true, strings: true, comments: false },
    // Our suggestions come from the schema; Monaco's word list would only add noise (and a worker round trip).
    wordBasedSuggestions: 'off',
    suggestOnTriggerCharacters: true,
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
  };
}
