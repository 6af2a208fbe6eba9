/**
 * `pipewright open [DIR] [--port N] [--no-browser]`: serve the built app with a file API for DIR
 * (the current folder by default) on loopback, open it in the browser, print the address, and
 * serve until interrupted. See ./server.ts for what the API allows and refuses.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenServer, type OpenServer } from './server';

export const OPEN_USAGE = `pipewright open [DIR] [--port N] [--no-browser]

Serves the editor on http://127.0.0.1 (loopback only) with the files of DIR (default: the
current folder): its configs open as tabs, Save writes them back, and the configs are checked
against the scripts beside them. Opens the browser and prints the address (with a one-time
token: only a page holding it may read or write DIR). Stop it with Ctrl+C.`;

export interface OpenIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The built app: next to the built CLI (dist-cli/ → dist/), or in the checkout (src/cli/open → dist/). */
export function findApp(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return [resolve(here, '../dist'), resolve(here, '../../../dist')].find((d) => existsSync(resolve(d, 'index.html')));
}

function openBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the printed address is enough.
  }
}

/** Start serving; resolves with the running server (or a usage error's exit status). */
export async function openCommand(args: string[], io: OpenIO): Promise<OpenServer | number> {
  let dir = '.';
  let port = 0;
  let browser = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-browser') browser = false;
    else if (a === '--port') port = Number(args[++i]);
    else if (a.startsWith('--port=')) port = Number(a.slice('--port='.length));
    else if (a === '--help' || a === '-h') {
      io.out(OPEN_USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      io.err(`Unknown option ${a}\n\n${OPEN_USAGE}`);
      return 2;
    } else dir = a;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port needs a port number (0 picks a free one)`);
    return 2;
  }
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(`${dir}: not a folder`);
    return 2;
  }
  const app = findApp();
  if (!app) {
    io.err('pipewright open: the app is not built — run `npm run build` in this checkout first.');
    return 2;
  }
  let server: OpenServer;
  try {
    server = await startOpenServer({ folder, app, port });
  } catch (e) {
    io.err(`pipewright open: cannot listen${port ? ` on port ${port}` : ''}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  io.out(`Serving ${folder}\nOpen ${server.url}\n(only this address's page may read or write the folder; Ctrl+C stops)`);
  if (browser) openBrowser(server.url);
  return server;
}
