import type { SqlBySource } from '../db/sql';
import { createEntityLoaders } from '../model/entities';
import { createRelationLoaders } from '../model/relations';
import { createSearchLoaders } from '../model/search';
import { createCcgLoaders } from '../sources/ccg/loaders';
import { createCouncilLoaders } from '../sources/council/loaders';
import { createHubLoaders } from '../sources/hub/loaders';
import { createTrustLoaders } from '../sources/trust/loaders';

/**
 * The one factory for every loader, called once per request so nothing cached outlives the
 * caller who asked. Its return type is the loaders' type: adding a loader needs no
 * hand-edited interface.
 */
export function createSourceLoaders(sql: SqlBySource) {
  return {
    hub: createHubLoaders(sql.hub),
    ccg: createCcgLoaders(sql.ccg),
    council: createCouncilLoaders(sql.council),
    trust: createTrustLoaders(sql.trust),
  };
}

export type SourceLoaders = ReturnType<typeof createSourceLoaders>;

export function createLoaders(sql: SqlBySource) {
  const sources = createSourceLoaders(sql);
  const entities = createEntityLoaders(sources);
  return { ...sources, entities, relations: createRelationLoaders(sources, entities), search: createSearchLoaders(sources) };
}

export type Loaders = ReturnType<typeof createLoaders>;
