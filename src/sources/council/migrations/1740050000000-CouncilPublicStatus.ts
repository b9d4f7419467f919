import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addPublicStatus, dropPublicStatus } from '../../shared/migrations/publicStatus';

/** A property's last public status, beside a disposal status shared by agreement only (src/sources/shared/migrations/publicStatus.ts). */
export class CouncilPublicStatus1740050000000 implements MigrationInterface {
  name = 'CouncilPublicStatus1740050000000';

  async up(q: QueryRunner): Promise<void> {
    await addPublicStatus(q, 'property');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropPublicStatus(q, 'property');
  }
}
