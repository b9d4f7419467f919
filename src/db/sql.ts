import type { SourceName } from '../config/config';
import type { Databases } from './databases';

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

export function sqlForRequest(databases: Databases, log: StatementLog): SqlBySource {
  const make = (source: SourceName): Sql => ({
    source,
    query: async <Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> => {
      log.record(source, text);
      return (await databases[source].query(text, [...params])) as Row[];
    },
  });
  return { hub: make('hub'), ccg: make('ccg'), council: make('council'), trust: make('trust') };
}
