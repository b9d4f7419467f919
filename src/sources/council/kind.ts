import { keepSource } from '../../db/rowSource';
import { ESTATE_STATUS } from '../../ingestion/tables';
import type { SourceLoaders } from '../../loaders';
import { loadFlat, loadPresent } from '../../loaders/batch';
import { keysAt, recordTable, serviceSearch } from '../adapter';
import { pagedTable, type EngagementLoaders, type HeldPlans, type PlanLoaders } from '../capabilities';
import { defineSourceKind } from '../kind';
import { createCouncilLoaders, type CouncilLoaders } from './loaders';
import { careServiceToRecord, communityHubToRecord, COUNCIL_KIND, COUNCIL_TABLES, propertyToRecord } from './mapper';
import { migrations } from './migrations';
import { RAG_LETTERS, toActionStatus, toPlan } from './planMapper';
import type { ActionStatusRow, StrategyRow } from './planRows';
import type { CommunityHubRow } from './rows';
import { pageCareServices, searchCareServices, searchProperties } from './search';
import { TABLES } from './tables';

/**
 * Hubs a council records with no ward (planned, location not yet chosen) that belong to an
 * area made of these wards: their council's wards all lie in it. A council split between
 * several localities places such a hub in none of them rather than guess.
 */
async function hubsOfWholeCouncils(council: CouncilLoaders, wards: readonly string[]): Promise<CommunityHubRow[]> {
  const councils = [...new Set((await loadPresent(council.wardByGss, wards)).map((w) => w.localAuthorityGssCode))];
  const here = new Set(wards);
  return (await loadFlat(council.communityHubsWithoutWardByCouncil, councils))
    .filter((hub) => hub.council_wards.length > 0 && hub.council_wards.every((ward) => here.has(ward)))
    .map((row) => {
      const { council_wards: _wards, ...hub } = row;
      return keepSource(row, hub);
    });
}

/** The plan tracker's loaders as the shared model's plans capability names them. */
const planLoaders = (council: CouncilLoaders): PlanLoaders => ({
  planByRef: council.strategyByRef,
  plansByPartnership: council.strategiesByPartnership,
  objectiveByRef: council.objectiveByRef,
  objectivesByPlan: council.objectivesByStrategy,
  ambitionsByObjective: council.ambitionsByObjective,
  actionByRef: council.actionByRef,
  actionsByObjective: council.actionsByObjective,
  actionsByPlan: council.actionsByStrategy,
  statusesByAction: council.statusesByAction,
  leadCodesWithRag: council.leadCodesWithRag,
});

const engagementLoaders = (council: CouncilLoaders): EngagementLoaders => ({
  activityByRef: council.activityByRef,
  activitiesByLocality: council.activitiesByLocality,
  feedbackByRef: council.feedbackByRef,
  feedbackByActivity: council.feedbackByActivity,
  allActivities: council.allActivities,
});

/** The delivery-plan tracker: the root list pages `plan_strategy`; a RAG is kept as its letter. */
const plans = (own: (loaders: SourceLoaders) => CouncilLoaders): HeldPlans => ({
  loaders: (l) => planLoaders(own(l)),
  list: pagedTable({ from: 'plan_strategy', key: 'strategy_ref', where: 'withdrawn_at IS NULL' }, (row: StrategyRow) => toPlan(row)),
  statusWrite: {
    table: 'action_status',
    key: (actionRef, period) => ({ action_ref: actionRef, period }),
    values: (rag, comment) => ({ rag: RAG_LETTERS[rag], comment }),
    toModel: (row) => toActionStatus(row as ActionStatusRow), // the row written to action_status, read back whole
  },
});

/** A council's registers: wards, public estate, community hubs, care services, delivery plans and engagement, placed by ward. */
export const councilRegisters = defineSourceKind({
  id: COUNCIL_KIND,
  description: "a council's registers (wards, property, community hubs, care services, plans, engagement)",
  migrations,
  tables: TABLES,
  organisationKinds: ['COUNCIL'],
  measures: true,
  createLoaders: createCouncilLoaders,
  adapter: (source, own: (loaders: SourceLoaders) => CouncilLoaders) => {
    const properties = recordTable(source, {
      kind: 'ESTATE',
      table: COUNCIL_TABLES.property,
      key: 'asset_ref',
      // A council's property register records ownership; a trust's site list records the
      // trust that runs the site. Where both know a building, the register's owner wins.
      authorityFor: ['ownerName', 'ownerCode'],
      loaderOf: (l) => own(l).propertyByRef,
      map: propertyToRecord,
    });
    const communityHubs = recordTable(source, {
      kind: 'HUB',
      table: COUNCIL_TABLES.communityHub,
      key: 'hub_ref',
      loaderOf: (l) => own(l).communityHubByRef,
      map: communityHubToRecord,
    });
    const careServices = recordTable(source, {
      kind: 'SERVICE',
      table: COUNCIL_TABLES.careService,
      key: 'service_ref',
      loaderOf: (l) => own(l).careServiceByRef,
      map: careServiceToRecord,
    });
    return {
      source,
      records: [properties, communityHubs, careServices],
      placement: {
        ESTATE: async ({ loaders, wards }) => properties.refs(loaders, await loadFlat(own(loaders).propertiesByWard, wards)),
        HUB: async ({ loaders, wards }) => {
          const [inWards, wholeArea] = await Promise.all([
            loadFlat(own(loaders).communityHubsByWard, wards),
            hubsOfWholeCouncils(own(loaders), wards),
          ]);
          return communityHubs.refs(loaders, [...inWards, ...wholeArea]);
        },
        SERVICE: async ({ loaders, wards }) => careServices.refs(loaders, await loadFlat(own(loaders).careServicesByWard, wards)),
      },
      servicesAt: async (loaders, places) =>
        careServices.refs(loaders, await loadFlat(own(loaders).careServicesByHub, keysAt(places, source, COUNCIL_TABLES.communityHub))),
      serviceSearch: serviceSearch(careServices, searchCareServices, pageCareServices),
      estateSearch: { search: async (sql, loaders, criteria) => properties.refs(loaders, await searchProperties(sql, criteria)) },
      ledger: true,
      measures: own,
      areas: { loaders: (l) => ({ wardByGss: own(l).wardByGss }) },
      plans: plans(own),
      engagement: { loaders: (l) => engagementLoaders(own(l)) },
      estateWrites: {
        records: properties,
        register: 'A council property register',
        statuses: ESTATE_STATUS,
        proposedReuseColumn: 'proposed_reuse',
        holderOf: async (l, key) => (await own(l).propertyByRef.load(key))?.council_gss ?? null,
      },
    };
  },
});
