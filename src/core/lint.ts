/**
 * The one entry point the app, the CLI and the tests share: text + dialect → diagnostics — the
 * reader's own findings (syntax, aliases, duplicate keys), then, for text that parsed, schema
 * validation with the dialect's generated validator, the dialect's rules, and the checks for
 * valid text that means something else than it looks (schema/swallowed.ts, schema/lookalikes.ts).
 *
 * Usage: `await loadValidator(valohai); const { parsed, diagnostics } = analyze(text, valohai)`
 */
import type { Dialect } from './contracts/dialect';
import { locate, parseText } from './document/parse';
import { validateDocument } from './schema/validate';
import { swallowedLists } from './schema/swallowed';
import { lookalikes } from './schema/lookalikes';
import type { ParsedDocument } from './contracts/document';
import type { ProjectFiles } from './contracts/project';
import { severityRank, type LocatedDiagnostic } from './contracts/diagnostics';
import type { SchemaValidator } from './contracts/schema';

export interface Analysis {
  parsed: ParsedDocument;
  diagnostics: LocatedDiagnostic[];
}

/** The code beside the config, when it is known (a folder is open, the CLI reads the config's folder). */
export interface ProjectContext {
  files: ProjectFiles;
  /** The config's folder relative to the project root ('' for the root). */
  configDir: string;
}

/** Each dialect's schema validator, once loaded (see Dialect.loadValidator). */
const validators = new Map<Dialect, SchemaValidator>();
const loading = new Map<Dialect, Promise<void>>();

/** Load what `analyze` needs for this dialect (its schema validator); at once if it is loaded. */
export function loadValidator(dialect: Dialect): Promise<void> {
  let load = loading.get(dialect);
  if (!load) {
    load = dialect.loadValidator().then((validate) => {
      validators.set(dialect, validate);
    });
    loading.set(dialect, load);
  }
  return load;
}

/** The same for several dialects (a tool that may lint any of them: the CLI, the language server). */
export async function loadValidators(dialects: readonly Dialect[]): Promise<void> {
  await Promise.all(dialects.map(loadValidator));
}

/** Whether `analyze` can run for this dialect now: its validator is loaded. */
export function canAnalyze(dialect: Dialect): boolean {
  return validators.has(dialect);
}

/** `analyze` and `analyzeParsed` need the dialect's validator loaded first (`loadValidator`). */
export function analyze(text: string, dialect: Dialect, project?: ProjectContext): Analysis {
  return analyzeParsed(parseText(text, dialect.yaml), dialect, project);
}

/** The same for a document already parsed with the dialect's YAML options. */
export function analyzeParsed(parsed: ParsedDocument, dialect: Dialect, project?: ProjectContext): Analysis {
  const validator = validators.get(dialect);
  if (!validator) throw new Error(`The ${dialect.label} schema validator is not loaded yet: await loadValidator(dialect) before analysing.`);
  const found = [...parsed.diagnostics];
  if (parsed.ok) {
    try {
      found.push(
        ...validateDocument(parsed, dialect.schema, validator),
        ...dialect.rules(parsed),
        ...swallowedLists(parsed, dialect.schema),
        ...lookalikes(parsed, dialect.schema, dialect.yaml.version, dialect.looseValues?.(parsed.value) ?? []),
        ...(project && dialect.project ? dialect.project(parsed, project.files, project.configDir) : []),
      );
    } catch (e) {
      // A rule that throws on an odd document must not take the editor down with it.
      found.push({
        severity: 'error',
        message: `Internal error while checking this file: ${e instanceof Error ? e.message : String(e)}`,
        path: [],
        range: [0, 0],
        source: 'lint',
      });
    }
  }
  const diagnostics = found
    .map((d) => locate(parsed, d))
    .sort((a, b) => a.range[0] - b.range[0] || severityRank[a.severity] - severityRank[b.severity]);
  return { parsed, diagnostics };
}
