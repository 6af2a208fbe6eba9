/**
 * editors/vscode: not built or run in CI (it needs VS Code), but its manifest, its choice of
 * command and its activation are checked here — the last with stand-ins for `vscode` and
 * `vscode-languageclient/node`, which are not installed in this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const DIR = resolve(__dirname, '../../../editors/vscode');
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(resolve(DIR, 'package.json'), 'utf8'));
const { serverCommand } = require(resolve(DIR, 'serverCommand.js')) as {
  serverCommand(where: { configured: string; folders: string[]; platform: string; exists: (f: string) => boolean }): { command: string; args: string[]; shell: boolean; cwd?: string };
};

describe('editors/vscode', () => {
  it('has a manifest of its own that starts on YAML and names what extension.js uses', () => {
    expect(manifest.name).toBe('pipewright-vscode');
    expect(manifest.main).toBe('./extension.js');
    expect(existsSync(resolve(DIR, manifest.main))).toBe(true);
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml']);
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    expect(manifest.dependencies).toHaveProperty('vscode-languageclient');
    const source = readFileSync(resolve(DIR, 'extension.js'), 'utf8');
    expect(source).toContain("getConfiguration('pipewright').get('server.path'");
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['pipewright.server.path', 'pipewright.trace.server']);
    for (const { command } of manifest.contributes.commands) expect(source).toContain(`'${command}'`);
  });

  it('starts the configured command, else the workspace’s own pipewright, else npx that never downloads', () => {
    const none = () => false;
    expect(serverCommand({ configured: '', folders: ['/p'], platform: 'linux', exists: none })).toEqual({ command: 'npx', args: ['--no', 'pipewright', 'lsp'], shell: false, cwd: '/p' });
    expect(serverCommand({ configured: '', folders: ['/a', '/b'], platform: 'linux', exists: (f) => f === '/b/node_modules/.bin/pipewright' })).toEqual({
      command: '/b/node_modules/.bin/pipewright',
      args: ['lsp'],
      shell: false,
      cwd: '/b',
    });
    expect(serverCommand({ configured: ' ./tools/pw ', folders: ['/p'], platform: 'linux', exists: none }).command).toBe('/p/tools/pw');
    expect(serverCommand({ configured: '${workspaceFolder}/bin/pipewright.mjs', folders: ['/p'], platform: 'linux', exists: none }).command).toBe('/p/bin/pipewright.mjs');
    expect(serverCommand({ configured: 'pipewright', folders: [], platform: 'linux', exists: none })).toEqual({ command: 'pipewright', args: ['lsp'], shell: false, cwd: undefined });
    // Windows: .cmd shims through a shell, paths with spaces quoted.
    expect(serverCommand({ configured: '', folders: [], platform: 'win32', exists: none })).toMatchObject({ command: 'npx.cmd', shell: true });
    expect(serverCommand({ configured: '', folders: ['/My Project'], platform: 'win32', exists: () => true })).toMatchObject({ command: '"/My Project/node_modules/.bin/pipewright.cmd"', shell: true });
  });

  describe('activation', () => {
    const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    afterEach(() => {
      (Module as unknown as { _load: typeof load })._load = load;
      delete require.cache[resolve(DIR, 'extension.js')];
    });

    it('starts a language client over stdio for YAML files and untitled YAML, stops it on deactivate', async () => {
      const started: { id: string; server: Record<string, unknown>; client: Record<string, unknown> }[] = [];
      let stopped = 0;
      class LanguageClient {
        constructor(id: string, _name: string, server: Record<string, unknown>, client: Record<string, unknown>) {
          started.push({ id, server, client });
        }
        async start() {}
        async stop() {
          stopped++;
        }
      }
      const registered: string[] = [];
      const vscode = {
        workspace: { getConfiguration: () => ({ get: (_k: string, fallback: string) => fallback }), workspaceFolders: [{ uri: { scheme: 'file', fsPath: '/proj' } }], onDidChangeConfiguration: () => ({ dispose() {} }) },
        commands: { registerCommand: (name: string) => (registered.push(name), { dispose() {} }) },
        window: { showErrorMessage: () => undefined },
      };
      (Module as unknown as { _load: typeof load })._load = (request: string, ...rest: unknown[]) =>
        request === 'vscode' ? vscode : request === 'vscode-languageclient/node' ? { LanguageClient, TransportKind: { stdio: 0 } } : load(request, ...rest);
      const extension = require(resolve(DIR, 'extension.js')) as { activate(c: unknown): Promise<void>; deactivate(): Promise<void> };
      await extension.activate({ subscriptions: [] });
      expect(registered).toEqual(['pipewright.restartServer']);
      expect(started).toHaveLength(1);
      expect(started[0].id).toBe('pipewright');
      expect(started[0].server).toMatchObject({ args: ['--no', 'pipewright', 'lsp'], transport: 0, options: { cwd: '/proj' } });
      expect(started[0].client.documentSelector).toEqual([
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
      ]);
      await extension.deactivate();
      expect(stopped).toBe(1);
    });
  });
});
