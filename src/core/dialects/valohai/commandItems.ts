/**
 * Setup commands whose failure goes unnoticed. A step's command items run one after another in
 * one shell script, and only the last one's exit status decides whether the execution succeeds:
 * a `pip install` that fails early lets the training start without its packages (and fail later,
 * or worse, not). A known setup item before the last gets a hint, with a fix that stops the
 * script at the first failing item (a `set -e` item first, after a shebang line if there is one).
 *
 * Usage: `lintCommandItems(parsed)` → hints with source 'lint'
 */
import { isScalar, isSeq, type Node } from 'yaml';
import type { ParsedDocument } from '../../contracts/document';
import type { Diagnostic, Fix } from '../../contracts/diagnostics';
import { locatePath } from '../../document/paths';
import { Text } from '../../document/edit/text';
import { asArray, isMapping } from '../../guards';

export const UNCHECKED_SETUP = 'unchecked-setup';

const SETUP = /^\s*(sudo\s+)?(pip3?\s+install|python3?\s+-m\s+pip\s+install|uv\s+pip\s+install|apt(-get)?\s+(update|install)|conda\s+install|poetry\s+install|npm\s+(ci|install)|git\s+clone|wget|curl)\b/;
const STOPS_ON_ERROR = /\bset\s+-[a-zA-Z]*e|\bset\s+-o\s+errexit\b/;

export function lintCommandItems(parsed: ParsedDocument): Diagnostic[] {
  const found: Diagnostic[] = [];
  asArray(parsed.value).forEach((entry, i) => {
    const step = isMapping(entry) ? entry.step : undefined;
    if (!isMapping(step)) return;
    const items = step.command;
    if (!Array.isArray(items) || items.length < 2 || !items.every((c) => typeof c === 'string')) return;
    if ((items as string[]).some((c) => STOPS_ON_ERROR.test(c))) return;
    const path = [i, 'step', 'command'];
    const fix = setEFix(parsed, path, items as string[]);
    (items as string[]).slice(0, -1).forEach((item, j) => {
      if (!SETUP.test(item)) return;
      const node = locatePath(parsed.doc, [...path, j]).node as Node | null | undefined;
      if (!node?.range) return;
      const d: Diagnostic = {
        severity: 'hint',
        message: `If \`${item.trim()}\` fails, the script goes on: only the last command item decides whether the execution succeeds. Start the command with \`set -e\` (or join the items with \`&&\`) to stop at the first failure.`,
        path: [...path, j],
        range: [node.range[0], node.range[1]],
        source: 'lint',
        code: UNCHECKED_SETUP,
      };
      if (fix) d.fixes = [fix];
      found.push(d);
    });
  });
  return found;
}

/** A `set -e` item before the first command item (after a `#!` line), written like its neighbours. */
function setEFix(parsed: ParsedDocument, path: (string | number)[], items: string[]): Fix | undefined {
  const list = locatePath(parsed.doc, path).node;
  if (!isSeq(list)) return undefined;
  const at = items[0].startsWith('#!') ? 1 : 0;
  const before = list.items[at] as Node | null | undefined;
  if (!isScalar(before) || !before.range) return undefined;
  const start = before.range[0];
  if (list.flow) return { title: 'Stop at the first failing item (set -e)', edits: [{ offset: start, length: 0, insert: 'set -e, ' }] };
  const text = new Text(parsed.text);
  const lineStart = text.lineStart(start);
  const lead = parsed.text.slice(lineStart, start);
  if (!/^\s*-\s+$/.test(lead)) return undefined;
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  return { title: 'Stop at the first failing item (set -e)', edits: [{ offset: lineStart, length: 0, insert: `${lead}set -e${eol}` }] };
}
