import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the columns the CCG's loaders and searches look rows up by
 * (`src/sources/ccg/`), so each batched `= ANY($1)` statement is an index lookup however
 * large the table grows, not a scan of it. Added for the England-size dataset.
 */
export class CcgLoaderKeyIndexes1732320000001 implements MigrationInterface {
  name = 'CcgLoaderKeyIndexes1732320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX commissioned_service_provider ON commissioned_service (provider_ods)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['commissioned_service_provider']) await q.query(`DROP INDEX ${index}`);
  }
}
