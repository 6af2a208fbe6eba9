/**
 * For tests only: every YAML file of one platform's reference corpus (../shared/corpus/<platform>),
 * as [path relative to the corpus root, text].
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const CORPUS_ROOT = resolve(__dirname, '../../../../shared/corpus');

export function corpusFiles(platform: string): [string, string][] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
  return walk(join(CORPUS_ROOT, platform)).map((p) => [relative(CORPUS_ROOT, p), readFileSync(p, 'utf8')]);
}
