/**
 * How the store talks to the document service: in the page while the document is small, in a
 * Web Worker once it is big (the browser's choice, `pageOrWorkerConnection`), or to an in-thread
 * instance (tests, tools) that answers asynchronously just like the worker does.
 */
import { afterPaint } from './firstAnalysis';
import { DocumentService, type ServiceRequest, type ServiceResponse } from './service';

export interface ServiceConnection {
  send(request: ServiceRequest): void;
  listen(onResponse: (response: ServiceResponse) => void): void;
  /** Stop the service (its document was closed). */
  close(): void;
  /**
   * A request that moves the document to a worker may come soon (the preview's launch choice got
   * the focus): start that worker now, rehearsing with the document but not yet serving it, so the
   * move finds it running.
   */
  prepare?(): void;
}

export function workerConnection(): ServiceConnection {
  const worker = new Worker(new URL('./service.worker.ts', import.meta.url), { type: 'module', name: 'pipewright-document' });
  return {
    send: (request) => worker.postMessage(request),
    listen: (onResponse) => {
      worker.onmessage = (e: MessageEvent<ServiceResponse>) => onResponse(e.data);
    },
    close: () => worker.terminate(),
  };
}

/** Runs `fn` in a task after the next frame (at once in a later task where there are no frames). */
function afterFrame(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/** Answers in a later task, as a worker would: for tests and tools. */
export function inlineConnection(): ServiceConnection {
  return pageService((run) => setTimeout(run, 0), (run) => setTimeout(run, 0)).connection;
}

/**
 * A service on this thread. Requests and answers are copied the way postMessage copies them, so
 * the store and the service never share an object by accident. `deliver` schedules each answer
 * (in order); `defer` the service's analysis. Once retired, the service posts nothing more (what
 * it posted before is still delivered) and runs no analysis it had deferred.
 */
function pageService(deliver: (run: () => void) => void, defer: (run: () => void) => void) {
  let listener: (r: ServiceResponse) => void = () => {};
  let closed = false;
  let retired = false;
  const service = new DocumentService(
    (r) => {
      if (retired) return;
      const copy = structuredClone(r);
      deliver(() => closed || listener(copy));
    },
    (run) => defer(() => retired || run()),
  );
  const connection: ServiceConnection = {
    send: (request) => closed || retired || service.handle(structuredClone(request)),
    listen: (onResponse) => {
      listener = onResponse;
    },
    close: () => {
      closed = true;
    },
  };
  return {
    service,
    connection,
    retire() {
      retired = true;
    },
  };
}

/**
 * Above this many characters, a document's service runs in a worker (see pageOrWorkerConnection).
 * The largest size at which a keystroke's whole round (Monaco, the analysis, Problems drawn)
 * still fits in one frame at p95 on a slow 2-core machine: `npm run bench -- 6400` (160 KB) gave
 * 9.5 ms median, 13.5 ms p95, and no task over 50 ms.
 */
export const PAGE_SERVICE_LIMIT = 160 * 1024;

/**
 * When a document's jobs in the page service (a keystroke's analysis, a query, new preview values)
 * show it belongs in a worker: one job over `longMs` (a long task, by the browser's own measure),
 * or `slowOfRecent` of the last `recent` jobs over `frameMs` (each made a frame late). Some jobs
 * are costly at any size — a chosen task that expands into 10,000 executions on every keystroke —
 * while a single slow one may be a garbage collection or code running for the first time.
 */
export const SLOW_JOBS = { longMs: 50, frameMs: 16, slowOfRecent: 3, recent: 10 };

/**
 * The document service on this thread while the text is at most `limit` characters, in a worker
 * (`worker()`) once it grows past that, the code beside it (a folder) is to be checked too or a
 * launch is chosen in the preview, or from the start for such a document.
 *
 * Why: a worker's answer reaches the page only after the frame the keystroke is painted in —
 * Chromium runs rendering first after input — so Problems and the form showed a small document's
 * keystroke a frame late. On this thread the analysis runs in a microtask of the keystroke's own
 * task (about a millisecond for 500 lines, 5–8 ms at the limit) and the views are drawn in the
 * same frame. A big document's analysis, or reading the Python scripts of a project, would block
 * typing, so such a document moves to a worker for good (a shrinking text stays there), and so
 * does one whose jobs turn out slow in the page. The first analysis after a reset waits until the
 * page has painted, so a page being loaded shows its editor as soon as before.
 */
export function pageOrWorkerConnection(worker: () => ServiceConnection = workerConnection, limit = PAGE_SERVICE_LIMIT, slow = SLOW_JOBS): ServiceConnection {
  let listener: (r: ServiceResponse) => void = () => {};
  /**
   * When the analysis the last request asks for runs:
   * - 'after-paint': after a reset, once the page has painted (a page being loaded shows its
   *   editor first), untimed;
   * - 'after-frame': typed into the form, whose field already shows what was typed; the editor
   *   shows it in the next frame, which would otherwise wait for the analysis (Problems and the
   *   rest of the form follow a frame later);
   * - 'now': in a microtask of the request's own task, so the views are drawn in its frame.
   */
  let analyse: 'after-paint' | 'after-frame' | 'now' = 'now';
  let inWorker: ServiceConnection | null = null;
  /** A worker started ahead of a move (prepare): it has rehearsed with the document, and serves nothing yet. */
  let spare: ServiceConnection | null = null;

  const toWorker = (handoff: ServiceRequest[]) => {
    inWorker = spare ?? worker();
    spare = null;
    inWorker.listen((r) => listener(r));
    for (const request of handoff) inWorker.send(request);
  };
  /** Hand the document over to a worker, where the page service left it. */
  const moveToWorker = () => {
    if (!inPage) return;
    const handoff = inPage.service.handoff();
    inPage.retire();
    inPage = null;
    toWorker(handoff);
  };
  const late: boolean[] = [];
  /** The kinds of job done since the last reset (the first of each is not timed). */
  const done = new Set<string>();
  /**
   * Runs a job of the page service; jobs too slow (see SLOW_JOBS) send the document to a worker.
   * The first job of each kind since the last reset is not timed: it runs its code for the first
   * time (compiling it) and builds what later ones reuse (the first analysis parses the whole
   * text, the first completion its own copy), which no later keystroke pays.
   */
  const timed = (job: () => void, kind: string) => {
    const counts = inPage?.service.analysed && done.has(kind);
    done.add(kind);
    const started = performance.now();
    job();
    if (!counts) return;
    const took = performance.now() - started;
    late.push(took > slow.frameMs);
    if (late.length > slow.recent) late.shift();
    if (took > slow.longMs || late.filter(Boolean).length >= slow.slowOfRecent) moveToWorker();
  };
  let inPage: ReturnType<typeof pageService> | null = pageService(queueMicrotask, (run) => {
    if (analyse === 'after-paint') afterPaint(run);
    else (analyse === 'after-frame' ? afterFrame : queueMicrotask)(() => timed(run, 'analysis'));
  });
  inPage.connection.listen((r) => listener(r));

  /**
   * Whether the document, after this request, belongs in the worker: it is big, has a project to
   * check against, or a launch chosen in the preview (expanded with every analysis, a task's grid
   * or a search may be thousands of executions).
   */
  const needsWorker = (request: ServiceRequest) => {
    if (request.type === 'reset') return request.text.length > limit || (request.project ?? null) !== null;
    if (request.type === 'project') return request.project !== null;
    if (request.type === 'previewInputs') return request.inputs.launch?.id !== undefined;
    if (request.type !== 'edits') return false;
    return inPage!.service.textLength + request.edits.reduce((n, e) => n + e.insert.length - e.length, 0) > limit;
  };

  return {
    send(request) {
      if (inPage && needsWorker(request)) {
        if (request.type === 'reset') {
          inPage.retire();
          inPage = null;
          toWorker([request]);
        } else {
          moveToWorker();
          inWorker!.send(request);
        }
        return;
      }
      if (inWorker) {
        inWorker.send(request);
        return;
      }
      const page = inPage!;
      if (request.type === 'reset') {
        analyse = 'after-paint';
        done.clear();
        page.connection.send(request);
      } else {
        analyse = request.type === 'edits' && request.origin === 'form' ? 'after-frame' : 'now';
        timed(() => page.connection.send(request), request.type === 'query' ? `query:${request.query.kind}` : request.type);
      }
    },
    listen(onResponse) {
      listener = onResponse;
    },
    close() {
      // Nothing more is delivered, and an analysis the page had deferred does not run.
      inPage?.connection.close();
      inPage?.retire();
      inWorker?.close();
      spare?.close();
    },
    prepare() {
      // Starting a worker (fetching and compiling its code) took half of the time from choosing a
      // 10,000-execution task to its first rows: 108 against 54 ms with the worker running. It
      // rehearses with the document as it is now (answering nothing), so its code has run once.
      if (inPage && !spare) {
        spare = worker();
        for (const r of inPage.service.handoff()) spare.send(r.type === 'reset' ? { ...r, rehearsal: true } : r);
      }
    },
  };
}
