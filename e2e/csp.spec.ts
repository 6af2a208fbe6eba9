import { expect, test, type Page, type Response, type Worker } from '@playwright/test';
import { editorLines, focusEditor, form, openApp, openBigFile, openFile, openGroup, problems } from './helpers';

/**
 * The built page runs under a strict Content-Security-Policy (issue 7): scripts and workers from
 * our origin only, nothing evaluated from strings — validation runs validators generated at build
 * time. Violations are collected where they are reported: the page's document and each worker.
 */

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

declare global {
  interface Window {
    __violations?: Violation[];
    __inlineRan?: boolean;
  }
}

/** Record every `securitypolicyviolation` in the page from its very first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations!.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
}

const pageViolations = (page: Page) => page.evaluate(() => window.__violations ?? []);

/** Workers report violations to their own global scope: listen there too, as each worker starts. */
function recordWorkerViolations(page: Page): Worker[] {
  const workers: Worker[] = [];
  page.on('worker', (worker) => {
    workers.push(worker);
    void worker
      .evaluate(() => {
        const scope = self as unknown as { __violations: Violation[] } & EventTarget;
        scope.__violations = [];
        scope.addEventListener('securitypolicyviolation', (e) => {
          const v = e as SecurityPolicyViolationEvent;
          scope.__violations.push({ directive: v.effectiveDirective, blocked: v.blockedURI, sample: v.sample });
        });
      })
      .catch(() => undefined);
  });
  return workers;
}

/** What the workers still running recorded (a worker closed meanwhile, as on opening a file, has nothing to tell). */
const workerViolations = async (workers: Worker[]) =>
  (await Promise.all(workers.map((w) => w.evaluate(() => (self as unknown as { __violations?: Violation[] }).__violations ?? []).catch(() => [])))).flat();

/** Console lines a blocked script, a refused eval or a worker Monaco could not start would leave. */
function recordPolicyComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to|EvalError|Could not create web worker/i.test(m.text())) complaints.push(m.text());
  });
  page.on('pageerror', (e) => complaints.push(String(e)));
  return complaints;
}

test('the built page carries the policy, in its document and in the responses of the page and its workers', async ({ page }) => {
  const workerResponses = new Map<string, string | undefined>();
  page.on('response', (r) => {
    if (/\.worker-[\w-]+\.js$/.test(r.url())) workerResponses.set(r.url(), r.headers()['content-security-policy']);
  });
  const response = await page.goto('./');
  await expect(editorLines(page)).toContainText('step', { timeout: 30_000 });
  const header = response!.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(header);
  for (const directive of ["default-src 'self'", "script-src 'self'", "worker-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    expect(header).toContain(directive);
  }
  const directives = header!.split(';').map((d) => d.trim());
  expect(directives.find((d) => d.startsWith('script-src'))).toBe("script-src 'self'");
  expect(header).not.toContain('unsafe-eval');
  // The policy comes first in the head, before any script or stylesheet it must govern.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
  // A <meta> policy does not reach workers: each worker script is served with the header. (The
  // document service has its worker for a big document.)
  await openBigFile(page);
  await expect.poll(() => workerResponses.size).toBe(2);
  for (const [url, policy] of workerResponses) expect(policy, url).toBe(header);
});

test('no script the page loads builds code from strings (ajv compiles at build time)', async ({ page }) => {
  const scripts: Response[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r);
  });
  await openApp(page);
  await expect(problems(page)).toContainText('No problems');
  await openBigFile(page);
  // The app, Monaco and both workers (the document service's, for the big document). Monaco starts its editor worker on its own schedule, which on
  // a loaded machine can come after the first analysis is listed, so wait for both workers.
  await expect.poll(() => scripts.filter((r) => /worker/.test(r.url())).length, { timeout: 30_000 }).toBe(2);
  const loaded = await Promise.all(scripts.map(async (r) => ({ url: r.url(), text: await r.text() })));
  expect(loaded.length).toBeGreaterThanOrEqual(4);
  for (const { url, text } of loaded) expect(text.match(/\bnew Function\b|[^\w$.]Function\(|[^\w$.]eval\(/g), url).toBeNull();
});

test('a whole session runs without a single policy violation, loading nothing from elsewhere', async ({ page, baseURL }) => {
  await recordViolations(page);
  const workers = recordWorkerViolations(page);
  const complaints = recordPolicyComplaints(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  await openApp(page);
  await expect(problems(page)).toContainText('No problems');

  // Typing: the document service (in the page for this small document) validates, with the generated validators.
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('- step:');
  await expect(problems(page).getByRole('button', { name: /step is empty/ })).toBeVisible();
  for (let i = 0; i < '- step:'.length; i++) await page.keyboard.press('Backspace');
  await expect(problems(page)).toContainText('No problems');

  // Completion, on a new line inside the first step.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget .monaco-list-row').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');

  // A form field.
  const step = await openGroup(form(page), 'Step: Train model');
  const field = (await openGroup(step, 'Parameter: learning_rate')).getByLabel('default', { exact: true });
  await field.fill('0.01');
  await expect(editorLines(page)).toContainText('default: 0.01');

  // A file of another dialect, whose schema keywords call functions the generated code imports.
  await openFile(page, 'experiment.yaml', 'entrypoint: python3 train.py\nhyperparameters:\n  lr: {type: double, minval: 1, maxval: 0.5}\n  n: {type: integer}\n');
  await expect(page.getByLabel('Dialect')).toHaveValue('determined');
  await expect(problems(page)).toContainText('minval must be less than maxval');
  await expect(problems(page)).toContainText('a hyperparameter "type" must be one of int, double, log, const or categorical');

  // A big document: its service runs in a worker, which answers a keystroke with the generated validators.
  await openBigFile(page);
  await focusEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('- step:');
  await expect(problems(page).getByRole('button', { name: /step is empty/ })).toBeVisible();

  // Monaco's worker and our document service worker both ran.
  expect(new Set(workers.map((w) => /editor\.worker|service\.worker/.exec(w.url())?.[0]))).toEqual(new Set(['editor.worker', 'service.worker']));
  expect(requests.filter((u) => !u.startsWith(baseURL!) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(await pageViolations(page)).toEqual([]);
  expect(await workerViolations(workers)).toEqual([]);
  expect(complaints).toEqual([]);
});

test('an injected inline script is blocked and reported', async ({ page }) => {
  await recordViolations(page);
  await openApp(page);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
  });
  // Reported once per policy that forbids it: the <meta> one and the header.
  await expect.poll(async () => (await pageViolations(page)).length).toBeGreaterThan(0);
  for (const v of await pageViolations(page)) expect(v).toMatchObject({ directive: 'script-src-elem', blocked: 'inline' });
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
});

test('strings are not evaluated as code, in the page or in its workers', async ({ page }) => {
  await recordViolations(page);
  const workers = recordWorkerViolations(page);
  await openApp(page);
  // The document service has its worker for a big document.
  await openBigFile(page);
  await expect.poll(() => workers.length).toBe(2);
  // Later, as the page's own code: what Playwright evaluates directly may evaluate strings.
  const evalLater = () =>
    new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          resolve(String(new Function('return "ran"')()));
        } catch (e) {
          resolve((e as Error).name);
        }
      }),
    );
  expect(await page.evaluate(evalLater)).toBe('EvalError');
  await expect.poll(async () => (await pageViolations(page)).length).toBeGreaterThan(0);
  for (const v of await pageViolations(page)) expect(v).toMatchObject({ directive: 'script-src', blocked: 'eval' });
  for (const worker of workers) expect(await worker.evaluate(evalLater), worker.url()).toBe('EvalError');
  await expect.poll(() => workerViolations(workers)).toEqual([expect.objectContaining({ blocked: 'eval' }), expect.objectContaining({ blocked: 'eval' })]);
});
