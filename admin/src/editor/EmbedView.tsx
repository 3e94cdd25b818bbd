import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import { embedLabel, type EmbedProvider } from '../../../src/modules/articles/document/editor-extensions.ts';
import { useEditorEnv } from './editor-env.tsx';

/** An embed in the text: which provider and address (fixed), and its title (editable). */
export function EmbedView({ node, updateAttributes, deleteNode, selected }: ReactNodeViewProps) {
  const { t } = useEditorEnv();
  const id = useId();
  const attrs = node.attrs as { provider: EmbedProvider; url: string; title: string };
  return (
    <NodeViewWrapper as="figure" className={`ed-embed${selected ? ' is-selected' : ''}`} data-drag-handle="">
      <p>
        {embedLabel(attrs.provider)}: <span className="ed-embed-url">{attrs.url}</span>
      </p>
      <div className="ed-atom-fields">
        <label htmlFor={`${id}-title`}>{t.embedTitle}</label>
        <input
          id={`${id}-title`}
          value={attrs.title}
          onChange={(e) => updateAttributes({ title: e.target.value })}
        />
        <button type="button" onClick={() => deleteNode()}>
          {t.removeBlock}
        </button>
      </div>
    </NodeViewWrapper>
  );
}
