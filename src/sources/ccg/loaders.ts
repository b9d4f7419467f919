import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, manyByKey, oneByKey, selectByKeys } from '../../loaders/batch';
import type { OrganisationKind } from '../../model/types';
import { measureLoaders } from '../shared/measures';
import { practiceToOrganisation } from './mapper';
import type { CommissionedServiceRow, GpHubRow, PracticeRow } from './rows';

/** Loaders over the commissioner's primary-care system, keyed by its own identifiers. */
export function createCcgLoaders(sql: Sql) {
  const select = selectByKeys(sql);
  return {
    /** Every practice's ODS code, under GP_PRACTICE (for filters by organisation kind); nothing under another kind. */
    practiceCodesOfKind: new DataLoader<OrganisationKind, string[]>(
      async (kinds) => {
        if (!kinds.includes('GP_PRACTICE')) return kinds.map(() => []);
        const rows = await sql.query<{ ods_code: string }>(`SELECT ods_code FROM practice WHERE withdrawn_at IS NULL`);
        return kinds.map((kind) => (kind === 'GP_PRACTICE' ? rows.map((r) => r.ods_code) : []));
      },
      { name: 'ccg.allPracticeCodes', ...batchOptions() },
    ),
    ...measureLoaders(sql),
    /** A practice as the organisation it is (src/model/types.ts). */
    practiceByOds: oneByKey(
      'ccg.practiceByOds',
      select(`SELECT * FROM practice WHERE withdrawn_at IS NULL AND ods_code = ANY($1)`, (r: PracticeRow) => practiceToOrganisation(r)),
      (o) => o.odsCode ?? '',
    ),
    gpHubByCode: oneByKey(
      'ccg.gpHubByCode',
      select<GpHubRow>(`SELECT * FROM gp_hub WHERE withdrawn_at IS NULL AND hub_code = ANY($1)`),
      (r) => r.hub_code,
    ),
    serviceByCode: oneByKey(
      'ccg.serviceByCode',
      select<CommissionedServiceRow>(`SELECT * FROM commissioned_service WHERE withdrawn_at IS NULL AND service_code = ANY($1)`),
      (r) => r.service_code,
    ),
    servicesByHub: manyByKey(
      'ccg.servicesByHub',
      select<CommissionedServiceRow>(`SELECT * FROM commissioned_service WHERE withdrawn_at IS NULL AND gp_hub_code = ANY($1)`),
      (r) => r.gp_hub_code ?? '',
    ),
  };
}

export type CcgLoaders = ReturnType<typeof createCcgLoaders>;
