import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A record of every extract load: what, from which file, what it changed, who ran it. */
export class IngestRuns1732290000000 implements MigrationInterface {
  name = 'IngestRuns1732290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE ingest_run_seq`);
    await q.query(`
      CREATE TABLE ingest_run (
        id            text PRIMARY KEY DEFAULT 'run-' || lpad(nextval('ingest_run_seq')::text, 12, '0'),
        source        text NOT NULL CHECK (source IN ('hub','ccg','council','trust')),
        table_name    text NOT NULL,
        file_name     text NOT NULL,
        checksum      text NOT NULL,
        mode          text NOT NULL CHECK (mode IN ('DELTA','FULL')),
        skip_invalid  boolean NOT NULL,
        status        text NOT NULL CHECK (status IN ('SUCCEEDED','FAILED')),
        error         text,
        rows_read     integer NOT NULL,
        inserted      integer NOT NULL,
        updated       integer NOT NULL,
        unchanged     integer NOT NULL,
        withdrawn     integer NOT NULL,
        rejected      integer NOT NULL,
        completeness  numeric(7,6),
        validity      numeric(7,6),
        run_by        text NOT NULL,
        started_at    timestamptz NOT NULL,
        finished_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ingest_run_table ON ingest_run (source, table_name, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingest_run`);
    await q.query(`DROP SEQUENCE ingest_run_seq`);
  }
}
