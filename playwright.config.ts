import { defineConfig } from '@playwright/test';
import { chromiumExecutable, CHROMIUM_ARGS } from './e2e/browser';

// PIPEWRIGHT_E2E_PORT lets two runs share a machine.
const PORT = Number(process.env.PIPEWRIGHT_E2E_PORT ?? 4317);
// PIPEWRIGHT_E2E_DIST serves a build made elsewhere (`vite build --outDir DIR`) instead of dist/.
const DIST = process.env.PIPEWRIGHT_E2E_DIST ? ` --outDir ${JSON.stringify(process.env.PIPEWRIGHT_E2E_DIST)}` : '';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    acceptDownloads: true,
    trace: 'off',
  },
  // The built app, served the way a user's static host would serve it (npm run test:e2e builds first).
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
