import type { QueryRunner } from 'typeorm';

/**
 * The same ledger change in every partner source (each keeps its ledger in one shape), written
 * once: each source's migration runs it in its own database.
 */

/** Which Better Care Fund funding stream a line pays in (a contribution) or is paid from (an allocation). */
export const addFundingStream = (q: QueryRunner) =>
  q.query(`ALTER TABLE ledger_line ADD COLUMN funding_stream text
             CHECK (funding_stream IN ('NHS_MINIMUM','IBCF','DFG','WINTER_PRESSURES','LA_ADDITIONAL','NHS_ADDITIONAL'))`);
export const dropFundingStream = (q: QueryRunner) => q.query(`ALTER TABLE ledger_line DROP COLUMN funding_stream`);

/** A line's quarterly monitoring, as BCF quarterly returns report it: spend to date and forecast outturn. */
export async function createLedgerQuarter(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE ledger_quarter (
      line_ref          text NOT NULL REFERENCES ledger_line(line_ref),
      quarter           text NOT NULL CHECK (quarter ~ '^[0-9]{4}/[0-9]{2} Q[1-4]$'),
      actual_to_date    numeric(14,2) NOT NULL,
      forecast_outturn  numeric(14,2) NOT NULL,
      synthetic         boolean,
      updated_at        timestamptz NOT NULL DEFAULT now(),
      withdrawn_at      timestamptz,
      PRIMARY KEY (line_ref, quarter)
    )`);
  await q.query(`CREATE INDEX ledger_quarter_quarter ON ledger_quarter (quarter)`);
}
export const dropLedgerQuarter = (q: QueryRunner) => q.query(`DROP TABLE ledger_quarter`);
