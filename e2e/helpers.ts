import { expect, type Locator, type Page, type Route } from '@playwright/test';

/**
 * Open the app and wait until the editor shows the example document and the app has taken the
 * page over (the text is painted before the app is loaded: see e2e/firstScreen.spec.ts).
 */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await expect(editorLines(page)).toContainText('step', { timeout: 30_000 });
  await expect(problems(page)).toBeVisible();
}

export function editorLines(page: Page): Locator {
  return page.locator('.monaco-editor .view-lines');
}

export function editorInput(page: Page): Locator {
  return page.getByRole('textbox', { name: 'YAML editor' });
}

export function problems(page: Page): Locator {
  return page.getByRole('region', { name: 'Problems' });
}

/** Put the keyboard focus into the editor, as a click into it would. */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await expect(editorInput(page)).toBeFocused();
}

/** Open a file through the "Open file" control, as a person picking it from disk. */
export async function openFile(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByLabel('Open file').setInputFiles({
    name,
    mimeType: 'application/yaml',
    buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  });
}

/** Press "Download" and return the saved file's name and bytes. */
export async function download(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const d = await downloadPromise;
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

export function form(page: Page): Locator {
  return page.getByRole('region', { name: 'Form' });
}

/** Expand a collapsed group of the form (a step, a parameter...) and return it. */
export async function openGroup(scope: Locator, name: string): Promise<Locator> {
  const toggle = scope.getByRole('button', { name, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  return scope.getByRole('group', { name, exact: true });
}

/** The text a person would save, read through the Download button. */
export async function savedText(page: Page): Promise<string> {
  return (await download(page)).bytes.toString('utf8');
}

export function commandPreview(page: Page): Locator {
  return page.getByRole('region', { name: 'Command preview' });
}

/** A step's group in the command preview. */
export function previewStep(page: Page, name: string): Locator {
  return commandPreview(page).getByRole('group', { name, exact: true });
}

/**
 * Wait until an editor decoration (the current line, a highlight) sits on the line showing
 * `lineText`: Monaco scrolls and paints on its next frames.
 */
export async function expectOnLine(page: Page, decoration: Locator, lineText: string): Promise<void> {
  await expect
    .poll(async () => {
      const mark = await decoration.boundingBox();
      const line = await page.locator('.view-line', { hasText: lineText }).first().boundingBox();
      return mark && line ? Math.abs(mark.y - line.y) : Infinity;
    })
    .toBeLessThan(2);
}

/** Press `key` until `shown` is visible (as a person presses again when nothing came up), and return it. */
async function pressUntilVisible(page: Page, key: string, shown: Locator): Promise<Locator> {
  await expect
    .poll(
      async () => {
        if (await shown.isVisible()) return true;
        await page.keyboard.press(key);
        await page.waitForTimeout(700);
        return shown.isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return shown;
}

/**
 * With Monaco's suggestion list open: show the details of the focused suggestion. Ctrl+Space on
 * an open list toggles them; on a busy machine the list may still be settling, so ask until they show.
 */
export function showSuggestionDetails(page: Page): Promise<Locator> {
  return pressUntilVisible(page, 'Control+Space', page.locator('.monaco-editor .suggest-details'));
}

/**
 * With the cursor on a problem: open the quick fixes (Ctrl+.) and return the one titled `title`.
 * Monaco drops a pending request for fixes when the file's markers change (the person typed, a
 * project check arrived), showing nothing; a person then presses again, and so does this.
 */
export async function quickFix(page: Page, title: string): Promise<Locator> {
  await expect(editorInput(page)).toBeFocused();
  return pressUntilVisible(page, 'Control+.', page.locator('.action-widget .monaco-list-row.action', { hasText: title }));
}

/**
 * A valohai.yaml of `steps` well-formed steps, over 160 KB at the default: a document that big has
 * its service in a worker (smaller ones are served in the page).
 */
export function bigValohai(steps = 2000): string {
  let text = '';
  for (let i = 0; i < steps; i++) text += `- step:\n    name: step-${i}\n    image: python:3.12\n    command: python train.py --step ${i}\n`;
  return text;
}

/** Open a document big enough that the document service starts its worker, and wait for its problems. */
export async function openBigFile(page: Page): Promise<void> {
  await openFile(page, 'valohai.yaml', bigValohai());
  await expect(problems(page)).toContainText('No problems', { timeout: 30_000 });
}

/**
 * Holds the app's chunk back (the first screen and its editor are shown without it) until the
 * returned function is called.
 */
export async function holdTheApp(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route('**/assets/start-*.js', (route) => (released ? route.continue() : void held.push(route)));
  return async () => {
    released = true;
    await expect.poll(() => held.length, { message: 'the app chunk was asked for' }).toBeGreaterThan(0);
    for (const r of held.splice(0)) await r.continue();
  };
}
