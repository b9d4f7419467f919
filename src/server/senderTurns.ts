import { GraphQLError } from 'graphql';
import { metrics } from '../observability/metrics';
import { ErrorCode } from './errors';

/**
 * Costly operations take turns per sender. The cost limit refuses what no one may run; below
 * it, an operation costing more than `cost` is costly, and each sender (a key or token's
 * subject, or the address of an anonymous request) runs at most `perSender` of those at once,
 * with `queuePerSender` more waiting their turn. So a burst of costly queries delays its
 * sender alone: everyone else's requests, costly or not, never wait behind it.
 *
 * cockatiel's bulkhead (already a dependency) does not fit: a waiter that gave up keeps its
 * place in the queue until its turn comes, and one bulkhead per sender would need removing
 * when idle. This is the small part of it the hub needs.
 */
export interface SenderTurnLimits {
  /** Operations costing more than this are costly; 0 makes every operation costly. */
  cost: number;
  perSender: number;
  queuePerSender: number;
  /** How long a costly operation may wait for its turn before it is refused. */
  maxWaitMs: number;
}

interface Turns {
  running: number;
  waiting: (() => void)[];
}

export class SenderTurns {
  private readonly bySender = new Map<string, Turns>();

  constructor(readonly limits: SenderTurnLimits) {}

  /** Resolves with the function that ends the turn, once the sender may run; rejects when its queue is full or the wait is over. */
  take(sender: string): Promise<() => void> {
    const turns = this.bySender.get(sender) ?? { running: 0, waiting: [] };
    this.bySender.set(sender, turns);
    if (turns.running < this.limits.perSender) return Promise.resolve(this.start(sender, turns));
    if (turns.waiting.length >= this.limits.queuePerSender) return Promise.reject(this.refusal('queue'));
    metrics.costlyOperations.inc({ state: 'waiting' });
    return new Promise((resolve, reject) => {
      const startWaiting = () => {
        clearTimeout(timer);
        metrics.costlyOperations.dec({ state: 'waiting' });
        resolve(this.start(sender, turns));
      };
      const timer = setTimeout(() => {
        turns.waiting.splice(turns.waiting.indexOf(startWaiting), 1);
        metrics.costlyOperations.dec({ state: 'waiting' });
        reject(this.refusal('wait'));
      }, this.limits.maxWaitMs);
      turns.waiting.push(startWaiting);
    });
  }

  /** How many senders have costly operations running or waiting (idle senders are forgotten). */
  get senders(): number {
    return this.bySender.size;
  }

  private start(sender: string, turns: Turns): () => void {
    turns.running += 1;
    metrics.costlyOperations.inc({ state: 'running' });
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      turns.running -= 1;
      metrics.costlyOperations.dec({ state: 'running' });
      const next = turns.waiting.shift();
      if (next) next();
      else if (turns.running === 0) this.bySender.delete(sender);
    };
  }

  private refusal(why: 'queue' | 'wait'): GraphQLError {
    const { cost, perSender, queuePerSender, maxWaitMs } = this.limits;
    const reason =
      why === 'queue'
        ? `you have ${perSender} costly operations running and ${queuePerSender} waiting`
        : `it waited ${maxWaitMs / 1000} s behind your other costly operations`;
    return new GraphQLError(
      `This operation costs more than ${cost} and was not started: ${reason}. ` +
        'Wait for them to finish, or ask for smaller pages (`first`) or fewer nested lists.',
      {
        extensions: {
          code: ErrorCode.CONCURRENCY_LIMITED,
          http: { status: 429, headers: new Map([['retry-after', '5']]) },
        },
      },
    );
  }
}
