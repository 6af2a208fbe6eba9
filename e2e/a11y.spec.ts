/**
 * Accessibility: axe-core finds no serious or critical violation in any view of the app — the
 * valohai example, a valohai pipeline in the graph, a Determined and an emloop file, the form with its groups expanded, the
 * preview with overrides, the suggestion widget open, and broken YAML with the read-only form.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { commandPreview, editorLines, focusEditor, form, holdTheApp, openApp, openFile, showSuggestionDetails } from './helpers';

const corpus = (path: string) => readFileSync(resolve(process.cwd(), '../shared/corpus', path), 'utf8');

/** The serious and critical violations on the page as it is now, one line each (rule, element, message). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

/** No serious or critical violation, except those `allowed` (each allowance says why where it is given). */
async function expectAccessible(page: Page, allowed: (violation: string) => boolean = () => false) {
  expect((await violations(page)).filter((v) => !allowed(v))).toEqual([]);
}

/** Expand every collapsed group of the form (a step, a parameter...), outer ones first. */
async function expandAll(page: Page) {
  const collapsed = form(page).locator('button.group-toggle[aria-expanded="false"]');
  for (let n = await collapsed.count(); n > 0; n = await collapsed.count()) await collapsed.first().click();
}

test('the valohai example', async ({ page }) => {
  await openApp(page);
  await expectAccessible(page);
});

test('the first screen, shown before the app has loaded', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./');
  await expect(editorLines(page)).toContainText('step');
  await expectAccessible(page);
  await release();
});

// One test per theme: axe over the graph (every box, port and arrow checked for contrast) is the
// slowest check here, and a loaded machine needs the time of a whole test for each.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`a valohai pipeline in the graph, with a node selected (the ${colorScheme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    await openFile(page, 'valohai.yaml', corpus('valohai/examples/pipeline-example.yaml'));
    const graph = page.getByRole('region', { name: 'Pipeline graph' });
    await graph.getByRole('group', { name: /^execution train/ }).click();
    await expect(graph.getByRole('button', { name: 'Delete node train' })).toBeVisible();
    await expect(graph.locator('.react-flow')).toHaveClass(new RegExp(`\\b${colorScheme}\\b`));
    await expectAccessible(page);
  });
}

test('the valohai example with every form group expanded', async ({ page }) => {
  await openApp(page);
  await expandAll(page);
  await expectAccessible(page);
});

test('a Determined file, groups expanded, an override added', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'adaptive.yaml', corpus('determined/examples/tutorials/core_api_pytorch_mnist/adaptive.yaml'));
  await expect(page.getByLabel('Dialect')).toHaveValue('determined');
  await expectAccessible(page);
  await expandAll(page);
  const exp = commandPreview(page).getByRole('group').first();
  await exp.getByRole('button', { name: 'Add override' }).click();
  await exp.getByRole('textbox', { name: 'Override 1' }).fill('resources.slots_per_trial=2');
  await exp.getByRole('button', { name: 'Add override' }).click();
  await exp.getByRole('textbox', { name: 'Override 2' }).fill('no-equals-sign');
  await expectAccessible(page);
});

test('an emloop file, groups expanded, overrides added (one invalid)', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'config.yaml', corpus('emloop/examples/emloop-examples/mnist_convnet/config.yaml'));
  await expect(page.getByLabel('Dialect')).toHaveValue('emloop');
  await expectAccessible(page);
  await expandAll(page);
  const train = commandPreview(page).getByRole('group', { name: 'train', exact: true });
  await train.getByRole('button', { name: 'Add override' }).click();
  await train.getByRole('textbox', { name: 'Override 1' }).fill('model.optimizer.learning_rate=0.01');
  await train.getByRole('button', { name: 'Add override' }).click();
  await train.getByRole('textbox', { name: 'Override 2' }).fill('model.nothing.here=1');
  await expect(train.getByText(/KeyError: 'nothing'/).first()).toBeVisible();
  await expectAccessible(page);
});

test('the preview with edited parameter values, one invalid', async ({ page }) => {
  await openApp(page);
  const train = commandPreview(page).getByRole('group', { name: 'Train model', exact: true });
  await train.getByLabel('max_steps', { exact: true }).fill('abc');
  await expect(train.getByLabel('max_steps', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('the suggestion widget open, with its details', async ({ page }) => {
  await openApp(page);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- ');
  await page.keyboard.press('Control+Space');
  const widget = page.locator('.monaco-editor .suggest-widget');
  await expect(widget.locator('.monaco-list-row').first()).toBeVisible();
  await showSuggestionDetails(page);
  await expectAccessible(page);
});

test('a hover open on a key', async ({ page }) => {
  await openApp(page);
  await page.locator('.view-line', { hasText: 'image: tensorflow' }).first().locator('span', { hasText: /^image$/ }).hover();
  await expect(page.locator('.monaco-hover .rendered-markdown').filter({ hasText: 'Docker image' }).first()).toBeVisible();
  await expectAccessible(page);
});

test('broken YAML: the read-only form with its banner, the problem listed', async ({ page }) => {
  await openApp(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('key: [unclosed\n');
  await expect(editorLines(page)).toContainText('[unclosed');
  await expect(form(page).getByText('The YAML does not parse')).toBeVisible();
  await expectAccessible(page);
});

test.describe('in the dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

  test('the valohai example with every group expanded, then broken YAML', async ({ page }) => {
    await openApp(page);
    await expandAll(page);
    await expectAccessible(page);
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('key: [unclosed\n');
    await expect(form(page).getByText('The YAML does not parse')).toBeVisible();
    await expectAccessible(page);
  });
});
