import { describe, expect, it } from 'vitest';
import { PENDING_SESSION_MS, sessionEnd, sessionExpired, shouldTouch } from './session-rules.ts';
import { ACCOUNT_THROTTLE, afterFailure, lockedFor } from './throttle-rules.ts';

const policy = { idleMs: 12 * 3600_000, absoluteMs: 14 * 24 * 3600_000 };
const start = new Date('2026-11-29T08:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

function full(lastSeenMs = 0) {
  return {
    stage: 'full' as const,
    createdAt: start.toISOString(),
    lastSeenAt: later(lastSeenMs).toISOString(),
    expiresAt: sessionEnd(start, 'full', policy).toISOString(),
  };
}

describe('session expiry', () => {
  it('lives while used, and ends after the idle time without a request', () => {
    expect(sessionExpired(full(), later(12 * 3600_000 - 1), policy)).toBe(false);
    expect(sessionExpired(full(), later(12 * 3600_000), policy)).toBe(true);
  });

  it('ends at the absolute limit however recently it was used', () => {
    const end = 14 * 24 * 3600_000;
    expect(sessionExpired(full(end - 1000), later(end - 1), policy)).toBe(false);
    expect(sessionExpired(full(end - 1000), later(end), policy)).toBe(true);
  });

  it('gives a pending session minutes, not the full span', () => {
    const pending = {
      stage: 'pending' as const,
      createdAt: start.toISOString(),
      lastSeenAt: start.toISOString(),
      expiresAt: sessionEnd(start, 'pending', policy).toISOString(),
    };
    expect(sessionExpired(pending, later(PENDING_SESSION_MS - 1), policy)).toBe(false);
    expect(sessionExpired(pending, later(PENDING_SESSION_MS), policy)).toBe(true);
  });

  it('records activity at most once a minute', () => {
    expect(shouldTouch(full(), later(59_000))).toBe(false);
    expect(shouldTouch(full(), later(60_000))).toBe(true);
  });
});

describe('sign-in throttle', () => {
  it('locks after the fifth failure inside the window, for the lock time', () => {
    let state;
    for (let i = 0; i < 4; i++) state = afterFailure(state, later(i * 1000), ACCOUNT_THROTTLE);
    expect(lockedFor(state, later(5000))).toBe(0);
    state = afterFailure(state, later(5000), ACCOUNT_THROTTLE);
    expect(lockedFor(state, later(5000))).toBe(ACCOUNT_THROTTLE.lockMs);
    expect(lockedFor(state, later(5000 + ACCOUNT_THROTTLE.lockMs))).toBe(0);
  });

  it('starts counting again once the window has passed', () => {
    let state;
    for (let i = 0; i < 4; i++) state = afterFailure(state, later(i * 1000), ACCOUNT_THROTTLE);
    state = afterFailure(state, later(ACCOUNT_THROTTLE.windowMs + 10_000), ACCOUNT_THROTTLE);
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });
});
