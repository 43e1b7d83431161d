import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../src/ui/Markdown';

afterEach(cleanup);

const html = (text: string, me = 'bob') => render(<Markdown text={text} me={me} />).container;

describe('Markdown in messages', () => {
  it('renders bold, italics, code, code blocks, quotes and lists', () => {
    const el = html('**bold** _it_ `code`\n\n```\nblock\n```\n\n> quote\n\n- one\n- two');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('it');
    expect(el.querySelector('p code')?.textContent).toBe('code');
    expect(el.querySelector('pre code')?.textContent).toBe('block\n');
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quote');
    expect(el.querySelectorAll('li')).toHaveLength(2);
  });

  it('makes URLs links that open outside with rel="noopener noreferrer"', () => {
    const a = html('see https://example.com/x').querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com/x');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('renders no raw HTML and no script links', () => {
    const el = html('<img src=x onerror=alert(1)> <b>x</b> [click](javascript:alert(1))');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('a')?.getAttribute('href') ?? '').not.toContain('javascript');
  });

  it('turns emoji shortcodes into emoji', () => {
    expect(html('party :tada:').textContent).toContain('🎉');
  });

  it('highlights @mentions, the reader\'s own more, and not inside code', () => {
    const el = html('hi @bob and @carol `@dave`');
    expect(el.querySelector('.mention.mention-me')?.textContent).toBe('@bob');
    expect([...el.querySelectorAll('.mention')].map((m) => m.textContent)).toEqual(['@bob', '@carol']);
  });
});
