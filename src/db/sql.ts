import { createHash } from 'node:crypto';
import type { SourceName } from '../config/config';
import { metrics } from '../observability/metrics';
import { traceStatement } from '../observability/tracing';
import { poolOf, type Databases } from './databases';

/**
 * Every SQL statement the hub sends goes through a `Sql` handle made for one request, so
 * the request can count its statements per source. The count must not grow with the rows
 * a request returns; tests and the benchmark read it.
 */

export interface Sql {
  readonly source: SourceName;
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface StatementRecord {
  source: SourceName;
  text: string;
}

export class StatementLog {
  readonly statements: StatementRecord[] = [];

  record(source: SourceName, text: string): void {
    this.statements.push({ source, text });
  }

  get total(): number {
    return this.statements.length;
  }

  countBySource(): Record<SourceName, number> {
    const counts: Record<SourceName, number> = { hub: 0, ccg: 0, council: 0, trust: 0 };
    for (const s of this.statements) counts[s.source] += 1;
    return counts;
  }
}

export type SqlBySource = Record<SourceName, Sql>;

/**
 * Reads are sent as named prepared statements, so each pooled connection parses and
 * analyses a statement's text once, not on every request (for a dashboard's statements,
 * about a quarter of PostgreSQL's CPU). The pools run with `plan_cache_mode` set to
 * `force_custom_plan` (see databases.ts), so every execution is still planned for its own
 * keys. Statement texts are fixed by the code (values always travel as parameters), so the
 * names, and what each connection keeps prepared, are a bounded set; past
 * `MAX_PREPARED_TEXTS` distinct texts a process stops naming new ones rather than grow.
 */
const MAX_PREPARED_TEXTS = 2_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known !== undefined || statementNames.size >= MAX_PREPARED_TEXTS) return known;
  const name = `hub_${createHash('sha1').update(text).digest('hex')}`;
  statementNames.set(text, name);
  return name;
}

export function sqlForRequest(databases: Databases, log: StatementLog): SqlBySource {
  const make = (source: SourceName): Sql => ({
    source,
    query: async <Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> => {
      log.record(source, text);
      metrics.statements.inc({ source });
      const timer = metrics.statementSeconds.startTimer({ source });
      try {
        const result = await traceStatement(log, source, () => poolOf(databases[source]).query({ name: statementName(text), text, values: [...params] }));
        return result.rows as Row[];
      } finally {
        timer();
      }
    },
  });
  return { hub: make('hub'), ccg: make('ccg'), council: make('council'), trust: make('trust') };
}
