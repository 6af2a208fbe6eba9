/**
 * A small seeded generator (mulberry32): the same seed gives the same draws everywhere — the
 * preview's samples (a Determined DET_HPARAMS, a Valohai random search) are stable across reloads.
 *
 * Usage: `const next = seededRandom(42); next()  // a number in [0, 1)`
 */
export function seededRandom(seed: number): () => number {
  let a = (Math.trunc(seed) * 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
