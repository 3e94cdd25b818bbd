import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { useSession, type Role } from '../session.tsx';
import { ErrorMessage, Field, Loading, Screen, SelectField } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface Key {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const ROLES: Role[] = ['admin', 'editor', 'author', 'contributor'];

export function KeysScreen(_props: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const { data, error, reload, setError } = useLoad(
    useCallback(() => api.get<{ keys: Key[] }>('/keys').then((r) => r.keys), [api]),
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [created, setCreated] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    try {
      const answer = await api.post<{ key: string }>('/keys', { name, role });
      setCreated(answer.key);
      setName('');
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api.delete(`/keys/${encodeURIComponent(id)}`);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Screen title={t('keys.title')}>
      <ErrorMessage error={error} />
      <form onSubmit={(e) => void create(e)} aria-labelledby="new-key">
        <h2 id="new-key">{t('keys.create')}</h2>
        <Field
          label={t('field.name')}
          name="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label={t('field.role')}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
        />
        <button type="submit">{t('keys.create')}</button>
      </form>
      {created ? (
        <div role="status">
          <p>{t('keys.created')}</p>
          <p>
            <code className="secret">{created}</code>
          </p>
        </div>
      ) : null}
      {!data ? (
        <Loading />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.role')}</th>
              <th scope="col">{t('keys.created_at')}</th>
              <th scope="col">{t('keys.lastUsed')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {data.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{t(`role.${k.role}` as MessageKey)}</td>
                <td>{dateTime(k.created_at)}</td>
                <td>{dateTime(k.last_used_at)}</td>
                <td>
                  {k.revoked_at ? (
                    `${t('keys.revoked')} ${dateTime(k.revoked_at)}`
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(k.id)}>
                      {t('keys.revoke')} <span className="visually-hidden">{k.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Screen>
  );
}
