/**
 * ajv's run-time helpers that generated validators call (the `require("ajv/dist/runtime/…")` of
 * its standalone code), as ES exports. ajv ships them as CommonJS modules whose function is
 * `exports.default`: bundlers hand that over as the default export, Node's ES module loader the
 * whole `exports` object — `unwrap` takes either.
 *
 * Export each helper under its module's file name; the generator refuses a helper missing here.
 */
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length';
import * as equalModule from 'ajv/dist/runtime/equal';

function unwrap<F>(module: { default: F }): F {
  const d = module.default as F | { default: F };
  return typeof d === 'function' ? d : (d as { default: F }).default;
}

export const ucs2length = unwrap(ucs2lengthModule);
export const equal = unwrap(equalModule);
