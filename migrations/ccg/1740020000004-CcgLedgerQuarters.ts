import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ledger line's quarterly monitoring, as Better Care Fund quarterly returns report it: the
 * spend to date and the forecast outturn for the year, at the end of each quarter.
 */
export class CcgLedgerQuarters1740020000004 implements MigrationInterface {
  name = 'CcgLedgerQuarters1740020000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ledger_quarter (
        line_ref          text NOT NULL REFERENCES ledger_line(line_ref),
        quarter           text NOT NULL CHECK (quarter ~ '^[0-9]{4}/[0-9]{2} Q[1-4]$'),
        actual_to_date    numeric(14,2) NOT NULL,
        forecast_outturn  numeric(14,2) NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        withdrawn_at      timestamptz,
        PRIMARY KEY (line_ref, quarter)
      )`);
    await q.query(`CREATE INDEX ledger_quarter_quarter ON ledger_quarter (quarter)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_quarter`);
  }
}
