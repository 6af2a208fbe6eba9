import { expect, test, type Page } from '@playwright/test';
import { editorInput, editorLines, form, holdTheApp, openFile, problems, savedText } from './helpers';

// The first screen is painted before the app's code runs (index.html, main.tsx, firstEditor.ts):
// these tests hold the app's chunk back, look at the page as it is without it, then let it load.

const editorBox = async (page: Page) => (await page.locator('.monaco-editor').boundingBox())!;

for (const viewport of [
  { width: 1280, height: 720 },
  // Narrow: the toolbar wraps onto a second row, in the static screen as in the app's.
  { width: 640, height: 800 },
]) {
  test(`the text shows before the app is loaded, where the app then shows it (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const release = await holdTheApp(page);
    await page.goto('./');
    await expect(editorLines(page)).toContainText('step');
    await expect(editorInput(page)).toHaveCount(1);
    // Nothing but the editor works yet: the rest is a picture of the app, hidden from assistive technology.
    await expect(problems(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Download' })).toHaveCount(0);
    const before = await editorBox(page);

    await release();
    await expect(problems(page)).toContainText('No problems');
    await expect(form(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download' })).toBeVisible();
    await expect(page.locator('#first-screen')).toHaveCount(0);
    await expect(page.locator('.monaco-editor')).toHaveCount(1);
    expect(await editorBox(page)).toEqual(before);
  });
}

test('what is typed before the app has loaded is kept, with the focus, once it has', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./');
  await expect(editorLines(page)).toContainText('step');
  await page.locator('.monaco-editor .view-lines').click();
  await expect(editorInput(page)).toBeFocused();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# typed early\n');

  await release();
  await expect(problems(page)).toContainText('No problems');
  await expect(editorInput(page)).toBeFocused();
  await page.keyboard.type('# typed later\n');
  const text = await savedText(page);
  expect(text.startsWith('# typed early\n# typed later\n# Valohai runs each step')).toBe(true);
  // One history: undoing all the typing (Monaco undoes it a few words at a time) gives the example back.
  await editorInput(page).focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('Control+z');
  await expect.poll(async () => (await savedText(page)).slice(0, 25)).toBe('# Valohai runs each step ');
});

test('a reload shows the document that was open, before the app has loaded', async ({ page }) => {
  await page.goto('./');
  await expect(problems(page)).toContainText('No problems');
  await openFile(page, 'experiment.yaml', 'name: mnist-first-screen\nsearcher:\n  name: single\n  metric: loss\n');
  await expect(editorLines(page)).toContainText('mnist-first-screen');
  // Written to the browser's storage as it changes.
  await page.waitForTimeout(500);

  const release = await holdTheApp(page);
  await page.reload();
  await expect(editorLines(page)).toContainText('mnist-first-screen');
  await expect(page.locator('#first-tabs')).toContainText('experiment.yaml');
  await release();
  await expect(page.getByRole('tab', { name: 'experiment.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorLines(page)).toContainText('mnist-first-screen');
  await expect(page.locator('.monaco-editor')).toHaveCount(1);
});

test('when the app’s code does not arrive, the page says so and how to recover', async ({ page }) => {
  await page.route('**/assets/start-*.js', (route) => route.abort('connectionreset'));
  await page.goto('./');
  await expect(editorLines(page)).toContainText('step');
  const alert = page.getByRole('alert').filter({ hasText: 'Pipewright could not finish loading' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('reload the page to try again');
});
