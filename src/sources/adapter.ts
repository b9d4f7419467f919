import type DataLoader from 'dataloader';
import type { Sql } from '../db/sql';
import type { SortTuple } from '../graphql/connection';
import type { SourceLoaders } from '../loaders';
import { loadPresent } from '../loaders/batch';
import type { EstateCriteria, ServiceCriteria, ServiceHitRow } from '../model/search';
import type { EntityKind } from '../model/records';
import type { EstateRecord, HubRecord, NativeRef, ServiceRecord } from '../model/types';
import type { EngagementLoaders, EstateWrites, HeldOrganisations, HeldPlans, AreaLoaders } from './capabilities';
import type { ServicePageQuery, ServicePageRows } from './serviceSearch';
import type { MeasureLoaders } from './shared/measures';
import type { Placed, PostcodeArea } from './shared/postcodeArea';

/**
 * What the shared model needs to know about one configured partner source, made by its
 * kind (src/sources/kind.ts) for that source's id. Placement, entity assembly, search and
 * the crosswalk iterate over the configured sources' adapters; none of them names a kind.
 */

export type RecordOf<K extends EntityKind> = K extends 'ESTATE' ? EstateRecord : K extends 'HUB' ? HubRecord : ServiceRecord;

/** A table whose rows are records of a shared-model entity kind. */
export interface RecordTable<K extends EntityKind = EntityKind> {
  kind: K;
  table: string;
  /** The column holding the row's own key (the crosswalk's `native_key`). */
  keyColumn: string;
  /**
   * Set for a table placed by postcode: the column holding it. The link step keeps where
   * each row lies on its crosswalk link (src/crosswalk/link.ts), and placement reads it there.
   */
  postcodeColumn?: string;
  /** One row by its key through the source's batched loader, mapped to a record. */
  read(loaders: SourceLoaders, key: string): Promise<RecordOf<K> | null>;
}

/**
 * Merge precedence: the fields on which a table's records are the authority
 * (src/model/merge.ts). Where another record of the same entity also has a value, the
 * authority's wins over the newer one.
 */
export type AuthorityFor<K extends EntityKind> = readonly (keyof RecordOf<K> & string)[];

/** A record table with its row type known: it can also turn rows found otherwise into refs. */
export interface TypedRecordTable<K extends EntityKind, Row> extends RecordTable<K> {
  /** Primes the by-key loader with a row found by another statement; returns its key. */
  prime(loaders: SourceLoaders, row: Row): string;
  /** The refs of rows found by another statement (placement), each primed. */
  refs(loaders: SourceLoaders, rows: readonly Row[]): NativeRef[];
  /** The rows of the given keys through the by-key loader, those still present. */
  rowsOf(loaders: SourceLoaders, keys: readonly string[]): Promise<Row[]>;
}

/** A page of a source's service table in name order, as keys (each row primed in its loader). */
export interface KeyedServicePage extends Omit<ServicePageRows<unknown>, 'page' | 'odd'> {
  page: { key: string; tuple: SortTuple }[];
  odd: string[];
}

/** A source's service table searched in the source itself (src/sources/serviceSearch.ts). */
export interface ServiceSearch {
  table: string;
  /** The rows matching pushed-down criteria, in one statement. */
  search(sql: Sql, criteria: ServiceCriteria): Promise<ServiceHitRow[]>;
  /** A page in name order, in one statement; building its records then costs none. */
  page(sql: Sql, loaders: SourceLoaders, query: ServicePageQuery): Promise<KeyedServicePage>;
}

export function serviceSearch<Row>(
  records: TypedRecordTable<'SERVICE', Row>,
  search: (sql: Sql, criteria: ServiceCriteria) => Promise<ServiceHitRow[]>,
  page: (sql: Sql, query: ServicePageQuery) => Promise<ServicePageRows<Row>>,
): ServiceSearch {
  return {
    table: records.table,
    search,
    page: async (sql, loaders, query) => {
      const found = await page(sql, query);
      const prime = (row: Row) => records.prime(loaders, row);
      return { ...found, page: found.page.map((p) => ({ key: prime(p.row), tuple: p.tuple })), odd: found.odd.map(prime) };
    },
  };
}

/** What an adapter's placement gets: the request's loaders, the area, and the records placed there by postcode. */
export interface PlacementScope {
  loaders: SourceLoaders;
  wards: string[];
  /**
   * The live rows of one source's table placed by postcode (its `postcodeColumn`) in the
   * area's wards, as the link step placed them: one hub statement for every table and
   * parent, then the table's by-key loader (one `= ANY` statement per request step).
   */
  placed<K extends EntityKind, Row>(source: string, table: TypedRecordTable<K, Row>): Promise<Row[]>;
  /**
   * For rows placed by a postcode that is no crosswalk record's (a voluntary directory's
   * locations):
   * the rows of such a table in the area's wards: one hub statement for the wards'
   * postcodes and one partner statement per request step, however many wards (made once per
   * request and name: include the source id in the name).
   */
  byWard<R>(name: string, fetch: (area: PostcodeArea) => Promise<Placed<R>[]>): DataLoader<string, R[]>;
}

export interface SourceAdapter {
  /** The configured source's id. */
  source: string;
  records: readonly RecordTable[];
  /** The refs of this source's records of each kind in an area; each found row primes its by-key loader. */
  placement: Partial<Record<EntityKind, (scope: PlacementScope) => Promise<NativeRef[]>>>;
  /** The refs of this source's services run from the given records (of hubs or estates, any source's). */
  servicesAt?(loaders: SourceLoaders, places: readonly NativeRef[]): Promise<NativeRef[]>;
  /** Its service table's pushed-down search, if it has one. */
  serviceSearch?: ServiceSearch;
  /** Its estate records' pushed-down search, if it holds estate. */
  estateSearch?: EstateSearch;
  /** Whether it keeps a `ledger_line` table (src/model/budgets.ts): pooled-budget lines. */
  ledger?: boolean;
  /** Its indicator measurements, if it keeps them (src/sources/shared/measures.ts). */
  measures?: (loaders: SourceLoaders) => MeasureLoaders;
  // Capabilities (src/sources/capabilities.ts): what the system holds beside its records.
  /** Areas: the wards its register describes, with their populations. */
  areas?: { loaders(loaders: SourceLoaders): AreaLoaders };
  /** Organisations it holds that the hub's registry need not list. */
  organisations?: HeldOrganisations;
  /** Delivery plans and their actions' RAG, read and written. */
  plans?: HeldPlans;
  /** Engagement activities and "you said, we did" records. */
  engagement?: { loaders(loaders: SourceLoaders): EngagementLoaders };
  /** Its estate register, where partners change their entries' status. */
  estateWrites?: EstateWrites;
}

export interface EstateSearch {
  /** The refs of its estate records matching pushed-down criteria, in one statement, each primed. */
  search(sql: Sql, loaders: SourceLoaders, criteria: EstateCriteria): Promise<NativeRef[]>;
  /**
   * Whether services of the given providers run at the given estate records (any source's);
   * only a source that records where services run has it.
   */
  hosting?(loaders: SourceLoaders, estates: readonly NativeRef[], hostCodes: readonly string[]): Promise<boolean>;
}

/** The columns of a row type that hold text. */
type TextColumn<Row> = { [C in keyof Row]: Row[C] extends string ? C : never }[keyof Row] & string;

/** A record table of one source read through a by-key loader and a mapper. */
export function recordTable<K extends EntityKind, Row>(
  source: string,
  spec: {
    kind: K;
    table: string;
    /** The column of the row's own key. */
    key: TextColumn<Row>;
    /** The column of its postcode, for a table placed by postcode. */
    postcode?: keyof Row & string;
    /** The fields its records are the authority on, where several sources know an entity. */
    authorityFor?: AuthorityFor<K>;
    loaderOf: (loaders: SourceLoaders) => DataLoader<string, Row | null>;
    map: (row: Row) => RecordOf<K>;
  },
): TypedRecordTable<K, Row> {
  const { kind, table, key: keyColumn, postcode: postcodeColumn, authorityFor, loaderOf, map } = spec;
  // The mapper makes a new record per call: marking it is marking only this read's.
  const record = authorityFor ? (row: Row) => Object.assign(map(row), { authorityFor }) : map;
  const keyOf = (row: Row): string => row[keyColumn] as string;
  return {
    kind,
    table,
    keyColumn,
    ...(postcodeColumn ? { postcodeColumn } : {}),
    read: async (loaders, key) => {
      const row = await loaderOf(loaders).load(key);
      return row ? record(row) : null;
    },
    prime: (loaders, row) => {
      loaderOf(loaders).prime(keyOf(row), row);
      return keyOf(row);
    },
    refs: (loaders, rows) =>
      rows.map((row) => {
        loaderOf(loaders).prime(keyOf(row), row);
        return { source, table, key: keyOf(row) };
      }),
    rowsOf: (loaders, keys) => loadPresent(loaderOf(loaders), keys),
  };
}

/** The keys of the given places that are records of one table of one source. */
export const keysAt = (places: readonly NativeRef[], source: string, table: string): string[] =>
  places.filter((p) => p.source === source && p.table === table).map((p) => p.key);
