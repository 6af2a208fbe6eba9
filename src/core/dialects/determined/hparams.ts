/**
 * The hyperparameter space: one sample of it (what a trial finds in DET_HPARAMS, nesting kept)
 * and how many trials a grid search over it makes.
 *
 * Usage: `sampleHparams(config.hyperparameters, 0)` → `{ lr: 0.0123, layers: 3, ... }`
 */
import { isMapping } from '../../guards';
import { seededRandom } from '../../random';

export { seededRandom };

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function sampleOne(hp: unknown, random: () => number): unknown {
  if (!isMapping(hp)) return hp;
  const { type, minval, maxval, base, vals, val } = hp;
  const lo = num(minval);
  const hi = num(maxval);
  switch (type) {
    case 'const':
      return val;
    case 'int':
      return lo !== undefined && hi !== undefined ? Math.ceil(lo) + Math.floor(random() * (Math.floor(hi) - Math.ceil(lo) + 1)) : null;
    case 'double':
      return lo !== undefined && hi !== undefined ? lo + random() * (hi - lo) : null;
    case 'log':
      return lo !== undefined && hi !== undefined && num(base) !== undefined ? (base as number) ** (lo + random() * (hi - lo)) : null;
    case 'categorical':
      return Array.isArray(vals) && vals.length > 0 ? vals[Math.floor(random() * vals.length)] : null;
    default:
      return Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, sampleOne(v, random)]));
  }
}

/** One point of the space, drawn with `seed`. */
export function sampleHparams(hparams: unknown, seed: number): Record<string, unknown> {
  if (!isMapping(hparams)) return {};
  return sampleOne(hparams, seededRandom(seed)) as Record<string, unknown>;
}

/** How many values a grid takes of one hyperparameter (undefined: a range without count). */
function gridValues(hp: unknown): number | undefined {
  if (!isMapping(hp)) return 1;
  const count = num(hp.count);
  switch (hp.type) {
    case 'int': {
      const lo = num(hp.minval);
      const hi = num(hp.maxval);
      if (count === undefined || lo === undefined || hi === undefined) return undefined;
      return Math.max(1, Math.min(count, hi - lo + 1));
    }
    case 'double':
    case 'log':
      return count;
    case 'categorical':
      return Array.isArray(hp.vals) ? hp.vals.length : undefined;
    case 'const':
      return 1;
    default:
      return gridSize(hp);
  }
}

/** Trials of a grid search: the product of every hyperparameter's values (undefined when a count is missing). */
export function gridSize(hparams: unknown): number | undefined {
  if (!isMapping(hparams)) return 1;
  let size = 1;
  for (const hp of Object.values(hparams)) {
    const n = gridValues(hp);
    if (n === undefined) return undefined;
    size *= n;
  }
  return size;
}
