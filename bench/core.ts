/**
 * What the benchmark's measures "in Node" run: the core and the document service, bundled by
 * `loadCore()` the way the CLI and the language server are (scripts/build-cli.mjs), so the figures
 * are those of the code users run, not of the sources under tsx (which would load other builds
 * of the libraries; see `nodeBundleOptions`).
 */
export { valohai } from '../src/core/dialects/valohai';
export { timeCompletions } from '../src/core/assist';
export { IncrementalParser } from '../src/core/document/incremental';
export { analyze, loadValidator } from '../src/core/lint';
export { DocumentService } from '../src/store/service';
