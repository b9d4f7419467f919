import type { Sql, SqlBySource } from '../db/sql';
import { createEntityLoaders, type EntityLoaders } from '../model/entities';
import { createRelationLoaders, type RelationLoaders } from '../model/relations';
import { createSearchLoaders } from '../model/search';
import type { SourceKind } from '../sources/kind';
import type { PartnerSource } from '../sources/registry';
import { createHubLoaders, type HubLoaders } from '../sources/hub/loaders';
import { measureLoaders, type MeasureLoaders } from '../sources/shared/measures';
import { mergeLoaders } from './merge';

/** Every source's loaders, keyed by that source's own identifiers. */
export interface SourceLoaders {
  readonly hub: HubLoaders;
  /** The configured partner sources, in the order the sources file declares them. */
  readonly partners: readonly PartnerSource[];
  /** One partner source's loaders. */
  of<L extends object>(kind: SourceKind<L>, source: string): L;
  /** One kind's loaders over all its configured sources at once (src/loaders/merge.ts). */
  every<L extends object>(kind: SourceKind<L>): L;
  /** The indicator measurements of every source of a kind, merged. */
  measuresOf(kindId: string): MeasureLoaders;
}

/** A source handle for a kind no source is configured for: it reads nothing. */
const NO_SOURCE: Sql = { source: '(none)', query: () => Promise.resolve([]) };

/**
 * The one home of every loader, made once per request so nothing cached outlives the
 * caller who asked. Each group is built on first use: built eagerly, a request would pay
 * for about a hundred DataLoaders, and most requests (an organisation, a fund) touch one
 * or two groups.
 */
export class Loaders implements SourceLoaders {
  #hub?: HubLoaders;
  readonly #bySource = new Map<string, object>();
  readonly #byKind = new Map<string, object>();
  readonly #measures = new Map<string, MeasureLoaders>();
  #entities?: EntityLoaders;
  #relations?: RelationLoaders;
  #search?: ReturnType<typeof createSearchLoaders>;

  constructor(
    private readonly sql: SqlBySource,
    readonly partners: readonly PartnerSource[],
  ) {}

  get hub(): HubLoaders {
    return (this.#hub ??= createHubLoaders(this.sql.hub));
  }

  of<L extends object>(kind: SourceKind<L>, source: string): L {
    let made = this.#bySource.get(source);
    if (!made) {
      const sql = this.sql[source];
      if (!sql) throw new Error(`No source "${source}" is configured`);
      this.#bySource.set(source, (made = kind.createLoaders(sql)));
    }
    return made as L; // made above by this kind for this source: a source has one kind
  }

  every<L extends object>(kind: SourceKind<L>): L {
    let made = this.#byKind.get(kind.id);
    if (!made) {
      const sources = this.partners.filter((p) => p.kind.id === kind.id).map((p) => this.of(kind, p.id));
      this.#byKind.set(kind.id, (made = mergeLoaders(sources, sources[0] ?? kind.createLoaders(NO_SOURCE))));
    }
    return made as L; // merged from this kind's loaders
  }

  measuresOf(kindId: string): MeasureLoaders {
    let made = this.#measures.get(kindId);
    if (!made) {
      const sources = this.partners
        .filter((p) => p.kind.id === kindId)
        .flatMap((p) => (p.adapter.measures ? [p.adapter.measures(this)] : []));
      this.#measures.set(kindId, (made = mergeLoaders(sources, sources[0] ?? measureLoaders(NO_SOURCE))));
    }
    return made;
  }

  /** The shared model's entities, merged from every source's records. */
  get entities(): EntityLoaders {
    return (this.#entities ??= createEntityLoaders(this));
  }
  /** The shared model's relations, keyed by parent (see src/model/relations.ts). */
  get relations(): RelationLoaders {
    return (this.#relations ??= createRelationLoaders(this, this.entities));
  }
  /** Cross-source filters. */
  get search(): ReturnType<typeof createSearchLoaders> {
    return (this.#search ??= createSearchLoaders(this));
  }
}

export function createLoaders(sql: SqlBySource, partners: readonly PartnerSource[]): Loaders {
  return new Loaders(sql, partners);
}
