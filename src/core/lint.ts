/**
 * The one entry point the app, the CLI and the tests share: text + dialect → diagnostics — the
 * reader's own findings (syntax, aliases, duplicate keys), then, for text that parsed, schema
 * validation with the dialect's generated validator, the dialect's rules, and the checks for
 * valid text that means something else than it looks (schema/swallowed.ts, schema/lookalikes.ts).
 *
 * Usage: `const { parsed, diagnostics } = analyze(text, valohai)`
 */
import type { Dialect } from './contracts/dialect';
import { locate, parseText } from './document/parse';
import { validateDocument } from './schema/validate';
import { swallowedLists } from './schema/swallowed';
import { lookalikes } from './schema/lookalikes';
import type { ParsedDocument } from './contracts/document';
import type { ProjectFiles } from './contracts/project';
import { severityRank, type LocatedDiagnostic } from './contracts/diagnostics';

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

export function analyze(text: string, dialect: Dialect, project?: ProjectContext): Analysis {
  return analyzeParsed(parseText(text, dialect.yaml), dialect, project);
}

/** The same for a document already parsed with the dialect's YAML options. */
export function analyzeParsed(parsed: ParsedDocument, dialect: Dialect, project?: ProjectContext): Analysis {
  const found = [...parsed.diagnostics];
  if (parsed.ok) {
    try {
      found.push(
        ...validateDocument(parsed, dialect.schema, dialect.validator),
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
