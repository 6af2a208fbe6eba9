/**
 * npm run profile [-- LINES] — where a keystroke's time goes, from Chromium's own CPU profiler
 * (the CDP Profiler domain through Playwright), in the page's main thread and in the document
 * worker, for a generated valohai.yaml of LINES lines (default 50,000).
 *
 * The app is built unminified into dist-profile/ so functions keep their names. Three scenarios
 * are profiled, each a few keystrokes long: typing in the editor with the Problems list following,
 * typing in a step's image in the editor with the form following, and typing in the form's image
 * field (`npm run profile -- graph`: choosing a 200-node pipeline in the graph instead). Prints JSON: per scenario and thread, the total sampled time and the functions with the
 * most self time (name, file, line), and the same grouped by source file.
 */
import { chromium, type CDPSession } from '@playwright/test';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { chooseBigPipeline, openDocument, openPipelines, press, round, WATCH_EDITOR, WATCH_FORM_FIELD, WATCH_PROBLEMS, workerSessions } from './page';
import { serveDist } from './serve';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function and per file, in ms, the largest first. */
function summarizeProfile(profile: CpuProfile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const fns = new Map<string, number>();
  // Who called a native function (postMessage, the garbage collector's victims...): its JavaScript caller.
  const callers = new Map<string, Map<string, number>>();
  const files = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      idle += ms;
      continue;
    }
    total += ms;
    const file = url.replace(/^.*\/(assets|src|node_modules)\//, '$1/') || '(native)';
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    const up = parent.get(id)?.callFrame;
    if (up && !url) {
      const by = callers.get(key) ?? new Map<string, number>();
      const caller = `${up.functionName || '(anonymous)'} ${up.url.replace(/^.*\/(assets|src|node_modules)\//, '$1/')}:${up.lineNumber + 1}`;
      by.set(caller, (by.get(caller) ?? 0) + ms);
      callers.set(key, by);
    }
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const largest = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => {
      const by = callers.get(name);
      const calledFrom = by && [...by].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, t]) => `${c} (${round(t)} ms)`);
      return calledFrom ? { name, selfMs: round(ms), calledFrom } : { name, selfMs: round(ms) };
    });
  return { busyMs: round(total), idleOrProgramMs: round(idle), functions: largest(fns), files: largest(files) };
}

type Profiler = { send(method: string, params?: object): Promise<unknown> };

async function profiled(threads: Record<string, Profiler>, act: () => Promise<void>) {
  for (const t of Object.values(threads)) {
    await t.send('Profiler.enable');
    await t.send('Profiler.setSamplingInterval', { interval: 200 });
    await t.send('Profiler.start');
  }
  await act();
  const out: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(threads)) out[name] = summarizeProfile(((await t.send('Profiler.stop')) as { profile: CpuProfile }).profile);
  return out;
}

const lines = Number(process.argv.slice(2).find((a) => Number(a) > 0) ?? 50_000);
const { url, server } = await serveDist(resolve('dist-profile'));
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  if (process.argv.includes('graph')) {
    // The pick of a 200-node pipeline in the graph's select, to every box and arrow drawn.
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await openPipelines(page, url);
    const main = (await page.context().newCDPSession(page)) as unknown as Profiler;
    let drawnMs = 0;
    const graph = await profiled({ main }, async () => {
      drawnMs = await chooseBigPipeline(page);
    });
    console.log(JSON.stringify({ drawnMs: round(drawnMs), graph }, null, 2));
    process.exit(0);
  }
  const page = await (await browser.newContext()).newPage();
  const image = await openDocument(page, url, lines);
  const main: CDPSession = await page.context().newCDPSession(page);
  const threads = { main: main as unknown as Profiler, worker: (await workerSessions(page, 1)).find((w) => w.url.includes('service.worker'))! };
  const editor = page.locator('.monaco-editor .view-lines');
  const keys = (n: number, pair: [string, string], watch: string) => async () => {
    for (let i = 0; i < n; i++) for (const key of pair) await press(page, key, watch);
  };
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await keys(2, [':', 'Backspace'], WATCH_PROBLEMS)();
  const editorToProblems = await profiled(threads, keys(5, [':', 'Backspace'], WATCH_PROBLEMS));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  const editorToForm = await profiled(threads, keys(5, ['x', 'Backspace'], WATCH_FORM_FIELD));
  await image.click();
  await page.keyboard.press('End');
  const formToEditor = await profiled(threads, keys(5, ['x', 'Backspace'], WATCH_EDITOR));
  console.log(JSON.stringify({ lines, keystrokesPerScenario: 10, editorToProblems, editorToForm, formToEditor }, null, 2));
} finally {
  await browser.close();
  server.close();
}
