import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows missing from a full extract are marked withdrawn, never deleted: history stays provable. */
export class CouncilWithdrawnRows1732290000000 implements MigrationInterface {
  name = 'CouncilWithdrawnRows1732290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ward ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE community_hub ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE property ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE care_service ADD COLUMN withdrawn_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ward DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE community_hub DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE property DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE care_service DROP COLUMN withdrawn_at`);
  }
}
