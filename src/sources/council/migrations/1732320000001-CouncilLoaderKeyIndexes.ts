import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the columns the council's loaders and searches look rows up by
 * (`src/sources/council/`), so each batched `= ANY($1)` statement is an index lookup however
 * large the table grows, not a scan of it. Added for the England-size dataset.
 */
export class CouncilLoaderKeyIndexes1732320000001 implements MigrationInterface {
  name = 'CouncilLoaderKeyIndexes1732320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX care_service_provider ON care_service (provider_code)`);
    await q.query(`CREATE INDEX property_owner ON property (owner_code)`);
    await q.query(`CREATE INDEX plan_strategy_partnership ON plan_strategy (partnership_code)`);
    await q.query(`CREATE INDEX engagement_activity_locality ON engagement_activity (locality_code)`);
    await q.query(`CREATE INDEX you_said_we_did_activity ON you_said_we_did (activity_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'care_service_provider',
      'property_owner',
      'plan_strategy_partnership',
      'engagement_activity_locality',
      'you_said_we_did_activity',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
