/**
 * The shape of the code, checked: imports point down only and never go round in a circle.
 *
 *   src/core:  contracts/ + guards.ts  <  document/, code/  <  schema/  <  assist/  <  dialects/  <  lint.ts
 *   src:       core/  <  store/  <  ui/  <  editor/ form/ preview/ graph/ (views; none imports another)  <  app/  <  main.tsx
 *              cli/ uses core/ only.
 *
 * Type-only imports count: a type that points up is a design that points up.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..');

// The core runs in the browser, in workers, in the CLI and in tests: it must not reach for a UI.
const FORBIDDEN = /from ['"](react|react-dom|monaco-editor|zustand)(\/[^'"]*)?['"]|\b(document|window)\.\w/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== 'testSetup.ts' ? [p] : [];
  });
}

/** Every module specifier in a source text: static imports and re-exports (type-only too), side-effect imports, dynamic import(). */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

/**
 * The specifiers a bundler must load with the importing file: static imports and re-exports that
 * bring a value (not `import type`, not `{ type A }` alone), side-effect imports; no dynamic import().
 */
export function eagerSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s+(?!type\s)([^'"`;]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const braces = /^\{([^}]*)\}$/.exec(m[1].trim());
    const onlyTypes = braces !== null && braces[1].split(',').every((name) => !name.trim() || /^type\s/.test(name.trim()));
    if (!onlyTypes) out.push(m[2]);
  }
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(SRC, from)} imports ${spec}, which does not exist`);
}

/** file (relative to src/) → the files it imports (relative to src/). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets = specifiers(readFileSync(file, 'utf8'))
      .map((s) => resolveRelative(file, s))
      .filter((t): t is string => t !== null && /\.tsx?$/.test(t))
      .map((t) => relative(SRC, t));
    graph.set(relative(SRC, file), [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): each is an import cycle. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const CORE_LAYERS: [RegExp, number, string][] = [
  [/^core\/contracts\//, 0, 'contracts'],
  [/^core\/guards\.ts$/, 0, 'contracts'],
  [/^core\/random\.ts$/, 0, 'contracts'],
  [/^core\/document\//, 1, 'document'],
  // Reading the code beside a config (Python, without running it): needs only the contracts.
  [/^core\/code\//, 1, 'code'],
  [/^core\/schema\//, 2, 'schema'],
  [/^core\/assist\//, 3, 'assist'],
  [/^core\/dialects\//, 4, 'dialects'],
  [/^core\/lint\.ts$/, 5, 'lint'],
];

function coreLayer(file: string): [number, string] | undefined {
  const hit = CORE_LAYERS.find(([re]) => re.test(file));
  return hit && [hit[1], hit[2]];
}

const VIEWS = ['editor', 'form', 'preview', 'graph'];
const top = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** Which top-level folders each may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  cli: ['core'],
  store: ['core'],
  ui: ['core', 'store'],
  editor: ['core', 'store', 'ui'],
  form: ['core', 'store', 'ui'],
  preview: ['core', 'store', 'ui'],
  graph: ['core', 'store', 'ui'],
  app: ['core', 'store', 'ui', ...VIEWS],
  'main.tsx': ['app', 'core', 'store', 'ui', ...VIEWS],
};

describe('import layering', () => {
  const graph = importGraph();

  it('finds the sources and their imports', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('core/lint.ts')).toContain('core/schema/validate.ts');
    expect(specifiers(`import type { A } from './a';\nexport { b } from "../b";\nimport './c.css';\nconst d = import('./d');`)).toEqual(['./a', '../b', './c.css', './d']);
  });

  it('has no DOM, React, Monaco or store imports in src/core', () => {
    const offenders = [...graph.keys()].filter((f) => f.startsWith('core/') && FORBIDDEN.test(readFileSync(join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('puts every core file in a layer', () => {
    const unplaced = [...graph.keys()].filter((f) => f.startsWith('core/') && !coreLayer(f));
    expect(unplaced).toEqual([]);
  });

  it('imports only down the core layers: contracts < document < schema < assist < dialects < lint', () => {
    const uphill: string[] = [];
    for (const [file, targets] of graph) {
      const from = coreLayer(file);
      if (!from) continue;
      for (const t of targets) {
        const to = coreLayer(t);
        if (to && to[0] > from[0]) uphill.push(`${file} (${from[1]}) → ${t} (${to[1]})`);
      }
    }
    expect(uphill).toEqual([]);
  });

  it('keeps the folders in order: views import no other view and not app/; the store and the core import no view', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const mine = top(file);
      const allowed = ALLOWED[mine];
      if (!allowed) {
        wrong.push(`${file}: src/${mine} has no place in the layering (add it to ALLOWED)`);
        continue;
      }
      for (const t of targets) if (top(t) !== mine && !allowed.includes(top(t))) wrong.push(`${file} → ${t}`);
    }
    expect(wrong).toEqual([]);
  });

  /** Every file the first screen loads: main.tsx and app/start.tsx (which main.tsx imports at once), with what they import eagerly. */
  function firstScreen(): { reached: Set<string>; eager: Map<string, string[]> } {
    const eager = new Map<string, string[]>();
    for (const file of graph.keys()) eager.set(file, eagerSpecifiers(readFileSync(join(SRC, file), 'utf8')));
    const reached = new Set<string>();
    const walk = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const spec of eager.get(file) ?? []) {
        const target = resolveRelative(join(SRC, file), spec);
        if (target && /\.tsx?$/.test(target)) walk(relative(SRC, target));
      }
    };
    walk('main.tsx');
    expect(readFileSync(join(SRC, 'main.tsx'), 'utf8')).toContain("import('./app/start')");
    walk('app/start.tsx');
    return { reached, eager };
  }

  it('keeps the graph library off the first screen: nothing it loads eagerly imports @xyflow/react', () => {
    const { reached, eager } = firstScreen();
    expect(reached.has('graph/usePipelineGraphs.ts')).toBe(true);
    expect(reached.has('graph/GraphCanvas.tsx')).toBe(false);
    expect([...reached].filter((f) => (eager.get(f) ?? []).some((s) => s.startsWith('@xyflow/')))).toEqual([]);
  });

  it('keeps the schema validators off the first screen: each loads when a document of its dialect is first analysed', () => {
    const { reached } = firstScreen();
    expect(reached.has('core/dialects/valohai/index.ts')).toBe(true);
    expect([...reached].filter((f) => f.endsWith('validator.generated.ts'))).toEqual([]);
  });

  it('tells eager imports from type-only and dynamic ones', () => {
    const text = `import type { A } from 'a';\nimport { type B, type C } from 'b';\nimport { Position, type Edge } from 'c';\nexport { d } from './d';\nimport './e.css';\nconst f = import('./f');\nexport type { G } from './g';`;
    expect(eagerSpecifiers(text).sort()).toEqual(['./d', './e.css', 'c']);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('reports a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(cycles(g).sort()).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
