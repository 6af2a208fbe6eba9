import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { editorLines, focusEditor, problems, quickFix } from './helpers';

const CONFIG = `# the folder's own config
- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.01
`;

const SCRIPT = `import argparse

parser = argparse.ArgumentParser()
parser.add_argument('--lr', type=float, default=0.01, help='learning rate')
parser.add_argument('--epochs', type=int, default=10, help='passes over the data')
args = parser.parse_args()
`;

let dir: string;
let server: ChildProcess;
let url: string;

/** `pipewright open DIR` as a person runs it (without the browser it would open), and the address it prints. */
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-folder-'));
  writeFileSync(join(dir, 'valohai.yaml'), CONFIG);
  writeFileSync(join(dir, 'train.py'), SCRIPT);
  writeFileSync(join(dir, 'ci.yml'), 'name: CI\non: push\njobs: {}\n');
  server = spawn(process.execPath, [resolve('bin/pipewright.mjs'), 'open', dir, '--no-browser'], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((done, fail) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/#folder=\S+)/.exec(out);
      if (m) done(m[1]);
    });
    server.stderr!.on('data', (c: Buffer) => fail(new Error(c.toString('utf8'))));
    server.on('exit', (code) => fail(new Error(`pipewright open exited with ${code}: ${out}`)));
  });
});

test.afterEach(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

const files = (page: Page) => page.getByRole('region', { name: 'Files' });

async function openConfig(page: Page) {
  await page.goto(url);
  await expect(files(page).getByRole('button', { name: 'Open valohai.yaml' })).toBeVisible({ timeout: 30_000 });
  await files(page).getByRole('button', { name: 'Open valohai.yaml' }).click();
  await expect(page.getByRole('tab', { name: /valohai\.yaml/ })).toHaveAttribute('aria-selected', 'true');
  // Not the example the app starts with (also a valohai.yaml running train.py): the folder's file.
  await expect(editorLines(page)).toContainText("the folder's own config");
}

test('pipewright open: the Files region lists the configs and scripts; a config opens in a tab and Save writes it to disk', async ({ page }) => {
  await page.goto(url);
  // The token is taken out of the address at once.
  await expect.poll(() => page.url()).not.toContain('#folder=');
  await expect(files(page)).toContainText('train.py');
  await expect(files(page).getByRole('button', { name: /ci\.yml/ })).toHaveCount(0);
  await openConfig(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# tuned by hand\n');
  await expect(page.getByRole('tab', { name: /valohai\.yaml/ })).toContainText('●');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved valohai.yaml' })).toBeVisible();
  expect(readFileSync(join(dir, 'valohai.yaml'), 'utf8')).toBe(`# tuned by hand\n${CONFIG}`);
  await expect(page.getByRole('tab', { name: /valohai\.yaml/ })).not.toContainText('●');
  await expect(problems(page)).toBeVisible();
});

test('a file changed on disk since it was opened is not overwritten unless the person says so', async ({ page }) => {
  await openConfig(page);
  const theirs = CONFIG.replace('0.01', '0.5');
  writeFileSync(join(dir, 'valohai.yaml'), theirs);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# mine\n');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'changed on disk; not saved' })).toBeVisible();
  expect(asked[0]).toMatch(/valohai\.yaml changed on disk since you opened it/);
  expect(readFileSync(join(dir, 'valohai.yaml'), 'utf8')).toBe(theirs);

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved valohai.yaml' })).toBeVisible();
  expect(readFileSync(join(dir, 'valohai.yaml'), 'utf8')).toBe(`# mine\n${CONFIG}`);
});

test('a config is checked against the script it runs: the drift shows, its quick fix adds the missing parameter, Save writes it', async ({ page }) => {
  await openConfig(page);
  // The script reads --epochs, which no parameter of the step sets.
  const drift = problems(page).getByRole('button', { name: /train\.py also reads --epochs/ });
  await expect(drift).toBeVisible({ timeout: 20_000 });
  await drift.click();
  const action = await quickFix(page, 'Add parameter "epochs" to step "train"');
  await action.click();
  await expect(drift).toHaveCount(0);
  await expect(problems(page)).toContainText('No problems');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved valohai.yaml' })).toBeVisible();
  const onDisk = readFileSync(join(dir, 'valohai.yaml'), 'utf8');
  expect(onDisk.startsWith(CONFIG)).toBe(true);
  expect(onDisk.slice(CONFIG.length)).toMatch(/^ {6}- name: epochs\n {8}type: integer\n {8}default: 10\n/);
  // One undo step takes the whole fix back.
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect(drift).toBeVisible();
});

test('New step from script adds a step read from the script, as one undo step', async ({ page }) => {
  await openConfig(page);
  await files(page).getByRole('button', { name: 'New step from script train.py' }).click();
  // A step named after the script; "train" is taken, so it is "train-2".
  await expect(editorLines(page)).toContainText('name: train-2');
  await expect(editorLines(page)).toContainText('passes over the data');
  await expect(page.getByRole('alert').filter({ hasText: /Added a step for train\.py/ })).toBeVisible();
  await focusEditor(page);
  await page.keyboard.press('Control+z');
  await expect(editorLines(page)).not.toContainText('passes over the data');
  await expect(editorLines(page)).toContainText('default: 0.01');
});

test('the Files region and the breadcrumb have no serious accessibility violation', async ({ page }) => {
  await openConfig(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'step: train' })).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[aria-label="Files"]').include('nav[aria-label="Breadcrumb"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
});

test('after a reload the folder is back and a restored tab still saves to its file', async ({ page }) => {
  await openConfig(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# before the reload\n');
  // The session is kept as you type; wait until it is, then reload.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(files(page).getByRole('button', { name: 'Open valohai.yaml' })).toBeVisible({ timeout: 30_000 });
  await expect(editorLines(page)).toContainText('# before the reload');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Saved valohai.yaml' })).toBeVisible();
  expect(readFileSync(join(dir, 'valohai.yaml'), 'utf8')).toBe(`# before the reload\n${CONFIG}`);
});

test('a reload of the tab waits for the app to draw the files beside the editor: no editor is shown in the static first screen', async ({ page }) => {
  await openConfig(page);
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('#first-screen .monaco-editor')) (window as unknown as { firstEditorMade: boolean }).firstEditorMade = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(files(page)).toContainText('train.py');
  await expect(editorLines(page)).toContainText("the folder's own config");
  await expect(page.locator('.monaco-editor')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { firstEditorMade?: boolean }).firstEditorMade ?? false)).toBe(false);
});
