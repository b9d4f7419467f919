import type { Databases } from '../../src/db/databases';
import { ingestRows } from './testkit';

/**
 * A fixture indicator that counts people, in FIX-A: 12 of 1000 in 2018/19 Q3 (shown to all)
 * and 3 of 1000 in Q4 (below the default threshold of 5, so withheld from the public).
 */
export async function addPeopleIndicator(databases: Databases): Promise<void> {
  await ingestRows(databases, 'hub', 'indicator', [
    {
      id: 'fix-people',
      outcome_id: 'fix-outcome-hospital',
      name: 'Fixture people waiting',
      unit: 'people',
      polarity: 'LOWER_IS_BETTER',
      measured_by: 'council-registers',
      source_code: 'FIX-PEOPLE',
      counts_people: 'true',
      published: 'true',
    },
  ]);
  await ingestRows(databases, 'council', 'indicator_value', [
    { indicator_code: 'FIX-PEOPLE', area_code: 'FIX-A', period: '2018/19 Q3', value: '12', numerator: 12, denominator: 1000 },
    { indicator_code: 'FIX-PEOPLE', area_code: 'FIX-A', period: '2018/19 Q4', value: '3', numerator: 3, denominator: 1000 },
  ]);
}
