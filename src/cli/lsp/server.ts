/**
 * `pipewright lsp` — a Language Server Protocol server over stdio, answering from the same core
 * as the app's document service (src/store/service.ts): diagnostics as you type, completion,
 * hover, quick fixes, the outline, folding ranges, go to definition, references, highlights and rename, for the
 * YAML documents the core recognises as valohai.yaml, Determined or emloop configs
 * (lsp/recognise.ts); other YAML is left alone.
 *
 * Documents sync incrementally; each keeps its parsers warm (lsp/checked.ts), so a keystroke in a
 * 5,000-line file re-reads one entry. Requests are answered in order, each for the text of every
 * change before it. Diagnostics follow a change at once; when checking a document takes long
 * (over 50 ms) and the changes come faster than that, they are gathered into one check.
 *
 * Nothing but protocol messages goes to stdout: logs go to stderr. A request that fails inside
 * the core is logged and answered with nothing; the server goes on.
 *
 * Usage: `pipewright lsp [--stdio]` (bin.ts loads this module only for `lsp`).
 */
import { Console } from 'node:console';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  createConnection,
  DocumentHighlightKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Location,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { complete, foldingRanges, hover, navigateAt, outlineOf, planRename, prepareRename, quickFixesAt } from '../../core/assist';
import type { Fix, LocatedDiagnostic } from '../../core/contracts/diagnostics';
import { CheckedDocument, type View } from './checked';
import { completionItemOf, diagnosticOf, documentSymbolOf, markup, offsetOf, rangeOf, symbolInformationOf, textEditsOf, type ClientSupport } from './convert';

export const LSP_USAGE = `Usage: pipewright lsp [--stdio]

Serves the Language Server Protocol on stdin/stdout for valohai.yaml, Determined and
emloop configs: diagnostics as you type, completion, hover, quick fixes, document
symbols, go to definition, references, highlights and rename. Other YAML files are
left alone. Start it from an editor (see editors/vscode, or cmd = { "npx", "pipewright",
"lsp" } in Neovim / Helix); it logs to stderr.`;

/** The characters after which the app's editor suggests (src/editor/assist.ts). */
const TRIGGER_CHARACTERS = [':', ' ', '{', '-', '.', '$'];

/** Checking a document that takes longer than this lets the changes that arrive meanwhile gather. */
const SLOW_CHECK_MS = 50;
const MAX_GATHER_MS = 1000;

/** `pipewright lsp ARGS`: starts the server, or returns an exit status after a usage message. */
export function runLsp(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(LSP_USAGE + '\n');
      return 0;
    }
    // --stdio: what vscode-languageclient and others pass; stdio is the only transport anyway.
    // --clientProcessId: the library watches that process and exits with it.
    if (a === '--stdio' || a.startsWith('--clientProcessId=')) continue;
    if (a === '--clientProcessId') {
      i++;
      continue;
    }
    process.stderr.write(`pipewright lsp: unknown option ${a}${/^--(node-ipc|socket|pipe)/.test(a) ? ' (only stdio is served)' : ''}\n\n${LSP_USAGE}\n`);
    return 2;
  }
  startServer();
  return undefined;
}

/** console.log and friends write to stdout, which carries the protocol: send them all to stderr. */
function consoleToStderr(): void {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
}

interface Entry {
  checked: CheckedDocument;
  /** A diagnostics run waiting to happen (it checks whatever version is current when it runs). */
  cancel?: () => void;
  /** How long the last check took, and when it ended: a slow document gathers changes that come quickly. */
  lastCheckMs: number;
  lastCheckEnd: number;
  /** How many diagnostics were last published (an ignored document is told once when they go). */
  published: number;
}

function fileNameOf(uri: string): string | undefined {
  const path = uri.split(/[?#]/)[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || undefined;
  } catch {
    return last || undefined;
  }
}

function isYaml(doc: TextDocument): boolean {
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(fileNameOf(doc.uri) ?? '');
}

export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Connection {
  consoleToStderr();
  const connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  const entries = new Map<string, Entry>();
  let support: ClientSupport = { snippets: false, completionMarkdown: false, hoverMarkdown: false };
  let hierarchicalSymbols = false;
  let documentChanges = false;
  /** How many folding ranges the client takes (VS Code says 5,000): the outermost are kept. */
  let foldingLimit = Infinity;

  const log = (what: string, e: unknown) => process.stderr.write(`pipewright lsp: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);

  /** A request's answer, or `fallback` (logged) when the core throws; protocol errors pass through. */
  const guarded = <P, R>(what: string, fallback: R, answer: (params: P) => R) => (params: P): R => {
    try {
      return answer(params);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      log(what, e);
      return fallback;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    const text = params.capabilities.textDocument;
    support = {
      snippets: text?.completion?.completionItem?.snippetSupport === true,
      completionMarkdown: text?.completion?.completionItem?.documentationFormat?.includes('markdown') === true,
      hoverMarkdown: text?.hover?.contentFormat?.includes('markdown') === true,
    };
    hierarchicalSymbols = text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    foldingLimit = text?.foldingRange?.rangeLimit ?? Infinity;
    documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'Pipewright outline' },
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        // Rename options may only be sent to a client that says it asks first.
        renameProvider: text?.rename?.prepareSupport === true ? { prepareProvider: true } : true,
      },
      serverInfo: { name: 'pipewright' },
    };
  });

  // ---- documents and diagnostics ----

  const publish = (uri: string) => {
    const entry = entries.get(uri);
    const doc = documents.get(uri);
    if (!entry || !doc) return;
    entry.cancel = undefined;
    try {
      // What a check costs is the version's parse and its analysis. (A quick-fix request may have
      // checked this version already: that takes no time to measure.)
      const measure = !entry.checked.analysed;
      const started = performance.now();
      const view = entry.checked.view();
      if (view.kind === 'ignored') {
        if (entry.published > 0) connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
        entry.published = 0;
        return;
      }
      const found = entry.checked.diagnostics();
      if (measure) {
        entry.lastCheckEnd = performance.now();
        entry.lastCheckMs = entry.lastCheckEnd - started;
      }
      entry.published = found.length;
      connection.sendDiagnostics({ uri, version: doc.version, diagnostics: found.map((d) => diagnosticOf(doc, d)) });
    } catch (e) {
      log(`checking ${uri}`, e);
    }
  };

  /**
   * Diagnostics for the current text soon: at once — unless checking the document is slow and the
   * change came while (or just after) the last check ran, as when typing outpaces the checks; then
   * the changes of the next moment are gathered into one check.
   */
  const schedule = (uri: string) => {
    const entry = entries.get(uri);
    if (!entry || entry.cancel) return;
    if (entry.lastCheckMs > SLOW_CHECK_MS && performance.now() - entry.lastCheckEnd < entry.lastCheckMs) {
      const timer = setTimeout(() => publish(uri), Math.min(entry.lastCheckMs, MAX_GATHER_MS));
      entry.cancel = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => publish(uri));
      entry.cancel = () => clearImmediate(immediate);
    }
  };

  documents.onDidChangeContent(({ document }) => {
    let entry = entries.get(document.uri);
    if (!entry) {
      if (!isYaml(document)) return;
      entry = { checked: new CheckedDocument(fileNameOf(document.uri)), lastCheckMs: 0, lastCheckEnd: 0, published: 0 };
      entries.set(document.uri, entry);
    }
    entry.checked.update(document.getText(), document.version);
    schedule(document.uri);
  });

  documents.onDidClose(({ document }) => {
    const entry = entries.get(document.uri);
    if (!entry) return;
    entry.cancel?.();
    entries.delete(document.uri);
    if (entry.published > 0) connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** The document and what can be said about it, when it is a checked pipeline config. */
  const checkedDoc = (uri: string): { doc: TextDocument; view: Extract<View, { kind: 'checked' }>; entry: Entry } | undefined => {
    const doc = documents.get(uri);
    const entry = entries.get(uri);
    if (!doc || !entry) return undefined;
    const view = entry.checked.view();
    return view.kind === 'checked' ? { doc, view, entry } : undefined;
  };

  /** The same at a position inside it. */
  const checkedAt = (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
    const found = checkedDoc(params.textDocument.uri);
    const offset = found && offsetOf(found.doc, params.position);
    return found && offset !== undefined ? { ...found, offset } : undefined;
  };

  const workspaceEdit = (doc: TextDocument, edits: TextEdit[]): WorkspaceEdit =>
    documentChanges ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [doc.uri]: edits } };

  // ---- requests ----

  connection.onCompletion(
    guarded('completion', null, (params) => {
      const at = checkedAt(params);
      if (!at) return null;
      const items = complete(at.view.dialect, at.view.text, at.offset, { parser: at.view.assistParser, parsed: at.view.parsed });
      return { isIncomplete: false, items: items.map((c) => completionItemOf(at.doc, c, at.offset, support)) };
    }),
  );

  connection.onHover(
    guarded('hover', null, (params) => {
      const at = checkedAt(params);
      if (!at) return null;
      const h = hover(at.view.dialect, at.view.text, at.offset, { parsed: at.view.parsed });
      return h ? { contents: markup(h.markdown, support.hoverMarkdown), range: rangeOf(at.doc, h.range) } : null;
    }),
  );

  connection.onCodeAction(
    guarded('code actions', [], (params) => {
      const found = checkedDoc(params.textDocument.uri);
      if (!found) return [];
      const only = params.context.only;
      // Only quick fixes here: asked for other kinds alone (refactor, source…), there are none.
      if (only && !only.some((kind) => kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind + '.'))) return [];
      const start = offsetOf(found.doc, params.range.start);
      const end = offsetOf(found.doc, params.range.end) ?? start;
      if (start === undefined || end === undefined) return [];
      // The findings of this very text: quick fixes are edits on it.
      const diagnostics = found.entry.checked.diagnostics();
      const fixes: { fix: Fix; from?: LocatedDiagnostic }[] = [];
      const seen = new Set<string>();
      const add = (fix: Fix, from?: LocatedDiagnostic) => {
        const key = JSON.stringify(fix.edits);
        if (seen.has(key)) return;
        seen.add(key);
        fixes.push({ fix, from });
      };
      // At the start of the range as the app asks (findings' own fixes, then re-writing the value there)…
      for (const fix of quickFixesAt(found.view.dialect, found.view.parsed, start, diagnostics)) {
        add(fix, diagnostics.find((d) => d.fixes?.includes(fix)));
      }
      // …and the fixes of every other finding the range touches.
      for (const d of diagnostics) if (d.fixes && d.range[0] <= end && d.range[1] >= start) for (const fix of d.fixes) add(fix, d);
      return fixes.map(({ fix, from }, i): CodeAction => {
        const diagnostic: Diagnostic[] = from ? [diagnosticOf(found.doc, from)] : [];
        return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: diagnostic, isPreferred: i === 0, edit: workspaceEdit(found.doc, textEditsOf(found.doc, fix.edits)) };
      });
    }),
  );

  connection.onDocumentSymbol(
    guarded('document symbols', null, (params) => {
      const found = checkedDoc(params.textDocument.uri);
      if (!found) return null;
      const outline = outlineOf(found.view.dialect, found.view.parsed);
      return hierarchicalSymbols ? outline.map((item) => documentSymbolOf(found.doc, item)) : symbolInformationOf(found.doc, outline);
    }),
  );

  connection.onFoldingRanges(
    guarded('folding ranges', null, (params) => {
      const found = checkedDoc(params.textDocument.uri);
      if (!found) return null;
      // Lines only, 0-based: the folded lines' ends are not needed (and not every client takes them).
      return foldingRanges(found.view.parsed, foldingLimit).map((r) => ({ startLine: r.start - 1, endLine: r.end - 1 }));
    }),
  );

  const navigation = (params: Parameters<typeof checkedAt>[0]) => {
    const at = checkedAt(params);
    const nav = at && navigateAt(at.view.dialect, at.view.parsed, at.offset);
    return at && nav ? { doc: at.doc, nav } : undefined;
  };
  const locations = (doc: TextDocument, ranges: [number, number][]): Location[] => ranges.map((r) => ({ uri: doc.uri, range: rangeOf(doc, r) }));

  connection.onDefinition(
    guarded('definition', null, (params) => {
      const found = navigation(params);
      return found && found.nav.definitions.length > 0 ? locations(found.doc, found.nav.definitions) : null;
    }),
  );

  connection.onReferences(
    guarded('references', null, (params) => {
      const found = navigation(params);
      if (!found) return null;
      const { nav, doc } = found;
      return locations(doc, params.context.includeDeclaration ? [...nav.definitions, ...nav.references] : nav.references);
    }),
  );

  connection.onDocumentHighlight(
    guarded('highlights', null, (params) => {
      const found = navigation(params);
      if (!found) return null;
      const { nav, doc } = found;
      return [
        ...nav.definitions.map((r) => ({ range: rangeOf(doc, r), kind: DocumentHighlightKind.Write })),
        ...nav.references.map((r) => ({ range: rangeOf(doc, r), kind: DocumentHighlightKind.Read })),
      ];
    }),
  );

  connection.onPrepareRename(
    guarded('prepare rename', null, (params) => {
      const at = checkedAt(params);
      if (!at) return null;
      const answer = prepareRename(at.view.dialect, at.view.parsed, at.offset);
      if ('refuse' in answer) throw new ResponseError(LSPErrorCodes.RequestFailed, answer.refuse);
      return { range: rangeOf(at.doc, answer.range), placeholder: answer.name };
    }),
  );

  connection.onRenameRequest(
    guarded('rename', null, (params) => {
      const at = checkedAt(params);
      if (!at) return null;
      let edits;
      try {
        edits = planRename(at.view.dialect, at.view.parsed, at.offset, params.newName).edits;
      } catch (e) {
        // A refused name (taken, empty, not valid where it is used…) says why.
        throw new ResponseError(LSPErrorCodes.RequestFailed, e instanceof Error ? e.message : String(e));
      }
      return workspaceEdit(at.doc, textEditsOf(at.doc, edits));
    }),
  );

  connection.onShutdown(() => {
    for (const entry of entries.values()) entry.cancel?.();
    entries.clear();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
