/**
 * A form's intent → the SMALLEST text edits that make it true. The text stays the one truth:
 * only the bytes of the touched value (or the lines of the touched entry) change; comments,
 * blank lines, anchors, quoting, key order, unknown keys, CRLF and a missing final newline
 * everywhere else are left byte-identical. New fragments are rendered by our own small emitter
 * (scalars through `renderScalar`, so they read back exactly under the dialect's YAML version)
 * and indented like their siblings.
 *
 * The engine, by job: plan.ts (intents, plans, EditError), planner.ts (writing values: set and
 * insert), entries.ts (delete, move, rename), locate.ts (finding paths and entry lines in the
 * text), emit.ts (rendering new YAML), text.ts (line positions, layout habits), pieces.ts (one
 * batch → one set of edits). This file dispatches an intent and checks risky results.
 *
 * Usage:
 *   const plan = planEdit(parsed, { kind: 'set', path: ['params', 0, 'default'], value: 0.001, as: 'float' }, { version: '1.1' });
 *   const next = applyTextEdits(parsed.text, plan.edits);
 */
import { isScalar } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Path } from '../../contracts/path';
import { valueAt } from '../../guards';
import { parseText } from '../parse';
import { kindOf, matches, targetOf, type YamlVersion } from '../scalar';
import { applyTextEdits } from '../textEdits';
import { leafOf } from './emit';
import { deleteEntry, moveItem, renameKey } from './entries';
import { Locator } from './locate';
import { applyToPieces, editsFromPieces, type Piece } from './pieces';
import { layoutOf } from './text';
import { EditError, finish, formatPath, type EditIntent, type EditPlan, type PlannedEdit } from './plan';
import { Planner } from './planner';

export { EditError, formatPath, type EditIntent, type EditPlan } from './plan';

/**
 * Make, and keep with `parsed`, what planning an edit of it needs whatever the edit: the layout
 * habits new lines copy, a walk of the whole document (about 16 ms at 50,000 lines). A form field
 * that gets the focus asks for it, so that its first keystroke does not wait for the walk.
 *
 * With `field`, also plan writing the field's value back as it is (or an empty string where there
 * is none yet) and drop the plan: the planner's code, the scalar emitter and its read-back then
 * have run once in this thread, so the field's first keystroke finds them compiled. Nothing is
 * kept but the layout; a value that cannot be planned (an alias, a collection) is left alone, and
 * a plan that fails is dropped like one that succeeds.
 */
export function prepareEdit(parsed: ParsedDocument, field?: { path: Path; version: YamlVersion }): void {
  if (!parsed.ok) return;
  layoutOf(parsed);
  if (!field) return;
  const value = valueAt(parsed.value, field.path);
  if (value !== null && typeof value === 'object') return;
  try {
    planEdit(parsed, { kind: 'set', path: field.path, value: value === undefined ? '' : value }, { version: field.version });
  } catch {
    // Only a rehearsal: the keystroke's own plan reports whatever stands in the way.
  }
}

/**
 * Plan the smallest text edits for `intent`. Throws EditError when it cannot be applied (the
 * text has syntax errors, the path runs through a scalar or an alias, an index is out of range,
 * a new key would duplicate one, or the change would break an alias).
 */
export function planEdit(parsed: ParsedDocument, intent: EditIntent, opts: { version: YamlVersion }): EditPlan {
  if (!parsed.ok) throw new EditError('The text has errors; fix them in the editor before editing from the form');
  if (intent.kind === 'batch') return planBatch(parsed, intent.intents, opts);
  const p = new Planner(parsed, opts.version);
  let planned: PlannedEdit[];
  switch (intent.kind) {
    case 'set':
      planned = p.write(intent.path, leafOf(intent.value, intent.as, intent.literal));
      break;
    case 'delete':
      planned = deleteEntry(p, intent.path);
      break;
    case 'insert':
      planned = p.insert(intent.path, intent.index, intent.value, intent.flow);
      break;
    case 'move':
      planned = moveItem(p, intent.path, intent.to);
      break;
    case 'renameKey':
      planned = renameKey(p, intent.path, intent.to);
      break;
    default:
      throw new EditError(`Unknown edit ${(intent as { kind: string }).kind}`);
  }
  const plan = finish(planned);
  if ((p.L.exotic || p.tagged) && plan.edits.length) {
    // E.g. an anchor moved after its alias, or deleted while still used.
    const after = parseText(applyTextEdits(parsed.text, plan.edits), { version: opts.version, duplicateKeys: 'warning' });
    if (p.tagged && after.ok) {
      const { tag, leaf, path } = p.tagged;
      const { frames, depth } = new Locator(after).resolve(path);
      const node = frames[depth].node;
      const read = isScalar(node) && node.range ? { value: node.value, kind: kindOf(node, opts.version, after.text.slice(node.range[0], node.range[1])) } : undefined;
      if (depth < path.length || !read || !matches(read, targetOf(leaf.value, leaf.as))) {
        throw new EditError(`${formatPath(path)} carries the tag ${tag.replace('tag:yaml.org,2002:', '!!')}, which would read the new value as something else — remove the tag in the text first`);
      }
    }
    if (!after.ok) {
      const alias = /alias/i.test(after.diagnostics[0]?.message ?? '');
      throw new EditError(
        alias
          ? 'This change would leave an alias (*name) before or without its anchor (&name) — change the anchor or the alias in the text first'
          : 'This document uses YAML features the form cannot edit safely here — make this change in the text',
      );
    }
  }
  return plan;
}

/**
 * Plan intents one after another, each on the text the previous ones leave, and express the
 * result as edits on the ORIGINAL text: a piece table tracks which spans of the result are still
 * original text, and every gap between them becomes one edit. Untouched bytes stay untouched.
 */
function planBatch(parsed: ParsedDocument, intents: readonly EditIntent[], opts: { version: YamlVersion }): EditPlan {
  const original = parsed.text;
  let current = parsed;
  let pieces: Piece[] = [{ from: 0, to: original.length }];
  for (const intent of intents) {
    const plan = planEdit(current, intent, opts);
    if (!plan.edits.length) continue;
    pieces = applyToPieces(pieces, plan.edits);
    const text = applyTextEdits(current.text, plan.edits);
    current = parseText(text, { version: opts.version, duplicateKeys: 'warning' });
    if (!current.ok) throw new EditError('These changes together would leave text that does not parse — make them in the text');
  }
  return { edits: editsFromPieces(pieces, original.length) };
}

