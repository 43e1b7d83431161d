import type { Root, PhrasingContent } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkBreaks from 'remark-breaks';
import remarkEmoji from 'remark-emoji';
import remarkGfm from 'remark-gfm';
import { MENTION } from '../logic/mentions';

/**
 * @mentions become <span class="mention"> (and "mention me" for the reader's own name) in the Markdown tree, so
 * they are never found inside code spans, code blocks or links.
 */
function remarkMentions(options: { me: string }) {
  const me = options.me.toLowerCase();
  return (tree: Root) => {
    findAndReplace(tree, [
      [
        new RegExp(MENTION.source, MENTION.flags),
        (_all: string, before: string, name: string): PhrasingContent[] => {
          const lower = name.toLowerCase();
          const mine = lower === me || lower === 'all' || lower === 'here';
          // Not a 'text' node: findAndReplace merges adjacent text nodes (and would drop the span). An unknown node
          // type with hName/hChildren becomes exactly that element in mdast-util-to-hast.
          const mention = {
            type: 'mention',
            data: {
              hName: 'span',
              hProperties: { className: mine ? ['mention', 'mention-me'] : ['mention'] },
              hChildren: [{ type: 'text', value: `@${name}` }],
            },
          } as unknown as PhrasingContent;
          return before ? [{ type: 'text', value: before }, mention] : [mention];
        },
      ],
    ]);
  };
}

// GitHub's sanitizing rules (rehype-sanitize's default) plus the two mention classes; raw HTML in a message is
// never rendered at all (react-markdown ignores it without rehype-raw), and this is the second line behind that.
const schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'span'],
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), ['className', 'mention', 'mention-me']],
  },
};

const components: Components = {
  // Every link opens outside the app and gives the target no handle on this window.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  // Headings in chat read as strong lines, not as the page's outline.
  h1: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  h2: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  h3: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  h4: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  h5: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  h6: ({ node: _node, ...props }) => <p className="md-heading" {...props} />,
  img: ({ node: _node, alt, src }) => (
    <a href={typeof src === 'string' ? src : undefined} target="_blank" rel="noopener noreferrer">
      {alt || 'image'}
    </a>
  ),
};

/** A message's text as Markdown (GFM: bold, italics, code, blocks, quotes, lists, links, autolinks), sanitized. */
export const Markdown = memo(function Markdown({ text, me }: { text: string; me: string }) {
  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkBreaks, [remarkMentions, { me }], remarkEmoji]}
        rehypePlugins={[[rehypeSanitize, schema]]}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
