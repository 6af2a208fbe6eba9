/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy (issue 7): scripts and workers only from our own
 * origin, nothing evaluated from strings — validators are generated at build time
 * (src/core/schema/generateValidators.ts). Styles may be inline: Monaco writes its own.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy in every built page, as the first element of its head (a static host needs no
 * configuration). Build only: the dev server's React refresh runs an inline script. A `<meta>`
 * policy does not reach workers — the header `vite preview` sends does.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pipewright:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // Relative asset URLs: the built app works from any folder and never reaches another origin.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { main: 'index.html', bare: 'bench/bare-monaco.html' },
    },
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/testSetup.ts', 'src/core/schema/vitestSetup.ts'],
    globalSetup: ['scripts/vitest-global-setup.mjs'],
    // Corpus sweeps and property tests take seconds on a busy 2-core CI machine; 5 s was too tight.
    testTimeout: 30_000,
    environment: 'node',
  },
});
