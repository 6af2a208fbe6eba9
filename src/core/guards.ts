/**
 * The one answer to "is this value a mapping?" for plain data read from YAML, JSON or a worker
 * message. A mapping is a plain object: `{}` or `Object.create(null)`. Arrays, `Date`s (YAML 1.1
 * timestamps), `Map`s and class instances are not, so a guard never walks into a Date's fields or
 * treats a list as keyed.
 *
 * Usage: `if (isMapping(step)) step.name`
 */
export function isMapping(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The value at `path` in plain data (own keys of mappings, indices of sequences), or undefined. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isMapping(v) && Object.hasOwn(v, String(seg))) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

/** The items of a sequence, or none for anything else. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
