import type { RequestHandler } from 'express';
import { getHeapStatistics } from 'node:v8';
import { ErrorCode } from './errors';

/**
 * Admission by memory. A page of 100 localities builds thousands of entities and holds
 * about 100 MB of heap while it runs; several at once drove the hub past 700 MB
 * (docs/benchmarks.md). Once the heap in use passes the budget, a new request waits until
 * one in flight has finished, so heavy requests stop piling up on each other and on the
 * light ones. Light traffic never waits: the heap stays under the budget. One request is
 * always admitted, so a request larger than the budget still runs, alone. It bounds how
 * many heavy requests overlap, not RSS itself: V8 commits heap ahead of use, and RSS
 * still peaks when the heap dips under the budget just as two pages are admitted.
 *
 * Neither a concurrency limit nor a cost limit would do: the cost of a request depends on
 * the data it finds, not on its text (by query cost the one-locality dashboard outweighs
 * the 100-locality page), and a fixed limit low enough for the pages would starve the
 * dashboards of the concurrency they need to keep two cores busy.
 */

export interface AdmissionOptions {
  /** Heap in use (bytes) above which new requests wait; 0 admits every request at once. */
  heapBudgetBytes: number;
  /** How long a request may wait before it is answered 503; its client may try again. */
  maxWaitMs: number;
  /** Heap in use now (bytes), V8's figure by default (replaceable in tests). */
  heapUsed?: () => number;
}

interface Waiter {
  admit: () => void;
}

export class AdmissionGate {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private readonly heapUsed: () => number;

  constructor(
    private readonly heapBudgetBytes: number,
    heapUsed?: () => number,
  ) {
    this.heapUsed = heapUsed ?? (() => getHeapStatistics().used_heap_size);
  }

  get queued(): number {
    return this.waiting.length;
  }

  private hasRoom(): boolean {
    return this.inFlight === 0 || this.heapBudgetBytes === 0 || this.heapUsed() < this.heapBudgetBytes;
  }

  /** Resolves when the request may run; `abandon` takes it out of the queue (client gone, or waited too long). */
  enter(): { admitted: Promise<void>; abandon: () => void } {
    if (this.waiting.length === 0 && this.hasRoom()) {
      this.inFlight += 1;
      return { admitted: Promise.resolve(), abandon: () => undefined };
    }
    let waiter!: Waiter;
    const admitted = new Promise<void>((resolve) => {
      waiter = { admit: resolve };
    });
    this.waiting.push(waiter);
    const abandon = () => {
      const at = this.waiting.indexOf(waiter);
      if (at !== -1) this.waiting.splice(at, 1);
    };
    return { admitted, abandon };
  }

  /** One leaves, at most one enters: admitting the whole queue at once when the heap dips would let a burst of heavy requests in together. */
  leave(): void {
    this.inFlight -= 1;
    if (this.waiting.length > 0 && this.hasRoom()) {
      this.inFlight += 1;
      this.waiting.shift()!.admit();
    }
  }
}

/** Express middleware: each request passes the gate before its body is read and leaves it when its response is done. */
export function admission(options: AdmissionOptions): RequestHandler {
  const gate = new AdmissionGate(options.heapBudgetBytes, options.heapUsed);
  return (_req, res, next) => {
    const { admitted, abandon } = gate.enter();
    let state: 'waiting' | 'running' | 'gone' = 'waiting';
    const timer = setTimeout(() => {
      if (state !== 'waiting') return;
      state = 'gone';
      abandon();
      res
        .status(503)
        .set('retry-after', '5')
        .json({
          errors: [
            {
              message: `The hub is busy: this request waited ${options.maxWaitMs / 1000} s for memory to run in. Try again shortly.`,
              extensions: { code: ErrorCode.SERVER_BUSY },
            },
          ],
        });
    }, options.maxWaitMs);
    res.once('close', () => {
      clearTimeout(timer);
      if (state === 'running') gate.leave();
      else if (state === 'waiting') abandon();
      state = 'gone';
    });
    void admitted.then(() => {
      clearTimeout(timer);
      if (state === 'gone') {
        gate.leave(); // admitted just as its client went away
        return;
      }
      state = 'running';
      next();
    });
  };
}
