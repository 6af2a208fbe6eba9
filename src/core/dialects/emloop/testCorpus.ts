/**
 * Where the emloop reference corpus (../shared/corpus/emloop) is, for tests only: beside the
 * repository when run from its root, else found relative to this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS = [resolve(process.cwd(), '../shared/corpus/emloop'), fileURLToPath(new URL('../../../../../shared/corpus/emloop', import.meta.url))].find((dir) =>
  existsSync(dir),
)!;

export const readCorpus = (file: string): string => readFileSync(resolve(CORPUS, file), 'utf8');
