import { expect, test } from '@playwright/test';
import { focusEditor, openApp, openFile, previewStep, problems, quickFix, savedText } from './helpers';

// Valohai's own example: the commands are indented under `image`, so they are part of its text.
const environmentCheck = `- step:
    name: environment-check
    image: python:3.6
      - printenv
      - python --version
`;

test('a list swallowed by the image is explained at its line, and the fix gives the step its commands', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', environmentCheck);
  const warning = problems(page).getByRole('button', { name: /continues the value of `image`/ });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('python:3.6 - printenv - python --version');
  await warning.click();
  const action = await quickFix(page, 'Put these lines under `command:`');
  await action.click();
  const step = previewStep(page, 'environment-check');
  await expect(step.getByRole('list', { name: 'Command items of environment-check' })).toContainText('printenv');
  await expect(step.getByLabel('Script of environment-check')).toHaveText('printenv\npython --version');
  await expect(problems(page)).toContainText('No problems');
  expect(await savedText(page)).toBe(environmentCheck.replace('      - printenv', '    command:\n      - printenv'));
  // One fix, one undo step.
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect(warning).toBeVisible();
  expect(await savedText(page)).toBe(environmentCheck);
});

test('Share asks first when the document holds a secret, and shares nothing when the person declines', async ({ page }) => {
  await openApp(page);
  const withToken = `- step:
    name: fetch
    image: python:3.12
    command: python fetch.py
    environment-variables:
      - name: HF_TOKEN
        default: hf_abcdefghijklmnop
`;
  await openFile(page, 'valohai.yaml', withToken);
  await expect(problems(page).getByRole('button', { name: /HF_TOKEN|secret/i }).first()).toBeVisible();
  // The preview does not show the token.
  await expect(previewStep(page, 'fetch').getByLabel('HF_TOKEN', { exact: true })).toHaveAttribute('type', 'password');
  await expect(previewStep(page, 'fetch')).not.toContainText('hf_abcdefghijklmnop');

  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('line 7');
  await expect(page.getByLabel(/Share link/)).toHaveCount(0);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByLabel(/Share link/)).toHaveValue(/#share=/);
});
