import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measurements and ledger lines may be generated for a demonstration.
 * True marks a row whose values were generated (the demo's invented figures), so the API can
 * say so; NULL (an extract without the column) and false mean the values are as recorded.
 */
export class CcgSyntheticFlags1740017000000 implements MigrationInterface {
  name = 'CcgSyntheticFlags1740017000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator_value ADD COLUMN synthetic boolean`);
    await q.query(`ALTER TABLE ledger_line ADD COLUMN synthetic boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_line DROP COLUMN synthetic`);
    await q.query(`ALTER TABLE indicator_value DROP COLUMN synthetic`);
  }
}
