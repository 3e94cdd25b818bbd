/** How long a session lives: `idleMs` without a request, `absoluteMs` in all. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** A pending session (password given, second factor not yet) lasts this long at most. */
export const PENDING_SESSION_MS = 15 * 60 * 1000;

/** Renewing last_seen_at at most this often spares a database write on every request. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionTimes {
  stage: 'pending' | 'full';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** The absolute end of a session created at `createdAt`. */
export function sessionEnd(createdAt: Date, stage: 'pending' | 'full', policy: SessionPolicy): Date {
  const span = stage === 'pending' ? Math.min(PENDING_SESSION_MS, policy.absoluteMs) : policy.absoluteMs;
  return new Date(createdAt.getTime() + span);
}

/** Whether a session is over at `at`: past its absolute end, or idle too long. */
export function sessionExpired(session: SessionTimes, at: Date, policy: SessionPolicy): boolean {
  const now = at.getTime();
  if (now >= Date.parse(session.expiresAt)) return true;
  const idle = session.stage === 'pending' ? Math.min(PENDING_SESSION_MS, policy.idleMs) : policy.idleMs;
  return now - Date.parse(session.lastSeenAt) >= idle;
}

/** Whether a request at `at` should record itself as the session's last activity. */
export function shouldTouch(session: SessionTimes, at: Date): boolean {
  return at.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS;
}
