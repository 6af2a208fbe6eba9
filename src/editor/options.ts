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

/**
 * How many folding regions the editor keeps. After each change of the lines Monaco replaces every
 * region's decoration on the main thread: at its default limit (5,000) that was a 52–60 ms task
 * after a new line typed in a 50,000-line file. Past 2,000 regions the deepest levels are not
 * foldable: the benchmark's 50,000 lines of steps have 18,750, so about 5,000 such lines keep every
 * fold. The ranges themselves come from the document service (assist.ts), already cut to this many.
 */
export const FOLDING_LIMIT = 2000;

export function editorOptions(model: monaco.editor.ITextModel, scheme: ColorScheme): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    model,
    ariaLabel: 'YAML editor',
    automaticLayout: true,
    minimap: { enabled: false },
    // Sticky scroll by the folding ranges (assist.ts): its default (the outline model) asks for the
    // whole document's outline after every change, megabytes from the worker at 50,000 lines, and
    // its indentation model reads every line on the main thread after every pause in typing.
    stickyScroll: { enabled: true, defaultModel: 'foldingProviderModel' },
    tabSize: 2,
    insertSpaces: true,
    detectIndentation: true,
    renderWhitespace: 'boundary',
    foldingMaximumRegions: FOLDING_LIMIT,
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
