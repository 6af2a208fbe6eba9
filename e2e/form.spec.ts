import { expect, test } from '@playwright/test';
import { exampleText } from '../src/core/dialects/valohai/example';
import { download, editorInput, editorLines, expectOnLine, focusEditor, form, openApp, openFile, openGroup, problems, savedText } from './helpers';

function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]] as [string, string]]));
}

test('changing a parameter default in the form changes only that value in the editor', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  const param = await openGroup(step, 'Parameter: learning_rate');
  const field = param.getByLabel('default', { exact: true });
  await expect(field).toHaveValue('0.001');
  await field.fill('0.01');
  await expect(editorLines(page)).toContainText('default: 0.01  # written with a dot');
  const text = await savedText(page);
  expect(changedLines(exampleText, text)).toEqual([
    ['        default: 0.001  # written with a dot: under YAML 1.1, 1e-3 would be text', '        default: 0.01  # written with a dot: under YAML 1.1, 1e-3 would be text'],
  ]);
  // Scientific notation typed into a float field is written as a float the runtime reads as one.
  await field.fill('1e-4');
  await expect.poll(async () => (await savedText(page)).match(/default: (\S+)  # written/)?.[1]).toMatch(/^(1\.0e-4|0\.0001)$/);
  await expect(problems(page)).toContainText('No problems');
});

test('a string field quotes what YAML would misread', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Batch inference');
  const variable = await openGroup(step, 'Environment variable: OUTPUT_FORMAT');
  await variable.getByLabel('default', { exact: true }).fill('yes');
  await expect(editorLines(page)).toContainText('default: "yes"');
  await expect(problems(page)).toContainText('No problems');
});

test('adding and removing a parameter', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  await step.getByRole('button', { name: 'Add parameter' }).click();
  const added = step.getByRole('group', { name: 'Parameter: new_parameter' });
  await expect(added).toBeVisible();
  let text = await savedText(page);
  expect(text).toContain('      - name: new_parameter\n        type: string\n');
  expect(text.replace('      - name: new_parameter\n        type: string\n', '')).toBe(exampleText);

  await added.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(added).toHaveCount(0);
  text = await savedText(page);
  expect(text).toBe(exampleText);
});

test('moving a parameter moves its lines, comments included', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  const names = () => step.getByRole('group', { name: /^Parameter: / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby') && document.getElementById(e.getAttribute('aria-labelledby')!)?.textContent));
  expect(await names()).toEqual(['▸Parameter: max_steps', '▸Parameter: learning_rate', '▸Parameter: dropout']);
  await step.getByRole('group', { name: 'Parameter: dropout' }).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(names).toEqual(['▸Parameter: max_steps', '▸Parameter: dropout', '▸Parameter: learning_rate']);
  const text = await savedText(page);
  expect(text.indexOf('name: dropout')).toBeLessThan(text.indexOf('name: learning_rate'));
  expect(text).toContain('default: 0.001  # written with a dot');
  expect(text.length).toBe(exampleText.length);
});

test('typing in the editor updates the form, and the cursor highlights its field', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  const image = step.getByLabel('image', { exact: true });
  await expect(image).toHaveValue('tensorflow/tensorflow:2.16.1-gpu');
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(image).toHaveValue('tensorflow/tensorflow:2.16.1');
  // The cursor is on the image line: its field is highlighted.
  await expect(step.locator('.field.at-cursor')).toContainText('image');
});

test('focusing a form field highlights its line in the editor', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  await step.getByLabel('image', { exact: true }).focus();
  await expect(page.locator('.monaco-editor .form-focus-line')).toHaveCount(1);
  await expectOnLine(page, page.locator('.monaco-editor .form-focus-line'), 'image: tensorflow/tensorflow:2.16.1-gpu');
  // The value itself is outlined too.
  const outlined = await page.locator('.monaco-editor .form-focus-value').evaluateAll((els) => els.map((e) => e.textContent).join(''));
  expect(outlined).toBe('tensorflow/tensorflow:2.16.1-gpu');
});

test('one undo history: Ctrl+Z in the editor undoes a form edit, and in the form too', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  const name = step.getByLabel('name', { exact: true }).first();
  await name.fill('Train the model');
  await expect(editorLines(page)).toContainText('name: Train the model');
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect(editorLines(page)).toContainText('name: Train model');
  await expect(form(page).getByRole('group', { name: 'Step: Train model' })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(editorLines(page)).toContainText('name: Train the model');

  const renamed = form(page).getByRole('group', { name: 'Step: Train the model' });
  await renamed.getByLabel('image', { exact: true }).fill('python:3.12');
  await expect(editorLines(page)).toContainText('image: python:3.12');
  await page.keyboard.press('Control+z');
  await expect(editorLines(page)).toContainText('image: tensorflow/tensorflow:2.16.1-gpu');
  await expect(renamed.getByLabel('image', { exact: true })).toHaveValue('tensorflow/tensorflow:2.16.1-gpu');
});

test('diagnostics show beside the fields they concern', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: train\n    image: true\n    command: python train.py\n    imgae: x\n');
  const step = await openGroup(form(page), 'Step: train');
  const image = step.getByLabel('image', { exact: true });
  await expect(image).toHaveValue('true');
  await expect(image).toHaveAccessibleDescription(/must be text/);
  // A key the schema does not know is kept, read-only.
  await expect(step.getByRole('group', { name: 'imgae (kept as is)' })).toContainText('"x"');
});

test('broken YAML makes the form read-only until it parses again', async ({ page }) => {
  await openApp(page);
  const step = await openGroup(form(page), 'Step: Train model');
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('"');
  await expect(form(page).getByRole('status')).toContainText('does not parse');
  await expect(step.getByLabel('image', { exact: true })).toBeDisabled();
  await expect(step.getByLabel('image', { exact: true })).toHaveValue('tensorflow/tensorflow:2.16.1-gpu');
  await page.keyboard.press('Backspace');
  await expect(form(page).getByRole('status')).toHaveCount(0);
  await expect(step.getByLabel('image', { exact: true })).toBeEnabled();
  await expect(editorInput(page)).toBeFocused();
});

test('a file with CRLF line ends (saved on Windows): problems at their lines, and a form edit changes only its value, line ends kept', async ({ page }) => {
  await openApp(page);
  const text = '# made on Windows\r\n- step:\r\n    name: train\r\n    image: python:3.12\r\n    comand: python train.py\r\n    command: python train.py\r\n';
  await openFile(page, 'valohai.yaml', text);
  await expect(problems(page).getByRole('button', { name: /comand/ })).toContainText('5:5');
  const step = await openGroup(form(page), 'Step: train');
  await step.getByLabel('image', { exact: true }).fill('python:3.13');
  await expect(editorLines(page)).toContainText('python:3.13');
  await expect.poll(async () => (await download(page)).bytes.toString('utf8')).toBe(text.replace('python:3.12', 'python:3.13'));
});
