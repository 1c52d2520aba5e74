// A message's blocks as markdown, for the platforms that send markdown (DingTalk, WeCom): one layout, with each
// platform's heading level and the line break its markdown keeps inside a paragraph. Button rows have no markdown
// (each platform renders them its own way, or not at all).
import type { MessageBlock } from '../../src/core/messages/types.js';

export interface MarkdownDialect {
  /** The heading marks of a header block ('###'). */
  heading: string;
  /** What keeps a line break inside a paragraph ('\n', or '  \n' where a bare newline is folded). */
  lineBreak: string;
}

export function markdownOfBlock(block: MessageBlock, dialect: MarkdownDialect): string | undefined {
  switch (block.type) {
    case 'header':
      return `${dialect.heading} ${block.text}`;
    case 'text':
      return block.text.replace(/\n/g, dialect.lineBreak);
    case 'fields':
      return block.fields.map((f) => `**${f.label}**: ${f.value}`).join(dialect.lineBreak);
    case 'context':
      return `> ${block.text.replace(/\n/g, `${dialect.lineBreak}> `)}`;
    case 'link':
      return `[${block.label}](${block.url})`;
    case 'buttons':
      return undefined;
  }
}
