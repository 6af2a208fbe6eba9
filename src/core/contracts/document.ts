/**
 * A document as every layer above the reader sees it: the text, the yaml Document with its
 * LineCounter, the plain value the runtime would read, and the problems of the reading itself.
 * `document/parse.ts` makes them; dialects, schema validation and assistance read them.
 */
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic, Severity } from './diagnostics';

export interface YamlOptions {
  /** Which scalar rules the runtime reads with: '1.1' = PyYAML (`yes` is true, `1e-3` a string). */
  version: '1.1' | '1.2';
  /** How a repeated mapping key is reported: runtimes that keep the last one silently still surprise users. */
  duplicateKeys: Severity;
  /** Whether `<<` merge keys are honoured (default: with YAML 1.1; ruamel also honours them under 1.2). */
  mergeKeys?: boolean;
}

export interface ParsedDocument {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain value, or undefined when it cannot be built (syntax error, alias bomb). */
  value: unknown;
  /** True when the text is well-formed YAML and `value` is what the runtime would read. */
  ok: boolean;
  /** Problems found while reading: syntax errors, alias bombs, duplicate keys. */
  diagnostics: Diagnostic[];
  /**
   * True when every plain scalar is known to sit on one line (the quick block reader read the
   * text, and it reads no other): no value can have folded in the lines below it.
   */
  plainScalarsOnOneLine?: boolean;
}
