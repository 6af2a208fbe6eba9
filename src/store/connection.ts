/**
 * How the store talks to the document service: through a Web Worker in the browser, or to an
 * in-thread instance (tests, tools) that answers asynchronously just like the worker does.
 */
import { DocumentService, type ServiceRequest, type ServiceResponse } from './service';

export interface ServiceConnection {
  send(request: ServiceRequest): void;
  listen(onResponse: (response: ServiceResponse) => void): void;
  /** Stop the service (its document was closed). */
  close(): void;
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

export function inlineConnection(): ServiceConnection {
  let listener: (r: ServiceResponse) => void = () => {};
  let closed = false;
  const service = new DocumentService(
    // Copy answers the way postMessage does, so nothing is shared by accident.
    (r) => setTimeout(() => closed || listener(structuredClone(r)), 0),
    (run) => setTimeout(run, 0),
  );
  return {
    send: (request) => closed || service.handle(structuredClone(request)),
    listen: (onResponse) => {
      listener = onResponse;
    },
    close: () => {
      closed = true;
    },
  };
}
