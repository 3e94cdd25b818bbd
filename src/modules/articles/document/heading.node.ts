import { Node, mergeAttributes, textblockTypeInputRule } from '@tiptap/core';

// Our own heading node rather than StarterKit's: the article title is the page's only h1, and
// more than three levels inside an article is a structure problem, not a style. So the tree
// holds levels 2-4, and pasted or imported h1 becomes h2 and h5/h6 become h4, instead of being
// flattened into paragraphs as StarterKit's `levels` option would do.

export const HEADING_LEVELS = [2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export function clampHeadingLevel(level: unknown): HeadingLevel {
  const n = typeof level === 'number' && Number.isFinite(level) ? Math.trunc(level) : 2;
  return Math.min(4, Math.max(2, n)) as HeadingLevel;
}

export const Heading = Node.create({
  name: 'heading',
  content: 'inline*',
  group: 'block',
  defining: true,

  addAttributes() {
    return {
      level: {
        default: 2,
        rendered: false,
        // Never read a "level" attribute from pasted HTML: the tag decides.
        parseHTML: () => null,
        validate: (value: unknown) => {
          if (!HEADING_LEVELS.includes(value as HeadingLevel))
            throw new RangeError('heading level must be 2, 3 or 4');
        },
      },
    };
  },

  parseHTML() {
    return [1, 2, 3, 4, 5, 6].map((level) => ({
      tag: `h${level}`,
      attrs: { level: clampHeadingLevel(level) },
    }));
  },

  renderHTML({ node, HTMLAttributes }) {
    return [`h${clampHeadingLevel(node.attrs.level)}`, mergeAttributes(HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setHeading:
        (attributes) =>
        ({ commands }) =>
          HEADING_LEVELS.includes(attributes.level as HeadingLevel) &&
          commands.setNode(this.name, attributes),
      toggleHeading:
        (attributes) =>
        ({ commands }) =>
          HEADING_LEVELS.includes(attributes.level as HeadingLevel) &&
          commands.toggleNode(this.name, 'paragraph', attributes),
    };
  },

  addInputRules() {
    // "## " makes an h2, "### " an h3, "#### " an h4.
    return HEADING_LEVELS.map((level) =>
      textblockTypeInputRule({
        find: new RegExp(`^(#{${level}})\\s$`),
        type: this.type,
        getAttributes: { level },
      }),
    );
  },
});
