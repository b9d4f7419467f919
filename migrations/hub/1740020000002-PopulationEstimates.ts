import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Denominators by area, basis, date and cohort: resident populations (ONS mid-year
 * estimates) and GP-registered list sizes, each for an age band and sex ('ALL' where the
 * source gives only totals), so that every per-head figure can name what it divided by.
 */
export class PopulationEstimates1740020000002 implements MigrationInterface {
  name = 'PopulationEstimates1740020000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE population_estimate (
        area_code       text NOT NULL,
        area_kind       text NOT NULL CHECK (area_kind IN ('LSOA','WARD','LAD','PRACTICE')),
        basis           text NOT NULL CHECK (basis IN ('RESIDENT','GP_REGISTERED')),
        reference_date  date NOT NULL,
        age_band        text NOT NULL,
        sex             text NOT NULL,
        count           integer NOT NULL CHECK (count >= 0),
        source          text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (area_code, basis, reference_date, age_band, sex)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE population_estimate`);
  }
}
