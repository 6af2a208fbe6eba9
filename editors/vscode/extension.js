// @ts-check
'use strict';
/**
 * Pipewright for VS Code: starts `pipewright lsp` (see serverCommand.js for which one) and
 * connects it to the YAML editors with vscode-languageclient over stdio. The server itself
 * decides which YAML files are pipeline configs (valohai.yaml, Determined, emloop) and says
 * nothing about the others.
 */
const fs = require('node:fs');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverCommand } = require('./serverCommand');

/** @type {LanguageClient | undefined} */
let client;

async function start() {
  const { command, args, shell, cwd } = serverCommand({
    configured: vscode.workspace.getConfiguration('pipewright').get('server.path', ''),
    folders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    platform: process.platform,
    exists: (file) => fs.existsSync(file),
  });
  /** @type {import('vscode-languageclient/node').Executable} */
  const server = { command, args, transport: TransportKind.stdio, options: { shell, cwd } };
  client = new LanguageClient('pipewright', 'Pipewright', server, {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
  });
  try {
    await client.start();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    client = undefined;
    void vscode.window.showErrorMessage(
      `Pipewright: could not start the language server with \`${[command, ...args].join(' ')}\` (${reason}). ` +
        'Install pipewright in the workspace (npm install --save-dev pipewright) or set "pipewright.server.path".',
    );
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

/** @param {import('vscode').ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('pipewright.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('pipewright.server')) return;
      await stop();
      await start();
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
