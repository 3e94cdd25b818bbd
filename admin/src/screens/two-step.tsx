// The second steps of signing in, shared by sign-in, setup, invite and the account screen:
// enrolling an authenticator (QR code, secret in text, a code to confirm, then the recovery codes
// shown once) and giving a code (TOTP or a recovery code).
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage, Field, Loading } from '../ui.tsx';

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

/** The QR code as the server drew it (its own SVG, no script: the CSP forbids any anyway). */
function Qr({ svg, label }: { svg: string; label: string }) {
  return <div className="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  return (
    <div>
      <h2 tabIndex={-1} ref={(el) => el?.focus()}>
        {t('recovery.title')}
      </h2>
      <p>{t('recovery.intro')}</p>
      <ul className="codes" aria-label={t('recovery.title')}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p className="row">
        <input
          id="codes-saved"
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
        />
        <label htmlFor="codes-saved">{t('recovery.saved')}</label>
      </p>
      <button type="button" disabled={!saved} onClick={onDone}>
        {t('recovery.continue')}
      </button>
    </div>
  );
}

/** Enrol an authenticator; resolves through onDone once the recovery codes are acknowledged. */
export function Enrol({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const { api, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.post<Enrolment>('/auth/totp/enrol').then(
      (e) => live && setEnrolment(e),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ recovery_codes: string[] }>('/auth/totp/enrol/confirm', {
        code: code.replace(/\s+/g, ''),
      });
      setCodes(answer.recovery_codes);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          void refresh().then(onDone);
        }}
      />
    );
  }
  if (!enrolment) return error ? <ErrorMessage error={error} /> : <Loading />;
  return (
    <div>
      <h2>{t('enrol.title')}</h2>
      <p>{t('enrol.intro')}</p>
      <Qr svg={enrolment.qr_svg} label={t('enrol.qr')} />
      <p>
        {t('enrol.secret')}:{' '}
        <code className="secret" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <form onSubmit={(e) => void confirm(e)}>
        <Field
          label={t('enrol.codeLabel')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,8}"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {t('enrol.confirm')}
        </button>
      </form>
    </div>
  );
}

/** Give the second factor for a pending session. */
export function SecondFactor({ methods, onDone }: { methods: string[]; onDone(): void }) {
  const { t } = useI18n();
  const { api, refresh } = useSession();
  const [useRecovery, setUseRecovery] = useState(!methods.includes('totp') && methods.includes('recovery'));
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const clean = code.trim();
      await api.post(
        '/auth/second-factor',
        useRecovery ? { recovery_code: clean } : { code: clean.replace(/\s+/g, '') },
      );
      await refresh();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <h2>{t('signIn.secondFactorTitle')}</h2>
      <Field
        key={useRecovery ? 'recovery' : 'totp'}
        label={useRecovery ? t('signIn.recoveryLabel') : t('signIn.totpLabel')}
        name={useRecovery ? 'recovery_code' : 'code'}
        autoComplete="one-time-code"
        {...(useRecovery ? {} : { inputMode: 'numeric' as const })}
        required
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <ErrorMessage error={error} />
      <p className="row">
        <button type="submit" disabled={busy}>
          {t('signIn.verify')}
        </button>
        {methods.includes('recovery') ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setCode('');
            }}
          >
            {useRecovery ? t('signIn.useTotp') : t('signIn.useRecovery')}
          </button>
        ) : null}
      </p>
    </form>
  );
}
