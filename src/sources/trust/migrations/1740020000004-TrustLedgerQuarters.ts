import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLedgerQuarter, dropLedgerQuarter } from '../../shared/migrations/ledgerMonitoring';

/** Each ledger line's quarterly monitoring (migrations/shared/ledgerMonitoring.ts). */
export class TrustLedgerQuarters1740020000004 implements MigrationInterface {
  name = 'TrustLedgerQuarters1740020000004';
  up = (q: QueryRunner) => createLedgerQuarter(q);
  down = (q: QueryRunner) => dropLedgerQuarter(q).then(() => undefined);
}
