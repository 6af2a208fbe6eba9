// Baseline for the cold-load benchmark: the same bundled Monaco and the same document, nothing else.
import { monaco } from '../src/editor/monaco';
import { exampleText } from '../src/core/dialects/valohai/example';

const editor = monaco.editor.create(document.getElementById('editor')!, {
  value: exampleText,
  language: 'yaml',
  automaticLayout: true,
  minimap: { enabled: false },
});

// The heap benchmark puts its big document in here.
(window as unknown as { benchEditor: typeof editor }).benchEditor = editor;
