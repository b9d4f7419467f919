import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comparator values of an indicator (England's, a region's), from the reference data the
 * measure is published in: the figures an area's value is set beside, as Fingertips does.
 */
export class ComparatorValues1740050000001 implements MigrationInterface {
  name = 'ComparatorValues1740050000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comparator_value (
        indicator_id  text NOT NULL,
        area_code     text NOT NULL,
        area_name     text NOT NULL,
        period        text NOT NULL,
        value         numeric,
        numerator     integer,
        denominator   integer,
        source        text NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, area_code, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comparator_value`);
  }
}
