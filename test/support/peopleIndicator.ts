import type { Databases } from '../../src/db/databases';

/**
 * A fixture indicator that counts people, in FIX-A: 12 of 1000 in 2018/19 Q3 (shown to all)
 * and 3 of 1000 in Q4 (below the default threshold of 5, so withheld from the public).
 */
export async function addPeopleIndicator(databases: Databases): Promise<void> {
  await databases.hub.query(
    `INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published)
     VALUES ('fix-people', 'fix-outcome-hospital', 'Fixture people waiting', 'people', 'LOWER_IS_BETTER', 'council', 'FIX-PEOPLE', true, true)`,
  );
  await databases.council.query(
    `INSERT INTO indicator_value (indicator_code, area_code, period, value, numerator, denominator)
     VALUES ('FIX-PEOPLE', 'FIX-A', '2018/19 Q3', 12, 12, 1000), ('FIX-PEOPLE', 'FIX-A', '2018/19 Q4', 3, 3, 1000)`,
  );
}
