import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows missing from a full extract are marked withdrawn, never deleted: history stays provable. */
export class CcgWithdrawnRows1732290000000 implements MigrationInterface {
  name = 'CcgWithdrawnRows1732290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE practice ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE gp_hub ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE commissioned_service ADD COLUMN withdrawn_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE practice DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE gp_hub DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE commissioned_service DROP COLUMN withdrawn_at`);
  }
}
