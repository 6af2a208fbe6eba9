/**
 * Work is never lost: tabs with their own state, everything back after a reload, files dropped
 * in, Save back to the same file, share links, and a question before leaving unsaved work.
 */
import { expect, test, type Page } from '@playwright/test';
import { commandPreview, editorLines, focusEditor, openApp, openFile, problems, savedText } from './helpers';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const activeTab = (page: Page) => page.getByRole('tab', { selected: true });

async function fromTemplate(page: Page, title: string) {
  await page.getByLabel('New from template').selectOption({ label: title });
}

test('templates open as tabs, each with its own dialect and undo history', async ({ page }) => {
  await openApp(page);
  await fromTemplate(page, 'Determined: random search');
  await expect(activeTab(page)).toHaveText('random.yaml');
  await expect(page.getByLabel('Dialect')).toHaveValue('determined');
  await expect(problems(page)).toContainText('No problems');
  await fromTemplate(page, 'emloop: minimal training with eval stream');
  await expect(page.getByLabel('Dialect')).toHaveValue('emloop');
  await expect(page.getByRole('tab')).toHaveCount(3);

  // Type in two tabs; undo in the first takes back only its own change.
  await tab(page, 'random.yaml').click();
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# first tab\n');
  await tab(page, 'config.yaml').click();
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# second tab\n');
  await tab(page, 'random.yaml').click();
  await expect(editorLines(page)).toContainText('# first tab');
  // Undo (word by word) takes the typing back out of this tab.
  await expect
    .poll(async () => {
      await focusEditor(page);
      await page.keyboard.press('Control+z');
      return (await savedText(page)).includes('# first');
    })
    .toBe(false);
  await tab(page, 'config.yaml').click();
  await expect(editorLines(page)).toContainText('# second tab');
  // Arrow keys move between tabs.
  await activeTab(page).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(activeTab(page)).toHaveText('random.yaml');
  await expect(activeTab(page)).toBeFocused();
});

test('a reload brings back every tab as it was: text, dialect choice, cursor, preview values', async ({ page }) => {
  await openApp(page);
  await fromTemplate(page, 'emloop: minimal training with eval stream');
  await page.getByLabel('Dialect').selectOption('valohai');
  await page.getByLabel('Dialect').selectOption('emloop');
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('  # typed before the reload');
  const train = commandPreview(page).getByRole('group', { name: 'train', exact: true });
  await train.getByRole('button', { name: 'Add override' }).click();
  await train.getByRole('textbox', { name: 'Override 1' }).fill('model.name=Restored');
  const before = await savedText(page);
  await tab(page, 'valohai.yaml').click();
  await tab(page, 'config.yaml').click();
  await page.waitForTimeout(300);

  await page.reload();
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(activeTab(page)).toHaveText('config.yaml');
  await expect(editorLines(page)).toContainText('# typed before the reload');
  expect(await savedText(page)).toBe(before);
  await expect(page.getByText('chosen', { exact: true })).toBeVisible();
  await expect(page.locator('.line-numbers.active-line-number')).toHaveText(String(before.split('\n').findIndex((l) => l.includes('typed before')) + 1));
  await expect(commandPreview(page).getByRole('group', { name: 'train', exact: true }).getByRole('textbox', { name: 'Override 1' })).toHaveValue('model.name=Restored');
  await tab(page, 'valohai.yaml').click();
  await expect(editorLines(page)).toContainText('max_steps');
});

test('a file dropped on the page opens in a new tab, detected', async ({ page }) => {
  await openApp(page);
  const text = 'dataset:\n  class: ds.Data\nmodel:\n  class: m.Model\n  inputs: [x]\n  outputs: [loss]\nhooks: [LogVariables]\n';
  const transfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'config.yaml', { type: 'application/yaml' }));
    return dt;
  }, text);
  await page.dispatchEvent('.workspace', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.workspace', 'drop', { dataTransfer: transfer });
  await expect(activeTab(page)).toHaveText('config.yaml');
  await expect(page.getByLabel('Dialect')).toHaveValue('emloop');
  expect(await savedText(page)).toBe(text);
  // The untouched example made way for it.
  await expect(page.getByRole('tab')).toHaveCount(1);
});

test('unsaved changes to a disk file are marked on its tab, and leaving the page asks first', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: a\n    image: python:3.12\n    command: echo a\n');
  await expect(activeTab(page)).toHaveText('valohai.yaml');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# edited\n');
  await expect(activeTab(page)).toHaveText('valohai.yaml ● (unsaved changes)');

  // Leaving asks first (the browser's own "Leave site?" question); staying keeps everything.
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
});

test('after a reload a disk file still knows its saved text: the mark stays, and goes when the text is back as saved', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: a\n    image: python:3.12\n    command: echo a\n');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# edited\n');
  await expect(activeTab(page)).toHaveText('valohai.yaml ● (unsaved changes)');
  // Written shortly after the change; a reload then brings back the text and what the file holds.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(editorLines(page)).toContainText('# edited');
  await expect(activeTab(page)).toHaveText('valohai.yaml ● (unsaved changes)');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  for (let i = 0; i < '# edited\n'.length; i++) await page.keyboard.press('Backspace');
  await expect(activeTab(page)).toHaveText('valohai.yaml');
});

test('Save (Ctrl+S) writes the text to the file the person picked, then back to the same file', async ({ page }) => {
  // A stand-in for the browser's save dialog and file (File System Access API), recording what is written.
  await page.addInitScript(() => {
    const w = window as unknown as { __writes: string[]; __picked: number; showSaveFilePicker: unknown };
    w.__writes = [];
    w.__picked = 0;
    w.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
      w.__picked += 1;
      return {
        name: `saved-${suggestedName}`,
        kind: 'file',
        async createWritable() {
          const parts: BlobPart[] = [];
          return {
            async write(data: BlobPart) {
              parts.push(data);
            },
            async close() {
              w.__writes.push(await new Blob(parts).text());
            },
          };
        },
      };
    };
  });
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: a\n    image: python:3.12\n    command: echo a\n');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# one\n');
  await page.keyboard.press('Control+s');
  await expect(activeTab(page)).toHaveText('saved-valohai.yaml');
  const writes = () => page.evaluate(() => (window as unknown as { __writes: string[] }).__writes);
  expect(await writes()).toEqual(['- step:\n    name: a\n    image: python:3.12\n    command: echo a\n# one\n']);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# two\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(writes).toHaveLength(2);
  expect((await writes())[1]).toMatch(/# one\n# two\n$/);
  expect(await page.evaluate(() => (window as unknown as { __picked: number }).__picked)).toBe(1);
  await expect(activeTab(page)).toHaveText('saved-valohai.yaml');
});

test('a share link carries the document to a new tab and replaces nothing', async ({ page, context }) => {
  await openApp(page);
  await fromTemplate(page, 'Valohai: greet-me step');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# shared note ✓\n');
  const shared = await savedText(page);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel(/Share link/).inputValue();
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);

  // Another tab of the same browser: its own session comes back, plus the shared document.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('tab')).toHaveCount(3);
  await expect(other.getByRole('tab', { selected: true })).toHaveText('valohai.yaml');
  await expect(other.getByRole('alert').filter({ hasText: 'Opened the shared valohai.yaml in a new tab' })).toBeVisible();
  expect(await savedText(other)).toBe(shared);
  expect(new URL(other.url()).hash).toBe('');
});

test('a refused file in one tab leaves the other tabs untouched', async ({ page }) => {
  await openApp(page);
  await fromTemplate(page, 'Determined: constant experiment');
  const before = await savedText(page);
  await openFile(page, 'weights.yaml', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]));
  await expect(page.getByRole('alert').filter({ hasText: 'Could not open weights.yaml' })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(2);
  expect(await savedText(page)).toBe(before);
  await openFile(page, 'bomb.yaml', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n');
  await expect(problems(page)).toContainText(/alias/i);
  // Invalid UTF-8 is refused; 100,000 nested levels open with a message instead of exhausting the parser.
  await openFile(page, 'latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]));
  await expect(page.getByRole('alert').filter({ hasText: 'Could not open latin1.yaml' })).toBeVisible();
  await openFile(page, 'deep.yaml', '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
  await expect(problems(page)).toContainText(/nest/i);
  await tab(page, 'const.yaml').click();
  expect(await savedText(page)).toBe(before);
  await expect(problems(page)).toContainText('No problems');
});

test('file names are shown as text in tabs, never as markup', async ({ page }) => {
  await openApp(page);
  const name = '<img src=x onerror="window.__xss=1">.yaml';
  await openFile(page, name, '- step:\n    name: a\n    image: python:3.12\n    command: echo a\n');
  await expect(activeTab(page)).toHaveText(name);
  await expect(page.getByRole('button', { name: `Close ${name}` })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
