import { expect, test } from '@playwright/test';
import { download, editorLines, focusEditor, openApp, openFile, problems } from './helpers';

test('a binary file is refused with a message and the document is kept', async ({ page }) => {
  await openApp(page);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await openFile(page, 'model.png', png);
  await expect(page.getByRole('banner').getByRole('alert')).toContainText('binary');
  await expect(editorLines(page)).toContainText('max_steps');
  await expect(page.getByText('valohai.yaml', { exact: true })).toBeVisible();
});

const BAD_YAML: [string, string, RegExp, number][] = [
  ['tab indentation', '- step:\n\tname: x\n', /Tab/, 2],
  ['unclosed quote', '- step:\n    name: "train\n    image: x\n', /quote/i, 2],
  ['second document', '- step:\n    name: a\n    image: b\n    command: c\n---\n- step: {}\n', /second YAML document/, 5],
];

for (const [what, text, message, line] of BAD_YAML) {
  test(`invalid YAML (${what}) gets a positioned error and the text is kept as is`, async ({ page }) => {
    await openApp(page);
    await openFile(page, 'valohai.yaml', text);
    const entry = problems(page).getByRole('button', { name: message }).first();
    await expect(entry).toContainText(`${line}:`);
    expect((await download(page)).bytes.toString('utf8')).toBe(text);
  });
}

test('an empty file and a top-level mapping are explained', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', '');
  await expect(problems(page).getByRole('button').first()).toContainText('1:1');
  await openFile(page, 'valohai.yaml', 'step:\n  name: train\n');
  await expect(problems(page).getByRole('button', { name: /list/i }).first()).toContainText('1:');
});

test('an alias bomb is stopped and the app stays usable', async ({ page }) => {
  await openApp(page);
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  await openFile(page, 'bomb.yaml', lines.join('\n') + '\n');
  await expect(problems(page).getByRole('button', { name: /alias bomb/ })).toBeVisible();
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# still typing\n');
  await expect(editorLines(page)).toContainText('# still typing');
});

for (const megabytes of [5, 20]) {
  test(`a ${megabytes} MB file opens, is checked, and typing still works`, async ({ page }) => {
    // Reading megabytes takes the worker seconds on a busy 2-core machine; the page stays usable meanwhile.
    test.setTimeout(240_000);
    await openApp(page);
    const step = (i: number) =>
      `- step:\n    name: step-${i}\n    image: python:3.12\n    command: python train.py {parameters}\n    parameters:\n      - name: lr\n        type: float\n        default: 0.001\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < megabytes * 1024 * 1024; i++) {
      const s = step(i);
      parts.push(s);
      size += s.length;
    }
    parts.push('- step:\n    name: broken\n    image: true\n    command: x\n');
    await openFile(page, 'valohai.yaml', parts.join(''));
    await expect(problems(page).getByRole('button', { name: /image/ }).first()).toBeVisible({ timeout: 200_000 });
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# big\n');
    await expect(editorLines(page)).toContainText('# big');
  });
}
