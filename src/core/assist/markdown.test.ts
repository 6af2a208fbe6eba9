import { describe, expect, it } from 'vitest';
// The markdown parser Monaco renders hovers and completion documentation with (no type declarations).
// @ts-expect-error untyped JavaScript module
import { marked } from 'monaco-editor/base/common/marked/marked.js';
import { codeSpan, escapeMarkdown } from './markdown';

const render = (md: string): string => (marked as { parse(s: string, o: object): string }).parse(md, { async: false });
/** The text a browser shows for rendered HTML: tags dropped, entities decoded. */
const shown = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '[click](javascript:window.__xss=1)',
  '![pixel](https://example.com/p.png)',
  'javascript:window.__xss=1 https://example.com www.example.com me@example.com',
  '**bold** _em_ `code` ~~del~~ \\`escaped\\` &lt;entity&gt; &amp;',
  '# heading',
  '1. item',
  '- item',
  '> quote',
  '| a | b |',
  '<https://example.com>',
  'a ``` run `` of ` ticks',
];

describe('escapeMarkdown', () => {
  it.each(PAYLOADS)('renders %s as its literal text, with no markup', (text) => {
    const html = render(escapeMarkdown(text));
    expect(html).toMatch(/^<p>[^<]*<\/p>\s*$/);
    expect(shown(html)).toBe(text);
  });

  it('keeps lines (a line start cannot begin a block)', () => {
    const html = render(escapeMarkdown('first\n# not a heading\n- not a list'));
    expect(html).not.toMatch(/<h1|<li/);
    expect(shown(html)).toBe('first\n# not a heading\n- not a list');
  });
});

describe('codeSpan', () => {
  it.each([...PAYLOADS, '`', '``a', 'b`', ' spaced ', ''])('shows %s literally as code', (text) => {
    const html = render(`x ${codeSpan(text)} y`);
    expect(html).toMatch(/^<p>x <code>[^<]*<\/code> y<\/p>\s*$/);
    expect(shown(html)).toBe(`x ${text === '' ? ' ' : text} y`);
  });

  it('puts a line break as a space', () => {
    expect(shown(render(codeSpan('a\n# b')))).toBe('a # b');
  });
});
