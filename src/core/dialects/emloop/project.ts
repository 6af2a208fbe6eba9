/**
 * An emloop config against the code in its folder (issue 18): the dotted class paths emloop
 * imports — `dataset.class`, `model.class`, dotted hook names, at the top level and in every
 * `eval.<stream>` block — resolved as emloop resolves them: `importlib.import_module` of the part
 * before the last dot with the working directory first on sys.path (emloop's entry point puts
 * it there). The working directory is not in the file, so the config's folder and each folder
 * above it, up to the project root, are searched (`emloop train mnist_convnet/config.yaml` from the
 * repository root imports `mnist_convnet.MNISTDataset` from the root).
 *
 * - emloop's own and emloop-tensorflow's classes and standard hooks, and classes of the libraries
 *   emloop configs use (emloop_*, cxflow*, tensorflow, torch, keras, sklearn), are not looked for;
 * - a module in none of those folders: a warning "not found in the folder", since it may be an
 *   installed package; an error when its top-level package IS in the folder but the module is not
 *   (the local package wins on sys.path, so the import fails);
 * - a module that does not define the class (directly or through an import from the folder): an
 *   error at the class name, with the nearest class as did-you-mean (and fix).
 *
 * Usage: `checkEmloopProject(parsed, files, 'mnist_convnet')` → diagnostics with source 'lint'
 */
import type { ParsedDocument } from '../../contracts/document';
import type { Diagnostic, Fix, Severity } from '../../contracts/diagnostics';
import type { Path } from '../../contracts/path';
import type { ProjectFiles } from '../../contracts/project';
import { dirOf, FileIndex } from '../../code/files';
import { lookupName, moduleCandidates, moduleInfoOf } from '../../code/modules';
import { rangeOfPath } from '../../document/paths';
import { keySourceRange, sourceRange } from '../../document/scalarSource';
import { isMapping } from '../../guards';
import { suggest } from '../../schema/didYouMean';
import { hookItems } from './symbols';

export const CLASS_MODULE_NOT_FOUND = 'class-module-not-found';
export const CLASS_MISSING = 'class-missing';

/** Top-level packages of the libraries a config names classes from: never looked for in the folder. */
export const LIBRARY_PACKAGES = ['emloop', 'emloop_tensorflow', 'emloop_pytorch', 'emloop_keras', 'cxflow', 'cxflow_tensorflow', 'cxflow_pytorch', 'tensorflow', 'tf', 'torch', 'keras', 'sklearn', 'numpy'];

/** The folder and every folder above it, nearest first ('' is the project root). */
export function searchRoots(configDir: string): string[] {
  const roots = [configDir];
  for (let d = configDir; d !== ''; ) {
    d = dirOf(d);
    roots.push(d);
  }
  return roots;
}

class Check {
  readonly found: Diagnostic[] = [];
  readonly roots: string[];
  constructor(
    readonly parsed: ParsedDocument,
    readonly index: FileIndex,
    readonly configDir: string,
  ) {
    this.roots = searchRoots(configDir);
  }

  report(severity: Severity, code: string, path: Path, range: [number, number], message: string, fixes?: Fix[]): void {
    const d: Diagnostic = { severity, message, path, range, source: 'lint', code };
    if (fixes?.length) d.fixes = fixes;
    this.found.push(d);
  }

  /** Part `from`..`to` of the class path written as a value or as a key (a hook `- my.Hook: {...}`). */
  place(path: Path, as: 'value' | 'key', from: number, to: number): { range: [number, number]; exact: boolean } {
    const exact = as === 'key' ? keySourceRange(this.parsed, path, from, to) : sourceRange(this.parsed, path, from, to);
    return exact ? { range: exact, exact: true } : { range: rangeOfPath(this.parsed.doc, path, as), exact: false };
  }

  classPath(path: Path, as: 'value' | 'key', name: string, what: string): void {
    const dot = name.lastIndexOf('.');
    if (dot <= 0 || dot === name.length - 1) return;
    const module = name.slice(0, dot);
    const cls = name.slice(dot + 1);
    const top = module.split('.')[0];
    if (LIBRARY_PACKAGES.includes(top) || !/^[A-Za-z_][\w.]*$/.test(module)) return;
    const found = lookupName(this.index, this.roots, module, cls);
    const looked = this.roots.map((r) => (r === '' ? 'the project root' : `${r}/`)).join(', ');
    if (found.status === 'module-missing') {
      const { range } = this.place(path, as, 0, dot);
      const local = this.roots.find((r) => this.index.isDir(r ? `${r}/${top}` : top) || this.index.has(r ? `${r}/${top}.py` : `${top}.py`));
      if (local !== undefined) {
        this.report(
          'error',
          CLASS_MODULE_NOT_FOUND,
          path,
          range,
          `${what} ${name}: the package ${top} is in the folder (${local ? `${local}/${top}` : `${top}, at the project root`}), but the module ${module} is not (looked for ${moduleCandidates([local], module).join(' and ')}) — emloop cannot import it`,
        );
      } else {
        this.report(
          'warning',
          CLASS_MODULE_NOT_FOUND,
          path,
          range,
          `${what} ${name}: the module ${module} is not found in the folder (looked in ${looked}) — if it is an installed package, ignore this; otherwise emloop cannot import it`,
        );
      }
      return;
    }
    if (found.status !== 'name-missing') return;
    const { range, exact } = this.place(path, as, dot + 1, name.length);
    const info = found.file ? moduleInfoOf(this.index, found.file) : undefined;
    const names = (info?.definitions ?? []).filter((d) => d.kind === 'class' || (d.kind === 'import' && d.name !== '*')).map((d) => d.name);
    const guess = suggest(cls, names);
    const fixes = guess && exact ? [{ title: `Change to ${guess}`, edits: [{ offset: range[0], length: range[1] - range[0], insert: guess }] }] : undefined;
    const classes = (info?.definitions ?? []).filter((d) => d.kind === 'class').map((d) => d.name);
    const hint = guess ? `: did you mean ${guess}?` : classes.length ? ` (its classes: ${classes.slice(0, 8).join(', ')})` : '';
    this.report('error', CLASS_MISSING, path, range, `${what} ${name}: ${found.file} does not define ${cls}${hint} — emloop cannot create it`, fixes);
  }

  /** dataset / model / hooks of the top level (`at` = []) or of an eval block. */
  sections(at: Path, sections: Record<string, unknown>): void {
    for (const key of ['dataset', 'model'] as const) {
      const section = sections[key];
      if (isMapping(section) && typeof section.class === 'string') this.classPath([...at, key, 'class'], 'value', section.class, `The ${key} class`);
    }
    if (Array.isArray(sections.hooks)) {
      for (const item of hookItems(this.parsed, [...at, 'hooks'])) {
        if (item.info || !item.name.includes('.')) continue;
        this.classPath(item.nameAt === 'key' ? [...item.path, item.name] : item.path, item.nameAt, item.name, 'The hook');
      }
    }
  }
}

/** Every finding about the config's class paths against the folder; see the file comment. */
export function checkEmloopProject(parsed: ParsedDocument, files: ProjectFiles, configDir: string): Diagnostic[] {
  if (!parsed.ok || !isMapping(parsed.value)) return [];
  const c = new Check(parsed, new FileIndex(files), configDir);
  const config = parsed.value;
  c.sections([], config);
  if (isMapping(config.eval)) {
    for (const [stream, block] of Object.entries(config.eval)) if (isMapping(block)) c.sections(['eval', stream], block);
  }
  return c.found;
}
