import { EditorContent, ReactNodeViewRenderer, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  resolveEmbed,
  safeLinkHref,
  type DocumentTree,
} from '../../../src/modules/articles/document/editor-extensions.ts';
import { editorExtensions } from './editor-extensions.ts';
import { EmbedView } from './EmbedView.tsx';
import { FigureView } from './FigureView.tsx';
import { useEditorEnv } from './editor-env.tsx';
import { countWords } from './word-count.ts';

export interface BodyEditorProps {
  initial: DocumentTree;
  onChange(body: DocumentTree): void;
  onSave(): void;
  onPickImage(): void;
  onEditor(editor: Editor | null): void;
  labelId: string;
}

type Panel = 'none' | 'link' | 'embed';

/** The article's text: TipTap on the server's own document extensions, with a toolbar. */
export function BodyEditor({ initial, onChange, onSave, onPickImage, onEditor, labelId }: BodyEditorProps) {
  const { t } = useEditorEnv();
  const [panel, setPanel] = useState<Panel>('none');
  // The shortcuts call whatever the latest props are, not the ones of the first render.
  const latest = useRef({ onSave, onChange });
  latest.current = { onSave, onChange };
  const extensions = useMemo(
    () =>
      editorExtensions({
        views: { figure: ReactNodeViewRenderer(FigureView), embed: ReactNodeViewRenderer(EmbedView) },
        onSave: () => latest.current.onSave(),
        onLink: () => setPanel('link'),
      }),
    [],
  );
  const editor = useEditor({
    extensions,
    content: initial,
    // The admin's CSP forbids <style> elements: the editor's CSS is in the admin stylesheet.
    injectCSS: false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'ed-prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
      },
    },
    onUpdate: ({ editor: e }) => latest.current.onChange(e.getJSON() as DocumentTree),
  });
  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      words: countWords(e.state.doc.textBetween(0, e.state.doc.content.size, ' ', ' ')),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      strike: e.isActive('strike'),
      link: e.isActive('link'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      pullQuote: e.isActive('pullQuote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const chain = () => editor.chain().focus();
  const toggle = (label: string, active: boolean, run: () => void, extra?: string) => (
    <button type="button" aria-pressed={active} onClick={run} className={extra}>
      {label}
    </button>
  );

  return (
    <div className="ed-body">
      <div role="toolbar" aria-label={t.toolbar} className="ed-toolbar">
        <button type="button" onClick={() => chain().setParagraph().run()}>
          {t.paragraph}
        </button>
        {toggle('H2', state.h2, () => chain().toggleHeading({ level: 2 }).run())}
        {toggle('H3', state.h3, () => chain().toggleHeading({ level: 3 }).run())}
        {toggle('H4', state.h4, () => chain().toggleHeading({ level: 4 }).run())}
        {toggle(t.bold, state.bold, () => chain().toggleBold().run())}
        {toggle(t.italic, state.italic, () => chain().toggleItalic().run())}
        {toggle(t.strike, state.strike, () => chain().toggleStrike().run())}
        {toggle(t.link, state.link, () => setPanel(panel === 'link' ? 'none' : 'link'))}
        {toggle(t.bulletList, state.bulletList, () => chain().toggleBulletList().run())}
        {toggle(t.orderedList, state.orderedList, () => chain().toggleOrderedList().run())}
        {toggle(t.quote, state.blockquote, () => chain().toggleBlockquote().run())}
        {toggle(t.pullQuote, state.pullQuote, () =>
          state.pullQuote ? chain().setParagraph().run() : chain().setNode('pullQuote').run(),
        )}
        <button type="button" onClick={() => chain().setHorizontalRule().run()}>
          {t.rule}
        </button>
        <button type="button" onClick={onPickImage}>
          {t.image}
        </button>
        <button
          type="button"
          onClick={() => setPanel(panel === 'embed' ? 'none' : 'embed')}
          aria-pressed={panel === 'embed'}
        >
          {t.embed}
        </button>
        <button type="button" disabled={!state.canUndo} onClick={() => chain().undo().run()}>
          {t.undo}
        </button>
        <button type="button" disabled={!state.canRedo} onClick={() => chain().redo().run()}>
          {t.redo}
        </button>
      </div>
      {panel === 'link' && <LinkForm editor={editor} close={() => setPanel('none')} />}
      {panel === 'embed' && <EmbedForm editor={editor} close={() => setPanel('none')} />}
      {state.pullQuote && <PullQuoteAttribution editor={editor} />}
      <EditorContent editor={editor} />
      <p className="ed-wordcount" aria-live="polite">
        {t.words(state.words)}
      </p>
      <p className="ed-hint">{t.shortcuts}</p>
    </div>
  );
}

function LinkForm({ editor, close }: { editor: Editor; close(): void }) {
  const { t } = useEditorEnv();
  const id = useId();
  const [href, setHref] = useState<string>(
    () => (editor.getAttributes('link').href as string | undefined) ?? '',
  );
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const apply = () => {
    // The field as it is now, not as of the last render: Enter may come right after typing.
    const clean = safeLinkHref((input.current?.value ?? href).trim());
    if (!clean) return setError(t.badLink);
    editor.chain().focus().extendMarkRange('link').setLink({ href: clean }).run();
    close();
  };
  return (
    <div className="ed-panel" role="group" aria-label={t.link}>
      <label htmlFor={id}>{t.linkUrl}</label>
      <input
        ref={input}
        id={id}
        autoFocus
        value={href}
        aria-invalid={error !== ''}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setHref(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            close();
            editor.commands.focus();
          }
        }}
      />
      <button type="button" onClick={apply}>
        {t.applyLink}
      </button>
      <button
        type="button"
        onClick={() => {
          editor.chain().focus().extendMarkRange('link').unsetLink().run();
          close();
        }}
      >
        {t.removeLink}
      </button>
      <button type="button" onClick={close}>
        {t.cancel}
      </button>
      {error && (
        <p id={`${id}-error`} className="ed-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function EmbedForm({ editor, close }: { editor: Editor; close(): void }) {
  const { t } = useEditorEnv();
  const id = useId();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const apply = () => {
    const resolved = resolveEmbed(url.trim());
    if (!resolved) return setError(t.badEmbed);
    editor
      .chain()
      .focus()
      .insertContent({ type: 'embed', attrs: { ...resolved, title: title.trim() } })
      .run();
    close();
  };
  return (
    <div className="ed-panel" role="group" aria-label={t.embed}>
      <label htmlFor={`${id}-url`}>{t.embedUrl}</label>
      <input
        id={`${id}-url`}
        autoFocus
        value={url}
        aria-invalid={error !== ''}
        onChange={(e) => setUrl(e.target.value)}
      />
      <label htmlFor={`${id}-title`}>{t.embedTitle}</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      <button type="button" onClick={apply}>
        {t.addEmbed}
      </button>
      <button type="button" onClick={close}>
        {t.cancel}
      </button>
      {error && (
        <p className="ed-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function PullQuoteAttribution({ editor }: { editor: Editor }) {
  const { t } = useEditorEnv();
  const id = useId();
  const value = useEditorState({
    editor,
    selector: ({ editor: e }) => (e.getAttributes('pullQuote').attribution as string | null) ?? '',
  });
  return (
    <div className="ed-panel">
      <label htmlFor={id}>
        {t.pullQuote}: {t.attribution}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) =>
          editor.commands.updateAttributes('pullQuote', { attribution: e.target.value || null })
        }
      />
    </div>
  );
}
