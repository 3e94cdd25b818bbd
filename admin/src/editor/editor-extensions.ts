import { Extension, type AnyExtension, type NodeViewRenderer } from '@tiptap/core';
import {
  documentExtensions,
  HEADING_LEVELS,
} from '../../../src/modules/articles/document/editor-extensions.ts';

export interface EditorBehaviour {
  /** React node views for the atoms whose attributes are edited in place. */
  views?: { figure?: NodeViewRenderer; embed?: NodeViewRenderer };
  /** Mod-s. */
  onSave?: () => void;
  /** Mod-k: ask for a link on the selection. */
  onLink?: () => void;
}

/**
 * The editor's extension list: the server's document extensions themselves (shared, never copied),
 * with editor-only behaviour layered on top (node views, keyboard shortcuts). Nothing added here
 * changes the schema: test/architecture/editor-document-model.test.ts compares the two.
 */
export function editorExtensions(behaviour: EditorBehaviour = {}): AnyExtension[] {
  const { views = {} } = behaviour;
  const list = documentExtensions.map((extension) => {
    const view =
      extension.name === 'figure' ? views.figure : extension.name === 'embed' ? views.embed : undefined;
    return view ? extension.extend({ addNodeView: () => view }) : extension;
  });
  const shortcuts = Extension.create({
    name: 'editorShortcuts',
    addKeyboardShortcuts() {
      const headings = Object.fromEntries(
        HEADING_LEVELS.map((level) => [
          `Mod-Alt-${level}`,
          () => this.editor.commands.toggleHeading({ level }),
        ]),
      );
      return {
        ...headings,
        'Mod-Alt-0': () => this.editor.commands.setParagraph(),
        'Mod-s': () => {
          behaviour.onSave?.();
          return true;
        },
        'Mod-k': () => {
          behaviour.onLink?.();
          return true;
        },
      };
    },
  });
  return [...list, shortcuts];
}
