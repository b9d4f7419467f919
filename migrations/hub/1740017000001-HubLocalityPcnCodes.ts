import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The primary care network (ODS code) a locality corresponds to, where it does.
 */
export class HubLocalityPcnCodes1740017000001 implements MigrationInterface {
  name = 'HubLocalityPcnCodes1740017000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE locality ADD COLUMN pcn_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE locality DROP COLUMN pcn_code`);
  }
}
