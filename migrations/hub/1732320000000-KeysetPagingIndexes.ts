import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Root lists page in `id COLLATE "C"` order (src/resolvers/paging.ts), so the hub and
 * JavaScript agree on the order whatever the database's collation. The primary keys use
 * the database's collation and cannot serve that order: at England size a page of
 * `services` was a sequential scan and a sort of every SERVICE entity (docs/benchmarks.md).
 */
export class KeysetPagingIndexes1732320000000 implements MigrationInterface {
  name = 'KeysetPagingIndexes1732320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX shared_entity_kind_id_c ON shared_entity (kind, id COLLATE "C")`);
    await q.query(`CREATE INDEX locality_id_c ON locality (id COLLATE "C")`);
    await q.query(`CREATE INDEX partner_organisation_id_c ON partner_organisation (id COLLATE "C")`);
    await q.query(`CREATE INDEX partnership_id_c ON partnership (id COLLATE "C")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['shared_entity_kind_id_c', 'locality_id_c', 'partner_organisation_id_c', 'partnership_id_c']) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
