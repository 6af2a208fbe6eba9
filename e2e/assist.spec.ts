import { expect, test, type Page } from '@playwright/test';
import { editorLines, focusEditor, openApp, openFile, problems, quickFix, savedText } from './helpers';

const doc = `- step:
    name: train
    image: python:3.12
    command: python train.py
    parameters:
      - name: lr
        type: float
        default: 0.1
      - name: epochs
        type: integer
        default: 3
`;

/** Put the cursor at the end of the given 1-based line, as a person would with the keyboard. */
async function endOfLine(page: Page, line: number) {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

const suggestions = (page: Page) => page.locator('.monaco-editor .suggest-widget .monaco-list-row');

test('suggests the keys a step still lacks, and inserts the chosen one', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', doc);
  await expect(problems(page)).toContainText('No problems');
  await endOfLine(page, 3);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(suggestions(page).first()).toBeVisible();
  const labels = await suggestions(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  expect(labels.some((l) => l.startsWith('inputs'))).toBe(true);
  expect(labels.some((l) => /^(name|image|command)\b/.test(l))).toBe(false);
  await page.keyboard.type('descr');
  await expect(suggestions(page).first()).toHaveAttribute('aria-label', /^description/);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Trains the model');
  const text = await savedText(page);
  expect(text).toContain('    image: python:3.12\n    description: Trains the model\n    command: python train.py\n');
  await expect(problems(page)).toContainText('No problems');
});

test("offers this step's parameter names inside {parameter:", async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', doc);
  await endOfLine(page, 4);
  await page.keyboard.type(' {parameter:');
  await page.keyboard.press('Control+Space');
  await expect(suggestions(page).first()).toBeVisible();
  const labels = await suggestions(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  const names = labels.map((l) => l.split(/[ ,]/)[0]);
  expect(names).toEqual(expect.arrayContaining(['{parameter:epochs}', '{parameter:lr}']));
  expect(names.filter((n) => n.startsWith('{parameter:'))).toHaveLength(2);
  await page.keyboard.type('ep');
  await page.keyboard.press('Enter');
  await expect(editorLines(page)).toContainText('command: python train.py {parameter:epochs}');
});

test('hover on a key shows what it means', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', doc);
  const key = page.locator('.view-line', { hasText: 'image: python:3.12' }).locator('span', { hasText: /^image$/ });
  await key.hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Docker image' }).first()).toBeVisible();
});

test("a problem's markers are set once: the service's identical answer and a tab switch leave them (and a quick-fix menu asked for meanwhile) alone", async ({ page }) => {
  await openApp(page, './?debug');
  const sets = () => page.evaluate('window.pipewright.editor.markerSets') as Promise<number>;
  // The example shown first has its analysis and markers.
  await page.evaluate('window.pipewright.store.getState().settled()');
  const before = await sets();
  await openFile(page, 'valohai.yaml', doc.replace('    image:', '    imgae:'));
  await expect(problems(page).getByRole('button', { name: /did you mean "image"/ })).toBeVisible();
  // The page shows its own first analysis; a query answered by the service comes after its
  // analysis of the same text (it answers in order), so that analysis has arrived by then.
  await page.evaluate('window.pipewright.store.getState().query({ kind: "hover", offset: 0 })');
  expect(await sets()).toBe(before + 1);
  // Away to another tab (its document gets its own markers) and back: this one's are still shown.
  await openFile(page, 'other.yaml', doc);
  await expect(problems(page)).toContainText('No problems');
  await page.getByRole('tab', { name: 'valohai.yaml' }).click();
  await expect(problems(page).getByRole('button', { name: /did you mean "image"/ })).toBeVisible();
  expect(await sets()).toBe(before + 2);
  await expect(page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first()).toBeVisible();
});

test('a quick fix renames a misspelt key', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', doc.replace('    image:', '    imgae:'));
  await expect(problems(page).getByRole('button', { name: /did you mean "image"/ })).toBeVisible();
  await problems(page).getByRole('button', { name: /did you mean "image"/ }).click();
  const action = await quickFix(page, 'Rename to "image"');
  await expect(action).toHaveClass(/focused/);
  await page.keyboard.press('Enter');
  await expect(problems(page)).toContainText('No problems');
  expect(await savedText(page)).toBe(doc);
});
