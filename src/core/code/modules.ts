/**
 * Dotted Python names → files in the project: `pkg.models` is pkg/models.py or
 * pkg/models/__init__.py under one of the folders Python would search (the roots, in order), and
 * `pkg.models.Net` is a class (or any top-level name) the module defines — directly, or through
 * an import in it (`from .convnet import Net` is followed into convnet.py when that is in the
 * project; a name imported from elsewhere counts as defined). Star imports from project modules
 * are followed; a star import from outside, a module-level `__getattr__` or a syntax error makes
 * the answer `unknown` rather than a false "missing".
 *
 * Usage:
 *   lookupName(index, ['', 'src'], 'model_def', 'MNistTrial')
 *   // { status: 'found', file: 'model_def.py', line: 12 }
 */
import type { PyModuleInfo } from '../contracts/project';
import { dirOf, joinPath, type FileIndex } from './files';
import { moduleInfo } from './python';

export interface NameLookup {
  /**
   * found: the module and the name exist; module-missing: no file for the module under any root;
   * name-missing: the module exists and does not define the name; unknown: we cannot tell (see `reason`).
   */
  status: 'found' | 'module-missing' | 'name-missing' | 'unknown';
  /** The module's file, when found. */
  file?: string;
  /** Where the name is defined (the file it is finally found in), when found. */
  definedAt?: { file: string; line: number };
  /** The files looked for, for messages. */
  candidates: string[];
  reason?: string;
}

const infos = new WeakMap<FileIndex, Map<string, PyModuleInfo | undefined>>();

/** The top-level names of a project file, parsed once per index. */
export function moduleInfoOf(index: FileIndex, file: string): PyModuleInfo | undefined {
  let cache = infos.get(index);
  if (!cache) infos.set(index, (cache = new Map()));
  if (!cache.has(file)) {
    const text = index.read(file);
    cache.set(file, text === undefined ? undefined : moduleInfo(text));
  }
  return cache.get(file);
}

/** The files a dotted module may be under each root, in search order. */
export function moduleCandidates(roots: readonly string[], module: string): string[] {
  const rel = module.split('.').join('/');
  const out: string[] = [];
  for (const root of roots) {
    for (const c of [`${rel}.py`, `${rel}/__init__.py`]) {
      const p = joinPath(root, c);
      if (p !== undefined && !out.includes(p)) out.push(p);
    }
  }
  return out;
}

/** The file of a dotted module under the roots, if the project has it. */
export function findModule(index: FileIndex, roots: readonly string[], module: string): string | undefined {
  return moduleCandidates(roots, module).find((c) => index.has(c));
}

/** A relative import (`.convnet`, `..pkg`) from `file` as a project path prefix, or an absolute one as is. */
function importTarget(index: FileIndex, roots: readonly string[], file: string, module: string): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  if (dots === 0) return findModule(index, roots, module);
  let dir = dirOf(file);
  for (let i = 1; i < dots; i++) {
    if (dir === '') return undefined;
    dir = dirOf(dir);
  }
  const rest = module.slice(dots);
  return rest ? findModule(index, [dir], rest) : index.has(joinPath(dir, '__init__.py') ?? '\0') ? joinPath(dir, '__init__.py') : undefined;
}

function lookupIn(index: FileIndex, roots: readonly string[], file: string, name: string, depth: number, seen: Set<string>): Omit<NameLookup, 'candidates'> {
  if (seen.has(file) || depth > 5) return { status: 'unknown', reason: 'its imports go round in a circle' };
  seen.add(file);
  const info = moduleInfoOf(index, file);
  if (!info) return { status: 'unknown', file, reason: `${file} could not be read` };
  if (info.syntaxErrors.length) return { status: 'unknown', file, reason: `${file} has a syntax error at line ${info.syntaxErrors[0]}` };
  const defs = info.definitions.filter((d) => d.name === name);
  const own = defs.find((d) => d.kind !== 'import') ?? defs[0];
  if (own) {
    if (own.kind === 'import' && own.from?.name && own.from.name !== '*') {
      const target = importTarget(index, roots, file, own.from.module);
      // A submodule imported by name (`from . import models`) is found; so is a name from outside the project.
      if (target) {
        const deeper = lookupIn(index, roots, target, own.from.name, depth + 1, seen);
        if (deeper.status === 'found' || deeper.status === 'unknown') return { ...deeper, file };
        const sub = importTarget(index, roots, file, `${own.from.module}${own.from.module.endsWith('.') ? '' : '.'}${own.from.name}`);
        if (sub) return { status: 'found', file, definedAt: { file: sub, line: 1 } };
        return { ...deeper, file };
      }
    }
    return { status: 'found', file, definedAt: { file, line: own.line } };
  }
  if (info.definitions.some((d) => d.kind === 'function' && d.name === '__getattr__')) return { status: 'unknown', file, reason: `${file} defines __getattr__` };
  for (const star of info.definitions.filter((d) => d.name === '*')) {
    const target = importTarget(index, roots, file, star.from!.module);
    if (!target) return { status: 'unknown', file, reason: `${file} imports * from ${star.from!.module}` };
    const deeper = lookupIn(index, roots, target, name, depth + 1, seen);
    if (deeper.status !== 'name-missing') return { ...deeper, file };
  }
  // A package's submodule is reachable as an attribute once imported: `pkg.sub` as a "name" of pkg.
  if (file.endsWith('/__init__.py') && findModule(index, [dirOf(file)], name)) return { status: 'found', file, definedAt: { file: findModule(index, [dirOf(file)], name)!, line: 1 } };
  return { status: 'name-missing', file };
}

/** Whether `module` exists under the roots and defines `name`; see the file comment. */
export function lookupName(index: FileIndex, roots: readonly string[], module: string, name: string): NameLookup {
  const candidates = moduleCandidates(roots, module);
  const file = candidates.find((c) => index.has(c));
  if (!file) return { status: 'module-missing', candidates };
  return { ...lookupIn(index, roots, file, name, 0, new Set()), candidates };
}
