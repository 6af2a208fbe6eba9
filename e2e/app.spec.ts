import { expect, test } from '@playwright/test';
import { bigValohai, download, editorInput, editorLines, focusEditor, form, openApp, openBigFile, openFile, problems } from './helpers';

test('opens with the example valohai.yaml and no problems, loading nothing from elsewhere', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openApp(page);
  await expect(editorInput(page)).toHaveCount(1);
  await expect(editorLines(page)).toContainText('tensorflow');
  await expect(editorLines(page)).toContainText('max_steps');
  await expect(page.getByText('valohai.yaml', { exact: true })).toBeVisible();
  await expect(problems(page)).toContainText('No problems');
  // YAML highlighting is on: keys and values get different token classes.
  // (Monaco tokenizes in the background: a loaded machine may paint the lines before their colours.)
  await expect.poll(() => page.locator('.view-lines span[class^="mtk"]').evaluateAll((els) => new Set(els.map((e) => e.className)).size)).toBeGreaterThan(2);
  // Monaco, its worker and our document service's worker (started for a big document) all come from our own origin.
  await openBigFile(page);
  await expect.poll(() => requests.some((u) => /editor\.worker/.test(u))).toBe(true);
  await expect.poll(() => requests.some((u) => /service\.worker/.test(u))).toBe(true);
  expect(requests.filter((u) => !u.startsWith(baseURL!) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
});

test('a typed mistake is marked in the editor and listed; fixing it removes both', async ({ page }) => {
  await openApp(page);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  // The cursor is on the last line once Monaco has drawn it there (it draws on the next frame).
  const lineNumbers = async () => (await page.locator('.line-numbers').allInnerTexts()).map(Number);
  const active = async () => Number(await page.locator('.line-numbers.active-line-number').innerText());
  await expect.poll(async () => (await active()) === Math.max(...(await lineNumbers()))).toBe(true);
  const lastLine = await active();
  await page.keyboard.type('- step:');

  const entry = problems(page).getByRole('button', { name: /step is empty/ });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(`${lastLine}:3`);
  await expect(entry).toContainText('Error');
  await expect(entry).toContainText('check the indentation of the lines below');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);

  // Hovering the squiggle shows the same message.
  // The squiggle sits under the text layer, so point the mouse at it as a person would.
  // (Monaco redraws its decorations on the frame after a change: wait until it is drawn with a size.)
  // If the editor moves meanwhile (the suggestions typing opened, a late scroll), the person
  // moves the mouse onto the squiggle again where it now is.
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'step is empty' }).first();
  await expect
    .poll(
      async () => {
        if (await hover.isVisible()) return true;
        const box = await squiggle.boundingBox();
        if (box && box.width > 0) {
          await page.mouse.move(box.x - 10, box.y - 30);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        }
        return false;
      },
      { intervals: [1500], timeout: 20_000 },
    )
    .toBe(true);

  // Clicking the problem puts the cursor on its line.
  await page.keyboard.press('Control+Home');
  await expect(page.locator('.line-numbers.active-line-number')).toHaveText('1');
  await entry.click();
  await expect(editorInput(page)).toBeFocused();
  await expect(page.locator('.line-numbers.active-line-number')).toHaveText(String(lastLine));

  await page.keyboard.press('End');
  for (let i = 0; i < '- step:'.length; i++) await page.keyboard.press('Backspace');
  await expect(problems(page)).toContainText('No problems');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
});

test('an unknown key gets a did-you-mean at the key', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: train\n    imgae: python:3.12\n    command: python train.py\n');
  await expect(editorLines(page)).toContainText('imgae');
  const list = problems(page);
  await expect(list.getByRole('button', { name: /did you mean "image"/ })).toContainText('3:5');
});

test('opening a file and downloading it gives back the same bytes', async ({ page }) => {
  await openApp(page);
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('# Trainer – ünïcode comment\r\n- step:\r\n    name: train\r\n    image: python:3.12\r\n    command: python train.py\r\n', 'utf8'),
  ]);
  await openFile(page, 'my-pipeline.yaml', bytes);
  await expect(editorLines(page)).toContainText('ünïcode');
  await expect(page.getByText('my-pipeline.yaml', { exact: true })).toBeVisible();
  await expect(problems(page)).toContainText('No problems');

  const saved = await download(page);
  expect(saved.name).toBe('my-pipeline.yaml');
  expect(saved.bytes.equals(bytes)).toBe(true);
});

test('the example downloads as valohai.yaml with what the editor shows', async ({ page }) => {
  await openApp(page);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# edited\n');
  const saved = await download(page);
  expect(saved.name).toBe('valohai.yaml');
  const text = saved.bytes.toString('utf8');
  expect(text.startsWith('# edited\n')).toBe(true);
  expect(text).toContain('learning_rate');
});

test('everything works from the keyboard: toolbar (Dialect too), editor, pane separator, problems', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '- step:\n    name: train\n    image: true\n    command: python train.py\n');
  await expect(problems(page).getByRole('button')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Open file')).toBeFocused();
  for (const control of [
    page.getByRole('button', { name: 'Open folder' }),
    page.getByLabel('New from template'),
    page.getByRole('button', { name: 'Save', exact: true }),
    page.getByRole('button', { name: 'Download' }),
    page.getByRole('button', { name: 'Share' }),
    page.getByLabel('Dialect'),
    page.getByRole('tab', { name: 'valohai.yaml', selected: true }),
    page.getByRole('button', { name: 'Close valohai.yaml' }),
  ]) {
    await page.keyboard.press('Tab');
    await expect(control).toBeFocused();
  }
  // The breadcrumb's parts (where the cursor is), then the editor.
  const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button').count();
  for (let i = 0; i < crumbs; i++) {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button').nth(i)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(editorInput(page)).toBeFocused();
  // Tab inside Monaco indents; Ctrl+M makes Tab move the focus instead (Monaco's standard toggle).
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  const separator = page.getByRole('separator', { name: 'Resize editor and problems' });
  await expect(separator).toBeFocused();
  const before = Number(await separator.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => Number(await separator.getAttribute('aria-valuenow'))).toBeLessThan(before);
  await page.keyboard.press('Tab');
  const entry = problems(page).getByRole('button').first();
  await expect(entry).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editorInput(page)).toBeFocused();
  await expect(page.locator('.line-numbers.active-line-number')).toHaveText('3');
});

test('the panes resize by dragging a separator; Enter closes a pane beside it and opens it again', async ({ page }) => {
  await openApp(page);
  const separator = page.getByRole('separator', { name: 'Resize editor and form' });
  const formWidth = async () => (await form(page).boundingBox())!.width;
  const before = await formWidth();
  const valueBefore = Number(await separator.getAttribute('aria-valuenow'));
  const grip = (await separator.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 - 160, grip.y + grip.height / 2, { steps: 8 });
  await page.mouse.up();
  // The boundary moved left with the pointer: the form is wider, the editor's share smaller.
  await expect.poll(formWidth).toBeGreaterThan(before + 120);
  expect(Number(await separator.getAttribute('aria-valuenow'))).toBeLessThan(valueBefore);
  await expect(separator).toBeFocused();
  // Home takes the editor's side to its minimum; End to the other end, which closes the form;
  // Enter opens it again at the size it had.
  await page.keyboard.press('Home');
  await expect(separator).toHaveAttribute('aria-valuenow', '25');
  const atHome = await formWidth();
  await page.keyboard.press('End');
  await expect(separator).toHaveAttribute('aria-valuenow', '100');
  await expect(form(page)).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(form(page)).toBeVisible();
  await expect(separator).toHaveAttribute('aria-valuenow', '25');
  expect(Math.abs((await formWidth()) - atHome)).toBeLessThan(2);

  const problemsSeparator = page.getByRole('separator', { name: 'Resize editor and problems' });
  const shown = await problemsSeparator.getAttribute('aria-valuenow');
  await problemsSeparator.focus();
  await page.keyboard.press('Enter');
  await expect(problems(page)).toBeHidden();
  await expect(problemsSeparator).toHaveAttribute('aria-valuenow', '100');
  await page.keyboard.press('Enter');
  await expect(problems(page)).toBeVisible();
  await expect(problemsSeparator).toHaveAttribute('aria-valuenow', shown!);
});

test('the theme follows the system light/dark setting', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page);
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  const darkBg = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('.monaco-editor').first()).not.toHaveClass(/vs-dark/);
  const lightBg = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(darkBg).not.toBe(lightBg);
});

test('a big file still folds: a step folds and unfolds from the keyboard', async ({ page }) => {
  await openApp(page);
  // 3,000 steps: more folding regions than the editor keeps (2,000); the first ones fold.
  await openFile(page, 'valohai.yaml', bigValohai(3000));
  await expect(problems(page)).toContainText('No problems', { timeout: 30_000 });
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await expect(editorLines(page)).toContainText('name: step-0');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(editorLines(page)).not.toContainText('name: step-0');
  await expect(editorLines(page)).toContainText('name: step-1');
  await page.keyboard.press('Control+Shift+BracketRight');
  await expect(editorLines(page)).toContainText('name: step-0');
});

test('folds by the document’s structure, and a closed fold stays closed while a quote is half typed', async ({ page }) => {
  await openApp(page);
  const text = [
    '- step:',
    '    name: train',
    '    image: python:3.12',
    '    command: python train.py',
    '    inputs:',
    '    - name: images',
    '      default: s3://bucket/images',
    '    - name: labels',
    '      default: s3://bucket/labels',
    '- step:',
    '    name: eval',
    '    image: python:3.12',
    '    command: python eval.py',
    '',
  ].join('\n');
  await openFile(page, 'valohai.yaml', text);
  await expect(problems(page)).toContainText('No problems');
  // Lines 1, 5, 6, 8 and 10 can fold. Line 5's list is not indented under it: indentation alone
  // would not fold there, and the fold at line 5 would take the whole step.
  const foldable = page.locator('.monaco-editor .margin .codicon-folding-expanded');
  const folded = page.locator('.monaco-editor .margin .codicon-folding-collapsed');
  await expect(foldable).toHaveCount(5);
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(editorLines(page)).not.toContainText('name: images');
  await expect(editorLines(page)).not.toContainText('name: labels');
  await expect(editorLines(page)).toContainText('command: python train.py');
  await expect(editorLines(page)).toContainText('name: eval');
  await page.keyboard.press('Control+Shift+BracketRight');
  await expect(editorLines(page)).toContainText('name: labels');

  // Close the second step, then break the text above it: `name: "train` opens a quote that is never closed.
  for (let i = 5; i < 10; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(editorLines(page)).not.toContainText('name: eval');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.type('"');
  await expect(editorLines(page)).toContainText('name: "train');
  await expect(problems(page)).not.toContainText('No problems');
  // The folds are now those of the indentation: line 5 no longer folds (1, 6 and 8 do), line 10 is still closed.
  await expect(foldable).toHaveCount(3);
  await expect(folded).toHaveCount(1);
  await expect(editorLines(page)).not.toContainText('name: eval');
  await page.keyboard.press('Backspace');
  await expect(problems(page)).toContainText('No problems');
  await expect(foldable).toHaveCount(4);
  await expect(folded).toHaveCount(1);
  await expect(editorLines(page)).not.toContainText('name: eval');
  await expect(editorLines(page)).toContainText('command: python train.py');
});

test('sticky scroll keeps the step and the list being read in sight, by the document’s structure', async ({ page }) => {
  await openApp(page);
  // Parameters in the compact style (the list not indented under its key): indentation alone
  // would not know the list belongs to `parameters:`.
  const parameters = Array.from({ length: 80 }, (_, i) => `    - name: p${i}\n      type: integer\n      default: ${i}\n`).join('');
  await openFile(page, 'valohai.yaml', `- step:\n    name: train\n    image: python:3.12\n    command: python train.py {parameters}\n    parameters:\n${parameters}`);
  await expect(problems(page)).toContainText('No problems');
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await expect(editorLines(page)).toContainText('default: 79');
  const sticky = page.locator('.monaco-editor .sticky-widget');
  await expect(sticky).toContainText('- step:');
  await expect(sticky).toContainText('parameters:');
});
