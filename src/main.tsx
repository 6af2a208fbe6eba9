/**
 * The page's entry. It starts reading the saved session (IndexedDB answers in tasks of its own)
 * and loads the rest, whose fetching and compiling the read then overlaps. The page's static
 * first screen (index.html) is painted meanwhile. As soon as Monaco is evaluated the first
 * document's editor is created in it, and the browser paints the text; React, the stores and
 * the app are evaluated and drawn after that frame, and take that editor over (firstEditor.ts).
 */
import { loadSession } from './app/persistence';
import { firstDocument, mayShowAnotherFirst } from './app/firstDocument';
import './app/app.css';

const session = loadSession();
// The static first screen as the app will draw it: Open folder only where a folder can be picked.
if (!('showDirectoryPicker' in window)) document.getElementById('first-open-folder')?.remove();
const frame = document.getElementById('first-editor');
const firstEditor = frame && !mayShowAnotherFirst(location.hash, sessionStorage) ? import('./editor/firstEditor') : undefined;

void (async () => {
  if (firstEditor && frame) {
    const [{ createFirstEditor }, saved] = await Promise.all([firstEditor, session]);
    const shown = firstDocument(saved);
    showTabs(saved.docs.map((d) => d.fileName), shown.saved ? saved.docs.indexOf(shown.saved) : 0);
    createFirstEditor(frame, shown.text, shown.cursor);
    // The frame that paints it first, then the rest.
    await new Promise<void>((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  }
  const { start } = await import('./app/start');
  await start(session);
})().catch(showLoadFailure);

/** The page's code did not all arrive (a dropped connection, a server updated meanwhile): said where it is seen. */
function showLoadFailure(error: unknown) {
  const alert = document.createElement('p');
  alert.className = 'notice load-failure';
  alert.setAttribute('role', 'alert');
  alert.textContent =
    `Pipewright could not finish loading (${error instanceof Error ? error.message : String(error)}). ` +
    'The documents saved in this browser are untouched; reload the page to try again. Text typed since this page opened is not saved.';
  (document.getElementById('first-screen') ?? document.body).prepend(alert);
}

/** The session's tabs in the static first screen (it holds the example's). */
function showTabs(names: string[], active: number) {
  const tabs = document.getElementById('first-tabs');
  if (!tabs || names.length === 0) return;
  tabs.replaceChildren(
    ...names.map((name, i) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = i === active ? 'tab active' : 'tab';
      tab.textContent = name;
      return tab;
    }),
  );
}
