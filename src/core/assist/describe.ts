/**
 * Schema → words for completion details and hovers: a short type label and a markdown text with
 * the description, type, default and allowed values. Only the schema is read, so every dialect
 * gets the same treatment.
 */
import type { JsonSchema } from '../contracts/schema';
import { FORM_KEYWORD } from '../contracts/schema';
import { codeSpan, escapeMarkdown } from './markdown';

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The types a value at this place may have (`number` includes integers; enums count by their values). */
export function schemaTypes(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const t = schema.type;
  if (t !== undefined) return Array.isArray(t) ? t.map(String) : [String(t)];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map((v) => (typeof v === 'number' ? 'number' : v === null ? 'null' : typeof v)))];
  if ('const' in schema) return [typeof schema.const];
  if (schema.properties) return ['object'];
  return [];
}

/** What a scalar form hint says a value is written as (`x-form: {scalar: float}`), if anything. */
export function scalarHint(schema: JsonSchema | undefined): string | undefined {
  const form = schema?.[FORM_KEYWORD] as { scalar?: string } | undefined;
  return typeof form?.scalar === 'string' ? form.scalar : undefined;
}

const TYPE_WORDS: Record<string, string> = { object: 'mapping', array: 'list', string: 'text', number: 'number', integer: 'whole number', boolean: 'true/false', null: 'empty' };

export function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) {
    const label = schema.enum.map(show).join(' | ');
    return label.length <= 48 ? label : 'one of several values';
  }
  if ('const' in schema) return show(schema.const);
  const hint = scalarHint(schema);
  if (hint) return hint;
  const types = schemaTypes(schema);
  return types.map((t) => TYPE_WORDS[t] ?? t).join(' or ') || 'any value';
}

export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/** Markdown for a key's details: what it means, its type, default and allowed values (`name` may be document text, so it is escaped). */
export function schemaMarkdown(name: string | undefined, schema: JsonSchema | undefined, required = false): string {
  if (!schema) return name ? `**${escapeMarkdown(name)}** — not a key this place takes` : '';
  const parts: string[] = [];
  const title = name ?? (typeof schema.title === 'string' ? schema.title : undefined);
  const head = [title ? `**${escapeMarkdown(title)}**` : undefined, typeLabel(schema) ? codeSpan(typeLabel(schema)) : undefined, required ? '(required)' : undefined]
    .filter(Boolean)
    .join(' · ');
  if (head) parts.push(head);
  if (typeof schema.description === 'string') parts.push(schema.description);
  const facts: string[] = [];
  if ('default' in schema) facts.push(`Default: ${codeSpan(show(schema.default))}`);
  if (Array.isArray(schema.enum)) facts.push(`Allowed: ${schema.enum.map((v) => codeSpan(show(v))).join(', ')}`);
  if (typeof schema.minimum === 'number') facts.push(`At least ${schema.minimum}`);
  if (typeof schema.maximum === 'number') facts.push(`At most ${schema.maximum}`);
  if (Array.isArray(schema.required) && schema.required.length > 0 && schemaTypes(schema).includes('object')) {
    facts.push(`Needs: ${schema.required.map((k) => codeSpan(String(k))).join(', ')}`);
  }
  if (facts.length > 0) parts.push(facts.join('  \n'));
  return parts.join('\n\n');
}
