import type { Sql } from '../db/sql';
import type { TableSpec } from '../ingestion/tables';
import type { SourceLoaders } from '../loaders';
import type { OrganisationKind } from '../model/types';
import type { SourceAdapter } from './adapter';

/**
 * An adapter kind: everything the hub knows about one kind of partner system, declared in
 * the kind's own folder (`src/sources/<kind>/kind.ts`) and registered with one line in
 * src/sources/kinds.ts. A configured source (SOURCES_FILE) names a kind; the hub runs as many
 * sources of a kind as are configured, each on its own database, pool and circuit breaker.
 */
export interface SourceKind<L extends object = object> {
  /** The kind's id as the sources file names it, e.g. `council-registers`. */
  readonly id: string;
  /** What such a system is, for errors, /health/ready and docs. */
  readonly description: string;
  /** The schema of one such database, in order (TypeORM migration classes). */
  readonly migrations: readonly Function[];
  /** Every table an extract can load, in dependency order. */
  readonly tables: readonly TableSpec[];
  /** The kinds of organisation that run such a system: a partner of one of them writes through it. */
  readonly organisationKinds: readonly OrganisationKind[];
  /** Whether it keeps indicator measurements (`indicator_value`, src/sources/shared/measures.ts). */
  readonly measures: boolean;
  /** One request's loaders over one source of this kind, keyed by that source's own identifiers. */
  createLoaders(sql: Sql): L;
  /**
   * The shared model's view of one configured source of this kind: its record tables,
   * placement and pushed-down searches. `own` finds that source's loaders in a request's.
   */
  adapter(source: string, own: (loaders: SourceLoaders) => L): SourceAdapter;
}

/** Declares a kind; the loaders' type then flows from `createLoaders` to the adapter. */
export const defineSourceKind = <L extends object>(kind: SourceKind<L>): SourceKind<L> => kind;

/** The loaders type of a kind. */
export type LoadersOf<K> = K extends SourceKind<infer L> ? L : never;
