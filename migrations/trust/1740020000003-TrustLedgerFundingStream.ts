import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which Better Care Fund funding stream a ledger line is: the stream a contribution pays in
 * (the NHS minimum contribution, iBCF, DFG, winter pressures, additional contributions), and
 * the stream an allocation is paid from, as the BCF planning template records both.
 */
export class TrustLedgerFundingStream1740020000003 implements MigrationInterface {
  name = 'TrustLedgerFundingStream1740020000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_line ADD COLUMN funding_stream text CHECK (funding_stream IN ('NHS_MINIMUM','IBCF','DFG','WINTER_PRESSURES','LA_ADDITIONAL','NHS_ADDITIONAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_line DROP COLUMN funding_stream`);
  }
}
