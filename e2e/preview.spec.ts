import { expect, test } from '@playwright/test';
import { bigValohai, commandPreview, editorLines, expectOnLine, focusEditor, form, openApp, openFile, previewStep, problems, savedText } from './helpers';
import { exampleText } from '../src/core/dialects/valohai/example';

const DEFAULT_COMMAND = 'python train.py --max_steps=300 --learning_rate=0.001 --dropout=0.9';

test('the preview shows each step with its command, inputs, environment and parameters file', async ({ page }) => {
  await openApp(page);
  const train = previewStep(page, 'Train model');
  await expect(train.getByRole('list', { name: 'Command items of Train model' })).toContainText(DEFAULT_COMMAND);
  await expect(train.getByLabel('Script of Train model')).toHaveText(`pip install -r requirements.txt\n${DEFAULT_COMMAND}`);
  await expect(train.getByLabel('max_steps', { exact: true })).toHaveValue('300');
  await expect(train.getByText('Number of training steps')).toBeVisible();
  await expect(train.getByRole('list', { name: 'Inputs of Train model' })).toContainText('/valohai/inputs/training-set-images/train-images-idx3-ubyte.gz');
  expect(JSON.parse(await train.getByLabel('Parameters file of Train model').innerText())).toEqual({ max_steps: 300, learning_rate: 0.001, dropout: 0.9 });
  const inference = previewStep(page, 'Batch inference');
  await expect(inference.getByLabel('BATCH_SIZE', { exact: true })).toHaveValue('128');
});

test('changing a value in the parameter form changes the command; the text stays as it was', async ({ page }) => {
  await openApp(page);
  const train = previewStep(page, 'Train model');
  await train.getByLabel('max_steps', { exact: true }).fill('1000');
  await train.getByLabel('learning_rate', { exact: true }).fill('1e-4');
  await expect(train.getByRole('list', { name: 'Command items of Train model' })).toContainText('python train.py --max_steps=1000 --learning_rate=0.0001 --dropout=0.9');
  expect(await savedText(page)).toBe(exampleText);
});

test('an invalid value shows the platform message beside the field', async ({ page }) => {
  await openApp(page);
  const train = previewStep(page, 'Train model');
  const field = train.getByLabel('max_steps', { exact: true });
  await field.fill('abc');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/abc is not an integer/);
  await field.fill('0');
  await expect(train.getByText('0 is less than the minimum allowed (1)')).toBeVisible();
  await train.getByLabel('dropout', { exact: true }).fill('');
  await expect(train.getByText('No value supplied')).toBeVisible();
  await train.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(field).toHaveValue('300');
  await expect(train.getByText('No value supplied')).toHaveCount(0);
  await expect(train.getByRole('list', { name: 'Command items of Train model' })).toContainText(DEFAULT_COMMAND);
});

test('editing pass-as in the editor: the preview follows, and typed values survive the edit', async ({ page }) => {
  await openApp(page);
  const train = previewStep(page, 'Train model');
  await train.getByLabel('dropout', { exact: true }).fill('0.5');
  const items = train.getByRole('list', { name: 'Command items of Train model' });
  await expect(items).toContainText('--dropout=0.5');
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  // Line 23: `        pass-as: --max_steps={v}`
  for (let i = 0; i < 22; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await expect(editorLines(page)).toContainText('pass-as: --max_steps');
  await page.keyboard.type(' {v');
  await expect(editorLines(page)).toContainText('pass-as: --max_steps {v}');
  await expect(items).toContainText('python train.py --max_steps 300 --learning_rate=0.001 --dropout=0.5');
  await expect(train.getByLabel('dropout', { exact: true })).toHaveValue('0.5');
});

test('clicking a piece of the command reveals its parameter in the editor and the form', async ({ page }) => {
  await openApp(page);
  await previewStep(page, 'Train model').getByRole('button', { name: '--learning_rate=0.001' }).click();
  const param = form(page).getByRole('group', { name: 'Parameter: learning_rate' });
  await expect(param.locator('.field.at-cursor')).toContainText('name');
  await expectOnLine(page, page.locator('.monaco-editor .current-line').first(), '- name: learning_rate');
});

test('Copy puts the script on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const train = previewStep(page, 'Train model');
  await train.getByLabel('max_steps', { exact: true }).fill('42');
  await expect(train.getByLabel('Script of Train model')).toContainText('--max_steps=42');
  await train.getByRole('button', { name: 'Copy the Train model script' }).click();
  await expect(train.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('pip install -r requirements.txt\npython train.py --max_steps=42 --learning_rate=0.001 --dropout=0.9');
});

test('environment variables can be set for the preview', async ({ page }) => {
  await openApp(page);
  const inference = previewStep(page, 'Batch inference');
  const size = inference.getByLabel('BATCH_SIZE', { exact: true });
  await size.fill('64');
  await expect(size).toHaveValue('64');
  await expect(commandPreview(page)).toBeVisible();
});

test('a long file’s steps open folded; one opened from the keyboard shows its command, and stays open after a reload', async ({ page }) => {
  await openApp(page);
  const steps = Array.from({ length: 20 }, (_, i) => `- step:\n    name: s${i}\n    image: busybox\n    command: echo {parameters}\n    parameters:\n      - name: n\n        type: integer\n        default: ${i}\n`).join('');
  await openFile(page, 'valohai.yaml', steps);
  const s7 = previewStep(page, 's7');
  const toggle = s7.getByRole('button', { name: 's7', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(previewStep(page, 's19').getByRole('button', { name: 's19', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(s7.getByRole('list', { name: 'Command items of s7' })).toContainText('echo --n=7');
  await expect(previewStep(page, 's8').getByRole('list', { name: 'Command items of s8' })).toHaveCount(0);
  await page.waitForTimeout(300);
  await page.reload();
  await expect(previewStep(page, 's7').getByRole('list', { name: 'Command items of s7' })).toContainText('echo --n=7');
  await expect(previewStep(page, 's8').getByRole('button', { name: 's8', exact: true })).toHaveAttribute('aria-expanded', 'false');
});

test('a document pasted past 160 KB moves its checks to a worker; the typed preview values, Problems and the form carry on', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const serviceWorkers = () => page.workers().filter((w) => /service\.worker/.test(w.url())).length;
  const train = previewStep(page, 'Train model');
  await train.getByLabel('max_steps', { exact: true }).fill('1000');
  await expect(train.getByRole('list', { name: 'Command items of Train model' })).toContainText('--max_steps=1000');
  // A small document is checked in the page itself.
  expect(serviceWorkers()).toBe(0);

  await page.evaluate((text) => navigator.clipboard.writeText(text), bigValohai());
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+v');
  await expect(editorLines(page)).toContainText('step-1999');
  await expect.poll(serviceWorkers).toBe(1);
  await expect(problems(page)).toContainText('No problems');

  // The worker knows the whole text: a mistake typed at its end is found there.
  await page.keyboard.type('- step:');
  await expect(problems(page).getByRole('button', { name: /step is empty/ })).toBeVisible();
  for (let i = 0; i < '- step:'.length; i++) await page.keyboard.press('Backspace');
  await expect(problems(page)).toContainText('No problems');
  // The form follows the pasted steps.
  await expect(form(page).getByRole('button', { name: 'Step: step-1999', exact: true })).toBeVisible();
  // With 2,000 more steps the preview opens folded; the value typed before the move still counts.
  const toggle = train.getByRole('button', { name: 'Train model', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(train.getByRole('list', { name: 'Command items of Train model' })).toContainText('--max_steps=1000');
});
