/**
 * `pipewright open`'s server: the built app, and a small file API limited to one folder.
 *
 * It listens on loopback only. Every API request must carry the random token the command put in
 * the URL it opened (sent back as the `x-pipewright-token` header, never in a URL, so it stays out
 * of logs and Referer headers), a Host header naming this server (so a web page on another name
 * resolving to 127.0.0.1 — DNS rebinding — is refused), and, when it has an Origin, ours.
 *
 *   GET  /api/folder                      → { name, files: FolderEntry[] }
 *   GET  /api/file?path=P                 → { text, version }
 *   PUT  /api/file?path=P  { text, base } → { version }   409 when the file changed on disk since `base`
 *
 * Usage: const s = await startOpenServer({ folder: '/home/me/project', app: 'dist' }); … s.url, s.token, s.close()
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { Folder, FolderError } from './folder';

export interface OpenServerOptions {
  /** The folder whose files are served. */
  folder: string;
  /** The built app (the `dist/` of `vite build`). */
  app: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** For tests; a fresh random one otherwise. */
  token?: string;
}

export interface OpenServer {
  /** The address to open: the app, with the token in the fragment (never sent to a server). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The largest body a PUT may carry: the app refuses files over 50 MB too. */
const MAX_BODY = 50 * 1024 * 1024;

const STATUS: Record<FolderError['kind'], number> = { refused: 403, missing: 404, unreadable: 415, changed: 409 };

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new FolderError('refused', 'The file is too large to save (at most 50 MB)'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

export async function startOpenServer(options: OpenServerOptions): Promise<OpenServer> {
  const folder = new Folder(options.folder);
  const app = resolve(options.app);
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  let hosts: string[] = [];

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const given = req.headers['x-pipewright-token'];
    if (typeof given !== 'string' || !sameSecret(given, token)) return send(res, 401, { error: 'This request carries no valid token' });
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, { error: 'Requests from other sites are refused' });
    try {
      if (url.pathname === '/api/folder' && req.method === 'GET') return send(res, 200, { name: basename(folder.root), files: folder.list() });
      if (url.pathname === '/api/file') {
        const path = url.searchParams.get('path') ?? '';
        if (req.method === 'GET') return send(res, 200, folder.read(path));
        if (req.method === 'PUT') {
          if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: 'Send the file as JSON' });
          const body = JSON.parse(await readBody(req)) as { text?: unknown; base?: unknown };
          if (typeof body.text !== 'string' || typeof body.base !== 'string') return send(res, 400, { error: 'Send { text, base }' });
          return send(res, 200, folder.write(path, body.text, body.base));
        }
        return send(res, 405, { error: 'Only GET and PUT' });
      }
      return send(res, 404, { error: 'No such API' });
    } catch (e) {
      if (e instanceof FolderError) return send(res, STATUS[e.kind], { error: e.message, kind: e.kind });
      if (e instanceof SyntaxError) return send(res, 400, { error: 'The request body is not JSON' });
      return send(res, 500, { error: 'The server could not do that' });
    }
  };

  const asset = (res: ServerResponse, pathname: string) => {
    let file = normalize(join(app, decodeURIComponent(pathname)));
    if (file !== app && !file.startsWith(app + sep)) return send(res, 403, { error: 'Outside the app' });
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(res, 404, { error: 'Not found' });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    // DNS rebinding: a page served under another name that resolves here still sends its own Host.
    if (!hosts.includes(String(req.headers.host ?? ''))) return send(res, 421, { error: 'Unknown host' });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return send(res, 400, { error: 'Bad request' });
    }
    if (url.pathname.startsWith('/api/')) {
      void api(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Only GET' });
    asset(res, url.pathname);
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/#folder=${token}`,
    origin,
    token,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
