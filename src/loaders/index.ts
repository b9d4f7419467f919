import type { SqlBySource } from '../db/sql';
import { createEntityLoaders, type EntityLoaders } from '../model/entities';
import { createRelationLoaders, type RelationLoaders } from '../model/relations';
import { createSearchLoaders } from '../model/search';
import { createCcgLoaders, type CcgLoaders } from '../sources/ccg/loaders';
import { createCouncilLoaders, type CouncilLoaders } from '../sources/council/loaders';
import { createHubLoaders, type HubLoaders } from '../sources/hub/loaders';
import { createTrustLoaders, type TrustLoaders } from '../sources/trust/loaders';

/** Every source's loaders, keyed by that source's own identifiers. */
export interface SourceLoaders {
  readonly hub: HubLoaders;
  readonly ccg: CcgLoaders;
  readonly council: CouncilLoaders;
  readonly trust: TrustLoaders;
}

/**
 * The one home of every loader, made once per request so nothing cached outlives the
 * caller who asked. Each group is built on first use: built eagerly, a request would pay
 * for about a hundred DataLoaders, and most requests (an organisation, a fund) touch one
 * or two groups.
 */
export class Loaders implements SourceLoaders {
  #hub?: HubLoaders;
  #ccg?: CcgLoaders;
  #council?: CouncilLoaders;
  #trust?: TrustLoaders;
  #entities?: EntityLoaders;
  #relations?: RelationLoaders;
  #search?: ReturnType<typeof createSearchLoaders>;

  constructor(private readonly sql: SqlBySource) {}

  get hub(): HubLoaders {
    return (this.#hub ??= createHubLoaders(this.sql.hub));
  }
  get ccg(): CcgLoaders {
    return (this.#ccg ??= createCcgLoaders(this.sql.ccg));
  }
  get council(): CouncilLoaders {
    return (this.#council ??= createCouncilLoaders(this.sql.council));
  }
  get trust(): TrustLoaders {
    return (this.#trust ??= createTrustLoaders(this.sql.trust));
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

export function createLoaders(sql: SqlBySource): Loaders {
  return new Loaders(sql);
}
