import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets, outcomes and indicators the registry holds may be generated for a demonstration.
 * True marks a row whose values were generated (the demo's invented figures), so the API can
 * say so; NULL (an extract without the column) and false mean the values are as recorded.
 */
export class HubSyntheticFlags1740017000000 implements MigrationInterface {
  name = 'HubSyntheticFlags1740017000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator_target ADD COLUMN synthetic boolean`);
    await q.query(`ALTER TABLE outcome ADD COLUMN synthetic boolean`);
    await q.query(`ALTER TABLE indicator ADD COLUMN synthetic boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator DROP COLUMN synthetic`);
    await q.query(`ALTER TABLE outcome DROP COLUMN synthetic`);
    await q.query(`ALTER TABLE indicator_target DROP COLUMN synthetic`);
  }
}
