import type { Request, Response } from 'express';
import { SOURCE_NAMES, type SourceName } from '../config/config';
import { poolOf, type Databases } from '../db/databases';
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
  /** `up` answered; `down` failed now; `open` failed repeatedly and is skipped until its cool-down ends. */
  state: 'up' | 'down' | 'open';
  latencyMs: number;
  reason?: string;
}

async function probe(databases: Databases, source: SourceName): Promise<SourceHealth> {
  const guard = guardOf(databases[source], source);
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    await guard.run(() => poolOf(databases[source]).query({ text: 'SELECT 1', query_timeout: guard.limits.queryTimeoutMs } as never));
    return { kind: guard.kind, state: 'up', latencyMs: latencyMs() };
  } catch (error) {
    const reason = error instanceof SourceUnavailableError ? error.reason : error instanceof Error ? error.message : String(error);
    return { kind: guard.kind, state: guard.status === 'closed' ? 'down' : 'open', latencyMs: latencyMs(), reason };
  }
}

export const live = (_req: Request, res: Response): void => {
  res.json({ status: 'live' });
};

export const ready =
  (databases: Databases) =>
  async (_req: Request, res: Response): Promise<void> => {
    const checked = await Promise.all(SOURCE_NAMES.map(async (source) => [source, await probe(databases, source)] as const));
    const sources = Object.fromEntries(checked) as Record<SourceName, SourceHealth>;
    const isReady = sources.hub.state === 'up';
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'not ready', sources });
  };
