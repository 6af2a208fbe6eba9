/**
 * Document text inside the markdown Monaco renders (hovers, completion documentation) is shown
 * literally: never as emphasis, HTML, an image or a link. `escapeMarkdown` for running text,
 * `codeSpan` for text shown as code. Text written by us (schema descriptions) stays markdown.
 *
 * Usage: `**${escapeMarkdown(name)}** is ${codeSpan(value)}`
 */

/** Every ASCII punctuation character backslash-escaped (CommonMark allows it for all of them). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-\/:-@\[-`{-~]/g, '\\$&');
}

/**
 * `text` as an inline code span: the fence is one backtick longer than any run inside, padded with
 * a space where the text starts or ends with a backtick or space. Line breaks become spaces (a
 * code span shows them so anyway, and a line start could otherwise begin a block).
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  if (flat === '') return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[ `]|[ `]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
