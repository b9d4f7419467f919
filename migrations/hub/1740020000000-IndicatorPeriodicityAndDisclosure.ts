import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an indicator declares about its numbers: the period its values are measured over
 * (latest/previous and trends compare like with like), and its own disclosure control (a
 * small-number threshold and a rounding base, where the information-governance lead set
 * them; null falls back to the hub's policy).
 */
export class IndicatorPeriodicityAndDisclosure1740020000000 implements MigrationInterface {
  name = 'IndicatorPeriodicityAndDisclosure1740020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE indicator
        ADD COLUMN periodicity text CHECK (periodicity IN ('MONTH','QUARTER','YEAR')),
        ADD COLUMN suppression_threshold integer CHECK (suppression_threshold > 0),
        ADD COLUMN rounding_base integer CHECK (rounding_base > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE indicator
        DROP COLUMN periodicity, DROP COLUMN suppression_threshold, DROP COLUMN rounding_base`);
  }
}
