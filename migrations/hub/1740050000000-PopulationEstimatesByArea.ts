import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resident estimates by age and sex for counties, English regions and England as well as
 * districts (ONS mid-year estimates, MYE2): the comparators a figure is set beside.
 */
export class PopulationEstimatesByArea1740050000000 implements MigrationInterface {
  name = 'PopulationEstimatesByArea1740050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE population_estimate DROP CONSTRAINT population_estimate_area_kind_check`);
    await q.query(`ALTER TABLE population_estimate ADD CONSTRAINT population_estimate_area_kind_check
                     CHECK (area_kind IN ('LSOA','WARD','LAD','PRACTICE','COUNTY','REGION','COUNTRY'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM population_estimate WHERE area_kind IN ('COUNTY','REGION','COUNTRY')`);
    await q.query(`ALTER TABLE population_estimate DROP CONSTRAINT population_estimate_area_kind_check`);
    await q.query(`ALTER TABLE population_estimate ADD CONSTRAINT population_estimate_area_kind_check
                     CHECK (area_kind IN ('LSOA','WARD','LAD','PRACTICE'))`);
  }
}
