/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { dirname, relative } from 'node:path/posix';

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

/**
 * The entry (src/main.tsx) starts reading the saved session and imports the first document's
 * editor (Monaco) dynamically, so that the read overlaps Monaco's loading. This lists that
 * editor's chunks and styles in the page's head, so the browser fetches and compiles them from
 * the start, as it does for static imports, instead of after the entry has run. The app's own
 * chunks (React, the stores, the views) are not listed: the entry imports them once the text is
 * painted, and compiled beside Monaco's they held that paint back on two cores (README, "Cold load").
 */
function preloadEntryImports(): Plugin {
  return {
    name: 'pipewright:preload-entry-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk, path }) {
        if (!bundle || !chunk || chunk.dynamicImports.length === 0) return undefined;
        // What the page already loads: the entry, its static imports and their styles.
        const listed = new Set([chunk.fileName, ...chunk.imports, ...(chunk.viteMetadata?.importedCss ?? [])]);
        const chunks = new Set<string>();
        const styles = new Set<string>();
        const visit = (file: string) => {
          const c = bundle[file];
          if (listed.has(file) || chunks.has(file) || !c || c.type !== 'chunk') return;
          chunks.add(file);
          c.viteMetadata?.importedCss.forEach((css) => listed.has(css) || styles.add(css));
          c.imports.forEach(visit);
        };
        chunk.dynamicImports.filter((file) => /\/src\/editor\/firstEditor\.ts$/.test(bundle[file]?.type === 'chunk' ? (bundle[file] as { facadeModuleId: string | null }).facadeModuleId ?? '' : '')).forEach(visit);
        if (chunks.size === 0) this.error('the entry no longer imports src/editor/firstEditor.ts: nothing would be preloaded');
        const href = (file: string) => relative(dirname(path.replace(/^\//, '')), file).replace(/^(?!\.)/, './');
        // The largest first (Monaco's): its compile is the longest, and the page's script waits for it.
        const size = (file: string) => { const c = bundle[file]; return c.type === 'chunk' ? c.code.length : 0; };
        return [
          ...[...chunks].sort((x, y) => size(y) - size(x)).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: href(file) }, injectTo: 'head' as const })),
          ...[...styles].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: href(file) }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), preloadEntryImports()],
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
