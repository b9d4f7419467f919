import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GP hub's own ODS code (its prescribing cost centre), and the reporting period a document
 * credits its opening to: a plan may report a hub under one year that ODS opens in the next.
 */
export class CcgGpHubCodes1740017000001 implements MigrationInterface {
  name = 'CcgGpHubCodes1740017000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gp_hub ADD COLUMN ods_code text, ADD COLUMN credited_period text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gp_hub DROP COLUMN credited_period, DROP COLUMN ods_code`);
  }
}
