/**
 * Schema keywords beyond JSON Schema that a dialect's schema may use (Determined's `optionalRef`,
 * `union`, `checks`...). A dialect declares them once, on its root schema object:
 *
 *   const schema = withExtensions(schemaJson, [optionalRef, union, checks]);
 *
 * Validation (validate.ts) adds each keyword's ajv definition to the validator it compiles for
 * that schema; navigation (schemaAtPath.ts: completion, hover, the form) reads a keyword through
 * its `expand`, an equivalent in plain JSON Schema for the data found there. Keywords without
 * `expand` are validation-only (annotations or cross-field checks).
 */
import type { KeywordDefinition } from 'ajv';
import type { JsonSchema } from '../contracts/schema';

export interface SchemaExtension {
  /** The ajv keyword definition (its `keyword` is the keyword's name). */
  definition: KeywordDefinition & { keyword: string };
  /**
   * How completion, hover and the form read the keyword at a place: a plain-schema fragment
   * merged into the place's schema (it may use `$ref`, `anyOf`, `oneOf`...), chosen for `data`
   * (the value found there, undefined when absent). Undefined = nothing to navigate.
   */
  expand?(keywordValue: unknown, data: unknown, root: JsonSchema): JsonSchema | undefined;
  /**
   * For keywords that choose between shapes (like `oneOf`): every shape, whatever the data. When
   * they all have a `title`, the form offers a switch between them (see VARIANTS_KEYWORD).
   */
  alternatives?(keywordValue: unknown): JsonSchema[];
}

const registry = new WeakMap<object, readonly SchemaExtension[]>();

/** Declare the extension keywords a root schema uses; returns the same object. */
export function withExtensions<T extends JsonSchema>(schema: T, extensions: readonly SchemaExtension[]): T {
  registry.set(schema, extensions);
  return schema;
}

/** The extension keywords a root schema declared (none for plain JSON Schema). */
export function extensionsOf(root: JsonSchema): readonly SchemaExtension[] {
  return registry.get(root) ?? [];
}
