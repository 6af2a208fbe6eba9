/**
 * `pipewright lsp` end to end: the built CLI as a separate process (Vitest's global setup builds
 * dist-cli), spoken to over its pipes with vscode-jsonrpc as an editor would.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionList, DocumentSymbol, FoldingRange, Hover, InitializeResult, Location, PublishDiagnosticsParams, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { syntheticDocument } from '../../../bench/synthetic';
import { spawnServer, type LspServer } from './client';

const VALOHAI = `- step:
    name: train
    imgae: python:3.12
    command: python train.py {parameter:lr} {parameter:epochs}
    parameters:
      - name: lr
        type: float
        default: 0.1
      - name: epochs
        type: integer
        default: 3
`;

/** A GitHub workflow: YAML, and none of ours. */
const WORKFLOW = `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

const DETERMINED = `name: mnist
entrypoint: python3 train.py
searcher:
  name: single
  metric: validation_loss
  max_length:
    batches: 100
hyperparameters:
  lr: 0.1
resources:
  slots_per_trial: 1
`;

let lsp: LspServer;
let init: InitializeResult;

beforeAll(async () => {
  lsp = spawnServer();
  init = await lsp.initialize();
});

afterAll(() => {
  lsp?.kill();
});

const uri = 'file:///work/project/valohai.yaml';
const request = <R>(method: string, params: object) => lsp.connection.sendRequest<R>(method, params);
const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

/** The edits of a workspace edit for one document (documentChanges: the client said it takes them). */
function editsOf(edit: WorkspaceEdit | null | undefined): { range: Range; newText: string }[] {
  return (edit?.documentChanges as TextDocumentEdit[] | undefined)?.flatMap((c) => c.edits as { range: Range; newText: string }[]) ?? [];
}

describe('pipewright lsp', () => {
  it('says what it can do', () => {
    const caps = init.capabilities;
    expect(caps.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(caps.completionProvider?.triggerCharacters).toContain('{');
    expect(caps).toMatchObject({
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      foldingRangeProvider: true,
    });
    expect(caps.documentSymbolProvider).toBeTruthy();
    expect(init.serverInfo?.name).toBe('pipewright');
  });

  it('publishes the diagnostics of a valohai.yaml as it opens, at the misspelt key', async () => {
    lsp.open(uri, VALOHAI);
    const { diagnostics, version } = await lsp.diagnostics(uri, 1);
    expect(version).toBe(1);
    const misspelt = diagnostics.find((d) => /imgae/.test(String(d.message)));
    expect(misspelt).toMatchObject({ severity: 1, source: 'pipewright', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } } });
    expect(misspelt!.message).toMatch(/did you mean "image"/);
  });

  it('completes the keys of a step', async () => {
    const line = lineOf(VALOHAI, 'command:');
    const list = await request<CompletionList>('textDocument/completion', at(line, 4));
    const inputs = list.items.find((i) => i.label === 'inputs');
    expect(inputs).toMatchObject({ kind: 10, insertTextFormat: 2, filterText: 'inputs' });
    expect(inputs!.textEdit).toMatchObject({ range: { start: { line, character: 4 } } });
    expect((inputs!.documentation as { kind: string }).kind).toBe('markdown');
    expect(inputs!.sortText).toBeTruthy();
  });

  it('hovers a key with markdown', async () => {
    const hover = await request<Hover>('textDocument/hover', at(lineOf(VALOHAI, 'type: float'), 9));
    expect(hover.contents).toMatchObject({ kind: 'markdown' });
    expect((hover.contents as { value: string }).value).toMatch(/\*\*type\*\*/);
  });

  it('offers the quick fix at the misspelt key; applying it as a client would clears the diagnostics', async () => {
    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, context: { diagnostics: [] } });
    const fix = actions.find((a) => a.title === 'Rename to "image"');
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(fix!.diagnostics?.[0].message).toMatch(/imgae/);
    const edits = editsOf(fix!.edit);
    expect(edits).toEqual([{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } }, newText: 'image' }]);
    // Asked for other kinds only, there are none; the empty kind is every kind.
    const here = { textDocument: { uri }, range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } } };
    expect(await request('textDocument/codeAction', { ...here, context: { diagnostics: [], only: ['refactor', 'source'] } })).toEqual([]);
    expect(await request<CodeAction[]>('textDocument/codeAction', { ...here, context: { diagnostics: [], only: [''] } })).toHaveLength(actions.length);
    // Notifications editors send that the server has no use for change nothing.
    void lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    void lsp.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    lsp.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    const after = await lsp.diagnostics(uri, 2);
    expect(after).toEqual({ uri, version: 2, diagnostics: [] });
  });

  it('goes from {parameter:lr} to the parameter, finds its uses and highlights them', async () => {
    const line = lineOf(VALOHAI, '{parameter:lr}');
    const character = VALOHAI.split('\n')[line].indexOf('{parameter:lr}') + 12;
    const definition = await request<Location[]>('textDocument/definition', at(line, character));
    const nameLine = lineOf(VALOHAI, '- name: lr');
    expect(definition).toEqual([{ uri, range: { start: { line: nameLine, character: 14 }, end: { line: nameLine, character: 16 } } }]);
    const references = await request<Location[]>('textDocument/references', { ...at(line, character), context: { includeDeclaration: true } });
    expect(references).toHaveLength(2);
    const highlights = await request<{ kind: number }[]>('textDocument/documentHighlight', at(line, character));
    expect(highlights.map((h) => h.kind).sort()).toEqual([2, 3]);
  });

  it('renames a parameter everywhere, and refuses a taken name with the reason', async () => {
    const nameLine = lineOf(VALOHAI, '- name: lr');
    expect(await request('textDocument/prepareRename', at(nameLine, 15))).toEqual({ range: { start: { line: nameLine, character: 14 }, end: { line: nameLine, character: 16 } }, placeholder: 'lr' });
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...at(nameLine, 15), newName: 'rate' });
    expect((edit.documentChanges as TextDocumentEdit[])[0].textDocument).toEqual({ uri, version: 2 });
    expect(editsOf(edit).map((e) => [e.range.start.line, e.newText])).toEqual([
      [lineOf(VALOHAI, '{parameter:lr}'), 'rate'],
      [nameLine, 'rate'],
    ]);
    await expect(request('textDocument/rename', { ...at(nameLine, 15), newName: 'epochs' })).rejects.toMatchObject({ code: -32803, message: 'Step "train" already has a parameter named "epochs"' });
    await expect(request('textDocument/prepareRename', at(0, 0))).rejects.toMatchObject({ code: -32803, message: expect.stringMatching(/no name here/) });
  });

  it('lists the steps as document symbols', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.detail, s.kind])).toEqual([['train', 'step', 12]]);
    expect(symbols[0].children?.[0].children?.map((c) => c.name)).toEqual(['lr', 'epochs']);
  });

  it('folds the step, its parameters and each parameter, no more ranges than the client takes (3), the outermost first', async () => {
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const line = (needle: string) => lineOf(VALOHAI, needle);
    expect(ranges).toEqual([
      { startLine: 0, endLine: line('default: 3') },
      { startLine: line('parameters:'), endLine: line('default: 3') },
      { startLine: line('- name: lr'), endLine: line('default: 0.1') },
    ]);
    expect(await request('textDocument/foldingRange', { textDocument: { uri: 'file:///work/project/.github/workflows/ci.yaml' } })).toBeNull();
  });

  it('counts characters in UTF-16 code units, as the protocol does', async () => {
    const u = 'file:///work/project/emoji/valohai.yaml';
    const text = '- step: {name: "😀 train ✓", imgae: python, command: date}\n';
    lsp.open(u, text);
    const { diagnostics } = await lsp.diagnostics(u, 1);
    const start = text.indexOf('imgae');
    expect(Buffer.byteLength(text.slice(0, start))).not.toBe(start);
    expect(diagnostics.find((d) => /imgae/.test(String(d.message)))?.range).toEqual({ start: { line: 0, character: start }, end: { line: 0, character: start + 5 } });
  });

  it('leaves YAML that is none of the three alone, and notices when a document becomes one', async () => {
    const workflow = 'file:///work/project/.github/workflows/ci.yml';
    const fresh = 'file:///work/project/pipeline.yaml';
    lsp.open(workflow, WORKFLOW);
    lsp.open(fresh, '');
    expect(await request('textDocument/completion', { textDocument: { uri: workflow }, position: { line: 1, character: 0 } })).toBeNull();
    // Typing a step into the empty file makes it a valohai.yaml by content.
    lsp.change(fresh, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '- step:\n    name: a\n' }]);
    const valohai = await lsp.diagnostics(fresh, 2);
    expect(valohai.diagnostics.map((d) => d.message).join('\n')).toMatch(/missing "image"/);
    // Replaced by a Determined experiment config, it is read as one.
    lsp.change(fresh, 3, [{ text: DETERMINED.replace('slots_per_trial', 'slots_per_trail') }]);
    const determined = await lsp.diagnostics(fresh, 3);
    expect(determined.diagnostics.map((d) => d.message).join('\n')).toMatch(/slots_per_trail/);
    expect(lsp.published.filter((p) => p.uri === workflow)).toEqual([]);
  });

  it('checks a slow document once for changes typed faster than it is checked, the last change always', async () => {
    const u = 'file:///work/project/slow/valohai.yaml';
    // A document marker makes every version a full parse (entries cannot be reused), so each check stays slow.
    const text = `---\n${syntheticDocument(40_000)}`;
    lsp.open(u, text);
    await lsp.diagnostics(u, 1, 60_000);
    const line = lineOf(text, 'default: 0.001');
    // A first change checked alone measures the document; the next ten come at once.
    lsp.change(u, 2, [{ range: { start: { line, character: 19 }, end: { line, character: 20 } }, text: '2' }]);
    await lsp.diagnostics(u, 2, 60_000);
    const before = lsp.published.filter((p) => p.uri === u).length;
    for (let version = 3; version <= 12; version++) lsp.change(u, version, [{ range: { start: { line, character: 19 }, end: { line, character: 20 } }, text: String(version % 10) }]);
    const last = await lsp.diagnostics(u, 12, 60_000);
    expect(last).toMatchObject({ version: 12, diagnostics: [] });
    const checks = lsp.published.filter((p) => p.uri === u).length - before;
    expect(checks).toBeLessThanOrEqual(3);
    void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  }, 60_000);

  describe('bad input: each answered, then the next request too', () => {
    /** A normal request on the good document still gets its answer. */
    const stillServing = async () => {
      const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(symbols.map((s) => s.name)).toEqual(['train']);
    };

    it('YAML that does not parse: its errors as diagnostics, requests answered', async () => {
      const u = 'file:///work/project/broken/valohai.yaml';
      lsp.open(u, '- step:\n    name: "train\n    image: [python\n  - : :\n');
      const { diagnostics } = await lsp.diagnostics(u, 1);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((d) => d.source === 'pipewright')).toBe(true);
      await request('textDocument/completion', { textDocument: { uri: u }, position: { line: 2, character: 5 } });
      await request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 6 } });
      await expect(request('textDocument/rename', { textDocument: { uri: u }, position: { line: 1, character: 12 }, newName: 'x' })).rejects.toMatchObject({ code: -32803 });
      await stillServing();
    });

    it('a 20 MB document: one diagnostic saying it is too large, nothing else, no hang', async () => {
      const u = 'file:///work/project/huge/valohai.yaml';
      const block = '- step:\n    name: s\n    image: busybox\n    command: date\n';
      const text = block.repeat(Math.ceil((20 * 1024 * 1024) / block.length));
      const started = Date.now();
      lsp.open(u, text);
      const { diagnostics } = await lsp.diagnostics(u, 1);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ severity: 2, range: { start: { line: 0, character: 0 } } });
      expect(diagnostics[0].message).toMatch(/too large to check as you type \(20\.0 MB/);
      expect(await request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 4 } })).toBeNull();
      expect(await request('textDocument/documentSymbol', { textDocument: { uri: u } })).toBeNull();
      // A keystroke in it is answered as fast.
      lsp.change(u, 2, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, text: 'x' }]);
      expect((await lsp.diagnostics(u, 2)).diagnostics).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(15_000);
      void lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
      await stillServing();
    });

    it('binary bytes: one error saying so', async () => {
      const u = 'file:///work/project/binary/valohai.yaml';
      lsp.open(u, '- step:\n    name: \u0000\u0001\u0002\u0003train\u0000\n    image: \u00ff\ufffd\n');
      const { diagnostics } = await lsp.diagnostics(u, 1);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ severity: 1, message: expect.stringMatching(/binary file, not YAML text \(it contains NUL bytes\)/) });
      expect(await request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 6 } })).toBeNull();
      await stillServing();
    });

    it('positions outside the document: nothing', async () => {
      expect(await request('textDocument/completion', at(999, 0))).toBeNull();
      expect(await request('textDocument/hover', at(-1, 0))).toBeNull();
      expect(await request('textDocument/definition', at(3, Number.NaN))).toBeNull();
      expect(await request('textDocument/references', { ...at(10_000, 2), context: { includeDeclaration: true } })).toBeNull();
      expect(await request('textDocument/prepareRename', at(500, 1))).toBeNull();
      expect(await request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 400, character: 0 }, end: { line: 401, character: 0 } }, context: { diagnostics: [] } })).toEqual([]);
      // A character past the end of its line means the end of the line (the protocol's rule).
      const line = lineOf(VALOHAI, 'type: float');
      expect(await request<Hover>('textDocument/hover', at(line, 999))).toMatchObject({ range: { start: { line, character: 14 }, end: { line, character: 19 } } });
      // A document that was never opened.
      expect(await request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } })).toBeNull();
      await stillServing();
    });

    it('an unknown method: MethodNotFound', async () => {
      await expect(request('pipewright/nonsense', {})).rejects.toMatchObject({ code: -32601 });
      await stillServing();
    });
  });

  it('never writes anything but protocol messages to stdout, and exits with 0 after shutdown + exit', async () => {
    expect(lsp.readErrors).toEqual([]);
    // Nothing failed inside the server either (it would have said so on stderr).
    expect(lsp.stderr()).toBe('');
    expect(lsp.published.every((p: PublishDiagnosticsParams) => p.uri.startsWith('file:///work/project/'))).toBe(true);
    expect(await lsp.stop()).toBe(0);
  });
});

describe('pipewright lsp on the command line', () => {
  const root = resolve(__dirname, '../../..');
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/pipewright.mjs', 'lsp', ...args], { cwd: root, encoding: 'utf8', input: '' });

  it('takes --stdio and --clientProcessId, as vscode-languageclient passes them', async () => {
    const server = spawnServer(['--stdio', `--clientProcessId=${process.pid}`]);
    try {
      expect((await server.initialize()).capabilities.hoverProvider).toBe(true);
      expect(await server.stop()).toBe(0);
    } finally {
      server.kill();
    }
  });

  it('prints its usage for --help, refuses other transports', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pipewright lsp \[--stdio\]/);
    const socket = run('--socket=5007');
    expect(socket.status).toBe(2);
    expect(socket.stdout).toBe('');
    expect(socket.stderr).toMatch(/unknown option --socket=5007 \(only stdio is served\)/);
  });

  it('exits when its input ends without a shutdown (the editor went away), with 1', () => {
    expect(run().status).toBe(1);
  });
});
