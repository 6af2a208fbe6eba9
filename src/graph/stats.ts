/**
 * Counters the benchmark and end-to-end tests read through `?debug` (window.pipewright.graph):
 * how often the graph view placed boxes. A keystroke outside a pipeline must not move them.
 */
export const graphStats = {
  /** Layout runs: a full layout or placing new boxes beside kept ones. */
  layouts: 0,
  /** How long the last layout took (ms). */
  lastLayoutMs: 0,
};
