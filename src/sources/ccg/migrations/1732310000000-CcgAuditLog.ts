import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who changed what through the hub, kept in the same database as the data it changed, so
 * the change and its audit record commit together or not at all.
 */
export class CcgAuditLog1732310000000 implements MigrationInterface {
  name = 'CcgAuditLog1732310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at               timestamptz NOT NULL DEFAULT now(),
        actor            text NOT NULL,
        organisation_id  text,
        operation        text NOT NULL,
        table_name       text NOT NULL,
        row_key          text NOT NULL,
        before           jsonb,
        after            jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_row ON audit_log (table_name, row_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
