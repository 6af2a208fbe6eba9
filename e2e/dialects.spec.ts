/**
 * Each dialect end to end: open a real config of the platform, see it detected, complete a key,
 * edit a field in the form, read the preview; and switching the dialect by hand.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { commandPreview, editorLines, focusEditor, form, openApp, openFile, openGroup, problems, savedText } from './helpers';

const corpus = (path: string) => readFileSync(resolve(process.cwd(), '../shared/corpus', path), 'utf8');
const suggestions = (page: Page) => page.locator('.monaco-editor .suggest-widget .monaco-list-row');
const labels = (page: Page) => suggestions(page).evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? '').split(/[ ,]/)[0]));

/** The cursor at the end of the first line that reads exactly `line` (trimmed), as a person would get there with the keyboard. */
async function endOf(page: Page, text: string, line: string) {
  const index = text.split('\n').findIndex((l) => l.trim() === line);
  expect(index).toBeGreaterThanOrEqual(0);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

test('Determined: detected, completes searcher keys, switches a hyperparameter kind, previews the launch', async ({ page }) => {
  const text = corpus('determined/examples/tutorials/core_api_pytorch_mnist/adaptive.yaml');
  await openApp(page);
  await openFile(page, 'adaptive.yaml', text);
  await expect(page.getByLabel('Dialect')).toHaveValue('determined');
  await expect(page.getByText('detected', { exact: true })).toBeVisible();
  await expect(problems(page)).toContainText('No problems');

  // Completion inside the adaptive_asha searcher: its own keys, not those already there.
  await endOf(page, text, 'max_time: 20');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(suggestions(page).first()).toBeVisible();
  const offered = await labels(page);
  expect(offered).toEqual(expect.arrayContaining(['mode', 'divisor', 'max_rungs']));
  expect(offered).not.toContain('max_trials');
  await page.keyboard.type('divis');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect.poll(() => savedText(page)).toMatch(/\n {2}max_time: 20\n {2}divisor: /);
  // Undo takes the completion and the new line back out (the download moved the focus away).
  await expect
    .poll(async () => {
      await focusEditor(page);
      await page.keyboard.press('Control+z');
      return savedText(page);
    })
    .toBe(text);

  // The form: learning_rate from a float range to a log range keeps its bounds as written.
  const hp = await openGroup(form(page), 'hyperparameters');
  const lr = await openGroup(hp, 'learning_rate');
  const kind = lr.getByLabel('Kind of learning_rate');
  await expect(kind).toHaveValue('1');
  await kind.selectOption({ label: 'Log range' });
  await expect.poll(() => savedText(page)).toContain('  learning_rate:\n    type: log\n    minval: .0001\n    maxval: 1.0\n    base: 10\n  n_filters1:');
  await expect(kind).toHaveValue('2');

  // Searcher fields follow the searcher's name.
  const searcher = await openGroup(form(page), 'searcher');
  await expect(searcher.getByLabel('divisor', { exact: true })).toHaveCount(1);
  await searcher.getByLabel('name', { exact: true }).selectOption('random');
  await expect.poll(() => savedText(page)).toContain('searcher:\n  name: random\n');
  await expect(searcher.getByLabel('divisor', { exact: true })).toHaveCount(0);
  await expect(searcher.getByLabel('max_concurrent_trials', { exact: true })).toHaveCount(1);
  await focusEditor(page);
  await page.keyboard.press('Control+z');

  // The preview: launch command, search space, one DET_HPARAMS sample that Resample changes, --config overrides.
  const exp = commandPreview(page).getByRole('group', { name: 'coreapi_mnist_tutorial_adaptive_search', exact: true });
  await expect(exp.getByRole('list', { name: /Command items of/ })).toHaveText("sh -c 'python3 model_def_adaptive.py --epochs 20'");
  await expect(exp.getByRole('definition').filter({ hasText: 'max_trials 50' })).toBeVisible();
  const sample = exp.getByLabel('DET_HPARAMS', { exact: true });
  const first = JSON.parse(await sample.inputValue()) as Record<string, number>;
  expect(first.n_filters1).toBeGreaterThanOrEqual(8);
  expect(first.n_filters1).toBeLessThanOrEqual(64);
  await exp.getByRole('button', { name: 'Resample' }).click();
  await expect.poll(async () => (await sample.inputValue()) !== JSON.stringify(first) && (await sample.inputValue())).toBeTruthy();
  await exp.getByRole('button', { name: 'Add override' }).click();
  await exp.getByRole('textbox', { name: 'Override 1' }).fill('resources.slots_per_trial=2');
  await expect(exp.getByLabel(/Create the experiment of/)).toHaveText('det experiment create adaptive.yaml . --config resources.slots_per_trial=2');
  await expect(exp.getByRole('definition').filter({ hasText: /^2$/ })).toBeVisible();
  expect(await savedText(page)).not.toContain('slots_per_trial');
});

test('emloop: detected, completes hook names, edits the model in the form, previews the effective config', async ({ page }) => {
  const text = corpus('emloop/examples/emloop-examples/mnist_convnet/config.yaml');
  await openApp(page);
  await openFile(page, 'config.yaml', text);
  await expect(page.getByLabel('Dialect')).toHaveValue('emloop');
  await expect(problems(page)).toContainText('No problems');

  await endOf(page, text, '- LogProfile');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- SaveB');
  // A person pauses on the half-typed name (it is flagged), then asks for suggestions.
  await expect(problems(page)).toContainText('no hook "SaveB"');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  await expect(suggestions(page).first()).toBeVisible();
  expect(await labels(page)).toContain('SaveBest');
  await page.keyboard.press('Enter');
  await expect(editorLines(page)).toContainText('- SaveBest');
  await expect.poll(() => savedText(page)).toContain('  - LogProfile\n  - SaveBest');

  const model = await openGroup(form(page), 'model');
  await model.getByLabel('name', { exact: true }).fill('ConvNet2');
  await expect.poll(() => savedText(page)).toContain('model:\n  name: ConvNet2\n  class: mnist_convnet.SimpleConvNet');

  const train = commandPreview(page).getByRole('group', { name: 'train', exact: true });
  await expect(train.getByRole('list', { name: /Command items of/ })).toHaveText('emloop train config.yaml');
  await train.getByRole('button', { name: 'Add override' }).click();
  await train.getByRole('textbox', { name: 'Override 1' }).fill('model.optimizer.learning_rate=0.01');
  await expect(train.getByRole('list', { name: /Command items of/ })).toHaveText('emloop train config.yaml model.optimizer.learning_rate=0.01');
  const effective = train.getByLabel('Effective config of train');
  await expect(effective).toContainText('learning_rate: 0.01');
  await expect(effective.locator('mark')).toContainText(['learning_rate: 0.01']);
  await train.getByRole('textbox', { name: 'Override 1' }).fill('model.nothing.here=1');
  await expect(train.getByText(/KeyError: 'nothing'/).first()).toBeVisible();
});

test('the Dialect select re-reads the same text as another platform, changing nothing in it', async ({ page }) => {
  await openApp(page);
  const before = await savedText(page);
  await expect(page.getByLabel('Dialect')).toHaveValue('valohai');
  await expect(problems(page)).toContainText('No problems');
  await page.getByLabel('Dialect').selectOption({ label: 'emloop (config.yaml)' });
  await expect(page.getByText('chosen', { exact: true })).toBeVisible();
  await expect(problems(page)).not.toContainText('No problems');
  // A list of steps is no emloop config: nothing to run, and the form shows it as it is.
  await expect(commandPreview(page)).toContainText('Nothing to run in this document yet.');
  expect(await savedText(page)).toBe(before);
  await page.getByLabel('Dialect').selectOption({ label: 'Valohai (valohai.yaml)' });
  await expect(problems(page)).toContainText('No problems');
  expect(await savedText(page)).toBe(before);
});
