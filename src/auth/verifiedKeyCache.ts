import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { GraphQLError } from 'graphql';
import { systemClock, type Clock } from '../clock';
import type { KeyHolder } from './apiKeys';
import { unauthenticated } from './caller';

const REFUSED_MS = 10 * 60_000;

/**
 * API keys that passed verification, remembered for a few seconds, so a partner's requests
 * do not each wait for a round trip to the key table before any other work can start (the
 * first of a budget summary's three rounds; docs/benchmarks.md). Only keys that passed are
 * kept, never longer than the key itself is valid, and they are found by a hash of the
 * whole token, so a wrong secret for a known key id never matches. The price, documented
 * with `API_KEY_CACHE_SECONDS`: revoking a key, or changing its organisation's
 * partnerships, reaches a running hub up to that many seconds later.
 */
export class VerifiedKeyCache {
  private readonly holders: LRUCache<string, KeyHolder>;
  /**
   * Keys refused (malformed, unknown, wrong secret, revoked, expired), whatever `seconds`
   * is: a refused key stays refused, so asking again costs no round trip to the key table.
   */
  private readonly refused: LRUCache<string, string>;

  constructor(
    private readonly seconds: number,
    private readonly clock: Clock = systemClock,
  ) {
    // Bounded by count, so a crawl with many keys cannot grow the hub without limit; the TTL
    // given here is replaced per entry (never 0, which lru-cache reads as "no expiry").
    this.holders = new LRUCache<string, KeyHolder>({ max: 10_000, ttl: Math.max(seconds, 1) * 1000, perf: clock, ttlResolution: 0 });
    this.refused = new LRUCache<string, string>({ max: 10_000, ttl: REFUSED_MS, perf: clock, ttlResolution: 0 });
  }

  get enabled(): boolean {
    return this.seconds > 0;
  }

  get(token: string): KeyHolder | undefined {
    return this.enabled ? this.holders.get(tokenHash(token)) : undefined;
  }

  /** The reason a key was refused, if it was: only the message is kept, not the error and its stack. */
  refusal(token: string): GraphQLError | undefined {
    const reason = this.refused.get(tokenHash(token));
    return reason === undefined ? undefined : unauthenticated(reason);
  }

  rememberRefusal(token: string, error: GraphQLError): void {
    this.refused.set(tokenHash(token), error.message);
  }

  remember(token: string, holder: KeyHolder): void {
    const validForMs = holder.expiresAt.getTime() - this.clock.now();
    if (!this.enabled || validForMs <= 0) return;
    this.holders.set(tokenHash(token), holder, { ttl: Math.min(this.seconds * 1000, validForMs) });
  }
}

const tokenHash = (token: string): string => createHash('sha256').update(token.trim()).digest('base64url');
