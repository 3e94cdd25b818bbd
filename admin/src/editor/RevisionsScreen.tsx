import { useEffect, useState } from 'react';
import './editor.css';
import { Link } from '../router.tsx';
import { Screen } from '../ui.tsx';
import { asApiFailure, type AdminArticle } from './admin-types.ts';
import { useEditorEnv } from './editor-env.tsx';

interface Revision {
  id: string;
  number: number;
  created_at: string;
  actor_label: string;
  summary: string;
}

interface Diff {
  fields: Array<{ field: string; before: unknown; after: unknown }>;
  body: Array<{ op: 'equal' | 'insert' | 'delete'; text: string }>;
}

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** /admin/articles/:id/revisions: who saved when, a readable diff between any two, restore. */
export function RevisionsScreen({ articleId }: { articleId: string }) {
  const { t, api, staff } = useEditorEnv();
  const base = `/articles/${encodeURIComponent(articleId)}`;
  const [article, setArticle] = useState<AdminArticle | null>(null);
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [from, setFrom] = useState<string>('');
  const [to, setTo] = useState<string>('');
  const [diff, setDiff] = useState<Diff | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([
      api.get<{ article: AdminArticle }>(base),
      api.get<{ revisions: Revision[] }>(`${base}/revisions`),
    ]).then(
      ([a, r]) => {
        if (!live) return;
        setArticle(a.article);
        setRevisions(r.revisions);
        // Newest first: compare the previous save with the latest.
        setTo(r.revisions[0]?.id ?? '');
        setFrom(r.revisions[1]?.id ?? r.revisions[0]?.id ?? '');
      },
      (err) => live && setMessage({ ok: false, text: asApiFailure(err).message }),
    );
    return () => {
      live = false;
    };
  }, [api, base, reload]);

  const compare = async () => {
    setDiff(null);
    try {
      setDiff(await api.get<Diff>(`${base}/revisions/diff`, { from, to }));
    } catch (err) {
      setMessage({ ok: false, text: asApiFailure(err).message });
    }
  };

  const restore = async (revision: Revision) => {
    if (!window.confirm(t.restoreConfirm)) return;
    try {
      // The version read with this list: if someone saved since, the server answers 409.
      await api.post(`${base}/revisions/${encodeURIComponent(revision.id)}/restore`, {
        version: article?.version,
      });
      setMessage({ ok: true, text: t.restored });
      setReload((n) => n + 1);
    } catch (err) {
      setMessage({ ok: false, text: asApiFailure(err).message });
    }
  };

  const when = (iso: string) =>
    new Date(iso).toLocaleString(staff.language === 'ru' ? 'ru-RU' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
    });
  const editorPath = `/admin/articles/${encodeURIComponent(articleId)}`;

  return (
    <Screen title={article ? t.revisionsOf(article.title) : t.revisions}>
      <p>
        <Link href={editorPath}>{t.backToArticle}</Link>
      </p>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ed-ok' : 'ed-error'}>
          {message.text}
        </p>
      )}
      {revisions === null ? (
        !message && <p>{t.loading}</p>
      ) : revisions.length === 0 ? (
        <p>{t.noRevisions}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void compare();
          }}
        >
          <table className="ed-table">
            <caption className="ed-visually-hidden">{t.revisions}</caption>
            <thead>
              <tr>
                <th scope="col">{t.revision}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.summary}</th>
                <th scope="col">{t.compareFrom}</th>
                <th scope="col">{t.compareTo}</th>
                <th scope="col">
                  <span className="ed-visually-hidden">{t.restore}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id} data-revision={r.number}>
                  <th scope="row">{r.number}</th>
                  <td>{r.actor_label}</td>
                  <td>
                    <time dateTime={r.created_at}>{when(r.created_at)}</time>
                  </td>
                  <td>{r.summary}</td>
                  <td>
                    <input
                      type="radio"
                      name="from"
                      aria-label={`${t.compareFrom} ${r.number}`}
                      checked={from === r.id}
                      onChange={() => setFrom(r.id)}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="to"
                      aria-label={`${t.compareTo} ${r.number}`}
                      checked={to === r.id}
                      onChange={() => setTo(r.id)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void restore(r)}
                      aria-label={`${t.restore} ${r.number}`}
                    >
                      {t.restore}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="ed-primary" disabled={!from || !to}>
            {t.compare}
          </button>
        </form>
      )}
      {diff && <DiffView diff={diff} />}
    </Screen>
  );
}

function DiffView({ diff }: { diff: Diff }) {
  const { t } = useEditorEnv();
  const bodyChanged = diff.body.some((part) => part.op !== 'equal');
  if (diff.fields.length === 0 && !bodyChanged) return <p role="status">{t.noDiff}</p>;
  return (
    <section className="ed-diff" aria-label={t.compare}>
      {diff.fields.length > 0 && (
        <>
          <h2>{t.diffFields}</h2>
          <table className="ed-table">
            <thead>
              <tr>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{t.fieldNames[f.field] ?? f.field}</th>
                  <td>
                    <del>{show(f.before)}</del>
                  </td>
                  <td>
                    <ins>{show(f.after)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {bodyChanged && (
        <>
          <h2>{t.diffBody}</h2>
          <div className="ed-diff-body">
            {diff.body.map((part, i) =>
              part.op === 'insert' ? (
                <ins key={i}>{part.text}</ins>
              ) : part.op === 'delete' ? (
                <del key={i}>{part.text}</del>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </div>
        </>
      )}
    </section>
  );
}
