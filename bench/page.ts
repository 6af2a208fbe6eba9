/**
 * What the browser benchmarks (run.ts) and the profiler (profile.ts) share: statistics, the
 * in-page probes (passed as source text) and opening a generated document in the built app.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { syntheticDocument, syntheticPipeline } from './synthetic';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
export const round = (x: number) => Math.round(x * 10) / 10;

// In-page code is passed as source text: tsx would otherwise wrap named functions in a helper the page lacks.
export const WAIT_FOR_DOCUMENT = `new Promise((done) => {
  const check = () => {
    const lines = document.querySelector('.monaco-editor .view-lines');
    if (lines && lines.textContent.includes('step')) done(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Set before the page's own scripts run, and reporting through the console, so that nothing is
 * evaluated in the page while it loads (Playwright's `evaluate` injects its own script, which
 * runs on the page's main thread: in the app, whose load event comes before Monaco's chunk is
 * compiled, it ran beside that compile; in the bare page, whose load event waits for the editor,
 * after it). Two moments:
 * - `shown`: the editor's DOM first holds the document's text. That happens in the frame that
 *   paints it (Monaco writes its lines in an animation-frame callback, and the frame's layout and
 *   paint follow at once), so it times the editor showing the text, whatever the page does after.
 * - `nextFrame`: the first animation frame after the load event that finds the text there — the
 *   figure this benchmark gave before, which also counts whatever the page runs after that paint
 *   until its next frame (for the app, the first analysis and the form filled from it).
 */
const REPORT_EDITOR_TEXT = `(() => {
  const shown = () => { const l = document.querySelector('.monaco-editor .view-lines'); return !!l && l.textContent.includes('step'); };
  const report = (what) => console.debug('pipewright-bench ' + what + ' ' + performance.now());
  const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); report('shown'); } });
  obs.observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener('load', () => {
    const check = () => { if (shown()) report('nextFrame'); else requestAnimationFrame(check); };
    check();
  });
})()`;

/** A fresh page's load: `shownMs` and `nextFrameMs` (see REPORT_EDITOR_TEXT), from navigation. */
export async function coldLoad(page: Page, url: string): Promise<{ shownMs: number; nextFrameMs: number }> {
  await page.addInitScript(REPORT_EDITOR_TEXT);
  const at = new Map<string, number>();
  let onConsole: (m: ConsoleMessage) => void = () => {};
  const reported = new Promise<void>((done) => {
    onConsole = (m) => {
      const [tag, what, ms] = m.text().split(' ');
      if (tag !== 'pipewright-bench') return;
      at.set(what, Number(ms));
      if (at.has('shown') && at.has('nextFrame')) done();
    };
  });
  page.on('console', onConsole);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${url}: the editor did not show the document's text within 60 s`)), 60_000);
  });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await Promise.race([reported, late]);
  } finally {
    clearTimeout(timer);
    page.off('console', onConsole);
  }
  return { shownMs: at.get('shown')!, nextFrameMs: at.get('nextFrame')! };
}

/**
 * In-page probes, passed as source text. Each arms a watcher before a key press: the keydown
 * time, the time the watched thing changed, long tasks meanwhile, and DOM mutations in the form.
 */
export const ARM = (watch: string) => `(() => {
  const w = window;
  w.__t0 = undefined; w.__long = []; w.__formMutations = 0;
  // The key itself, not a modifier pressed before it (Ctrl of Ctrl+Space).
  const onKey = (e) => { if (!['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) { w.__t0 = performance.now(); window.removeEventListener('keydown', onKey, true); } };
  window.addEventListener('keydown', onKey, true);
  const longs = new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration); });
  longs.observe({ type: 'longtask' });
  const formRegion = document.querySelector('.form-pane');
  const fm = new MutationObserver((records) => { w.__formMutations += records.length; });
  if (formRegion) fm.observe(formRegion, { childList: true, characterData: true, subtree: true, attributes: true });
  w.__done = new Promise((done) => {
    const finish = () => { setTimeout(() => { longs.disconnect(); fm.disconnect(); done(); }, 60); };
    ${watch}
  });
})()`;
/** The Problems summary text changes. */
export const WATCH_PROBLEMS = `
    const el = document.querySelector('.problems-summary'); const before = el.textContent;
    const obs = new MutationObserver(() => { if (el.textContent !== before) { obs.disconnect(); w.__t1 = performance.now(); finish(); } });
    obs.observe(el, { childList: true, characterData: true, subtree: true });`;
/**
 * The marked form input shows a new value. React writes a controlled input's value to its `value`
 * attribute too, in the same commit, so a MutationObserver sees the change as it happens (as the
 * Problems probe does). A poll through a MessageChannel stays as a fallback, but it cannot time a
 * fast update: after a key press Chromium runs such tasks only after the next frame.
 */
export const WATCH_FORM_FIELD = `
    const el = document.querySelector('[data-bench=field]'); const before = el.value;
    let seen = false;
    const saw = () => { if (seen || el.value === before) return false; seen = true; w.__t1 = performance.now(); obs.disconnect(); finish(); return true; };
    const obs = new MutationObserver(saw);
    obs.observe(el, { attributes: true, attributeFilter: ['value'] });
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { if (!seen && !saw()) ch.port2.postMessage(0); };
    ch.port2.postMessage(0);`;
/** The editor's text changes (the store's subscribers, the editor among them, have run). */
export const WATCH_STORE = `
    const store = window.pipewright.store; const before = store.getState().version;
    const stop = store.subscribe((s) => { if (s.version !== before) { w.__t1 = performance.now(); stop(); finish(); } });`;
/**
 * Monaco's suggestion list shows rows: the widget is displayed (not hidden by the content-widget
 * layer) with a laid-out row, checked once per frame. Monaco adds its "visible" class only 100 ms
 * after showing the widget (a marker for its fade-in, unstyled), so that class is not watched.
 */
export const WATCH_SUGGEST = `
    const check = () => {
      const sw = document.querySelector('.monaco-editor .suggest-widget');
      const row = sw && sw.querySelector('.monaco-list-row');
      const style = sw && getComputedStyle(sw);
      if (row && style.visibility !== 'hidden' && style.display !== 'none' && row.getBoundingClientRect().height > 0) { w.__t1 = performance.now(); finish(); }
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);`;
/** The editor's rendered text changes. */
export const WATCH_EDITOR = `
    const el = document.querySelector('.monaco-editor .view-lines'); const before = el.textContent;
    const obs = new MutationObserver(() => { if (el.textContent !== before) { obs.disconnect(); w.__t1 = performance.now(); finish(); } });
    obs.observe(el, { childList: true, characterData: true, subtree: true });`;
export const READ = `window.__done.then(() => ({ ms: window.__t1 - window.__t0, longest: Math.max(0, ...window.__long), formMutations: window.__formMutations }))`;

export interface Sample {
  ms: number;
  longest: number;
  formMutations: number;
}

export function summarize(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  return {
    median: round(median(ms)),
    p95: round(percentile(ms, 95)),
    samples: samples.length,
    longestMainThreadTaskMs: round(Math.max(0, ...samples.map((s) => s.longest))),
    formDomMutationsMedian: median(samples.map((s) => s.formMutations)),
  };
}

export async function press(page: Page, key: string, watch: string): Promise<Sample> {
  await page.evaluate(ARM(watch));
  await page.keyboard.press(key);
  return (await page.evaluate(READ)) as Sample;
}

export async function openDocument(page: Page, base: string, lines: number) {
  await page.goto(`${base}?debug`);
  await page.evaluate(WAIT_FOR_DOCUMENT);
  await page.getByLabel('Open file').setInputFiles({ name: 'valohai.yaml', mimeType: 'application/yaml', buffer: Buffer.from(syntheticDocument(lines)) });
  await page.locator('.monaco-editor .view-lines', { hasText: 'step-0' }).waitFor();
  // The analysis of the new text has arrived (the "checking…" mark only shows when it takes a while).
  await page.waitForFunction(() => {
    const s = (window as unknown as { pipewright: { store: { getState(): { version: number; analysis: { version: number } } } } }).pipewright.store.getState();
    return s.analysis.version === s.version;
  }, undefined, { timeout: 120_000, polling: 50 });
  await page.getByRole('region', { name: 'Problems' }).getByText('No problems').waitFor();
  const formRegion = page.getByRole('region', { name: 'Form' });
  const toggle = formRegion.getByRole('button', { name: 'Step: step-0', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  const image = formRegion.getByRole('group', { name: 'Step: step-0', exact: true }).getByLabel('image', { exact: true });
  await image.evaluate((el) => el.setAttribute('data-bench', 'field'));
  return image;
}


/** A CDP connection to one of a page's workers. */
export interface WorkerSession {
  url: string;
  send(method: string, params?: object): Promise<unknown>;
}

/**
 * CDP sessions to the page's dedicated workers (Playwright opens sessions to pages only: these go
 * through the page's own session), once at least `atLeast` of them are running, or after 2 s with
 * those there are.
 */
export async function workerSessions(page: Page, atLeast: number): Promise<WorkerSession[]> {
  const pageSession = await page.context().newCDPSession(page);
  let next = 1;
  const waiting = new Map<number, { ok: (r: unknown) => void; fail: (e: Error) => void }>();
  pageSession.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    const w = m.id === undefined ? undefined : waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id!);
    if (m.error) w.fail(new Error(JSON.stringify(m.error)));
    else w.ok(m.result);
  });
  const sessions: WorkerSession[] = [];
  const enough = new Promise<void>((done) =>
    pageSession.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
      if (e.targetInfo.type !== 'worker') return;
      sessions.push({
        url: e.targetInfo.url,
        send: (method, params = {}) =>
          new Promise((ok, fail) => {
            const id = next++;
            waiting.set(id, { ok, fail });
            void pageSession.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id, method, params }) });
          }),
      });
      if (sessions.length >= atLeast) done();
    }),
  );
  await pageSession.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await Promise.race([enough, new Promise((done) => setTimeout(done, 2000))]);
  return sessions;
}

/**
 * Resolves (with the time) on the first frame after all 200 boxes and 400 arrows are drawn (the
 * small pipeline drawn before has far fewer); fails after 10 s.
 */
const ALL_DRAWN = `new Promise((done, fail) => {
  const given = performance.now();
  const check = () => {
    const flow = document.querySelector('.react-flow');
    const nodes = flow ? flow.querySelectorAll('.react-flow__node:not([style*="visibility: hidden"])').length : 0;
    const edges = flow ? flow.querySelectorAll('.react-flow__edge path.react-flow__edge-path').length : 0;
    if (nodes >= 200 && edges >= 400) requestAnimationFrame(() => done(performance.now()));
    else if (performance.now() - given > 10000) fail(new Error('the 200-node pipeline was not drawn: ' + nodes + ' boxes, ' + edges + ' arrows'));
    else requestAnimationFrame(check);
  };
  check();
})`;

/** Opens a generated valohai.yaml with a 200-node pipeline 'b' beside a small one, the small one drawn. */
export async function openPipelines(page: Page, base: string) {
  await page.goto(`${base}?debug`);
  await page.evaluate(WAIT_FOR_DOCUMENT);
  // A small pipeline first, so the graph view's code is loaded (a cold load is measured elsewhere).
  await page.getByLabel('New from template').selectOption({ label: 'Valohai: two-node pipeline' });
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByLabel('Open file').setInputFiles({ name: 'valohai.yaml', mimeType: 'application/yaml', buffer: Buffer.from(syntheticPipeline(200, 400)) });
  await page.locator('.react-flow__node').first().waitFor();
}

/** Picks the 200-node pipeline in the graph's select; ms from the pick to every box and arrow drawn. */
export async function chooseBigPipeline(page: Page): Promise<number> {
  // The clock starts when the person picks pipeline b (before the app sees the event).
  await page.evaluate(`document.addEventListener('change', () => { window.__t0 = performance.now(); }, { capture: true, once: true })`);
  await page.getByRole('region', { name: 'Pipeline graph' }).getByLabel('Pipeline', { exact: true }).selectOption({ label: 'b' });
  return ((await page.evaluate(ALL_DRAWN)) as number) - ((await page.evaluate('window.__t0')) as number);
}
