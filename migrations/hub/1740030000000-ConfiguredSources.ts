import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sources are configured (src/config/sources.ts), not fixed: a crosswalk link or ingest run
 * names any configured source's id, checked by `ingest` against the sources the hub runs
 * with. An indicator names the kind of system that measures it, not one source of it.
 */
export class ConfiguredSources1740030000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_link DROP CONSTRAINT IF EXISTS source_link_source_check`);
    await q.query(`ALTER TABLE source_link ADD CONSTRAINT source_link_source_id CHECK (source ~ '^[a-z][a-z0-9-]{0,62}$')`);
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT IF EXISTS ingest_run_source_check`);
    await q.query(`ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_source_id CHECK (source ~ '^[a-z][a-z0-9-]{0,62}$')`);
    await q.query(`ALTER TABLE indicator DROP CONSTRAINT IF EXISTS indicator_measured_by_check`);
    await q.query(
      `UPDATE indicator SET measured_by = CASE measured_by WHEN 'ccg' THEN 'ccg-primary-care'
                                                        WHEN 'council' THEN 'council-registers'
                                                        WHEN 'trust' THEN 'trust-sites' ELSE measured_by END`,
    );
    await q.query(`ALTER TABLE indicator ADD CONSTRAINT indicator_measured_by_kind CHECK (measured_by ~ '^[a-z][a-z0-9-]{0,62}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator DROP CONSTRAINT indicator_measured_by_kind`);
    await q.query(
      `UPDATE indicator SET measured_by = CASE measured_by WHEN 'ccg-primary-care' THEN 'ccg'
                                                        WHEN 'council-registers' THEN 'council'
                                                        WHEN 'trust-sites' THEN 'trust' ELSE measured_by END`,
    );
    await q.query(`ALTER TABLE indicator ADD CONSTRAINT indicator_measured_by_check CHECK (measured_by IN ('ccg','council','trust'))`);
    await q.query(`ALTER TABLE ingest_run DROP CONSTRAINT ingest_run_source_id`);
    await q.query(`ALTER TABLE ingest_run ADD CONSTRAINT ingest_run_source_check CHECK (source IN ('hub','ccg','council','trust'))`);
    await q.query(`ALTER TABLE source_link DROP CONSTRAINT source_link_source_id`);
    await q.query(`ALTER TABLE source_link ADD CONSTRAINT source_link_source_check CHECK (source IN ('ccg','council','trust'))`);
  }
}
