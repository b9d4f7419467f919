import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, manyByKey, oneByKey } from '../../loaders/batch';
import { measureLoaders } from '../shared/measures';
import type { CommissionedServiceRow, GpHubRow, PracticeRow } from './rows';

/** Loaders over the commissioner's primary-care system, keyed by its own identifiers. */
export function createCcgLoaders(sql: Sql) {
  const select =
    <R>(text: string) =>
    (keys: string[]) =>
      sql.query<R>(text, [keys]);
  return {
    /** Every practice's ODS code (for filters by organisation kind GP_PRACTICE). */
    allPracticeCodes: new DataLoader<'all', string[]>(
      async (keys) => {
        const rows = await sql.query<{ ods_code: string }>(`SELECT ods_code FROM practice WHERE withdrawn_at IS NULL`);
        return keys.map(() => rows.map((r) => r.ods_code));
      },
      { name: 'ccg.allPracticeCodes', ...batchOptions() },
    ),
    ...measureLoaders(sql),
    practiceByOds: oneByKey(
      'ccg.practiceByOds',
      select<PracticeRow>(`SELECT * FROM practice WHERE withdrawn_at IS NULL AND ods_code = ANY($1)`),
      (r) => r.ods_code,
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
