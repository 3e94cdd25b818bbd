// Passkeys through the browser's WebAuthn, with @simplewebauthn/browser loaded only when used.
import type { ApiClient } from '../api/client.ts';

/** Whether this browser can use passkeys at all. */
export const passkeysSupported = () => typeof window !== 'undefined' && 'PublicKeyCredential' in window;

/** Register a passkey for the signed-in staff member. */
export async function registerPasskey(api: ApiClient, name: string): Promise<void> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const optionsJSON = await api.post<Parameters<typeof startRegistration>[0]['optionsJSON']>(
    '/auth/passkeys/registration-options',
  );
  const response = await startRegistration({ optionsJSON });
  await api.post('/auth/passkeys', { name, response });
}

/** Give a passkey as the second factor of a pending session. */
export async function authenticateWithPasskey(api: ApiClient): Promise<void> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const optionsJSON = await api.post<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
    '/auth/passkeys/authentication-options',
  );
  const response = await startAuthentication({ optionsJSON });
  await api.post('/auth/passkeys/authenticate', { response });
}
