import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the columns the trusts' loaders and searches look rows up by
 * (`src/sources/trust/`), so each batched `= ANY($1)` statement is an index lookup however
 * large the table grows, not a scan of it. Added for the England-size dataset.
 */
export class TrustLoaderKeyIndexes1732320000001 implements MigrationInterface {
  name = 'TrustLoaderKeyIndexes1732320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX service_line_trust ON service_line (trust_ods)`);
    await q.query(`CREATE INDEX site_trust ON site (trust_ods)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['service_line_trust', 'site_trust']) await q.query(`DROP INDEX ${index}`);
  }
}
