import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ABANDONED: a run whose process ended without recording its end, found by the next start or
 * ingest because nobody holds its record's lock any more (src/ingestion/runLiveness.ts).
 * RUNNING records left by earlier versions, which held no lock, are found the same way.
 */
export class IngestRunsAbandoned1740060000001 implements MigrationInterface {
  name = 'IngestRunsAbandoned1740060000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_status_check`);
    await q.query(
      `ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_status_check CHECK (status IN ('RUNNING','SUCCEEDED','FAILED','ABANDONED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE ingest_run SET status = 'FAILED' WHERE status = 'ABANDONED'`);
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_status_check`);
    await q.query(`ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_status_check CHECK (status IN ('RUNNING','SUCCEEDED','FAILED'))`);
  }
}
