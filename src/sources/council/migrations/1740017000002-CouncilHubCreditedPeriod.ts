import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting period a document credits a community hub's opening to (or plans it in),
 * beside the real opening date.
 */
export class CouncilHubCreditedPeriod1740017000002 implements MigrationInterface {
  name = 'CouncilHubCreditedPeriod1740017000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community_hub ADD COLUMN credited_period text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community_hub DROP COLUMN credited_period`);
  }
}
