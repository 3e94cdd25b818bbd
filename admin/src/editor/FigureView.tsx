import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useId } from 'react';
import { useEditorEnv } from './editor-env.tsx';

/** An image in the text: the photo, and its caption, credit and alt text edited in place. */
export function FigureView({ node, updateAttributes, deleteNode, selected }: ReactNodeViewProps) {
  const { t } = useEditorEnv();
  const id = useId();
  const attrs = node.attrs as { src: string; alt: string; caption: string; credit: string };
  return (
    <NodeViewWrapper as="figure" className={`ed-figure${selected ? ' is-selected' : ''}`} data-drag-handle="">
      <img src={attrs.src} alt={attrs.alt} />
      <div className="ed-atom-fields">
        <label htmlFor={`${id}-caption`}>{t.caption}</label>
        <input
          id={`${id}-caption`}
          value={attrs.caption}
          onChange={(e) => updateAttributes({ caption: e.target.value })}
        />
        <label htmlFor={`${id}-credit`}>{t.credit}</label>
        <input
          id={`${id}-credit`}
          value={attrs.credit}
          onChange={(e) => updateAttributes({ credit: e.target.value })}
        />
        <label htmlFor={`${id}-alt`}>{t.alt}</label>
        <input
          id={`${id}-alt`}
          value={attrs.alt}
          onChange={(e) => updateAttributes({ alt: e.target.value })}
        />
        <button type="button" onClick={() => deleteNode()}>
          {t.removeBlock}
        </button>
      </div>
    </NodeViewWrapper>
  );
}
