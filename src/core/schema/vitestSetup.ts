/**
 * Vitest only (vite.config.ts `test.setupFiles`): tests may validate against schemas of their
 * own, which have no generated validator, so they are compiled in memory. The dialects' schemas
 * still run their generated validators (dialects/validators.test.ts checks that).
 */
import { compileAtRuntime } from './compileAtRuntime';
import { setRuntimeCompiler } from './compile';

setRuntimeCompiler(compileAtRuntime);
