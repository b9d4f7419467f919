import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's record is written when it starts, as RUNNING, and completed when it ends: a load
 * that is interrupted or killed leaves a record saying so instead of none. A run killed
 * outright has no end time.
 */
export class IngestRunsRunning1740014000000 implements MigrationInterface {
  name = 'IngestRunsRunning1740014000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_status_check`);
    await q.query(`ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_status_check CHECK (status IN ('RUNNING','SUCCEEDED','FAILED'))`);
    await q.query(`ALTER TABLE ingest_run ALTER COLUMN finished_at DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ingest_run WHERE status = 'RUNNING'`);
    await q.query(`ALTER TABLE ingest_run ALTER COLUMN finished_at SET NOT NULL`);
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_status_check`);
    await q.query(`ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_status_check CHECK (status IN ('SUCCEEDED','FAILED'))`);
  }
}
