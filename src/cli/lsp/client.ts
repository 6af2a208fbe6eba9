/**
 * A minimal LSP client for the tests and bench/lsp.ts: spawns the built CLI's `pipewright lsp`
 * (bin/pipewright.mjs — build it first: `npm run build:cli`; Vitest's global setup does) and
 * talks JSON-RPC over its pipes with vscode-jsonrpc, as an editor would. Not part of the server.
 *
 * Usage:
 *   const lsp = spawnServer(); await lsp.initialize();
 *   lsp.open(uri, text); const d = await lsp.diagnostics(uri, 1);
 *   await lsp.connection.sendRequest('textDocument/hover', {...}); await lsp.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What an editor of today announces (VS Code's relevant parts). */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    foldingRange: { rangeLimit: 3, lineFoldingOnly: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { versionSupport: true },
  },
  workspace: { workspaceEdit: { documentChanges: true } },
};

export interface LspServer {
  process: ChildProcess;
  connection: MessageConnection;
  /** Everything the server wrote to stderr. */
  stderr(): string;
  /** Errors reading its stdout (anything there that is not a protocol message): should stay empty. */
  readErrors: unknown[];
  initialize(capabilities?: ClientCapabilities): Promise<InitializeResult>;
  open(uri: string, text: string, version?: number, languageId?: string): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  /** The first diagnostics for `uri` published for `version` or later (from now or already received and not yet taken). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics notification received so far. */
  published: PublishDiagnosticsParams[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** shutdown + exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): void;
}

export function spawnServer(args: string[] = []): LspServer {
  const child = spawn(process.execPath, ['bin/pipewright.mjs', 'lsp', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  const readErrors: unknown[] = [];
  connection.onError(([error]) => readErrors.push(error));
  connection.onClose(() => undefined);
  connection.listen();

  const find = (uri: string, version: number | undefined) => {
    for (let i = taken; i < published.length; i++) {
      const p = published[i];
      if (p.uri === uri && (version === undefined || (p.version ?? -1) >= version)) {
        taken = i + 1;
        return p;
      }
    }
    return undefined;
  };

  return {
    process: child,
    connection,
    stderr: () => stderr,
    readErrors,
    published,
    exited,
    async initialize(capabilities = CLIENT_CAPABILITIES) {
      const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open(uri, text, version = 1, languageId = 'yaml') {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, changes) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    diagnostics(uri, version, timeoutMs = 20_000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no diagnostics for ${uri} (version ${version}) within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const p = find(uri, version);
          if (p) {
            clearTimeout(timer);
            done(p);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
    kill() {
      connection.dispose();
      child.kill();
    },
  };
}
