/**
 * The schema every view of a dialect reads: one JSON Schema (draft 2020-12) per dialect, fed to
 * validation, completion, hover and the form, plus the names of the annotation keywords we add
 * to JSON Schema. Keyword names live here, at the bottom, because the schema layer reads them,
 * the assist layer reads them and the dialects write them.
 */
import type { ErrorObject } from 'ajv';

/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * A validator for one schema object: ajv standalone code generated ahead of time (the page's
 * Content-Security-Policy forbids compiling one at run time).
 */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Schema-authored messages per failing keyword (`{ pattern: 'label {value} must be key=value' }`). */
export const MESSAGES_KEYWORD = 'x-messages';
/** Form hints: which keys are primary, templates of new items, how to write a scalar (see form/formModel.ts). */
export const FORM_KEYWORD = 'x-form';
/**
 * Added by resolution where the schema offers alternative shapes that all have a title
 * (`oneOf`/`anyOf` branches, an extension's `alternatives`): the raw branches, in order, for the
 * form's kind switch.
 */
export const VARIANTS_KEYWORD = 'x-variants';
