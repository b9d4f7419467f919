import type { Sql } from '../../db/sql';
import { manyByKey, oneByKey, selectByKeys } from '../../loaders/batch';
import { measureLoaders } from '../shared/measures';
import { createEngagementLoaders } from './engagement';
import { wardToModel } from './mapper';
import { createPlanLoaders } from './planLoaders';
import type { CareServiceRow, CommunityHubRow, PropertyRow, WardRow } from './rows';

/** Loaders over the councils' registers, keyed by their own identifiers. */
export function createCouncilLoaders(sql: Sql) {
  const select = selectByKeys(sql);
  return {
    ...createPlanLoaders(sql),
    ...createEngagementLoaders(sql),
    ...measureLoaders(sql),
    /** A ward as the shared model's (src/model/types.ts): what every reader of it wants. */
    wardByGss: oneByKey(
      'council.wardByGss',
      async (keys) =>
        (await select<WardRow>(`SELECT * FROM ward WHERE withdrawn_at IS NULL AND gss_code = ANY($1)`)(keys)).map(wardToModel),
      (w) => w.gssCode,
    ),
    communityHubByRef: oneByKey(
      'council.communityHubByRef',
      select<CommunityHubRow>(`SELECT * FROM community_hub WHERE withdrawn_at IS NULL AND hub_ref = ANY($1)`),
      (r) => r.hub_ref,
    ),
    communityHubsByWard: manyByKey(
      'council.communityHubsByWard',
      select<CommunityHubRow>(`SELECT * FROM community_hub WHERE withdrawn_at IS NULL AND ward_gss = ANY($1)`),
      (r) => r.ward_gss ?? '',
    ),
    // A hub its register places in no ward, with every ward of its council: placement puts it
    // in a locality only when that locality holds the council's whole area (Purbeck's planned hub).
    communityHubsWithoutWardByCouncil: manyByKey(
      'council.communityHubsWithoutWardByCouncil',
      select<CommunityHubRow & { council_wards: string[] }>(
        `SELECT h.*, ARRAY(SELECT w.gss_code FROM ward w WHERE w.withdrawn_at IS NULL AND w.lad_gss = h.council_gss) AS council_wards
           FROM community_hub h WHERE h.withdrawn_at IS NULL AND h.ward_gss IS NULL AND h.council_gss = ANY($1)`,
      ),
      (r) => r.council_gss,
    ),
    propertyByRef: oneByKey(
      'council.propertyByRef',
      select<PropertyRow>(`SELECT * FROM property WHERE withdrawn_at IS NULL AND asset_ref = ANY($1)`),
      (r) => r.asset_ref,
    ),
    propertiesByWard: manyByKey(
      'council.propertiesByWard',
      select<PropertyRow>(`SELECT * FROM property WHERE withdrawn_at IS NULL AND ward_gss = ANY($1)`),
      (r) => r.ward_gss ?? '',
    ),
    careServiceByRef: oneByKey(
      'council.careServiceByRef',
      select<CareServiceRow>(`SELECT * FROM care_service WHERE withdrawn_at IS NULL AND service_ref = ANY($1)`),
      (r) => r.service_ref,
    ),
    careServicesByHub: manyByKey(
      'council.careServicesByHub',
      select<CareServiceRow>(`SELECT * FROM care_service WHERE withdrawn_at IS NULL AND hub_ref = ANY($1)`),
      (r) => r.hub_ref ?? '',
    ),
    careServicesByWard: manyByKey(
      'council.careServicesByWard',
      select<CareServiceRow>(`SELECT * FROM care_service WHERE withdrawn_at IS NULL AND ward_gss = ANY($1)`),
      (r) => r.ward_gss ?? '',
    ),
  };
}

export type CouncilLoaders = ReturnType<typeof createCouncilLoaders>;
