/**
 * Text from the document is never markup: documents of each dialect whose keys, names,
 * descriptions, values and hook arguments carry HTML, script and `javascript:` payloads are shown
 * in every view (form, hover, completion details, command preview, Problems), and no script runs,
 * no `<img src=x>` or `javascript:` link ever enters the page, and the payload reads as written.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { commandPreview, editorInput, focusEditor, form, openApp, openFile, openGroup, problems, showSuggestionDetails } from './helpers';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const JS = 'javascript:window.__xss=1';
const LINK = `[click](${JS})`;
/** A payload with no space (a command placeholder's name has none), with a backtick that would end a code span. */
const SVG = '`<svg/onload=window.__xss=1>';

declare global {
  interface Window {
    __xss?: number;
    __injected?: string[];
  }
}

/** Before the app loads: record every element that would run or load a payload, however briefly it is in the page. */
test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.addInitScript(() => {
    window.__injected = [];
    const check = (el: Element) => {
      const bad =
        (el.tagName === 'IMG' && el.getAttribute('src') === 'x') ||
        el.hasAttribute('onerror') ||
        el.hasAttribute('onload') ||
        el.tagName === 'SVG' ||
        (el.tagName === 'SCRIPT' && (el.textContent ?? '').includes('__xss')) ||
        /^\s*javascript:/i.test(el.getAttribute('href') ?? '') ||
        /^\s*javascript:/i.test(el.getAttribute('data-href') ?? '');
      if (bad) window.__injected!.push(el.outerHTML);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') check(r.target as Element);
        for (const n of r.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('*')].forEach(check);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src', 'href', 'data-href', 'onerror', 'onload'] });
  });
});

/** Nothing ran, nothing was injected, and no `<img src=x>` or script link is in the page now. */
async function expectClean(page: Page) {
  const state = await page.evaluate(() => ({
    xss: window.__xss,
    injected: window.__injected,
    imgs: document.querySelectorAll('img[src="x"]').length,
    links: [...document.querySelectorAll('a')].filter((a) => /javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  expect(state).toEqual({ xss: undefined, injected: [], imgs: 0, links: 0 });
}

/** Put the cursor on the `delta`-th character of the first `needle` in `text` (the editor's content), with the keyboard. */
async function cursorAt(page: Page, text: string, needle: string, delta = 1) {
  const offset = text.indexOf(needle);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + delta).split('\n');
  // A hover from before may cover the text a click would land on: close it from the keyboard.
  if (await editorInput(page).evaluate((el) => el === document.activeElement)) await page.keyboard.press('Escape');
  else await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < before.length; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < before[before.length - 1].length; i++) await page.keyboard.press('ArrowRight');
}

/** The markdown of the hover Monaco shows at `needle` (Ctrl+K Ctrl+I, as with the keyboard), once it says `expected`. */
async function hoverAt(page: Page, text: string, needle: string, expected: string, delta = 1): Promise<Locator> {
  await cursorAt(page, text, needle, delta);
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+i');
  // Our markdown (a problem's message beside it is plain text, so it must not be the match).
  const hover = page.locator('.monaco-hover:not(.hidden) .rendered-markdown').filter({ hasText: expected }).first();
  await expect(hover).toBeVisible();
  await expect(hover.locator('a, img, script, svg')).toHaveCount(0);
  return hover;
}

const suggestions = (page: Page) => page.locator('.monaco-editor .suggest-widget .monaco-list-row');
const details = (page: Page) => page.locator('.monaco-editor .suggest-details');

/** Ctrl+Space at the cursor, then the details of the first suggestion, which must be `label` (Ctrl+Space again shows them). */
async function completionDetails(page: Page, label: string): Promise<Locator> {
  await page.keyboard.press('Control+Space');
  await expect(suggestions(page).first()).toHaveAttribute('aria-label', new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await showSuggestionDetails(page);
  await expect(details(page).locator('a, img, script, svg')).toHaveCount(0);
  return details(page);
}

// ---- valohai ----------------------------------------------------------------------------------

const VALOHAI = `- step:
    name: train
    image: python:3.12
    description: '${LINK} ${IMG}'
    command:
      - python train.py {parameters} {parameter:${SVG}}
      - echo '${SCRIPT}'
    parameters:
      - name: lr
        type: float
        default: 0.1
        description: '${IMG} ${LINK}'
      - name: note
        type: string
        default: '${SCRIPT}'
        description: '${JS} **not bold**'
    environment-variables:
      - name: TOKEN
        default: '${IMG}'
        description: '${SCRIPT}'
    inputs:
      - name: data
        default: '${JS}'
        description: '${LINK}'
    '${IMG}': 1
- pipeline:
    name: p
    nodes:
      - name: n
        type: execution
        step: train
    edges: []
`;

test('valohai: payloads in the form, hovers, completion, preview and Problems stay text', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', VALOHAI);
  await expect(page.getByLabel('Dialect')).toHaveValue('valohai');

  // Problems: the unknown key and the unknown placeholder, named as written.
  await expect(problems(page)).toContainText(IMG);

  // Form: the step's description, a parameter's description, the key kept as is.
  const step = await openGroup(form(page), 'Step: train');
  await expect(step.getByLabel('description', { exact: true }).first()).toHaveValue(`${LINK} ${IMG}`);
  await expect(step.getByRole('group', { name: `${IMG} (kept as is)` })).toBeVisible();
  const lr = await openGroup(step, 'Parameter: lr');
  await expect(lr.getByLabel('description', { exact: true })).toHaveValue(`${IMG} ${LINK}`);
  await expectClean(page);

  // Command preview: the commands, parameter and variable descriptions, input descriptions.
  const train = commandPreview(page).getByRole('group', { name: 'train', exact: true });
  await expect(train.getByRole('list', { name: 'Command items of train' })).toContainText(`echo '${SCRIPT}'`);
  await expect(train.getByText(`${IMG} ${LINK}`, { exact: false }).first()).toBeVisible();
  await expect(train.getByText(`${JS} **not bold**`, { exact: false }).first()).toBeVisible();
  await expect(train.getByLabel('note', { exact: true })).toHaveValue(SCRIPT);
  await expect(train.getByLabel('TOKEN', { exact: true })).toHaveValue(IMG);
  await expect(train).toContainText(LINK);
  await expectClean(page);

  // Hovers: the unknown key, a value, the placeholder naming a parameter that is not there.
  await hoverAt(page, VALOHAI, `'${IMG}': 1`, IMG, 2);
  await hoverAt(page, VALOHAI, `'${SCRIPT}'\n        description`, SCRIPT, 2);
  await hoverAt(page, VALOHAI, '{parameter:`', `{parameter:${SVG}}`, 3);
  await expectClean(page);

  // Completion: the pipeline node's step name, with the step's description as its details.
  await page.keyboard.press('Escape');
  await cursorAt(page, VALOHAI, 'step: train\n    edges', 'step: train'.length);
  for (let i = 0; i < 'ain'.length; i++) await page.keyboard.press('Backspace');
  const shown = await completionDetails(page, 'train');
  await expect(shown).toContainText(`${LINK} ${IMG}`);
  await expect(shown.locator('strong, em')).toHaveCount(0);
  await expectClean(page);
});

// ---- Determined -------------------------------------------------------------------------------

const DETERMINED = `name: '${IMG}'
description: '${LINK} ${SCRIPT}'
entrypoint: python3 train.py --note '${SCRIPT}'
labels:
  - '${JS}'
hyperparameters:
  '${IMG}': 1
  note: '${LINK}'
  lr:
    type: categorical
    vals: ['${SCRIPT}', 2]
searcher:
  name: single
  metric: '${IMG}'
  max_length:
    batches: 10
resources:
  slots_per_trial: '${SCRIPT}'
`;

test('Determined: payloads in the form, hovers, completion, preview and Problems stay text', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'experiment.yaml', DETERMINED);
  await expect(page.getByLabel('Dialect')).toHaveValue('determined');

  // Problems: slots_per_trial is not a number; the message quotes the value as written.
  await expect(problems(page)).toContainText(SCRIPT);

  // Form: the name and description fields, the hyperparameter groups named by their keys.
  await expect(form(page).getByLabel('name', { exact: true }).first()).toHaveValue(IMG);
  await expect(form(page).getByLabel('description', { exact: true }).first()).toHaveValue(`${LINK} ${SCRIPT}`);
  const hp = await openGroup(form(page), 'hyperparameters');
  await expect(hp).toContainText(IMG);
  await expectClean(page);

  // Preview: the launch command, DET_HPARAMS with the payloads, an override carrying one.
  const exp = commandPreview(page).getByRole('group', { name: IMG, exact: true });
  await expect(exp.getByRole('list', { name: /Command items of/ })).toContainText(SCRIPT);
  await expect(exp.getByLabel('DET_HPARAMS', { exact: true })).toHaveValue(new RegExp(`"note":"${LINK.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  await exp.getByRole('button', { name: 'Add override' }).click();
  await exp.getByRole('textbox', { name: 'Override 1' }).fill(`description=${IMG}`);
  await expect(exp.getByLabel(/Create the experiment of/)).toContainText(`--config 'description=${IMG}'`);
  await expect(exp).toContainText(IMG);
  await expectClean(page);

  // Hovers: a hyperparameter named by a payload, a value.
  await hoverAt(page, DETERMINED, `'${IMG}': 1`, IMG, 2);
  await hoverAt(page, DETERMINED, `'${LINK}'`, LINK, 2);
  await hoverAt(page, DETERMINED, `'${SCRIPT}'\n`, SCRIPT, 2);
  await expectClean(page);

  // Completion details for a key of the searcher, next to the payload values.
  await page.keyboard.press('Escape');
  await cursorAt(page, DETERMINED, `  metric: '${IMG}'`, `  metric: '${IMG}'`.length);
  await page.keyboard.press('Enter');
  await page.keyboard.type('smaller');
  await completionDetails(page, 'smaller_is_better');
  await expectClean(page);
});

// ---- emloop -----------------------------------------------------------------------------------

const EMLOOP = `dataset:
  class: 'data.Set'
  note: '${SCRIPT}'
model:
  class: m.Net
  name: '${LINK}'
  inputs: ['${IMG}']
  outputs: [y]
hooks:
  - LogVariables:
      variables: ['${IMG}']
  - SaveBest:
      '${SCRIPT}': 1
      stream: '${JS}'
  - StopAfter:
      epochs: 1
eval:
  valid:
    model:
      name: '${IMG}'
`;

test('emloop: payloads in the form, hook hovers, completion, effective config and Problems stay text', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'config.yaml', EMLOOP);
  await expect(page.getByLabel('Dialect')).toHaveValue('emloop');

  // Problems: the unknown hook argument, named as written.
  await expect(problems(page)).toContainText(SCRIPT);

  // Form: the model's name, the dataset key kept as is.
  // (the top-level groups are open; eval.valid.model is a second "model" group)
  const model = form(page).getByRole('group', { name: 'model', exact: true }).first();
  await expect(model.getByLabel('name', { exact: true }).first()).toHaveValue(LINK);
  const dataset = form(page).getByRole('group', { name: 'dataset', exact: true });
  await expect(dataset.getByLabel('note', { exact: true })).toHaveValue(SCRIPT);
  await expectClean(page);

  // Preview: the effective config of train and of the eval stream, with an override carrying a payload.
  const train = commandPreview(page).getByRole('group', { name: 'train', exact: true });
  const effective = train.getByLabel('Effective config of train');
  await expect(effective).toContainText(SCRIPT);
  await expect(effective).toContainText(LINK);
  await train.getByRole('button', { name: 'Add override' }).click();
  await train.getByRole('textbox', { name: 'Override 1' }).fill(`model.name=${IMG}`);
  await expect(train.getByRole('list', { name: /Command items of/ })).toContainText(`model.name=${IMG}`);
  await expect(effective.locator('mark')).toContainText([IMG]);
  await expect(commandPreview(page)).toContainText(`name: ${IMG}`);
  await expectClean(page);

  // Hovers: an argument the hook does not take, a hook argument's value, the hook name.
  await hoverAt(page, EMLOOP, `'${SCRIPT}': 1`, SCRIPT, 2);
  await hoverAt(page, EMLOOP, `'${JS}'`, JS, 2);
  await hoverAt(page, EMLOOP, 'SaveBest', 'SaveBest');
  await expectClean(page);

  // Completion details: the arguments SaveBest still takes, next to the payload key.
  await page.keyboard.press('Escape');
  await cursorAt(page, EMLOOP, `      stream: '${JS}'`, `      stream: '${JS}'`.length);
  await page.keyboard.press('Enter');
  await page.keyboard.type('vari');
  await completionDetails(page, 'variable');
  await expectClean(page);
});
