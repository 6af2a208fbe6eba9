/**
 * npm run bench — prints performance figures as JSON (no pass/fail here; targets live in issues).
 *
 * - coldLoad: built app vs a bare Monaco page built the same way, in headless Chromium: time
 *   from navigation to the frame that paints the document's text in the editor (and, for the app,
 *   to the form and Problems filled); median of several fresh browser contexts, loaded in turn.
 *   `ratio` divides the medians; `pairedRatio` is the median of each app load over the bare load
 *   after it. Nothing is evaluated in a page until its text is shown (see bench/page.ts). `nextFrame` has
 *   the older figure: the first animation frame after the load event that finds the text, which
 *   also counts what the page runs after the text is painted, until its next frame.
 * - keystrokes, for documents of 500, 5,000 and 50,000 lines: keydown in the editor → Problems
 *   list updated, keydown in the editor → form field updated, keydown in a form field → editor
 *   text updated (in its model, and painted on screen); each with median/p95, the longest main-thread task seen meanwhile, and how many
 *   DOM mutations the form made per keystroke (only the changed field should change); and
 *   Ctrl+Space → suggestions shown; and longTasksAfterTypingPausesMs, the main thread's long tasks
 *   in the 1.5 s after a new line typed in the editor (work put off until typing pauses, Monaco's own
 *   folding update included). Both the editor and the form field are warmed by ten keystrokes
 *   before they are sampled; the first four keystrokes into the form field after clicking it are
 *   listed on their own (formToEditorPaintedFirstKeystrokesMs).
 * - typingWithPauses: 48 keystrokes in the editor of a 50,000-line document with 200–400 ms
 *   pauses, in the app and in the bare Monaco page holding the same text: every main-thread long
 *   task (over 50 ms) meanwhile, whatever ran it.
 * - pipelineGraph: a valohai.yaml with a 2-node pipeline and one of 200 nodes and 400 edges — from
 *   choosing the big one in the graph's "Pipeline" select to every box and arrow of it drawn
 *   (layout + render + paint); how many layouts 20 keystrokes elsewhere in the file caused
 *   (should be 0); frame times while zooming and panning.
 * - completionInNodeMs: the document service's completion request alone, warm.
 * - analyzeInNode: the core's parse + lint alone, for the same documents (and the largest again
 *   with CRLF line ends), bundled as the CLI is, in a Node process of its own as the CLI runs.
 * - referencesInNodeMs: "Find all references" answered by the document service for a 5,000-line
 *   valohai.yaml full of names in use, right after an edit (the new text parsed, its names
 *   indexed, the answer found) and again for the same text; on a step name used by a third of
 *   the pipeline's nodes, and on a parameter used by every node's target and its step's command.
 * - cliStartMs: `pipewright lint` of one small file, as a user runs it (a new Node process running
 *   the built CLI), beside `node -e ""` (Node's own start) measured the same way; median of 15.
 * - launchGrid: choosing a 10,000-execution grid task in the preview's "What to launch" until its
 *   first rows are shown; the main thread's own work meanwhile (CDP TaskDuration) and its longest task.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { serveDist } from './serve';
import { loadCore } from './core-bundle';
import { chooseBigPipeline, coldLoad, median, openPipelines, openDocument, percentile, press, round, summarize, WAIT_FOR_DOCUMENT, WATCH_EDITOR, WATCH_FORM_FIELD, WATCH_PROBLEMS, WATCH_STORE, WATCH_SUGGEST, workerSessions, type Sample, type WorkerSession } from './page';
import { syntheticDocument, syntheticReferences } from './synthetic';
import type { ServiceResponse } from '../src/store/service';

// The core as the CLI bundles it (see bench/core.ts), for the measures in Node.
const { valohai, timeCompletions, IncrementalParser, analyze, loadValidator, DocumentService } = await loadCore();
// What the CLI and the language server do before analysing: load the dialect's schema validator.
await loadValidator(valohai);

/** Resolves (with the time) on the first frame with a field in the form and Problems no longer checking. */
const FORM_AND_PROBLEMS_FILLED = `new Promise((done) => {
  const check = () => {
    const field = document.querySelector('.form-pane input');
    const problems = document.querySelector('.problems-summary');
    if (field && problems && !/checking/i.test(problems.textContent)) done(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})`;

async function measureColdLoads(base: string, runs: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const app: { shownMs: number; nextFrameMs: number }[] = [];
  const filled: number[] = [];
  const bare: { shownMs: number; nextFrameMs: number }[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const [target, into] of [[base, app], [`${base}bench/bare-monaco.html`, bare]] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        into.push(await coldLoad(page, target));
        if (into === app) filled.push((await page.evaluate(FORM_AND_PROBLEMS_FILLED)) as number);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const figures = (key: 'shownMs' | 'nextFrameMs') => {
    const a = median(app.map((r) => r[key]));
    const b = median(bare.map((r) => r[key]));
    // Each app load against the bare load right after it: this machine's speed drifts between
    // runs (the bare page's median moved by 100 ms), and a pair shares the moment.
    const paired = median(app.map((r, i) => r[key] / bare[i][key]));
    return { appMs: round(a), bareMonacoMs: round(b), ratio: Math.round((a / b) * 100) / 100, pairedRatio: Math.round(paired * 100) / 100 };
  };
  return {
    ...figures('shownMs'),
    appFormAndProblemsMs: round(median(filled)),
    nextFrame: figures('nextFrameMs'),
    runs,
  };
}

/** The JS heap (after a garbage collection) of the page and each of its workers, in MB. */
async function heapMb(page: Page, workers: number) {
  const cdp = await page.context().newCDPSession(page);
  const used = async (t: { send(method: string, params?: object): Promise<unknown> }) => {
    await t.send('HeapProfiler.collectGarbage');
    return ((await t.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 2 ** 20;
  };
  const main = await used(cdp as unknown as WorkerSession);
  const byWorker: Record<string, number> = {};
  for (const w of await workerSessions(page, workers)) {
    const name = w.url.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.js$/, '');
    byWorker[name] = round((byWorker[name] ?? 0) + (await used(w)));
  }
  const total = main + Object.values(byWorker).reduce((a, b) => a + b, 0);
  return { totalMb: round(total), mainMb: round(main), workersMb: byWorker };
}

/** A bare Monaco page (bench/bare-monaco.html) holding the synthetic document of `lines` lines, shown. */
async function openBareMonaco(browser: Browser, base: string, lines: number): Promise<Page> {
  const bare = await (await browser.newContext()).newPage();
  await coldLoad(bare, `${base}bench/bare-monaco.html`);
  await bare.evaluate((text) => (window as unknown as { benchEditor: { setValue(t: string): void } }).benchEditor.setValue(text), syntheticDocument(lines));
  await bare.locator('.monaco-editor .view-lines', { hasText: 'step-0' }).waitFor();
  return bare;
}

/**
 * The JS heap with a `lines`-line document open: the app (its page, document worker and Monaco's
 * worker) against the bare Monaco page holding the same text, both after a garbage collection.
 */
async function measureHeap(base: string, lines: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const app = await (await browser.newContext()).newPage();
    await openDocument(app, base, lines);
    await app.waitForTimeout(1000);
    const appHeap = await heapMb(app, 2);
    // A session that has edited here and there: one character typed into each of 200 steps, each analysed.
    await app.evaluate(`(async () => {
      const store = window.pipewright.store;
      for (let i = 0; i < 200; i++) {
        const at = store.getState().text.indexOf('name: step-' + i * 25 + '\\n') + 6;
        store.getState().applyEdits([{ offset: at, length: 0, insert: 'x' }], 'editor');
        await store.getState().settled();
      }
    })()`);
    await app.waitForTimeout(1000);
    const afterEdits = await heapMb(app, 2);
    const bare = await openBareMonaco(browser, base, lines);
    await bare.waitForTimeout(1000);
    const bareHeap = await heapMb(bare, 1);
    const ratio = (mb: number) => Math.round((mb / bareHeap.totalMb) * 100) / 100;
    return { lines, app: appHeap, bareMonaco: bareHeap, ratio: ratio(appHeap.totalMb), afterTypingIn200Steps: { ...afterEdits, ratio: ratio(afterEdits.totalMb) } };
  } finally {
    await browser.close();
  }
}

/** Editor keystrokes → diagnostics and → form; form keystrokes → editor text; for each document size. */
async function measureSync(base: string, sizes: number[], repeats: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const result: Record<string, unknown> = {};
  try {
    for (const lines of sizes) {
      const n = lines > 10_000 ? 3 : repeats;
      const page = await (await browser.newContext()).newPage();
      const image = await openDocument(page, base, lines);
      const editor = page.locator('.monaco-editor .view-lines');

      // A typo inside the first step toggles a syntax error (`name: step-0:` nests a mapping): diagnostics change.
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      // Warm up the JIT of both threads first, as a session that has been typing for a while has.
      for (let i = 0; i < 5; i++) for (const key of [':', 'Backspace']) await press(page, key, WATCH_PROBLEMS);
      const toDiagnostics: Sample[] = [];
      for (let i = 0; i < n; i++) for (const key of [':', 'Backspace']) toDiagnostics.push(await press(page, key, WATCH_PROBLEMS));
      // What the page runs once typing pauses (work put off until then, Monaco's own included):
      // the main thread's long tasks in the 1.5 s after one more keystroke, a new line.
      await page.evaluate(`(() => {
        window.__afterPause = [];
        const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__afterPause.push(Math.round(e.duration)); });
        observer.observe({ type: 'longtask' });
        setTimeout(() => observer.disconnect(), 1500);
      })()`);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1600);
      const longTasksAfterPause = (await page.evaluate('window.__afterPause')) as number[];
      await page.keyboard.press('Backspace');
      // Let that work run now, not in the measures below.
      await page.waitForTimeout(1600);

      // A keystroke in the first step's image value: the form field follows.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      const toForm: Sample[] = [];
      for (let i = 0; i < n; i++) for (const key of ['x', 'Backspace']) toForm.push(await press(page, key, WATCH_FORM_FIELD));

      // A keystroke in the form's image field: the editor shows it. The first keystrokes after the
      // click are reported on their own: they run cold, and during Monaco's scrollbar fade (the
      // pointer left the editor), when frames come on the display's clock. Then the field is warmed
      // as the editor was above, and the steady state sampled.
      await image.click();
      await page.keyboard.press('End');
      const firstInForm: Sample[] = [];
      for (const key of ['x', 'Backspace', 'x', 'Backspace']) firstInForm.push(await press(page, key, WATCH_EDITOR));
      for (let i = 0; i < 5; i++) for (const key of ['x', 'Backspace']) await press(page, key, WATCH_STORE);
      const fromForm: Sample[] = [];
      const fromFormPainted: Sample[] = [];
      for (let i = 0; i < n; i++) {
        for (const key of ['x', 'Backspace']) fromForm.push(await press(page, key, WATCH_STORE));
        for (const key of ['x', 'Backspace']) fromFormPainted.push(await press(page, key, WATCH_EDITOR));
      }

      // Ctrl+Space on a new line inside the first step: the suggestions show.
      await editor.click();
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const suggest: Sample[] = [];
      for (let i = 0; i < n; i++) {
        suggest.push(await press(page, 'Control+Space', WATCH_SUGGEST));
        await page.keyboard.press('Escape');
      }

      result[String(lines)] = {
        suggestionsMs: summarize(suggest),
        editorToDiagnosticsMs: summarize(toDiagnostics),
        editorToFormMs: summarize(toForm),
        formToEditorModelMs: summarize(fromForm),
        formToEditorPaintedMs: summarize(fromFormPainted),
        formToEditorPaintedFirstKeystrokesMs: firstInForm.map((x) => round(x.ms)),
        longTasksAfterTypingPausesMs: longTasksAfterPause,
      };
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  return result;
}

/** The keys typed with pauses: a character, its deletion, now and then a new line and its deletion. */
const PAUSED_KEYS = Array.from({ length: 48 }, (_, i) => (i % 8 === 6 ? 'Enter' : i % 2 ? 'Backspace' : 'x'));

/**
 * Typing with the pauses a person makes (200–400 ms, a fixed sequence), in the app and in a bare
 * Monaco page holding the same text: every main-thread long task (over 50 ms) meanwhile. Work put
 * off until a pause (folding, sticky scroll, the analysis) lands between the keystrokes here, and
 * the bare page says what Monaco costs by itself on this machine.
 */
async function measureTypingWithPauses(base: string, lines: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const type = async (page: Page) => {
    const editor = page.locator('.monaco-editor .view-lines');
    await editor.click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.waitForTimeout(2000);
    await page.evaluate(`(() => {
      window.__typingLong = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__typingLong.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    })()`);
    for (const [i, key] of PAUSED_KEYS.entries()) {
      await page.keyboard.press(key);
      await page.waitForTimeout(200 + ((i * 73) % 200));
    }
    await page.waitForTimeout(1500);
    return { keystrokes: PAUSED_KEYS.length, longTasksMs: (await page.evaluate('window.__typingLong')) as number[] };
  };
  try {
    const app = await (await browser.newContext()).newPage();
    await openDocument(app, base, lines);
    const inApp = await type(app);
    return { lines, app: inApp, bareMonaco: await type(await openBareMonaco(browser, base, lines)) };
  } finally {
    await browser.close();
  }
}

/** Frame gaps (ms) while `act` runs: what a person sees as smooth or not. */
const WATCH_FRAMES = `(() => {
  window.__frames = [];
  let last = performance.now();
  window.__framesOn = true;
  const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__framesOn) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

async function measureGraph(base: string, repeats: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const drawn: number[] = [];
  // (chooseToDrawnMs: layout + render + paint of a 200-node pipeline not drawn before)
  const layouts: number[] = [];
  let zoomFrames: number[] = [];
  let panFrames: number[] = [];
  try {
    for (let run = 0; run < repeats; run++) {
      const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
      await openPipelines(page, base);
      drawn.push(await chooseBigPipeline(page));

      // Keystrokes in a step's image: the pipeline does not change, so nothing is laid out again.
      const before = (await page.evaluate('window.pipewright.graph.layouts')) as number;
      await page.locator('.monaco-editor .view-lines').click();
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      for (let i = 0; i < 10; i++) for (const key of ['x', 'Backspace']) await page.keyboard.press(key);
      await page.waitForTimeout(500);
      layouts.push(((await page.evaluate('window.pipewright.graph.layouts')) as number) - before);

      // Zoom with the wheel and pan by dragging the empty canvas, watching the frames.
      const pane = page.locator('.react-flow__pane');
      const box = (await pane.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.evaluate(WATCH_FRAMES);
      for (let i = 0; i < 20; i++) {
        await page.mouse.wheel(0, i < 10 ? -120 : 120);
        await page.waitForTimeout(16);
      }
      await page.evaluate('window.__framesOn = false');
      zoomFrames = zoomFrames.concat(((await page.evaluate('window.__frames')) as number[]).slice(1));
      await page.evaluate(WATCH_FRAMES);
      await page.mouse.move(box.x + 20, box.y + box.height - 20);
      await page.mouse.down();
      for (let i = 0; i < 30; i++) await page.mouse.move(box.x + 20 + i * 10, box.y + box.height - 20 - i * 4);
      await page.mouse.up();
      await page.evaluate('window.__framesOn = false');
      panFrames = panFrames.concat(((await page.evaluate('window.__frames')) as number[]).slice(1));
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  const frames = (xs: number[]) => ({ medianMs: round(median(xs)), p95Ms: round(percentile(xs, 95)), longestMs: round(Math.max(...xs)), frames: xs.length });
  return {
    nodes: 200,
    edges: 400,
    chooseToDrawnMs: { median: round(median(drawn)), max: round(Math.max(...drawn)), samples: drawn.length },
    layoutsAfter20KeystrokesElsewhere: layouts,
    zoomFrames: frames(zoomFrames),
    panFrames: frames(panFrames),
  };
}

/** A valohai.yaml whose task is a 100 × 100 grid: 10,000 executions. */
const GRID_TASK = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - {name: lr, type: float, default: 0.1}
      - {name: seed, type: integer, default: 1}
- task:
    name: grid
    step: train
    parameters:
      - {name: lr, style: linear, rules: {start: 0.001, end: 0.1, step: 0.001}}
      - {name: seed, style: linear, rules: {start: 1, end: 100, step: 1}}
`;

/** The first rows of the launch table are on screen (checked once per frame). */
const FIRST_ROWS = `new Promise((done) => {
  const check = () => {
    if (document.querySelector('.launch-table [data-row="0"]')) done(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Choosing a 10,000-execution grid task in "What to launch" until its first rows are shown: the
 * wall time, and the main thread's own work meanwhile (Chromium's TaskDuration, from the CDP
 * Performance domain: the expansion itself runs in the document worker). The select is focused
 * 300 ms before the choice, as a click or Tab focuses it before a person picks.
 */
async function measureLaunch(base: string, repeats: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const wall: number[] = [];
  const mainThread: number[] = [];
  const longest: number[] = [];
  try {
    for (let run = 0; run < repeats; run++) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(base);
      await page.evaluate(WAIT_FOR_DOCUMENT);
      await page.getByLabel('Open file').setInputFiles({ name: 'valohai.yaml', mimeType: 'application/yaml', buffer: Buffer.from(GRID_TASK) });
      const choose = page.getByRole('region', { name: 'Launch' }).getByLabel('What to launch');
      // As a person's click or Tab does, the choice has the focus a moment before it is made.
      await choose.focus();
      await page.waitForTimeout(300);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
      await page.evaluate(`(() => {
        window.__long = [];
        window.__longs = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); });
        window.__longs.observe({ type: 'longtask' });
        document.addEventListener('change', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
      })()`);
      const before = await taskSeconds();
      await choose.selectOption({ label: 'task: grid' });
      const shown = (await page.evaluate(FIRST_ROWS)) as number;
      const after = await taskSeconds();
      wall.push(shown - ((await page.evaluate('window.__t0')) as number));
      mainThread.push((after - before) * 1000);
      longest.push((await page.evaluate('Math.max(0, ...window.__long)')) as number);
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  return {
    executions: 10_000,
    chooseToFirstRowsMs: { median: round(median(wall)), max: round(Math.max(...wall)) },
    mainThreadWorkMs: { median: round(median(mainThread)), max: round(Math.max(...mainThread)) },
    longestTaskMs: round(Math.max(...longest)),
    samples: repeats,
  };
}

/** The service's completion request alone (warm parser), at the start of every 50th line. */
function measureCompletionInNode(lines: number) {
  const text = syntheticDocument(lines);
  const parser = new IncrementalParser(valohai.yaml);
  const offsets: number[] = [];
  for (let i = 0, at = 0; at >= 0; i++, at = text.indexOf('\n', at + 1)) if (i % 50 === 2) offsets.push(at + 1);
  timeCompletions(valohai, text, offsets.slice(0, 20), parser);
  const ms = timeCompletions(valohai, text, offsets, parser);
  return { median: round(median(ms)), p95: round(percentile(ms, 95)), samples: ms.length };
}

/** The service's 'navigate' query (definition + references) after an edit, and again warm. */
function measureReferences(lines: number) {
  const text = syntheticReferences(lines);
  let answered: ServiceResponse | undefined;
  let answeredAt = 0;
  // The clock stops when the answer is posted: the analysis the service runs after it is not the answer's.
  const service = new DocumentService((r) => {
    if (r.type !== 'answer') return;
    answered = r;
    answeredAt = performance.now();
  }, () => undefined);
  service.handle({ type: 'reset', version: 0, text, dialectId: 'valohai' });
  const targets = { step: text.indexOf('name: step-1\n') + 7, parameter: text.indexOf('{parameter:learning_rate}') + 12 };
  const digit = text.indexOf('default: 0.001') + 13;
  let version = 0;
  let id = 0;
  const ask = (offset: number) => {
    const t = performance.now();
    service.handle({ type: 'query', id: ++id, version, query: { kind: 'navigate', offset } });
    const ms = answeredAt - t;
    const result = (answered as { result?: { references: unknown[] } }).result;
    if (!result || result.references.length === 0) throw new Error('the benchmark asked where there is no name');
    return { ms, references: result.references.length };
  };
  const result: Record<string, unknown> = { lines: text.split('\n').length - 1 };
  for (const [name, offset] of Object.entries(targets)) {
    const afterEdit: number[] = [];
    const warm: number[] = [];
    let references = 0;
    for (let i = 0; i < 25; i++) {
      // Type one digit (a change elsewhere in the file): the next question meets a new text.
      service.handle({ type: 'edits', version: ++version, edits: [{ offset: digit, length: 1, insert: String(i % 10) }] });
      const first = ask(offset);
      references = first.references;
      afterEdit.push(first.ms);
      warm.push(ask(offset).ms);
    }
    // The first runs measure the JIT's compilation, as a fresh worker's would.
    const steady = (xs: number[]) => xs.slice(5);
    result[name] = {
      references,
      afterEdit: { median: round(median(steady(afterEdit))), p95: round(percentile(steady(afterEdit), 95)) },
      warm: { median: round(median(steady(warm))), p95: round(percentile(steady(warm), 95)) },
    };
  }
  return result;
}

/** Wall time of a fresh `node` process running `args`, median and p95 of `runs`. */
function processWallMs(args: string[], runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    if (i >= 2) ms.push(performance.now() - t);
  }
  return { median: round(median(ms)), p95: round(percentile(ms, 95)) };
}

function measureCliStart() {
  // A folder of its own: lint reads the config's folder for the code beside it.
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-bench-'));
  const file = join(dir, 'valohai.yaml');
  writeFileSync(file, readFileSync(new URL('../../shared/corpus/valohai/examples/example1.yaml', import.meta.url)));
  try {
    const bin = fileURLToPath(new URL('../bin/pipewright.mjs', import.meta.url));
    const lint = processWallMs([bin, 'lint', file], 15);
    const bare = processWallMs(['-e', ''], 15);
    return { lintOneFile: lint, nodeAlone: bare, overNode: round(lint.median - bare.median) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureAnalyze(sizes: number[]) {
  const result: Record<string, number> = {};
  // The largest document again with CRLF line ends, as saved on Windows.
  const largest = Math.max(...sizes);
  for (const [key, lines, crlf] of [...sizes.map((n) => [String(n), n, false] as const), [`${largest} CRLF`, largest, true] as const]) {
    const text = crlf ? syntheticDocument(lines).replaceAll('\n', '\r\n') : syntheticDocument(lines);
    // Warm the JIT as a long-lived worker is: the first runs measure compilation, not the code.
    for (let i = 0; i < (lines > 10_000 ? 2 : 20); i++) analyze(text, valohai);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      analyze(text, valohai);
      samples.push(performance.now() - t);
    }
    result[key] = round(median(samples));
  }
  return result;
}

/**
 * measureAnalyze in a Node process of its own (this script's `analyze` mode), as the CLI runs:
 * not in this one, which by then holds the browser's client and the documents of the measures
 * before it.
 */
function analyzeInFreshProcess(sizes: number[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'analyze', ...sizes.map(String)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`analyze in a fresh process failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { analyzeInNodeMs: Record<string, number> }).analyzeInNodeMs;
}

// `npm run bench -- 500` measures one size only (for quick iterations); the default is all three.
// `npm run bench -- graph` measures the pipeline graph only; `npm run bench -- launch` the launch table only;
// `npm run bench -- keystrokes` (with sizes) the keystroke measures only; `npm run bench -- pauses` (with a size,
// default 50,000) typing with pauses only, app and bare;
// `npm run bench -- references` the references query only, `npm run bench -- cli` the CLI's start, `npm run bench -- analyze`
// (with sizes, default 50,000) the core's analyze only (these three without a browser).
const onlyGraph = process.argv.includes('graph');
const onlyLaunch = process.argv.includes('launch');
const onlyReferences = process.argv.includes('references');
const onlyCli = process.argv.includes('cli');
const onlyHeap = process.argv.includes('heap');
const onlyColdLoad = process.argv.includes('load');
const onlyAnalyze = process.argv.includes('analyze');
const onlyKeystrokes = process.argv.includes('keystrokes');
const onlyPauses = process.argv.includes('pauses');
const argSizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = argSizes.length ? argSizes : [500, 5000, 50000];
if (onlyCli) {
  console.log(JSON.stringify({ cliStartMs: measureCliStart() }, null, 2));
  process.exit(0);
}
if (onlyAnalyze) {
  console.log(JSON.stringify({ analyzeInNodeMs: measureAnalyze(argSizes.length ? argSizes : [50_000]) }, null, 2));
  process.exit(0);
}
if (onlyReferences) {
  console.log(JSON.stringify({ referencesInNodeMs: measureReferences(5000) }, null, 2));
  process.exit(0);
}
// PIPEWRIGHT_DIST=dir measures another build (an A/B of two builds of the app).
const { url, server } = await serveDist(process.env.PIPEWRIGHT_DIST);
try {
  const figures = onlyColdLoad
    ? { coldLoad: await measureColdLoads(url, 21) }
    : onlyHeap
    ? { heap: await measureHeap(url, 50_000) }
    : onlyKeystrokes
    ? { keystrokes: await measureSync(url, sizes, 30) }
    : onlyPauses
    ? { typingWithPauses: await measureTypingWithPauses(url, argSizes[0] ?? 50_000) }
    : onlyGraph
    ? { pipelineGraph: await measureGraph(url, 5) }
    : onlyLaunch
      ? { launchGrid: await measureLaunch(url, 5) }
      : {
        coldLoad: await measureColdLoads(url, 15),
        keystrokes: await measureSync(url, sizes, 30),
        heap: await measureHeap(url, 50_000),
        typingWithPauses: await measureTypingWithPauses(url, 50_000),
        pipelineGraph: await measureGraph(url, 5),
        analyzeInNodeMs: analyzeInFreshProcess(sizes),
        completionInNodeMs: Object.fromEntries(sizes.map((n) => [String(n), measureCompletionInNode(n)])),
        referencesInNodeMs: measureReferences(5000),
        cliStartMs: measureCliStart(),
        launchGrid: await measureLaunch(url, 5),
      };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  server.close();
}
