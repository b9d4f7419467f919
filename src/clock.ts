/**
 * Time as the hub's caches, rate limits and admission read it. Production reads the system
 * clock; a test passes one it can move forward, so "once the lifetime is up" is tested by
 * advancing time rather than by sleeping and hoping the machine kept up.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
