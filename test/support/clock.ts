import type { Clock } from '../../src/clock';

/**
 * A clock that stands still until a test moves it: it starts at the system's time (so key
 * expiry dates from PostgreSQL compare sensibly) and then changes only by `advance`, so a
 * lifetime ends exactly when the test says, however slowly the machine runs.
 */
export class TestClock implements Clock {
  private current = Date.now();

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * For code that reads `Date.now()` itself (express-rate-limit, cockatiel's circuit breaker):
 * the date stands still at `at`, and moves only by `jest.setSystemTime`, while timers,
 * sockets and PostgreSQL run as ever. Undo with `jest.useRealTimers()`.
 */
export function freezeDate(at: number): void {
  jest.useFakeTimers({
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
    now: at,
  });
}
