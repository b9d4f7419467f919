import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addPublicStatus, dropPublicStatus } from '../../shared/migrations/publicStatus';

/** A site's last public status, beside a disposal status shared by agreement only (src/sources/shared/migrations/publicStatus.ts). */
export class TrustPublicStatus1740050000000 implements MigrationInterface {
  name = 'TrustPublicStatus1740050000000';

  async up(q: QueryRunner): Promise<void> {
    await addPublicStatus(q, 'site');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropPublicStatus(q, 'site');
  }
}
