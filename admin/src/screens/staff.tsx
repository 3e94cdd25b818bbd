import { useCallback, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../app.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/strings.ts';
import { useSession, type Role } from '../session.tsx';
import { ErrorMessage, Field, Loading, Notice, Screen, SelectField } from '../ui.tsx';
import { useLoad } from './use-load.ts';

interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  has_totp: boolean;
  passkeys: number;
  created_at: string;
  last_sign_in_at: string | null;
  disabled: boolean;
}
interface InviteRow {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
}

interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  created_at: string;
}

/** Owners see the staff mail kept on disk when there is no SMTP server (invites, resets). */
function Outbox() {
  const { t, dateTime } = useI18n();
  const { api } = useSession();
  const { data, error } = useLoad(
    useCallback(() => api.get<{ messages: OutboxRow[] }>('/outbox').then((r) => r.messages), [api]),
  );
  const [open, setOpen] = useState<{ id: string; text: string } | null>(null);
  const show = async (id: string) => {
    const message = await api.get<{ text: string }>(`/outbox/${encodeURIComponent(id)}`);
    setOpen({ id, text: message.text });
  };
  if (error || !data) return null;
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('staff.outbox')}</h2>
      <p>{t('staff.outboxIntro')}</p>
      {data.length === 0 ? (
        <p>{t('staff.outboxEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('staff.to')}</th>
              <th scope="col">{t('staff.subject')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {data.map((m) => (
              <tr key={m.id}>
                <td>{dateTime(m.created_at)}</td>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void show(m.id)}>
                    {t('staff.open')} <span className="visually-hidden">{m.subject}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? <pre className="mail">{open.text}</pre> : null}
    </section>
  );
}

export const INVITABLE_ROLES: Role[] = ['admin', 'editor', 'author', 'contributor'];

export function StaffScreen(_props: ScreenProps) {
  const { t, dateTime } = useI18n();
  const { api, state } = useSession();
  const { data, error, reload, setError } = useLoad(
    useCallback(() => api.get<{ staff: StaffRow[]; invites: InviteRow[] }>('/staff'), [api]),
  );
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const roleOptions = INVITABLE_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));

  const [changes, setChanges] = useState(0);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setChanges((n) => n + 1);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const invite = (event: FormEvent) => {
    event.preventDefault();
    setInviteUrl(null);
    void run(async () => {
      const answer = await api.post<{ invite_url: string }>('/staff/invites', { email, role });
      setInviteUrl(answer.invite_url);
      setEmail('');
    });
  };

  return (
    <Screen title={t('staff.title')}>
      <ErrorMessage error={error} />
      <form onSubmit={invite} aria-labelledby="invite-title">
        <h2 id="invite-title">{t('staff.invite')}</h2>
        <Field
          label={t('field.email')}
          type="email"
          name="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <SelectField
          label={t('field.role')}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={roleOptions}
        />
        <button type="submit">{t('staff.invite')}</button>
        {inviteUrl ? <Notice>{t('staff.inviteSent', { url: inviteUrl })}</Notice> : null}
      </form>
      {!data ? (
        <Loading />
      ) : (
        <>
          <h2>{t('staff.title')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('staff.twoStep')}</th>
                <th scope="col">{t('staff.lastSignIn')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {data.staff.map((s) => {
                const self = s.id === state?.staff?.id;
                const fixed = self || s.role === 'owner';
                return (
                  <tr key={s.id}>
                    <td>
                      {s.name}
                      {s.disabled ? ` (${t('staff.disabled')})` : ''}
                    </td>
                    <td>{s.email}</td>
                    <td>
                      {fixed ? (
                        t(`role.${s.role}` as MessageKey)
                      ) : (
                        <select
                          aria-label={t('staff.changeRole', { name: s.name })}
                          value={s.role}
                          onChange={(e) =>
                            void run(() => api.patch(`/staff/${s.id}`, { role: e.target.value }))
                          }
                        >
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td>{s.has_totp || s.passkeys > 0 ? t('app.yes') : t('app.no')}</td>
                    <td>{dateTime(s.last_sign_in_at)}</td>
                    <td>
                      {fixed ? null : (
                        <button
                          type="button"
                          className={s.disabled ? 'secondary' : 'danger'}
                          onClick={() =>
                            void run(() => api.patch(`/staff/${s.id}`, { disabled: !s.disabled }))
                          }
                        >
                          {s.disabled ? t('staff.enable') : t('staff.disable')}{' '}
                          <span className="visually-hidden">{s.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.invites.length > 0 ? (
            <>
              <h2>{t('staff.invites')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('field.email')}</th>
                    <th scope="col">{t('field.role')}</th>
                    <th scope="col">{t('staff.expires')}</th>
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {data.invites.map((i) => (
                    <tr key={i.id}>
                      <td>{i.email}</td>
                      <td>{t(`role.${i.role}` as MessageKey)}</td>
                      <td>{dateTime(i.expires_at)}</td>
                      <td>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => void run(() => api.delete(`/staff/invites/${i.id}`))}
                        >
                          {t('staff.revoke')} <span className="visually-hidden">{i.email}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {state?.staff?.role === 'owner' ? <Outbox key={changes} /> : null}
        </>
      )}
    </Screen>
  );
}
