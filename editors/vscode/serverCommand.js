// @ts-check
'use strict';
/**
 * Which command starts the language server: the configured path, else the workspace's own
 * pipewright (node_modules/.bin), else `npx --no pipewright` — `--no` so that npx never downloads
 * a package of that name from the registry. No `vscode` here, so tests can load it.
 */
const path = require('node:path');

/**
 * @param {{ configured: string, folders: string[], platform: string, exists: (file: string) => boolean }} where
 * @returns {{ command: string, args: string[], shell: boolean, cwd: string | undefined }}
 */
function serverCommand(where) {
  const found = find(where);
  // Through a shell, a path with spaces must be quoted.
  return found.shell && /\s/.test(found.command) ? { ...found, command: `"${found.command}"` } : found;
}

/** @param {{ configured: string, folders: string[], platform: string, exists: (file: string) => boolean }} where */
function find({ configured, folders, platform, exists }) {
  const windows = platform === 'win32';
  const cwd = folders[0];
  // Windows runs .cmd shims only through a shell.
  const shell = windows;
  const wanted = configured.trim();
  if (wanted) {
    const expanded = wanted.replace(/\$\{workspaceFolder\}/g, cwd ?? '');
    const command = cwd && !path.isAbsolute(expanded) && /[\\/]/.test(expanded) ? path.resolve(cwd, expanded) : expanded;
    return { command, args: ['lsp'], shell, cwd };
  }
  for (const folder of folders) {
    const bin = path.join(folder, 'node_modules', '.bin', windows ? 'pipewright.cmd' : 'pipewright');
    if (exists(bin)) return { command: bin, args: ['lsp'], shell, cwd: folder };
  }
  return { command: windows ? 'npx.cmd' : 'npx', args: ['--no', 'pipewright', 'lsp'], shell, cwd };
}

module.exports = { serverCommand };
