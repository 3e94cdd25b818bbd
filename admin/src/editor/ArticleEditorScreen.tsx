import type { Editor } from '@tiptap/react';
import './editor.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MediaPicker, mediaPath } from '../media/index.ts';
import { Link } from '../router.tsx';
import { Loading, Screen } from '../ui.tsx';
import { asApiFailure, type AdminArticle, type AdminAuthor, type AdminTag } from './admin-types.ts';
import { draftOf, emptyDraft, type ArticleDraft } from './article-draft.ts';
import { ArticleFields } from './ArticleFields.tsx';
import { BodyEditor } from './BodyEditor.tsx';
import { ConflictScreen } from './ConflictScreen.tsx';
import { useEditorEnv } from './editor-env.tsx';
import { PublishControls, type PublishAction } from './PublishControls.tsx';
import { useArticleSaver } from './use-article-saver.ts';

interface Loaded {
  article: AdminArticle | null;
  authors: AdminAuthor[];
  tags: AdminTag[];
  others: AdminArticle[];
}

/** /admin/articles/new and /admin/articles/:id. */
export function ArticleEditorScreen({ articleId }: { articleId: string | null }) {
  const { t, api, staff, navigate } = useEditorEnv();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');
  // A new article gets its address after its first save: the same form stays on screen (and keeps
  // the cursor where it is) instead of loading the article it just created.
  const created = useRef<string | null>(null);
  useEffect(() => {
    if (articleId !== null && articleId === created.current) return;
    let live = true;
    setLoaded(null);
    Promise.all([
      articleId
        ? api
            .get<{ article: AdminArticle }>(`/articles/${encodeURIComponent(articleId)}`)
            .then((a) => a.article)
        : Promise.resolve(null),
      api.get<{ authors: AdminAuthor[] }>('/authors').then((a) => a.authors),
      api.get<{ tags: AdminTag[] }>('/tags').then((a) => a.tags),
      api.get<{ articles: AdminArticle[] }>('/articles', { limit: 100 }).then((a) => a.articles),
    ]).then(
      ([article, authors, tags, others]) => live && setLoaded({ article, authors, tags, others }),
      (err) => live && setError(asApiFailure(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, articleId]);
  if (error)
    return (
      <p role="alert">
        {t.loadFailed} {error}
      </p>
    );
  if (!loaded) return <Loading />;
  return (
    <ArticleEditorForm
      key={loaded.article?.id ?? 'new'}
      loaded={loaded}
      language={staff.language}
      onCreated={(id) => {
        created.current = id;
        navigate(`/admin/articles/${encodeURIComponent(id)}`, { replace: true });
      }}
    />
  );
}

function ArticleEditorForm({
  loaded,
  language,
  onCreated,
}: {
  loaded: Loaded;
  language: string;
  onCreated(id: string): void;
}) {
  const { t, api } = useEditorEnv();
  const [article, setArticle] = useState(loaded.article);
  const [fields, setFields] = useState<ArticleDraft>(() =>
    loaded.article ? draftOf(loaded.article) : emptyDraft(language === 'ru' ? 'ru' : 'en'),
  );
  // Remounts the body editor when its content is replaced from outside (a conflict resolved).
  const [bodyKey, setBodyKey] = useState(0);
  const [conflict, setConflict] = useState<{ theirs: AdminArticle; mine: ArticleDraft } | null>(null);
  const [picking, setPicking] = useState(false);
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');
  const editorRef = useRef<Editor | null>(null);

  const saver = useArticleSaver({
    api,
    article: loaded.article,
    initialDraft: fields,
    autosave: (article?.status ?? 'draft') === 'draft',
    needTitleMessage: t.needTitle,
    onSaved: (saved) => {
      if (!article) onCreated(saved.id);
      setArticle(saved);
    },
    onConflict: (theirs, mine) => setConflict({ theirs, mine }),
  });

  const update = (change: Partial<ArticleDraft>) => {
    const next = { ...saver.current(), ...change };
    setFields(next);
    saver.change(next);
  };
  const onBody = useCallback(
    (body: ArticleDraft['body']) => saver.change({ ...saver.current(), body }),
    [saver],
  );
  const onEditor = useCallback((editor: Editor | null) => {
    editorRef.current = editor;
  }, []);

  const act = async (action: PublishAction) => {
    if (!article) return;
    setBusy(true);
    setActionError('');
    try {
      for (let i = 0; i < 3 && saver.isDirty(); i++) await saver.save(true);
      if (saver.isDirty()) return;
      const path = `/articles/${encodeURIComponent(article.id)}/${action.kind}`;
      const answer = await api.post<{ article: AdminArticle }>(
        path,
        action.kind === 'schedule' ? { published_at: action.at } : {},
      );
      setArticle(answer.article);
      saver.adopt(answer.article);
    } catch (err) {
      setActionError(asApiFailure(err).message);
    } finally {
      setBusy(false);
    }
  };

  if (conflict)
    return (
      <ConflictScreen
        theirs={conflict.theirs}
        mine={conflict.mine}
        authors={loaded.authors}
        tags={loaded.tags}
        onResolve={(chosen, needsSave) => {
          setArticle(conflict.theirs);
          setFields(chosen);
          setBodyKey((k) => k + 1);
          setConflict(null);
          void saver.resolve(chosen, conflict.theirs, needsSave);
        }}
      />
    );

  const stateText = {
    saved: t.saved,
    dirty: t.unsaved,
    saving: t.saving,
    failed: t.saveFailed,
    conflict: t.saving,
  }[saver.state];

  return (
    <Screen
      title={article ? t.editArticle : t.newArticle}
      actions={
        <div className="ed-head">
          {article && (
            <p className="ed-status">
              {t.status}: <strong data-status={article.status}>{t.statuses[article.status]}</strong>
            </p>
          )}
          <p role="status" className="ed-save-state" data-state={saver.state}>
            {stateText}
            {saver.error && `: ${saver.error}`}
          </p>
          <button type="button" className="ed-primary" onClick={() => void saver.save(true)}>
            {t.save}
          </button>
          {article && (
            <>
              <button type="button" aria-expanded={preview} onClick={() => setPreview(!preview)}>
                {preview ? t.hidePreview : t.preview}
              </button>
              <Link href={`/admin/articles/${encodeURIComponent(article.id)}/revisions`}>{t.revisions}</Link>
            </>
          )}
        </div>
      }
    >
      <p className="ed-hint">{t.autosaveHint}</p>
      {article && <PublishControls article={article} busy={busy} onAction={(a) => void act(a)} />}
      {actionError && (
        <p role="alert" className="ed-error">
          {actionError}
        </p>
      )}
      {article && preview && (
        <section className="ed-preview" aria-label={t.preview}>
          <a
            href={api.url(`/articles/${encodeURIComponent(article.id)}/preview`)}
            target="_blank"
            rel="noopener"
          >
            {t.openPreview}
          </a>
          <iframe
            key={article.version}
            title={t.previewFrame}
            src={api.url(`/articles/${encodeURIComponent(article.id)}/preview`)}
          />
        </section>
      )}
      <div className="ed-columns">
        <div className="ed-main">
          <label htmlFor="ed-title">{t.title}</label>
          <input
            id="ed-title"
            className="ed-title"
            value={fields.title}
            maxLength={300}
            required
            onChange={(e) => update({ title: e.target.value })}
          />
          <label htmlFor="ed-standfirst">{t.standfirst}</label>
          <textarea
            id="ed-standfirst"
            rows={3}
            maxLength={1000}
            value={fields.standfirst}
            onChange={(e) => update({ standfirst: e.target.value })}
          />
          <h2 id="ed-body-label" className="ed-label">
            {t.body}
          </h2>
          <BodyEditor
            key={bodyKey}
            labelId="ed-body-label"
            initial={fields.body}
            onChange={onBody}
            onSave={() => void saver.save(true)}
            onPickImage={() => setPicking(true)}
            onEditor={onEditor}
          />
        </div>
        <ArticleFields
          article={article}
          fields={fields}
          update={update}
          authors={loaded.authors}
          tags={loaded.tags}
          others={loaded.others}
        />
      </div>
      {picking && (
        <MediaPicker
          purpose="insert"
          onClose={() => setPicking(false)}
          onPick={(item) => {
            setPicking(false);
            editorRef.current
              ?.chain()
              .focus()
              .insertContent({
                type: 'figure',
                attrs: {
                  src: mediaPath(item.url),
                  alt: item.alt,
                  caption: item.caption,
                  credit: item.credit,
                  media_id: item.id,
                },
              })
              .run();
          }}
        />
      )}
    </Screen>
  );
}
