/**
 * Monaco, bundled by Vite with its worker: only the editor core, its standard contributions
 * (hover, find, suggest...) and YAML highlighting — no other languages, no CDN loader.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

// Monaco's vs-dark paints YAML comments #608b4e on #1e1e1e (4.2:1, below WCAG AA); VS Code's
// Dark+ comment colour reads at 5.0:1.
monaco.editor.defineTheme('pipewright-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '6a9955' }], colors: {} });

export { monaco };
