/**
 * The package a user installs: `npm pack` of this checkout, installed into an empty folder with
 * nothing else (no dev dependencies, no network: the built CLI carries its libraries), runs
 * `pipewright lint`, `render` and `lsp` there.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let bin: string;

const VALOHAI = `- step:
    name: train
    image: python:3.12
    command: python train.py {parameters}
    parameters:
      - name: lr
        type: float
        default: 0.1
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-pack-'));
  // `npm pack` would build everything again (prepack); the app is built before the unit tests
  // (npm test) and the CLI by Vitest's global setup, so pack what is built. Alone, build the app.
  if (!existsSync(join(root, 'dist', 'index.html'))) execFileSync(npm, ['exec', '--', 'vite', 'build'], { cwd: root, stdio: 'ignore' });
  const packed = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'uses-pipewright', version: '1.0.0', private: true }));
  // --offline: the package must need nothing from the registry.
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, packed)], { cwd: app, encoding: 'utf8' });
  bin = join(app, 'node_modules', '.bin', 'pipewright');
  writeFileSync(join(app, 'valohai.yaml'), VALOHAI);
  writeFileSync(join(app, 'broken.yaml'), VALOHAI.replace('image:', 'imgae:'));
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the npm package, installed alone', () => {
  it('holds the built CLI and no dependency', () => {
    const modules = readdirSync(join(dir, 'app', 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(modules).toEqual(['pipewright']);
    expect(readdirSync(join(dir, 'app', 'node_modules', 'pipewright')).sort()).toEqual(['bin', 'dist', 'dist-cli', 'package.json', 'README.md'].sort());
  });

  it('lints: clean, and a misspelt key found with its line', () => {
    const clean = spawnSync(bin, ['lint', 'valohai.yaml'], { cwd: join(dir, 'app'), encoding: 'utf8' });
    expect(clean.status).toBe(0);
    const broken = spawnSync(bin, ['lint', 'broken.yaml', '--dialect', 'valohai'], { cwd: join(dir, 'app'), encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^broken\.yaml:3:5: error: .*imgae/m);
    expect(broken.stderr.trim()).toBe('1 file(s) checked: 2 error(s), 0 other finding(s)');
  });

  it('renders a step', () => {
    const r = spawnSync(bin, ['render', 'valohai.yaml', '--param', 'lr=0.5'], { cwd: join(dir, 'app'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('python train.py --lr=0.5');
  });

  it('serves the language server over stdio', async () => {
    const server = spawn(bin, ['lsp'], { cwd: join(dir, 'app') });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<string>((done, fail) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (/"id":1/.test(out) && /"capabilities"/.test(out)) done(out);
      });
      server.on('exit', (code) => fail(new Error(`the server exited with ${code}: ${out}`)));
      setTimeout(() => fail(new Error(`no answer to initialize: ${out}`)), 20_000);
    });
    server.kill();
    expect(reply).toMatch(/"renameProvider"/);
  }, 30_000);
});
