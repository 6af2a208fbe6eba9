/**
 * `pipewright open`'s server, through real HTTP on loopback: what it serves, and everything it
 * must refuse (no or wrong token, another Host, another Origin, paths out of the folder by `..`,
 * absolute paths, encoded dots or symbolic links, a file changed on disk).
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenServer, type OpenServer } from './server';

let base: string;
let folder: string;
let server: OpenServer;

interface Reply {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

function call(path: string, options: { method?: string; token?: string | null; host?: string; origin?: string; body?: string; type?: string } = {}): Promise<Reply> {
  const url = new URL(path, server.origin);
  const headers: Record<string, string> = { host: options.host ?? url.host };
  if (options.token !== null) headers['x-pipewright-token'] = options.token ?? server.token;
  if (options.origin) headers.origin = options.origin;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  return new Promise((done, fail) => {
    // A raw request: `fetch` would not let a test send another Host header, an attacker's page can.
    const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        done({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) as Record<string, unknown> });
      });
    });
    req.on('error', fail);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const file = (path: string) => `/api/file?path=${encodeURIComponent(path)}`;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'pipewright-open-'));
  folder = join(base, 'project');
  const app = join(base, 'app');
  mkdirSync(join(folder, 'src'), { recursive: true });
  mkdirSync(join(folder, 'node_modules', 'x'), { recursive: true });
  mkdirSync(app);
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>Pipewright</title>');
  writeFileSync(join(folder, 'valohai.yaml'), '- step:\n    name: train\n    image: python:3.12\n    command: python src/train.py {parameters}\n');
  writeFileSync(join(folder, 'src', 'train.py'), 'import argparse\n');
  writeFileSync(join(folder, 'ci.yml'), 'name: CI\non: push\njobs: {}\n');
  writeFileSync(join(folder, 'node_modules', 'x', 'valohai.yaml'), '- step: {name: a}\n');
  writeFileSync(join(folder, 'blob.yaml'), Buffer.from([0x61, 0, 0x62]));
  writeFileSync(join(base, 'secret.txt'), 'outside the folder');
  symlinkSync(join(base, 'secret.txt'), join(folder, 'link-out.yaml'));
  symlinkSync(base, join(folder, 'dir-out'));
  server = await startOpenServer({ folder, app });
});

afterAll(async () => {
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('pipewright open: what it serves', () => {
  it('listens on loopback and opens the app with the token in the fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#folder=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the app without a token', async () => {
    const r = await call('/', { token: null });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Pipewright</title>');
  });

  it('lists the configs and scripts of the folder, nothing from node_modules or links out', async () => {
    const r = await call('/api/folder');
    expect(r.status).toBe(200);
    const files = r.json().files as { path: string; kind: string; dialect?: string }[];
    expect(files.map((f) => `${f.path} ${f.kind}${f.dialect ? ` ${f.dialect}` : ''}`).sort()).toEqual(['blob.yaml other', 'ci.yml other', 'src/train.py script', 'valohai.yaml config valohai']);
  });

  it('reads a file with its version, and writes it back when it did not change meanwhile', async () => {
    const read = (await call(file('valohai.yaml'))).json();
    expect(read.text).toContain('name: train');
    const text = String(read.text).replace('train', 'fit');
    const put = await call(file('valohai.yaml'), { method: 'PUT', body: JSON.stringify({ text, base: read.version }) });
    expect(put.status).toBe(200);
    expect(readFileSync(join(folder, 'valohai.yaml'), 'utf8')).toBe(text);
    expect(put.json().version).not.toBe(read.version);
  });

  it('does not overwrite a file that changed on disk since it was read', async () => {
    const read = (await call(file('src/train.py'))).json();
    writeFileSync(join(folder, 'src', 'train.py'), 'import click\n');
    const put = await call(file('src/train.py'), { method: 'PUT', body: JSON.stringify({ text: 'overwritten\n', base: read.version }) });
    expect(put.status).toBe(409);
    expect(put.json().error).toMatch(/changed on disk/);
    expect(readFileSync(join(folder, 'src', 'train.py'), 'utf8')).toBe('import click\n');
  });

  it('refuses binary content as text', async () => {
    const r = await call(file('blob.yaml'));
    expect(r.status).toBe(415);
    expect(r.json().error).toMatch(/binary/);
  });
});

describe('pipewright open: what it refuses', () => {
  it('an API request without the token, or with a wrong one', async () => {
    expect((await call('/api/folder', { token: null })).status).toBe(401);
    expect((await call(file('valohai.yaml'), { token: 'x'.repeat(server.token.length) })).status).toBe(401);
    expect((await call(file('valohai.yaml'), { token: `${server.token}x` })).status).toBe(401);
  });

  it('a Host header that is not this server (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example:80', `evil.example:${new URL(server.origin).port}`, '192.168.1.10', '127.0.0.1', '127.0.0.1:1']) {
      const r = await call('/api/folder', { host });
      expect(r.status, host).toBe(421);
      expect(r.body).not.toContain('valohai.yaml');
    }
    expect((await call('/', { host: 'evil.example' })).status).toBe(421);
    expect((await call('/api/folder', { host: `localhost:${new URL(server.origin).port}` })).status).toBe(200);
  });

  it('a request from another site', async () => {
    const r = await call(file('valohai.yaml'), { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
  });

  it('paths out of the folder: .., absolute, encoded, backslashes, links', async () => {
    const outside = ['../secret.txt', 'src/../../secret.txt', join(base, 'secret.txt'), '/etc/passwd', '..%2Fsecret.txt', 'src\\..\\..\\secret.txt', './valohai.yaml', 'link-out.yaml', 'dir-out/secret.txt', 'src//train.py', ''];
    for (const path of outside) {
      const r = await call(file(path));
      expect([403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('outside the folder\n');
    }
    // Raw, unencoded traversal in the query and in the app's own path.
    expect((await call('/api/file?path=../secret.txt')).status).toBe(403);
    expect((await call('/../secret.txt', { token: null })).body).not.toContain('outside the folder');
    const put = await call(file('link-out.yaml'), { method: 'PUT', body: JSON.stringify({ text: 'x', base: 'y' }) });
    expect(put.status).toBe(403);
    expect(readFileSync(join(base, 'secret.txt'), 'utf8')).toBe('outside the folder');
  });

  it('writing a file that does not exist, or a body that is not { text, base } JSON', async () => {
    expect((await call(file('new.yaml'), { method: 'PUT', body: JSON.stringify({ text: 'x', base: 'y' }) })).status).toBe(404);
    expect((await call(file('valohai.yaml'), { method: 'PUT', body: 'not json' })).status).toBe(400);
    expect((await call(file('valohai.yaml'), { method: 'PUT', body: JSON.stringify({ text: 1 }) })).status).toBe(400);
    expect((await call(file('valohai.yaml'), { method: 'PUT', body: 'text=x', type: 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await call(file('valohai.yaml'), { method: 'DELETE' })).status).toBe(405);
  });
});
