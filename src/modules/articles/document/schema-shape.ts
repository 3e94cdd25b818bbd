import type { Schema } from '@tiptap/pm/model';

/** What a document must obey, per node or mark type: comparable between two schemas. */
export interface SchemaShape {
  nodes: Record<
    string,
    {
      content: string;
      group: string;
      marks: string | null;
      inline: boolean;
      atom: boolean;
      attrs: Record<string, unknown>;
    }
  >;
  marks: Record<string, { attrs: Record<string, unknown>; excludes: string | null }>;
  topNode: string;
}

function attrDefaults(attrs: Record<string, { default?: unknown }>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attrs).map(([name, attr]) => [name, 'default' in attr ? attr.default : '(required)']),
  );
}

/**
 * A ProseMirror schema as plain data: node and mark names, their content expressions and their
 * attributes with defaults. Two editors whose shapes are equal accept and produce the same trees.
 */
export function schemaShape(schema: Schema): SchemaShape {
  const nodes: SchemaShape['nodes'] = {};
  for (const [name, type] of Object.entries(schema.nodes)) {
    nodes[name] = {
      content: type.spec.content ?? '',
      group: type.spec.group ?? '',
      marks: type.spec.marks ?? null,
      inline: type.isInline,
      atom: type.isAtom,
      attrs: attrDefaults(type.spec.attrs ?? {}),
    };
  }
  const marks: SchemaShape['marks'] = {};
  for (const [name, type] of Object.entries(schema.marks)) {
    marks[name] = {
      attrs: attrDefaults(type.spec.attrs ?? {}),
      excludes: type.spec.excludes ?? null,
    };
  }
  return { nodes, marks, topNode: schema.topNodeType.name };
}
