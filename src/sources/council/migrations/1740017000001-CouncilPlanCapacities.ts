import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A capacity an action's comments count (e.g. 12 interim beds, 9 local area coordinators),
 * as a number with its unit and the words it is read from.
 */
export class CouncilPlanCapacities1740017000001 implements MigrationInterface {
  name = 'CouncilPlanCapacities1740017000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_action ADD COLUMN capacity integer, ADD COLUMN capacity_unit text, ADD COLUMN capacity_quote text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_action DROP COLUMN capacity_quote, DROP COLUMN capacity_unit, DROP COLUMN capacity`);
  }
}
