// Rate limits shared by every process: database-backed counters per key with window policies.
export {
  addressRange,
  afterHit,
  decide,
  type CounterState,
  type RateLimitDecision,
  type RateLimitPolicy,
} from './rate-limit-rules.ts';
export { createRateLimits, type RateLimits } from './rate-limits.ts';
