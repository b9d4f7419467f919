/**
 * The little the SQL floor needs of the hub's shared model, re-implemented by hand (no
 * hub code, no GraphQL): the crosswalk from partner rows to entities, the merge rule
 * (newest non-null value wins, ties in link order), global ids and sorted connections.
 * Rows come from the floor's own SQL as JSON objects.
 */

export type Source = 'ccg' | 'council' | 'trust';
export type Kind = 'ESTATE' | 'HUB' | 'SERVICE';

export interface FloorRecord {
  source: Source;
  table: string;
  key: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface Link {
  kind: Kind;
  entity: string;
  source: Source;
  table: string;
  key: string;
}

const rowKey = (source: string, table: string, key: string): string => `${source}|${table}|${key}`;

/** Rows the floor has read, by (source, table, key), tagged with where they came from. */
export class RecordIndex {
  private readonly rows = new Map<string, FloorRecord>();

  add(source: Source, table: string, rows: readonly Record<string, unknown>[]): FloorRecord[] {
    return rows.map((row) => {
      const record = { ...row, source, table } as FloorRecord;
      this.rows.set(rowKey(source, table, record.key), record);
      return record;
    });
  }

  get(link: Link): FloorRecord | undefined {
    return this.rows.get(rowKey(link.source, link.table, link.key));
  }
}

export class Crosswalk {
  private readonly entityByRow = new Map<string, string>();
  private readonly linksByEntity = new Map<string, Link[]>();
  /** Links whose row the floor did not read (the floor assumes an entity's rows are all in the area it read: see docs/benchmarks.md). */
  missing = 0;

  constructor(links: readonly Link[]) {
    for (const link of links) {
      this.entityByRow.set(`${link.kind}|${rowKey(link.source, link.table, link.key)}`, link.entity);
      const key = `${link.kind}|${link.entity}`;
      this.linksByEntity.set(key, [...(this.linksByEntity.get(key) ?? []), link]);
    }
  }

  /** The entities a set of rows belong to, deduplicated in first-seen order; unlinked rows are left out. */
  entityIds(kind: Kind, records: readonly FloorRecord[]): string[] {
    const ids = new Set<string>();
    for (const r of records) {
      const id = this.entityByRow.get(`${kind}|${rowKey(r.source, r.table, r.key)}`);
      if (id !== undefined) ids.add(id);
    }
    return [...ids];
  }

  /** An entity's rows in link order (source, table, key). */
  recordsOf(kind: Kind, entity: string, index: RecordIndex): FloorRecord[] {
    const records: FloorRecord[] = [];
    for (const link of this.linksByEntity.get(`${kind}|${entity}`) ?? []) {
      const record = index.get(link);
      if (record) records.push(record);
      else this.missing += 1;
    }
    return records;
  }
}

const newestFirst = (records: readonly FloorRecord[]): FloorRecord[] =>
  [...records].sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));

/** The merge rule: the most recently changed row with a value wins. */
export function pick<T = string>(records: readonly FloorRecord[], field: string): T | null {
  for (const record of newestFirst(records)) {
    const value = record[field];
    if (value !== null && value !== undefined) return value as T;
  }
  return null;
}

export const globalId = (type: string, id: string): string => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `{ totalCount, nodes }` of the first 100 items in sort-key order, as the hub pages in-memory lists. */
export function connection<T>(items: readonly T[], sortKey: (item: T) => string): { totalCount: number; nodes: T[] } {
  const sorted = [...items].sort((a, b) => byCodeUnit(sortKey(a), sortKey(b)));
  return { totalCount: sorted.length, nodes: sorted.slice(0, 100) };
}

/** Where a service row says it runs from: (source, table, key) of its hub or site. */
export function placeOf(record: FloorRecord): string | null {
  if (record.source === 'ccg' && typeof record.hub === 'string') return rowKey('ccg', 'gp_hub', record.hub);
  if (record.source === 'council' && typeof record.hub === 'string') return rowKey('council', 'community_hub', record.hub);
  if (record.source === 'trust' && typeof record.site === 'string') return rowKey('trust', 'site', record.site);
  return null;
}

export const recordRowKey = (record: FloorRecord): string => rowKey(record.source, record.table, record.key);
