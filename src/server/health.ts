import type { Request, Response } from 'express';
import { databaseOf, partnersOf, poolOf, sourceIdsOf, type Databases } from '../db/databases';
import { guardOf } from '../db/sourceGuard';
import { SourceUnavailableError } from './errors';

/**
 * `/health/live`: the process answers. `/health/ready`: each source probed once through its
 * guard (so an open circuit answers at once, and a probe after the cool-down closes it).
 * Not ready only when the hub's own registry is down: without a partner the hub still
 * answers, partially.
 */

export interface SourceHealth {
  kind: string;
  /** The organisations whose data the source holds, as configured (partner sources). */
  organisations?: readonly string[];
  /** `up` answered; `down` failed now; `open` failed repeatedly and is skipped until its cool-down ends. */
  state: 'up' | 'down' | 'open';
  latencyMs: number;
  reason?: string;
}

async function probe(databases: Databases, source: string): Promise<SourceHealth> {
  const database = databaseOf(databases, source);
  const guard = guardOf(database);
  const organisations = partnersOf(databases).find((p) => p.id === source)?.organisations;
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    await guard.run(() => poolOf(database).query({ text: 'SELECT 1', query_timeout: guard.limits.queryTimeoutMs } as never));
    return { kind: guard.kind, ...(organisations ? { organisations } : {}), state: 'up', latencyMs: latencyMs() };
  } catch (error) {
    const reason = error instanceof SourceUnavailableError ? error.reason : error instanceof Error ? error.message : String(error);
    const state = guard.status === 'closed' ? 'down' : 'open';
    return { kind: guard.kind, ...(organisations ? { organisations } : {}), state, latencyMs: latencyMs(), reason };
  }
}

export const live = (_req: Request, res: Response): void => {
  res.json({ status: 'live' });
};

export const ready =
  (databases: Databases) =>
  async (_req: Request, res: Response): Promise<void> => {
    const checked = await Promise.all(sourceIdsOf(databases).map(async (source) => [source, await probe(databases, source)] as const));
    const sources = Object.fromEntries(checked);
    const isReady = sources.hub?.state === 'up';
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'not ready', sources });
  };
