import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows missing from a full extract are marked withdrawn, never deleted: history stays provable. */
export class TrustWithdrawnRows1732290000000 implements MigrationInterface {
  name = 'TrustWithdrawnRows1732290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE service_line ADD COLUMN withdrawn_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE service_line DROP COLUMN withdrawn_at`);
  }
}
