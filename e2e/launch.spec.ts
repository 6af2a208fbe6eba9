import { expect, test, type Page } from '@playwright/test';
import { commandPreview, focusEditor, openApp, openFile, problems } from './helpers';

const VALOHAI = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.1
      - name: layers
        type: integer
        default: 2
    inputs:
      - name: data
- task:
    name: sweep
    step: train
    parameters:
      - name: lr
        style: multiple
        rules: {items: [0.1, 0.01, 0.001]}
      - name: layers
        style: linear
        rules: {start: 1, end: 5, step: 1}
- pipeline:
    name: flow
    parameters:
      - name: depth
        target: fit.parameter.layers
        default: 4
    nodes:
      - {name: prep, type: execution, step: train}
      - {name: fit, type: execution, step: train}
      - {name: alone, type: execution, step: train}
    edges:
      - [prep.output.*.csv, fit.input.data]
`;

function launchSection(page: Page) {
  return commandPreview(page).getByRole('region', { name: 'Launch' });
}

async function choose(page: Page, label: string) {
  await launchSection(page).getByLabel('What to launch').selectOption({ label });
}

test('a task shows every execution it starts; a row shows its command and the lines that start it', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', VALOHAI);
  await choose(page, 'task: sweep');
  const launch = launchSection(page);
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 15 executions');
  const table = launch.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['#', 'lr', 'layers']);
  await expect(table.getByRole('row').nth(1)).toHaveText(/^1\s*0\.1\s*1$/);
  await expect(table.getByRole('row').nth(6)).toHaveText(/^6\s*0\.01\s*1$/);

  await table.getByRole('button', { name: 'Execution 7' }).click();
  const selected = launch.getByRole('group', { name: 'Selected execution: sweep #7' });
  await expect(selected.getByRole('list', { name: 'Command items of sweep #7' })).toHaveText('python train.py --lr=0.01 --layers=2');
  await expect(launch.getByLabel('vh line', { exact: true })).toHaveText('vh execution run -- train --lr=0.01');
  await expect(launch.getByLabel('docker run line', { exact: true })).toContainText('python:3.12');

  // The keyboard moves the selection: ArrowDown to #8, End to the last one.
  await expect(table.getByRole('button', { name: 'Execution 7' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(launch.getByRole('group', { name: 'Selected execution: sweep #8' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Execution 8' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(launch.getByRole('group', { name: 'Selected execution: sweep #15' })).toContainText('python train.py --lr=0.001 --layers=5');
});

test('the launch choice, once focused, starts the document\'s worker ahead; choosing a task moves the document into that one', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', VALOHAI);
  const serviceWorkers = () => page.workers().filter((w) => /service\.worker/.test(w.url())).length;
  const choice = launchSection(page).getByLabel('What to launch');
  await expect(choice).toBeVisible();
  // A small document is served in the page.
  expect(serviceWorkers()).toBe(0);
  await choice.focus();
  await expect.poll(serviceWorkers).toBe(1);
  // Still served in the page meanwhile: a typo shows in Problems.
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('x');
  await expect(problems(page)).toContainText(/1 error/);
  await page.keyboard.press('Control+Z');
  await expect(problems(page)).toContainText(/No problems/);
  await choose(page, 'task: sweep');
  await expect(launchSection(page).getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 15 executions');
  expect(serviceWorkers()).toBe(1);
});

test('a large grid warns at the task in Problems, and its table renders only the visible rows', async ({ page }) => {
  await openApp(page);
  const big = VALOHAI.replace('rules: {start: 1, end: 5, step: 1}', 'rules: {start: 1, end: 4000, step: 1}');
  await openFile(page, 'valohai.yaml', big);
  await expect(problems(page)).toContainText(/12,000 executions/);
  await choose(page, 'task: sweep');
  const launch = launchSection(page);
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 12,000 executions');
  await expect(launch.getByText('This task starts 12,000 executions.')).toBeVisible();
  const table = launch.getByRole('table');
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  expect(await table.getByRole('row').count()).toBeLessThan(40);
  // Scrolled to the end, the last row is there.
  await table.getByRole('button', { name: 'Execution 1', exact: true }).focus();
  await page.keyboard.press('End');
  await expect(table.getByRole('button', { name: 'Execution 10000' })).toBeFocused();
});

test('a pipeline shows its run plan: waves, commands with the pipeline parameter, input sources and an unfed input', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', VALOHAI);
  await choose(page, 'pipeline: flow');
  const launch = launchSection(page);
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Pipeline run: 3 nodes in 2 waves, 3 executions');
  const plan = launch.getByRole('list', { name: 'Run plan' });
  const wave1 = plan.getByRole('listitem', { name: 'Wave 1' });
  const wave2 = plan.getByRole('listitem', { name: 'Wave 2' });
  await expect(wave1.getByRole('listitem', { name: /^Node / })).toHaveCount(2);
  const fit = wave2.getByRole('listitem', { name: 'Node fit' });
  await expect(fit.getByLabel('Command of fit')).toHaveText('python train.py --lr=0.1 --layers=4');
  await expect(fit.getByRole('list', { name: 'Inputs of fit' })).toHaveText(/\/valohai\/inputs\/data\/ ←\s*prep\.output\.\*\.csv/);
  await expect(wave1.getByRole('listitem', { name: 'Node alone' })).toContainText('Input "data": nothing feeds it and it has no default');

  // The pipeline parameter form changes the node's command and the vh line.
  await launch.getByRole('group', { name: 'Pipeline parameters' }).getByLabel('depth').fill('9');
  await expect(fit.getByLabel('Command of fit')).toHaveText('python train.py --lr=0.1 --layers=9');
  await expect(launch.getByLabel('vh (pipeline) line', { exact: true })).toHaveText('vh pipeline run -- flow --depth=9');

  // "Show execution" on a node shows that node's execution in full.
  await fit.getByRole('button', { name: 'Show execution' }).click();
  await expect(launch.getByRole('group', { name: 'Selected execution: flow › fit' })).toContainText('python train.py --lr=0.1 --layers=9');
});

test('the chosen launch follows edits in the editor', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', VALOHAI);
  await choose(page, 'task: sweep');
  const launch = launchSection(page);
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 15 executions');
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  // Line 20: `        rules: {items: [0.1, 0.01, 0.001]}` — add a fourth item.
  for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', 0.5');
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 20 executions');
});

const ASHA = `name: mnist-asha
entrypoint: python3 train.py
environment:
  image: determinedai/pytorch-ngc:0.38.0
hyperparameters:
  lr: {type: log, base: 10, minval: -4, maxval: -1}
  layers: {type: int, minval: 1, maxval: 4}
searcher:
  name: adaptive_asha
  metric: loss
  smaller_is_better: true
  max_trials: 16
  max_rungs: 5
  divisor: 4
  mode: standard
  max_length: {batches: 1000}
`;

test('a Determined search shows its brackets and rungs; a grid shows each trial and its docker line', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'experiment.yaml', ASHA);
  await choose(page, 'search: adaptive_asha');
  const launch = launchSection(page);
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Adaptive ASHA: 16 trials in 2 brackets');
  const table = launch.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Bracket', 'Rung', 'Trials', 'Length per trial (batches)']);
  await expect(table.getByRole('row').nth(1)).toHaveText(/^1\s*1\s*12\s*62$/);
  await expect(table.getByRole('row').nth(5)).toHaveText(/^2\s*2\s*1\s*1000$/);
  await expect(launch.getByLabel('det line', { exact: true })).toContainText('det experiment create experiment.yaml');

  // A grid search: each trial is a row, and a row shows its trial with its docker run line.
  const grid = ASHA.replace('  name: adaptive_asha', '  name: grid').replace('{type: log, base: 10, minval: -4, maxval: -1}', '{type: log, base: 10, minval: -4, maxval: -1, count: 2}').replace('{type: int, minval: 1, maxval: 4}', '{type: int, minval: 1, maxval: 4, count: 3}');
  await openFile(page, 'grid.yaml', grid);
  await choose(page, 'search: grid');
  await expect(launch.getByRole('status', { name: /Launch summary/ })).toHaveText('Grid search: 6 trials over 2 hyperparameters');
  await expect(launch.getByRole('table').getByRole('columnheader')).toHaveText(['#', 'layers', 'lr']);
  await launch.getByRole('table').getByRole('button', { name: 'Trial 2' }).click();
  await expect(launch.getByRole('group', { name: /^Selected execution: / })).toBeVisible();
  const docker = launch.getByLabel('docker run line', { exact: true });
  await expect(docker).toContainText('determinedai/pytorch-ngc:0.38.0');
  await expect(docker).toContainText('DET_HPARAMS=');
});
