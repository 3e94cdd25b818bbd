import type { RailId } from '../../adapters/payments/index.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';
import type { GiftProblem } from './parse-gift.ts';

/** A checkout form the rules refuse: nothing is recorded. */
export class GiftRejectedError extends ValidationError {
  constructor(
    readonly problem: GiftProblem,
    readonly limits: { minimumMinor?: number; maximumMinor?: number } = {},
  ) {
    super(`the gift cannot be accepted: ${problem}`, [{ path: 'gift', message: problem }]);
  }
}

/** The rail is down or refused: the donor is offered the others. */
export class RailDownError extends DomainError {
  constructor(
    readonly rail: RailId,
    readonly others: Array<{ id: RailId; label: string; test: boolean }>,
  ) {
    super('rail_unavailable', `${rail} cannot take payments right now`);
  }
}

/**
 * The proof-of-work step is on and this form has not passed it: nothing is recorded. Not a
 * DomainError: the checkout route always answers it with the challenge page.
 */
export class ProofOfWorkRequiredError extends Error {
  constructor(
    readonly challenge: string,
    readonly bits: number,
    /** Set when a previous answer was refused (expired, forged, spent, wrong). */
    readonly refused?: string,
  ) {
    super('this checkout needs the proof-of-work step');
    this.name = 'ProofOfWorkRequiredError';
  }
}
