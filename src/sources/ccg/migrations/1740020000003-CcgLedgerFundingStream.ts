import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addFundingStream, dropFundingStream } from '../../shared/migrations/ledgerMonitoring';

/** Each ledger line's Better Care Fund funding stream (migrations/shared/ledgerMonitoring.ts). */
export class CcgLedgerFundingStream1740020000003 implements MigrationInterface {
  name = 'CcgLedgerFundingStream1740020000003';
  up = (q: QueryRunner) => addFundingStream(q).then(() => undefined);
  down = (q: QueryRunner) => dropFundingStream(q).then(() => undefined);
}
