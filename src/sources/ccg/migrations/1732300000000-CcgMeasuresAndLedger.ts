import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * This partner's own measurements of indicators (by its own indicator code, per area:
 * a locality code, ward or local-authority GSS code) and its ledger of pooled-fund money.
 */
export class CcgMeasuresAndLedger1732300000000 implements MigrationInterface {
  name = 'CcgMeasuresAndLedger1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_value (
        indicator_code  text NOT NULL,
        area_code       text NOT NULL,
        period          text NOT NULL,
        value           numeric,
        numerator       integer,
        denominator     integer,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        withdrawn_at    timestamptz,
        PRIMARY KEY (indicator_code, area_code, period)
      )`);
    await q.query(`CREATE INDEX indicator_value_area ON indicator_value (area_code, indicator_code)`);
    await q.query(`
      CREATE TABLE ledger_line (
        line_ref        text PRIMARY KEY,
        org_code        text NOT NULL,
        fund_code       text NOT NULL,
        scheme_code     text,
        financial_year  text NOT NULL CHECK (financial_year ~ '^[0-9]{4}/[0-9]{2}$'),
        locality_code   text,
        service_ref     text,
        line_kind       text NOT NULL CHECK (line_kind IN ('CONTRIBUTION','ALLOCATION')),
        planned         numeric(14,2) NOT NULL,
        actual          numeric(14,2),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        withdrawn_at    timestamptz
      )`);
    await q.query(`CREATE INDEX ledger_line_fund ON ledger_line (fund_code, financial_year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_line`);
    await q.query(`DROP TABLE indicator_value`);
  }
}
