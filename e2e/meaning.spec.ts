import { expect, test } from '@playwright/test';
import { focusEditor, openApp, openFile, previewStep, problems, savedText } from './helpers';

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
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Put these lines under `command:`' });
  await expect(action).toBeVisible();
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
