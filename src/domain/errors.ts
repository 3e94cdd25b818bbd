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
  | 'unsupported_media';

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
