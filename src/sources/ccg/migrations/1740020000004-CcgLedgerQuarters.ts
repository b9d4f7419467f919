import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLedgerQuarter, dropLedgerQuarter } from '../../shared/migrations/ledgerMonitoring';

/** Each ledger line's quarterly monitoring (migrations/shared/ledgerMonitoring.ts). */
export class CcgLedgerQuarters1740020000004 implements MigrationInterface {
  name = 'CcgLedgerQuarters1740020000004';
  up = (q: QueryRunner) => createLedgerQuarter(q);
  down = (q: QueryRunner) => dropLedgerQuarter(q).then(() => undefined);
}
