import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The links that are not simply a record's own implicit entity (`source.table.key`, given
 * by the link step): explicit ones, which join records of several partners. An entity of
 * two or more records always has one, so a paged search can find every such entity by this
 * small index instead of scanning every link of the kind (src/sources/hub/loaders.ts).
 */
export class SharedEntityLinks1732330000000 implements MigrationInterface {
  name = 'SharedEntityLinks1732330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX source_link_shared ON source_link (kind, entity_id)
        WHERE entity_id <> source || '.' || native_table || '.' || native_key`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX source_link_shared`);
  }
}
