import type { Sql, SqlBySource } from '../db/sql';
import { createEntityLoaders, type EntityLoaders } from '../model/entities';
import { createRelationLoaders, type RelationLoaders } from '../model/relations';
import { createSearchLoaders } from '../model/search';
import { NO_SOURCE_OFFERS, type CapabilityLoaders, type CapabilityName } from '../sources/capabilities';
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
  /** The indicator measurements of every source of a kind, merged. */
  measuresOf(kindId: string): MeasureLoaders;
  /** A capability's loaders over every configured source that offers it, merged (src/sources/capabilities.ts). */
  across<N extends CapabilityName>(capability: N): CapabilityLoaders[N];
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
  readonly #measures = new Map<string, MeasureLoaders>();
  readonly #across = new Map<CapabilityName, object>();
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

  across<N extends CapabilityName>(capability: N): CapabilityLoaders[N] {
    let made = this.#across.get(capability);
    if (!made) {
      const sources = this.partners.flatMap((p) => {
        const offered = p.adapter[capability];
        return offered ? [offered.loaders(this) as CapabilityLoaders[N]] : [];
      });
      this.#across.set(capability, (made = sources.length === 0 ? NO_SOURCE_OFFERS[capability]() : mergeLoaders(sources, sources[0]!)));
    }
    return made as CapabilityLoaders[N]; // made above for this capability
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
