import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheme as a Better Care Fund return classifies it: its scheme type and area of spend,
 * and whether that classification is the hub's own (synthetic) rather than a document's.
 */
export class SchemeClassification1740020000003 implements MigrationInterface {
  name = 'SchemeClassification1740020000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scheme
        ADD COLUMN scheme_type text,
        ADD COLUMN area_of_spend text CHECK (area_of_spend IN ('SOCIAL_CARE','COMMUNITY_HEALTH','ACUTE','PRIMARY_CARE','MENTAL_HEALTH','OTHER')),
        ADD COLUMN classification_synthetic boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scheme DROP COLUMN scheme_type, DROP COLUMN area_of_spend, DROP COLUMN classification_synthetic`);
  }
}
