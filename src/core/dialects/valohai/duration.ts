/**
 * Valohai durations (`time-limit`, `no-output-timeout`) read exactly as the platform reads them:
 * whole seconds, or text of `<number><unit>` groups where only the unit's first letter counts
 * (`1.5min` is 90 s, `500ms` is 500 minutes) and anything between groups is ignored.
 *
 * Usage: `parseDuration('1h 30m')` → `{ seconds: 5400 }`; `parseDuration('1x')` → `{ error: ... }`
 */
import { pyFloatRepr, pyStrRepr } from './python/values';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export type DurationResult = { seconds: number | null } | { error: string };

/**
 * `value` as PyYAML gives it: an int, a str, or something else (a float, a list) that the
 * platform refuses. `isFloat` tells a YAML `5.0` from `5`, which JS numbers cannot.
 */
export function parseDuration(value: unknown, isFloat = false): DurationResult {
  if (value === null || value === undefined) return { seconds: null };
  if (typeof value === 'number' && Number.isInteger(value) && !isFloat) return { seconds: value };
  if (typeof value !== 'string') {
    const shown = typeof value === 'number' ? (isFloat || !Number.isInteger(value) ? pyFloatRepr(value) : String(value)) : JSON.stringify(value);
    return { error: `Could not parse duration from ${shown}` };
  }
  if (!value.trim()) return { seconds: null };
  let total = 0;
  // The unit is matched in lowercase only: `1H` has no unit as far as the platform is concerned.
  for (const m of value.matchAll(/([.\d]+)\s*([a-z]*)/g)) {
    const number = Number(m[1]);
    if (!/^(?:\d+\.?\d*|\.\d+)$/.test(m[1]) || Number.isNaN(number)) {
      return { error: `could not convert string to float: ${pyStrRepr(m[1])} — write a number such as 1.5` };
    }
    if (m[2] === '') {
      return { error: `${pyStrRepr(value)}: the number ${m[1]} has no unit — add one of s, m, h, d, w in lowercase (e.g. 90s or 1h 30m)` };
    }
    const unit = UNIT_SECONDS[m[2][0]];
    if (unit === undefined) return { error: `Unknown duration suffix in ${pyStrRepr(m[0])}` };
    total += number * unit;
  }
  if (total <= 0) return { error: `Could not parse positive duration from ${pyStrRepr(value)}` };
  return { seconds: total };
}
