/**
 * The sources a Valohai input can be fetched from, and what is wrong with a URL that is none
 * of them (an unknown scheme, `s3:/bucket` with one slash, `s3:///key` without a bucket).
 *
 * Sources: Valohai documentation on step inputs and downloading inputs,
 * https://docs.valohai.com/reference-guides/valohai-yaml/step-inputs/ and
 * https://docs.valohai.com/executions/inputs/ (http(s), s3, gs, azure, swift, datum), dynamic
 * inputs https://docs.valohai.com/data/data-versioning/dynamic-inputs (dataset://) and Model
 * Hub https://docs.valohai.com/models (model://).
 *
 * A value without a `scheme:` is not looked at: it is not a URL at all, and may be a
 * placeholder someone replaces when starting the execution.
 *
 * Usage:
 *   sourceProblem('s3:/bucket/key')  → { start: 0, end: 4, message: '…', fix: { … } }
 *   sourceProblem('gcs://b/k')        → { start: 0, end: 3, message: '… did you mean `gs`?', fix: { … } }
 *   sourceProblem('s3://b/k')         → undefined
 */
import { codeSpan } from '../../assist/markdown';
import { suggest } from '../../schema/didYouMean';

export interface InputSource {
  scheme: string;
  example: string;
  what: string;
}

export const INPUT_SOURCES: InputSource[] = [
  { scheme: 'https', example: 'https://example.com/data/train.csv', what: 'a file on a web server (a user and password in the URL work, but they end up in git)' },
  { scheme: 'http', example: 'http://example.com/data/train.csv', what: 'the same, unencrypted' },
  { scheme: 's3', example: 's3://bucket/path/*.jpg', what: 'Amazon S3 or an S3-compatible store connected to the project' },
  { scheme: 'gs', example: 'gs://bucket/path/file', what: 'Google Cloud Storage connected to the project' },
  { scheme: 'azure', example: 'azure://account/container/blob', what: 'Azure Blob Storage connected to the project' },
  { scheme: 'swift', example: 'swift://project/container/key', what: 'OpenStack Swift connected to the project' },
  { scheme: 'datum', example: 'datum://0123abcd-…', what: 'a file Valohai already knows: an output of an execution or an upload' },
  { scheme: 'dataset', example: 'dataset://name/version', what: 'a version of a Valohai dataset' },
  { scheme: 'model', example: 'model://name/version', what: 'a version of a model in the Model Hub' },
];

const SCHEMES = INPUT_SOURCES.map((s) => s.scheme);

/** The list as markdown, for the hover on an input's `default`. */
export function inputSourcesMarkdown(): string {
  const rows = INPUT_SOURCES.map((s) => `- ${codeSpan(`${s.scheme}://`)} — ${s.what}, e.g. ${codeSpan(s.example)}`);
  return ['Valohai fetches an input from:', ...rows, '', 'Wildcards (`*`, `**`) select several files in a store. Store credentials belong in the project\'s data store settings, not in the URL.'].join('\n');
}

export interface SourceProblem {
  /** What to mark, as offsets into the URL. */
  start: number;
  end: number;
  message: string;
  /** A replacement for `start`..`end` of the URL that fixes it, when one is certain enough. */
  fix?: { title: string; insert: string };
}

/** What keeps the platform from fetching this input URL, or undefined when nothing does (or it is no URL). */
export function sourceProblem(url: string): SourceProblem | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(url);
  // One letter is a Windows drive (`C:\data`), no letter a path or a word: not a URL either way.
  if (!m) return undefined;
  const scheme = m[1];
  const rest = url.slice(m[0].length);
  const known = SCHEMES.includes(scheme);
  if (!known) {
    const guess = suggest(scheme, SCHEMES);
    const list = SCHEMES.join(', ');
    const shown = codeSpan(`${scheme}:`);
    return guess
      ? { start: 0, end: scheme.length, message: `Valohai cannot fetch an input from ${shown}; did you mean ${codeSpan(`${guess}:`)}? It fetches from ${list}.`, fix: { title: `Change to ${guess}:`, insert: guess } }
      : { start: 0, end: scheme.length, message: `Valohai cannot fetch an input from ${shown}: it fetches from ${list}.` };
  }
  const slashes = /^\/*/.exec(rest)![0].length;
  if (slashes < 2) {
    const how = slashes === 0 ? 'has no slashes' : 'has one slash';
    return {
      start: 0,
      end: m[0].length + slashes,
      message: `${codeSpan(`${scheme}:${'/'.repeat(slashes)}`)} ${how} after the scheme: the platform reads a source as ${codeSpan(`${scheme}://…`)}, so it cannot fetch this one.`,
      fix: { title: `Write ${scheme}://`, insert: `${scheme}://` },
    };
  }
  const what = scheme === 'http' || scheme === 'https' ? 'host' : scheme === 'datum' ? 'identifier' : scheme === 's3' || scheme === 'gs' ? 'bucket' : 'name';
  if (slashes > 2) {
    const written = codeSpan(`${scheme}:${'/'.repeat(slashes)}`);
    return { start: 0, end: m[0].length + slashes, message: `${written} leaves the ${what} empty: the platform reads ${codeSpan(`${scheme}://${what}/…`)}, so it cannot fetch this one.` };
  }
  if (rest.length === 2) return { start: 0, end: url.length, message: `${codeSpan(url)} names no ${what}, so there is nothing to fetch.` };
  return undefined;
}
