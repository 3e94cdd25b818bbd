// Domain errors say what went wrong in the newsroom's terms. They never carry HTTP status
// codes: web/error-handler.ts maps each code to a status in one place.

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

export type DomainErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'stale_update'
  | 'too_large'
  | 'unsupported_media'
  // Staff sign-in (modules/staff): each has its own code so the admin app can say what to do.
  | 'sign_in_failed'
  | 'second_factor_failed'
  | 'rate_limited'
  | 'weak_password'
  | 'link_invalid'
  | 'csrf'
  // Reader revenue: a payment provider cannot be reached; the donor is offered the other rails.
  | 'rail_unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super('invalid_input', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} "${id}" does not exist`, { [what]: id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super('conflict', message, details);
  }
}

export class StaleUpdateError extends DomainError {
  constructor(current: number, given: number) {
    super('stale_update', `the article changed since version ${given}; it is now version ${current}`, {
      current_version: current,
      given_version: given,
    });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

export class TooLargeError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super('too_large', message, details);
  }
}

export class UnsupportedMediaError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super('unsupported_media', message, details);
  }
}

/** Wrong address or password: the same answer whether or not the address has an account. */
export class SignInFailedError extends DomainError {
  constructor() {
    super('sign_in_failed', 'the e-mail address or the password is wrong');
  }
}

export class SecondFactorFailedError extends DomainError {
  constructor(message = 'the code is wrong, expired or already used') {
    super('second_factor_failed', message);
  }
}

/** Too many attempts: try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, {
      retry_after_seconds: retryAfterSeconds,
    });
  }
}

export class WeakPasswordError extends DomainError {
  constructor(reason: string) {
    super('weak_password', `the password is too weak: ${reason}`, { reason });
  }
}

/** A setup, invite or reset link that does not exist, has expired or was used. */
export class LinkInvalidError extends DomainError {
  constructor() {
    super('link_invalid', 'this link has expired or was already used; ask for a new one');
  }
}

export class CsrfError extends DomainError {
  constructor() {
    super('csrf', 'missing or wrong X-CSRF-Token header; reload the page and try again');
  }
}
