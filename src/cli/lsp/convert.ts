/**
 * The core's plain answers (offsets into the text, severities, outline items, fixes) as LSP
 * values. Positions: LSP counts lines from 0 and characters in UTF-16 code units, which is what a
 * JS string's offsets are, so the TextDocument's positionAt/offsetAt convert exactly.
 *
 * The mappings follow the app's Monaco providers (src/editor/assist.ts, navigate.ts, YamlEditor.tsx).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind as LspSymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Completion } from '../../core/contracts/assist';
import type { TextEdit as CoreTextEdit } from '../../core/contracts/change';
import type { LocatedDiagnostic, Severity } from '../../core/contracts/diagnostics';
import type { OutlineItem, SymbolKind } from '../../core/contracts/symbols';

export const SOURCE = 'pipewright';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const COMPLETION_KIND: Record<Completion['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Reference,
};

const SYMBOL_KIND: Record<SymbolKind, LspSymbolKind> = {
  step: LspSymbolKind.Function,
  task: LspSymbolKind.Event,
  pipeline: LspSymbolKind.Module,
  node: LspSymbolKind.Object,
  endpoint: LspSymbolKind.Interface,
  deployment: LspSymbolKind.Package,
  parameter: LspSymbolKind.Variable,
  input: LspSymbolKind.File,
  output: LspSymbolKind.File,
  'environment-variable': LspSymbolKind.Constant,
  hyperparameter: LspSymbolKind.Variable,
  stream: LspSymbolKind.Field,
  hook: LspSymbolKind.Method,
  section: LspSymbolKind.Namespace,
  anchor: LspSymbolKind.Key,
};

export function rangeOf(doc: TextDocument, [start, end]: readonly [number, number]): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/**
 * The offset of an LSP position, or undefined for one outside the document: a line before the
 * first or after the last, anything but whole numbers. A character past the end of its line means
 * the end of the line, as the protocol says.
 */
export function offsetOf(doc: TextDocument, position: Position | undefined): number | undefined {
  if (!position) return undefined;
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0 || line >= doc.lineCount) return undefined;
  return doc.offsetAt(position);
}

export function diagnosticOf(doc: TextDocument, d: LocatedDiagnostic): Diagnostic {
  return {
    range: rangeOf(doc, d.range),
    severity: SEVERITY[d.severity],
    source: SOURCE,
    message: d.message,
    ...(d.code ? { code: d.code } : {}),
  };
}

export function textEditsOf(doc: TextDocument, edits: readonly CoreTextEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(doc, [e.offset, e.offset + e.length]), newText: e.insert }));
}

export interface ClientSupport {
  snippets: boolean;
  /** Markdown in completion documentation. */
  completionMarkdown: boolean;
  hoverMarkdown: boolean;
}

export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return { kind: asMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: markdown };
}

/**
 * A completion; its text replaces the core's range when that range is on the cursor's line and
 * holds the cursor (the protocol's rule for a text edit), else it goes in at the cursor.
 */
export function completionItemOf(doc: TextDocument, c: Completion, at: number, support: ClientSupport): CompletionItem {
  let range = rangeOf(doc, c.range);
  if (range.start.line !== range.end.line || c.range[0] > at || c.range[1] < at) {
    const here = doc.positionAt(at);
    range = { start: here, end: here };
  }
  return {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: markup(c.documentation, support.completionMarkdown) } : {}),
    textEdit: { range, newText: support.snippets ? c.insertText : snippetToPlain(c.insertText) },
    insertTextFormat: support.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: c.sortText,
    ...(c.filterText ? { filterText: c.filterText } : {}),
    ...(c.preselect ? { preselect: true } : {}),
  };
}

export function documentSymbolOf(doc: TextDocument, item: OutlineItem): DocumentSymbol {
  return {
    // The protocol wants a name that is not empty.
    name: item.name || ' ',
    ...(item.detail ? { detail: item.detail } : {}),
    kind: SYMBOL_KIND[item.kind],
    range: rangeOf(doc, item.range),
    selectionRange: rangeOf(doc, item.selection),
    children: item.children.map((c) => documentSymbolOf(doc, c)),
  };
}

/** For clients without hierarchical symbols: every item, its parent's name as the container. */
export function symbolInformationOf(doc: TextDocument, items: readonly OutlineItem[], container?: string): SymbolInformation[] {
  return items.flatMap((item) => [
    { name: item.name || ' ', kind: SYMBOL_KIND[item.kind], location: { uri: doc.uri, range: rangeOf(doc, item.range) }, ...(container ? { containerName: container } : {}) },
    ...symbolInformationOf(doc, item.children, item.name),
  ]);
}

/**
 * A snippet as the plain text it inserts, for clients without snippet support: tab stops vanish,
 * a placeholder leaves its text, a choice its first option, escapes their character.
 */
export function snippetToPlain(snippet: string): string {
  let i = 0;
  const body = (inside: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        out += snippet[i + 1];
        i += 2;
      } else if (inside && ch === '}') {
        i++;
        return out;
      } else if (ch === '$' && /[0-9A-Za-z_]/.test(snippet[i + 1] ?? '')) {
        // $1, $0, $NAME: nothing to insert.
        i++;
        while (i < snippet.length && /[0-9A-Za-z_]/.test(snippet[i])) i++;
      } else if (ch === '$' && snippet[i + 1] === '{') {
        i += 2;
        while (i < snippet.length && /[0-9A-Za-z_]/.test(snippet[i])) i++;
        if (snippet[i] === ':') {
          i++;
          out += body(true);
        } else if (snippet[i] === '|') {
          i++;
          out += choice();
        } else if (snippet[i] === '}') i++;
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  };
  const choice = (): string => {
    const options: string[] = [''];
    while (i < snippet.length) {
      const ch = snippet[i];
      if (ch === '\\' && i + 1 < snippet.length) {
        options[options.length - 1] += snippet[i + 1];
        i += 2;
      } else if (ch === ',') {
        options.push('');
        i++;
      } else if (ch === '|' && snippet[i + 1] === '}') {
        i += 2;
        break;
      } else {
        options[options.length - 1] += ch;
        i++;
      }
    }
    return options[0];
  };
  return body(false);
}
