/**
 * The "Pipeline graph" region end to end: a real valohai pipeline drawn as boxes and arrows,
 * edited with the mouse and the keyboard, every change landing in the text as the smallest edit
 * with one undo history shared with the editor; selection follows between graph, editor, form
 * and preview; problems show on the graph.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { syntheticPipeline } from '../bench/synthetic';
import { commandPreview, editorInput, expectOnLine, focusEditor, form, openApp, openFile, problems, savedText } from './helpers';

const example = readFileSync(resolve(process.cwd(), '../shared/corpus/valohai/examples/pipeline-example.yaml'), 'utf8');

// A desktop-sized window: xyflow pans the canvas while a drag nears its edge, which would move the drop target.
test.use({ viewport: { width: 1440, height: 1000 } });

const graph = (page: Page) => page.getByRole('region', { name: 'Pipeline graph' });
const boxes = (page: Page) => graph(page).getByRole('group', { name: /^(execution|task|deployment|pipeline parameter|missing node) / });
const arrows = (page: Page) => graph(page).getByRole('group', { name: /^Edge / });
const box = (page: Page, name: string) => graph(page).getByRole('group', { name: new RegExp(`^\\w+ ${name}(,|$)`) });
/** A port's handle on a box: where a person starts or ends a drag. */
const handle = (node: Locator, id: string) => node.locator(`.react-flow__handle[data-handleid="${id}"]`);

async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  // In steps, as a hand moves: xyflow follows the pointer to find the handle under it.
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Each box's accessible name with where it is drawn (its transform). */
const placesOf = (page: Page) => boxes(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')} ${(e as HTMLElement).style.transform}`));

/** The text of the file's first pipeline item. */
function firstPipelineOf(text: string): string {
  const start = text.indexOf('- pipeline:');
  return text.slice(start, text.indexOf('- pipeline:', start + 1));
}

/** Moves a box by its title bar, as a person drags it. */
async function dragBox(page: Page, node: Locator, dx: number, dy: number) {
  const from = (await node.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + dx, from.y + 12 + dy, { steps: 6 });
  await page.mouse.up();
}

test('a pipeline example: its boxes and arrows counted; connect, delete a node, undo both from the editor', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  // The first pipeline, "My little pipeline": three nodes, six edges.
  await expect(graph(page).getByLabel('Pipeline', { exact: true })).toHaveValue('0');
  await expect(boxes(page)).toHaveCount(3);
  await expect(arrows(page)).toHaveCount(6);
  await expect(graph(page)).toContainText('3 nodes, 6 edges');

  // Drag from batch1's processed images to train's training-images input: exactly one edge more.
  await drag(page, handle(box(page, 'batch1'), 'out:output.processed-images*'), handle(box(page, 'train'), 'in:input.training-images'));
  await expect(arrows(page)).toHaveCount(7);
  const connected = example.replace(
    '      - [batch2.output.processed-images*, train.input.training-images]\n',
    '      - [batch2.output.processed-images*, train.input.training-images]\n      - [batch1.output.processed-images*, train.input.training-images]\n',
  );
  expect(await savedText(page)).toBe(connected);

  // Select batch2 and press Delete: it goes, and every edge that names it (all but the new one).
  await box(page, 'batch2').click();
  await page.keyboard.press('Delete');
  await expect(boxes(page)).toHaveCount(2);
  await expect(arrows(page)).toHaveCount(1);
  const deleted = await savedText(page);
  const firstPipeline = firstPipelineOf(deleted);
  expect(firstPipeline).not.toContain('batch2');
  expect(firstPipeline).toContain('- [batch1.output.processed-images*, train.input.training-images]');
  // Nothing outside that pipeline changed.
  expect(deleted.slice(deleted.indexOf('- pipeline:') + firstPipeline.length)).toBe(connected.slice(connected.indexOf('    name: My deployment pipeline') - '- pipeline:\n'.length));

  // One history: Ctrl+Z in the editor brings the node back, then takes the new edge away. (The
  // keyboard goes to the editor without a click: a click elsewhere in the file would move the
  // cursor into another pipeline, and the graph would rightly follow it there.)
  await editorInput(page).focus();
  await page.keyboard.press('Control+z');
  await expect(boxes(page)).toHaveCount(3);
  await expect(arrows(page)).toHaveCount(7);
  expect(await savedText(page)).toBe(connected);
  await editorInput(page).focus();
  await page.keyboard.press('Control+z');
  await expect(arrows(page)).toHaveCount(6);
  expect(await savedText(page)).toBe(example);
});

test("dragging an arrow's end to another port moves only that end", async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(arrows(page)).toHaveCount(6);
  // The end of batch2's processed images → train's training-images: take it by the part of its
  // grip that sticks out left of train's box, and drop it on train's training-labels input.
  const arrow = graph(page).getByRole('group', { name: 'Edge batch2.output.processed-images* to train.input.training-images' });
  const grip = (await arrow.locator('.react-flow__edgeupdater-target').boundingBox())!;
  const drop = (await handle(box(page, 'train'), 'in:input.training-labels').boundingBox())!;
  await page.mouse.move(grip.x + 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x - 20, grip.y + 20, { steps: 5 });
  await page.mouse.move(drop.x + drop.width / 2, drop.y + drop.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(graph(page).getByRole('group', { name: 'Edge batch2.output.processed-images* to train.input.training-labels' })).toHaveCount(1);
  await expect(arrows(page)).toHaveCount(6);
  expect(await savedText(page)).toBe(
    example.replace('      - [batch2.output.processed-images*, train.input.training-images]\n', '      - [batch2.output.processed-images*, train.input.training-labels]\n'),
  );
});

test('only connections the platform accepts: an output cannot go to a parameter', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(arrows(page)).toHaveCount(6);
  // train's parameter port takes parameters and metadata, not files.
  await drag(page, handle(box(page, 'batch1'), 'out:output.processed-images*'), handle(box(page, 'train'), 'in:parameter.learning_rate'));
  await page.waitForTimeout(300);
  await expect(arrows(page)).toHaveCount(6);
  expect(await savedText(page)).toBe(example);
});

test('selection follows: a box shows in the editor and its command in the preview; the cursor selects arrows', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await box(page, 'train').click();
  // The editor's cursor goes to the node's name (the node is the third of the first pipeline).
  await expectOnLine(page, page.locator('.monaco-editor .current-line').first(), '- name: train');
  // The form opens the node and highlights its name.
  await expect(form(page).locator('.field.at-cursor').getByRole('textbox')).toHaveValue('train');
  // The preview shows the node's own unit first: its step's command, with the node's overrides.
  const unit = commandPreview(page).getByRole('group', { name: 'My little pipeline › train', exact: true });
  await expect(unit).toBeVisible();
  await expect(unit).toContainText('Train model');
  // The graph keeps the keyboard: Delete would act here, not in the editor.
  await expect(graph(page).getByRole('button', { name: 'Delete node train' })).toBeVisible();
  // ...but only while the keyboard is in the graph: Delete pressed elsewhere removes nothing.
  await page.getByRole('button', { name: 'Download' }).focus();
  await page.keyboard.press('Delete');
  await page.waitForTimeout(300);
  await expect(boxes(page)).toHaveCount(3);

  // Moving the editor's cursor onto an edge line selects that edge.
  const lines = example.split('\n');
  const at = lines.findIndex((l) => l.includes('[batch2.metadata.optimal_learning_rate, train.parameter.learning_rate]'));
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(graph(page).getByRole('button', { name: /^Delete edge optimal_learning_rate → learning_rate/ })).toBeVisible();
  await expect(arrows(page).filter({ has: page.locator('.selected') }).or(graph(page).locator('.react-flow__edge.selected'))).toHaveCount(1);
  await expect(graph(page).locator('.react-flow__edge.selected')).toHaveAttribute('aria-label', 'Edge batch2.metadata.optimal_learning_rate to train.parameter.learning_rate');

  // "Delete edge" removes exactly that edge's line.
  await graph(page).getByRole('button', { name: /^Delete edge optimal_learning_rate → learning_rate/ }).click();
  await expect(arrows(page)).toHaveCount(5);
  expect(await savedText(page)).toBe(example.replace('      - [batch2.metadata.optimal_learning_rate, train.parameter.learning_rate]\n', ''));
  await editorInput(page).focus();
  await page.keyboard.press('Control+z');
  await expect(arrows(page)).toHaveCount(6);

  // Another pipeline's line switches the drawing to that pipeline.
  const deploy = lines.findIndex((l) => l.includes('name: deploy-predictor'));
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < deploy; i++) await page.keyboard.press('ArrowDown');
  await expect(graph(page).getByLabel('Pipeline', { exact: true })).toHaveValue('1');
  await expect(box(page, 'deploy-predictor')).toBeVisible();
});

test('the preview shows a selected node with its overrides applied', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await graph(page).getByLabel('Pipeline', { exact: true }).selectOption({ label: 'My medium pipeline' });
  await box(page, 'batch2').click();
  // batch2 runs "Batch feature extraction" (command `date`) with its command overridden.
  const unit = commandPreview(page).getByRole('group', { name: 'My medium pipeline › batch2', exact: true });
  await expect(unit).toContainText('python batch_feature_extraction.py --minify');
  await expect(unit).not.toContainText('date');
  // Selecting nothing takes the node's unit away again.
  await graph(page).locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(unit).toHaveCount(0);
});

test('from the keyboard: add a node from the palette, connect it, rename it (its edges follow), delete it', async ({ page }) => {
  const text = `- step:
    name: prepare
    image: busybox
    command: date
    outputs:
      - name: data
- step:
    name: Train model
    image: busybox
    command: date
    inputs:
      - name: dataset
- pipeline:
    name: p
    nodes:
      - name: prep
        type: execution
        step: prepare
    edges: []
`;
  await openApp(page);
  await openFile(page, 'valohai.yaml', text);
  await expect(boxes(page)).toHaveCount(1);
  await graph(page).getByLabel('Add node').selectOption({ label: 'Train model' });
  await graph(page).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(boxes(page)).toHaveCount(2);
  expect(await savedText(page)).toBe(text.replace('    edges: []', '      - name: train-model\n        type: execution\n        step: Train model\n    edges: []'));

  // Select prep with the keyboard (Tab to its box, Enter), then connect its output to the new node.
  await box(page, 'prep').focus();
  await page.keyboard.press('Enter');
  await graph(page).getByLabel('Connect', { exact: true }).selectOption('output.data');
  await graph(page).getByLabel('Connect to').selectOption({ label: 'train-model · input.dataset' });
  await graph(page).getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(arrows(page)).toHaveCount(1);
  expect(await savedText(page)).toContain('    edges:\n      - [prep.output.data, train-model.input.dataset]\n');

  // Rename the new node: the edge follows.
  await box(page, 'train-model').focus();
  await page.keyboard.press('Enter');
  await expect(commandPreview(page).getByRole('group', { name: 'p › train-model', exact: true })).toBeVisible();
  const name = graph(page).getByLabel('Node name');
  await name.fill('train');
  await name.press('Enter');
  await expect(box(page, 'train')).toBeVisible();
  // Still selected under its new name, in the graph and in the preview.
  await expect(graph(page).getByRole('button', { name: 'Delete node train' })).toBeVisible();
  await expect(commandPreview(page).getByRole('group', { name: 'p › train', exact: true })).toBeVisible();
  const renamed = await savedText(page);
  expect(renamed).toContain('      - name: train\n        type: execution\n        step: Train model\n');
  expect(renamed).toContain('      - [prep.output.data, train.input.dataset]\n');

  // A name with a dot would break every edge that names it: refused, with the reason.
  await name.fill('train.v2');
  await name.press('Enter');
  await expect(graph(page).getByRole('status')).toContainText('dot');
  expect(await savedText(page)).toBe(renamed);

  // Delete from the keyboard: the node and its edge.
  await box(page, 'train').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(boxes(page)).toHaveCount(1);
  await expect(arrows(page)).toHaveCount(0);
});

test('problems are drawn where they are and listed in Problems', async ({ page }) => {
  const text = readFileSync(resolve(process.cwd(), 'src/graph/testdata/pipeline-with-problems.yaml'), 'utf8');
  await openApp(page);
  await openFile(page, 'valohai.yaml', text);
  await expect(problems(page)).toContainText('Pipeline "p" node "b" step "nope" does not exist');
  await expect(problems(page)).toContainText('Pipeline p edge target node ghost does not exist');
  await expect(problems(page)).toContainText('Pipeline "p" parameter "unused": no targets.');
  await expect(box(page, 'b')).toHaveAccessibleName(/has problems/);
  await expect(graph(page).getByRole('group', { name: /^missing node ghost/ })).toHaveAccessibleName(/has problems/);
  await expect(graph(page).getByRole('group', { name: /^pipeline parameter unused/ })).toHaveAccessibleName(/has problems/);
  await expect(graph(page).getByRole('group', { name: /^Edge a.output.model to ghost.input.data/ })).toHaveAccessibleName(/has problems/);
  await expect(graph(page).getByRole('group', { name: /^Edge a.parameter.lr to b.parameter.lr/ })).not.toHaveAccessibleName(/has problems/);
  await expect(box(page, 'a')).not.toHaveAccessibleName(/has problems/);
});

test('a keystroke elsewhere in the file does not lay the graph out again; a new node keeps the others where they are', async ({ page }) => {
  await page.goto('./?debug');
  await openFile(page, 'valohai.yaml', example);
  await expect(boxes(page)).toHaveCount(3);
  const layouts = () => page.evaluate(() => (window as unknown as { pipewright: { graph: { layouts: number } } }).pipewright.graph.layouts);
  const where = () => placesOf(page);
  const before = await layouts();
  const drawn = await where();
  // Type in the first step's image, far from any pipeline. (The keyboard reaches it from the top
  // of the file: a click could land in a pipeline's lines, and the graph would rightly switch to it.)
  const at = example.split('\n').findIndex((l) => l.includes('image: busybox'));
  await editorInput(page).focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('-slim');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('busybox-slim');
  await page.waitForTimeout(300);
  expect(await layouts()).toBe(before);
  expect(await where()).toEqual(drawn);

  // Adding a node places it; the boxes already drawn stay exactly where they were.
  await graph(page).getByLabel('Add node').selectOption({ label: 'Test model' });
  await graph(page).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(boxes(page)).toHaveCount(4);
  const after = await where();
  for (const line of drawn) expect(after).toContain(line);

  // A box the person dragged stays there through keystrokes and other selections.
  const moved = box(page, 'batch1');
  await dragBox(page, moved, 40, 40);
  const dragged = await moved.evaluate((e) => (e as HTMLElement).style.transform);
  expect(dragged).not.toBe(after.find((l) => l.startsWith('execution batch1'))!.replace(/^.* (translate)/, '$1'));
  // (Selecting the box put the editor's cursor on its name: go to the first line to type.)
  await editorInput(page).focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(' # checked');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('#checked');
  await box(page, 'train').click();
  await page.waitForTimeout(300);
  expect(await moved.evaluate((e) => (e as HTMLElement).style.transform)).toBe(dragged);
});

test('boxes come back where they were after a reload; "Tidy layout" lays out afresh, and a node added then keeps the rest in place', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(boxes(page)).toHaveCount(3);
  const where = () => placesOf(page);
  const laidOut = await where();

  await dragBox(page, box(page, 'batch1'), 40, 48);
  const arranged = await where();
  expect(arranged).not.toEqual(laidOut);
  expect(arranged.filter((l) => !laidOut.includes(l))).toHaveLength(1);
  await page.waitForTimeout(300);

  await page.reload();
  await expect(boxes(page)).toHaveCount(3);
  await expect.poll(where).toEqual(arranged);

  // Tidy: every box where the automatic layout puts it, the dragged one too.
  await graph(page).getByRole('button', { name: 'Tidy layout' }).click();
  await expect.poll(where).toEqual(laidOut);
  // A node added after tidying goes beside the others, which stay put.
  await graph(page).getByLabel('Add node').selectOption({ label: 'Test model' });
  await graph(page).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(boxes(page)).toHaveCount(4);
  const after = await where();
  for (const line of laidOut) expect(after).toContain(line);
});

test('what flows along each arrow is written between the boxes, never over them; a selected arrow shows it whole', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(arrows(page)).toHaveCount(6);
  const labels = graph(page).locator('.graph-edge-label');
  await expect(labels).toHaveCount(6);
  const boxRects = await boxes(page).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (const rect of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    for (const b of boxRects) expect(rect.right <= b.left || rect.left >= b.right || rect.bottom <= b.top || rect.top >= b.bottom, `label ${JSON.stringify(rect)} over box ${JSON.stringify(b)}`).toBe(true);
  }
  // The long one is cut short on the canvas; selected, it reads in full.
  const long = labels.filter({ hasText: 'optimal_learning_rate' });
  expect(await long.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await graph(page).locator('.react-flow__edge[aria-label="Edge batch2.metadata.optimal_learning_rate to train.parameter.learning_rate"]').click({ force: true });
  await expect(graph(page).getByRole('button', { name: /^Delete edge optimal_learning_rate → learning_rate/ })).toBeVisible();
  expect(await long.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
  await expect(long).toHaveText('optimal_learning_rate → learning_rate');
});

test('arrows are drawn where their ports are from the first frame: nothing moves once xyflow measures the boxes', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(boxes(page)).toHaveCount(3);
  await page.evaluate(() => {
    const moves: number[] = [];
    (window as unknown as { moves: number[] }).moves = moves;
    const numbers = (d: string | null) => (d ?? '').match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
    new MutationObserver((records) => {
      for (const r of records) {
        const before = numbers(r.oldValue);
        const after = numbers((r.target as Element).getAttribute('d'));
        moves.push(before.length === after.length ? Math.max(...before.map((v, i) => Math.abs(v - after[i]))) : Infinity);
      }
    }).observe(document.querySelector('.graph-canvas-box')!, { subtree: true, attributeFilter: ['d'], attributeOldValue: true });
  });
  await graph(page).getByLabel('Pipeline', { exact: true }).selectOption({ label: 'My medium pipeline' });
  await expect(boxes(page)).toHaveCount(4);
  await expect(arrows(page)).toHaveCount(7);
  await page.waitForTimeout(500);
  const moves = await page.evaluate(() => (window as unknown as { moves: number[] }).moves);
  expect(moves.filter((m) => m > 0.05)).toEqual([]);
});

test('a big pipeline is drawn once: no arrow drawn again after it shows, and a box clicked after panning keeps the view', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', syntheticPipeline(200, 400));
  await expect(boxes(page).first()).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { redrawn: number };
    w.redrawn = 0;
    new MutationObserver((records) => {
      w.redrawn += records.length;
    }).observe(document.querySelector('.graph-canvas-box')!, { subtree: true, attributeFilter: ['d'] });
  });
  await graph(page).getByLabel('Pipeline', { exact: true }).selectOption({ label: 'b' });
  await expect(arrows(page)).toHaveCount(400);
  // Every box came with its size and handles: xyflow measuring them would move each arrow's ends
  // by a rounding error and write all 400 again.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { redrawn: number }).redrawn)).toBe(0);

  const view = () => graph(page).locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  const fitted = await view();
  const pane = (await graph(page).locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + 10);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width / 2 - 60, pane.y + 50, { steps: 6 });
  await page.mouse.up();
  const panned = await view();
  expect(panned).not.toBe(fitted);
  await boxes(page).nth(100).click();
  await expect(graph(page).locator('.react-flow__node.selected')).toHaveCount(1);
  await page.waitForTimeout(300);
  expect(await view()).toBe(panned);
});

test('a big pipeline shown when the graph first opens is drawn small from its first frame', async ({ page }) => {
  await openApp(page);
  // Only the 200-node pipeline: it is the one the graph opens with.
  const only = syntheticPipeline(200, 400).replace(/- pipeline:\n {4}name: a\n[\s\S]*?(?=- pipeline:)/, '');
  await page.evaluate(() => {
    const w = window as unknown as { detailed: number };
    w.detailed = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && (n.matches('.graph-port') || n.querySelector('.graph-port'))) w.detailed++;
    }).observe(document.body, { subtree: true, childList: true });
  });
  await openFile(page, 'valohai.yaml', only);
  await expect(arrows(page)).toHaveCount(400);
  await page.waitForTimeout(300);
  // At the zoom that fits 200 boxes a box is drawn with its title only: a first drawing at zoom 1
  // would have drawn every port of every box.
  expect(await page.evaluate(() => (window as unknown as { detailed: number }).detailed)).toBe(0);
});

test('several boxes selected (Shift-click, Shift+Enter) go with Delete in one change, and one undo brings them back', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  await expect(boxes(page)).toHaveCount(3);
  await box(page, 'batch1').click();
  await box(page, 'train').click({ modifiers: ['Shift'] });
  await expect(graph(page).getByRole('button', { name: 'Delete 2 nodes' })).toBeVisible();
  await expect(graph(page).locator('.react-flow__node.selected')).toHaveCount(2);
  // The last one picked is the one shown in the preview.
  await expect(commandPreview(page).getByRole('group', { name: 'My little pipeline › train', exact: true })).toBeVisible();
  // From the keyboard: Shift+Enter on a box adds it too, Escape lets it go again.
  await box(page, 'batch2').focus();
  await page.keyboard.press('Shift+Enter');
  await expect(graph(page).getByRole('button', { name: 'Delete 3 nodes' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(graph(page).getByRole('button', { name: 'Delete 2 nodes' })).toBeVisible();
  await expect(graph(page).locator('.react-flow__node.selected')).toHaveCount(2);

  const where = () => placesOf(page);
  const drawn = await where();
  // The keyboard stays on the box it let go: Delete from there deletes what is selected.
  await expect(box(page, 'batch2')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(boxes(page)).toHaveCount(1);
  await expect(arrows(page)).toHaveCount(0);
  const text = await savedText(page);
  const first = firstPipelineOf(text);
  expect(first).not.toMatch(/batch1|name: train|train\./);
  expect(first).toContain('- name: batch2');
  await editorInput(page).focus();
  await page.keyboard.press('Control+z');
  await expect(boxes(page)).toHaveCount(3);
  expect(await savedText(page)).toBe(example);
  // ...each box back where it was.
  await expect.poll(where).toEqual(drawn);

  // Shift-drag over the canvas selects every box the drawn frame takes in (the keyboard is still in
  // the editor, as it is after that undo).
  const canvas = (await graph(page).locator('.react-flow__pane').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(canvas.x + 6, canvas.y + 6);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2, { steps: 5 });
  await page.mouse.move(canvas.x + canvas.width - 6, canvas.y + canvas.height - 6, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  // (With the arrows between them: xyflow's frame takes those in too.)
  await expect(graph(page).getByRole('button', { name: 'Delete 3 nodes and 6 edges' })).toBeVisible();
  await expect(graph(page).locator('.react-flow__node.selected')).toHaveCount(3);
});

test('a box clicked while an arrow is selected becomes the selection', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', example);
  const at = example.split('\n').findIndex((l) => l.includes('[batch2.metadata.optimal_learning_rate, train.parameter.learning_rate]'));
  await editorInput(page).focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await expect(graph(page).getByRole('button', { name: /^Delete edge optimal_learning_rate → learning_rate/ })).toBeVisible();
  await graph(page).locator('.react-flow__edge[aria-label="Edge batch2.metadata.optimal_learning_rate to train.parameter.learning_rate"]').click({ force: true });
  await box(page, 'batch1').click();
  await expect(graph(page).getByRole('button', { name: 'Delete node batch1' })).toBeVisible();
  await expect(graph(page).locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(graph(page).locator('.react-flow__edge.selected')).toHaveCount(0);
  await expect(commandPreview(page).getByRole('group', { name: 'My little pipeline › batch1', exact: true })).toBeVisible();
});

test('in a pipeline with many arrows, only a selected arrow has the grips that move its ends', async ({ page }) => {
  await openApp(page);
  await openFile(page, 'valohai.yaml', syntheticPipeline(40, 70));
  await graph(page).getByLabel('Pipeline', { exact: true }).selectOption({ label: 'b' });
  await expect(arrows(page)).toHaveCount(70);
  const grips = graph(page).locator('.react-flow__edgeupdater');
  await expect(grips).toHaveCount(0);
  // From the keyboard: the first arrow takes the focus, Enter selects it.
  const first = arrows(page).first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(first.locator('.react-flow__edgeupdater')).toHaveCount(2);
  await expect(grips).toHaveCount(2);
  // Escape lets it go, and its grips with it.
  await page.keyboard.press('Escape');
  await expect(grips).toHaveCount(0);
});
