import { useCallback, useId, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { roleCan, useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading, Screen } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface Author {
  id: string;
  name: string;
  slug: string;
  bio: string;
  is_pen_name: boolean;
}

interface Draft {
  name: string;
  bio: string;
  is_pen_name: boolean;
  real_name: string;
}

const EMPTY: Draft = { name: '', bio: '', is_pen_name: false, real_name: '' };

function AuthorForm({
  initial,
  showRealName,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  showRealName: boolean;
  submitLabel: string;
  onSubmit(d: Draft): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [d, setD] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await onSubmit(d);
      if (!onCancel) setD(EMPTY);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field
        label={t('field.name')}
        name="name"
        required
        value={d.name}
        onChange={(e) => setD({ ...d, name: e.target.value })}
      />
      <div className="field">
        <label htmlFor={`${id}-bio`}>{t('authors.bio')}</label>
        <textarea
          id={`${id}-bio`}
          rows={3}
          value={d.bio}
          onChange={(e) => setD({ ...d, bio: e.target.value })}
        />
      </div>
      <p className="row">
        <input
          id={`${id}-pen`}
          type="checkbox"
          checked={d.is_pen_name}
          onChange={(e) => setD({ ...d, is_pen_name: e.target.checked })}
        />
        <label htmlFor={`${id}-pen`}>{t('authors.penName')}</label>
      </p>
      {showRealName && d.is_pen_name ? (
        <Field
          label={t('authors.realName')}
          name="real_name"
          autoComplete="off"
          value={d.real_name}
          onChange={(e) => setD({ ...d, real_name: e.target.value })}
        />
      ) : null}
      <ErrorMessage error={error} />
      <p className="row">
        <button type="submit">{submitLabel}</button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('app.cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}

/** The body sent for an author: the real name only from admins, and only for a pen name. */
export function authorBody(d: Draft, mayName: boolean, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { name: d.name, bio: d.bio, is_pen_name: d.is_pen_name };
  if (mayName && d.is_pen_name && d.real_name.trim()) body.real_name = d.real_name.trim();
  if (mayName && editing && !d.is_pen_name) body.real_name = null;
  return body;
}

/** A pen name's real name, fetched only when an admin asks (each look is in the audit log). */
function RealName({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [shown, setShown] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const reveal = async () => {
    setError(null);
    try {
      setShown((await api.get<{ real_name: string | null }>(`/authors/${id}/real-name`)).real_name);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <span aria-live="polite">
      {shown === undefined ? (
        <button type="button" className="secondary" onClick={() => void reveal()}>
          {t('authors.showRealName')} <span className="visually-hidden">{name}</span>
        </button>
      ) : (
        (shown ?? t('authors.noRealName'))
      )}
      <ErrorMessage error={error} />
    </span>
  );
}

export function AuthorsScreen(_props: ScreenProps) {
  const { t } = useI18n();
  const { api, state } = useSession();
  const mayName = roleCan(state?.staff?.role, 'staff');
  const { data, error, reload } = useLoad(
    useCallback(() => api.get<{ authors: Author[] }>('/authors').then((r) => r.authors), [api]),
  );
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Screen title={t('authors.title')}>
      <ErrorMessage error={error} />
      <h2>{t('authors.new')}</h2>
      <AuthorForm
        initial={EMPTY}
        showRealName={mayName}
        submitLabel={t('app.add')}
        onSubmit={async (d) => {
          await api.post('/authors', authorBody(d, mayName, false));
          reload();
        }}
      />
      {!data ? (
        <Loading />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('authors.penName')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {data.map((a) =>
              editing === a.id ? (
                <tr key={a.id}>
                  <td colSpan={3}>
                    <AuthorForm
                      initial={{ name: a.name, bio: a.bio, is_pen_name: a.is_pen_name, real_name: '' }}
                      showRealName={mayName}
                      submitLabel={t('app.save')}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (d) => {
                        await api.patch(`/authors/${a.id}`, authorBody(d, mayName, true));
                        setEditing(null);
                        reload();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>
                    {a.is_pen_name ? t('app.yes') : t('app.no')}
                    {a.is_pen_name && mayName ? (
                      <>
                        {' '}
                        <RealName id={a.id} name={a.name} />
                      </>
                    ) : null}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setEditing(a.id)}>
                      {t('app.edit')} <span className="visually-hidden">{a.name}</span>
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </Screen>
  );
}
