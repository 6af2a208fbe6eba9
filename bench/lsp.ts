/**
 * The language server through the real process (`pipewright lsp`, the built CLI: run
 * `npm run build:cli` first), as an editor meets it. Prints JSON.
 *
 * - startupMs: spawning `node bin/pipewright.mjs lsp` until the initialize response arrives
 *   (median/p95 of fresh processes), beside `node -e ""` measured the same way.
 * - didChangeToDiagnosticsMs: a 5,000-line valohai.yaml (bench/synthetic.ts) open; one character
 *   typed per change, sent as an incremental didChange; time until the publishDiagnostics for that
 *   version arrives. `middle`: a digit in a parameter default in the middle of the file (valid
 *   text, no findings); `misspelt`: a key in the middle misspelt and put back in turn (one finding
 *   every other change); `head`: a digit in the first step's name (the start of the file, which
 *   detection reads, changes too). The first changes warm the JIT and are left out (`cold`: the first).
 * - completionMs: a completion request at the start of a line in the middle of the same file, after a change.
 *
 * Usage: node --import tsx bench/lsp.ts [--lines 5000] [--changes 60]
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { spawnServer, type LspServer } from '../src/cli/lsp/client';
import { syntheticDocument } from './synthetic';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINES = arg('lines', 5000);
const CHANGES = arg('changes', 60);
const WARMUP = 10;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const round = (x: number) => Math.round(x * 10) / 10;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const summary = (xs: number[]) => ({ median: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), max: round(Math.max(...xs)), samples: xs.length });

/** Spawn → initialize response, for fresh processes. */
async function startup(runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    const server = spawnServer();
    await server.initialize();
    const elapsed = performance.now() - t;
    await server.stop();
    if (i > 0) ms.push(elapsed);
  }
  return ms;
}

/** Spawn → exit of `node -e ""`: Node's own start, for comparison. */
async function nodeAlone(runs: number) {
  const ms: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    await new Promise((done) => spawn(process.execPath, ['-e', ''], { cwd: ROOT }).on('exit', done));
    if (i > 0) ms.push(performance.now() - t);
  }
  return ms;
}

interface Typist {
  /** The offset and the text to put there for change `i` (one character replaced). */
  edit(i: number): { offset: number; length: number; text: string };
}

async function typing(lsp: LspServer, uri: string, text: string, typist: Typist, state: { version: number }) {
  const ms: number[] = [];
  let findings = 0;
  for (let i = 0; i < CHANGES; i++) {
    const { offset, length, text: insert } = typist.edit(i);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    text = before + insert + text.slice(offset + length);
    const version = ++state.version;
    const t = performance.now();
    lsp.change(uri, version, [{ range: { start: { line, character }, end: { line, character: character + length } }, text: insert }]);
    const published = await lsp.diagnostics(uri, version);
    ms.push(performance.now() - t);
    findings = Math.max(findings, published.diagnostics.length);
  }
  return { text, result: { cold: round(ms[0]), ...summary(ms.slice(WARMUP)), mostFindings: findings } };
}

async function keystrokes() {
  let text = syntheticDocument(LINES);
  const lsp = spawnServer();
  await lsp.initialize();
  const uri = 'file:///bench/valohai.yaml';
  lsp.open(uri, text);
  const opened = performance.now();
  const first = await lsp.diagnostics(uri, 1);
  const openMs = performance.now() - opened;
  if (first.diagnostics.length !== 0) throw new Error(`the synthetic document has findings: ${JSON.stringify(first.diagnostics[0])}`);
  const state = { version: 1 };

  const digit = text.indexOf('default: 0.001', Math.floor(text.length / 2)) + 'default: 0.00'.length;
  const middle = await typing(lsp, uri, text, { edit: (i) => ({ offset: digit, length: 1, text: String((i + 2) % 10) }) }, state);
  text = middle.text;

  const key = text.indexOf('    image: ', Math.floor(text.length / 2)) + 4;
  const misspelt = await typing(lsp, uri, text, { edit: (i) => ({ offset: key, length: 5, text: i % 2 === 0 ? 'imgae' : 'image' }) }, state);
  text = misspelt.text;

  const name = text.indexOf('name: step-0') + 'name: step-'.length;
  const head = await typing(lsp, uri, text, { edit: (i) => ({ offset: name, length: 1, text: String(i % 10) }) }, state);
  text = head.text;

  // Completion right after a change, at the start of a line in the middle (a key of a step).
  const completion: number[] = [];
  const at = text.indexOf('\n    command:', Math.floor(text.length / 2)) + 1;
  const line = text.slice(0, at).split('\n').length - 1;
  for (let i = 0; i < 30; i++) {
    lsp.change(uri, ++state.version, [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } }, text: String(i % 10) }]);
    const t = performance.now();
    const list = await lsp.connection.sendRequest<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
    completion.push(performance.now() - t);
    if (!list?.items.length) throw new Error('no completion in the middle of the file');
  }

  const stderr = lsp.stderr();
  await lsp.stop();
  if (stderr) throw new Error(`the server complained: ${stderr}`);
  return {
    lines: text.split('\n').length - 1,
    openToDiagnosticsMs: round(openMs),
    didChangeToDiagnosticsMs: { middle: middle.result, misspelt: misspelt.result, head: head.result },
    completionMs: summary(completion.slice(5)),
  };
}

const server = await keystrokes();
const start = await startup(10);
const bare = await nodeAlone(10);
console.log(JSON.stringify({ lsp: { ...server, startupMs: { toInitialize: summary(start), nodeAlone: summary(bare) } } }, null, 2));
