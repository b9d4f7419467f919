import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the columns the hub registry's loaders and searches look rows up by
 * (`src/sources/hub/`), so each batched `= ANY($1)` statement is an index lookup however
 * large the table grows, not a scan of it. Added for the England-size dataset.
 */
export class HubLoaderKeyIndexes1732320000001 implements MigrationInterface {
  name = 'HubLoaderKeyIndexes1732320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX locality_partnership ON locality (partnership_id)`);
    await q.query(`CREATE INDEX outcome_domain_partnership ON outcome_domain (partnership_id)`);
    await q.query(`CREATE INDEX outcome_domain_of_outcome ON outcome (domain_id)`);
    await q.query(`CREATE INDEX indicator_outcome ON indicator (outcome_id)`);
    await q.query(`CREATE INDEX fund_partnership ON fund (partnership_id)`);
    await q.query(`CREATE INDEX scheme_fund ON scheme (fund_id)`);
    await q.query(`CREATE INDEX partner_organisation_kind ON partner_organisation (kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'locality_partnership',
      'outcome_domain_partnership',
      'outcome_domain_of_outcome',
      'indicator_outcome',
      'fund_partnership',
      'scheme_fund',
      'partner_organisation_kind',
    ])
      await q.query(`DROP INDEX ${index}`);
  }
}
