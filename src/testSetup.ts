/**
 * Property tests run with a fixed seed, so CI gives the same verdict every time; a bug hunt
 * explores new cases with FC_SEED=random (or a number to replay one).
 */
import fc from 'fast-check';
import { dialects } from './core/dialects';
import { loadValidators } from './core/lint';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261122 });

// The app loads a dialect's schema validator when it first needs it; tests analyse at once.
await loadValidators(dialects);
