/**
 * Counters the end-to-end tests read through `?debug` (window.pipewright.editor): how often the
 * editor's markers were set. A document's identical diagnostics must not set them again.
 */
export const editorStats = {
  /** Calls to Monaco's setModelMarkers, over every document. */
  markerSets: 0,
};
