import { expect, test, type Page } from '@playwright/test';
import { focusEditor, form, openApp, openFile, openGroup, problems, savedText } from './helpers';

const DOC = `- step:
    name: train
    image: python:3.12
    command:
      - python train.py --epochs={parameter:epochs} --lr {parameter-value:lr}
    parameters:
      - name: epochs   # passes over the data
        type: integer
        default: 3
      - name: lr
        type: float
        default: 0.1
- task:
    name: sweep
    step: train
    parameters:
      - name: epochs
        style: multiple
        rules: {items: [1, 2]}
- pipeline:
    name: flow
    parameters:
      - name: passes
        target: fit.parameter.epochs
    nodes:
      - name: fit
        type: execution
        step: train
        override:
          parameters:
            - name: "epochs"
              default: 5
    edges: []
`;

const LINES = DOC.split('\n');

/** DOC with the parameter `epochs` renamed at its definition and its four uses (the flag `--epochs=` is the script's, not a use). */
const renamedTo = (to: string) =>
  DOC.replace('{parameter:epochs}', `{parameter:${to}}`)
    .replace('- name: epochs   #', `- name: ${to}   #`)
    .replace('      - name: epochs\n        style', `      - name: ${to}\n        style`)
    .replace('fit.parameter.epochs', `fit.parameter.${to}`)
    .replace('- name: "epochs"', `- name: "${to}"`);

/** Put the cursor on `text` (its first character plus `into`) on the first line holding it, by keyboard. */
async function cursorOn(page: Page, text: string, into = 0) {
  const line = LINES.findIndex((l) => l.includes(text));
  const column = LINES[line].indexOf(text) - (LINES[line].length - LINES[line].trimStart().length) + into;
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
}

const breadcrumb = (page: Page) => page.getByRole('navigation', { name: 'Breadcrumb' });

async function open(page: Page) {
  await openApp(page);
  await openFile(page, 'valohai.yaml', DOC);
  await expect(problems(page)).toContainText('No problems');
}

test('F12 on {parameter:epochs} moves the cursor to the parameter; the breadcrumb follows', async ({ page }) => {
  await open(page);
  await cursorOn(page, '{parameter:epochs}', 13);
  await expect(breadcrumb(page).getByRole('button')).toHaveText(['step: train']);
  await page.keyboard.press('F12');
  await expect(breadcrumb(page).getByRole('button')).toHaveText(['step: train', 'parameters', 'epochs']);
  // The cursor is on the name: typing there changes the definition.
  await page.keyboard.type('x');
  await expect.poll(() => savedText(page)).toContain('- name: xepochs   # passes');
});

test('F2 renames a parameter and every use as one change; one Ctrl+Z restores the text', async ({ page }) => {
  await open(page);
  await cursorOn(page, 'epochs   #', 2);
  await page.keyboard.press('F2');
  const input = page.locator('.rename-box input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('epochs');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('passes_total');
  await page.keyboard.press('Enter');
  await expect.poll(() => savedText(page)).toBe(renamedTo('passes_total'));
  await expect(problems(page)).toContainText('No problems');
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect.poll(() => savedText(page)).toBe(DOC);
});

test('a name that is taken is refused with the reason, and nothing changes', async ({ page }) => {
  await open(page);
  await cursorOn(page, '{parameter-value:lr}', 17);
  await page.keyboard.press('F2');
  const input = page.locator('.rename-box input');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('lr');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('epochs');
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor-overlaymessage')).toContainText(/already has a parameter named "epochs"/);
  expect(await savedText(page)).toBe(DOC);
});

test('Shift+F12 lists every use of a step in the peek view', async ({ page }) => {
  await open(page);
  await cursorOn(page, 'name: train', 7);
  await page.keyboard.press('Shift+F12');
  const peek = page.locator('.peekview-widget');
  await expect(peek).toBeVisible();
  // The definition and the step's two uses: the task's `step: train` and the node's.
  await expect(peek.locator('.peekview-title')).toContainText('(3)');
  await expect(peek.locator('.ref-tree .monaco-list-row')).toHaveCount(3);
});

test('the quick outline (Ctrl+Shift+O) lists the steps, tasks and pipelines by name', async ({ page }) => {
  await open(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+o');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await expect(rows.first()).toBeVisible();
  for (const [name, kind] of [['train', 'function'], ['sweep', 'event'], ['flow', 'module']]) {
    await page.keyboard.type(name);
    await expect(rows.first()).toHaveAttribute('aria-label', new RegExp(`^${name} \\(${kind}\\)`));
    for (let i = 0; i < name.length; i++) await page.keyboard.press('Backspace');
  }
  await page.keyboard.type('lr');
  await page.keyboard.press('Enter');
  await expect(breadcrumb(page).getByRole('button')).toHaveText(['step: train', 'parameters', 'lr']);
});

test('a breadcrumb part moves the cursor to that item', async ({ page }) => {
  await open(page);
  await cursorOn(page, 'default: 0.1');
  await expect(breadcrumb(page).getByRole('button')).toHaveText(['step: train', 'parameters', 'lr']);
  await breadcrumb(page).getByRole('button', { name: 'step: train' }).click();
  await expect(breadcrumb(page).getByRole('button')).toHaveText(['step: train']);
});

test("the form's name field offers to rename the uses too, as one undo step", async ({ page }) => {
  await open(page);
  const step = await openGroup(form(page), 'Step: train');
  const param = await openGroup(step, 'Parameter: epochs');
  await param.getByRole('button', { name: 'Rename everywhere… (4 uses)' }).click();
  const name = form(page).getByLabel('New name for “epochs” and its 4 uses');
  await name.fill('n');
  await page.keyboard.press('Enter');
  await expect.poll(() => savedText(page)).toBe(renamedTo('n'));
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect.poll(() => savedText(page)).toBe(DOC);
});
