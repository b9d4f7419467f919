import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the partnership agrees in the hub's registry: its outcomes framework (domains,
 * outcomes, indicators with targets and RAG thresholds) and its pooled funds and schemes.
 * The measurements and the money live in each partner's own source.
 */
export class OutcomesAndFunds1732300000000 implements MigrationInterface {
  name = 'OutcomesAndFunds1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_domain (
        id              text PRIMARY KEY,
        partnership_id  text NOT NULL REFERENCES partnership(id),
        name            text NOT NULL,
        description     text,
        position        integer NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE outcome (
        id          text PRIMARY KEY,
        domain_id   text NOT NULL REFERENCES outcome_domain(id),
        name        text NOT NULL,
        description text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE indicator (
        id             text PRIMARY KEY,
        outcome_id     text NOT NULL REFERENCES outcome(id),
        name           text NOT NULL,
        unit           text NOT NULL,
        polarity       text NOT NULL CHECK (polarity IN ('HIGHER_IS_BETTER','LOWER_IS_BETTER')),
        measured_by    text NOT NULL CHECK (measured_by IN ('ccg','council','trust')),
        source_code    text NOT NULL,
        counts_people  boolean NOT NULL DEFAULT false,
        published      boolean NOT NULL DEFAULT true,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (measured_by, source_code)
      )`);
    // Green at or better than target; amber when worse by no more than the tolerance; red beyond.
    await q.query(`
      CREATE TABLE indicator_target (
        indicator_id     text NOT NULL REFERENCES indicator(id),
        area_code        text NOT NULL,
        period           text NOT NULL,
        target           numeric NOT NULL,
        amber_tolerance  numeric NOT NULL CHECK (amber_tolerance >= 0),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (indicator_id, area_code, period)
      )`);
    await q.query(`
      CREATE TABLE fund (
        id                    text PRIMARY KEY,
        name                  text NOT NULL,
        partnership_id        text NOT NULL REFERENCES partnership(id),
        agreement_id          text REFERENCES agreement(id),
        host_organisation_id  text REFERENCES partner_organisation(id),
        description           text,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE scheme (
        id          text PRIMARY KEY,
        fund_id     text NOT NULL REFERENCES fund(id),
        name        text NOT NULL,
        description text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scheme', 'fund', 'indicator_target', 'indicator', 'outcome', 'outcome_domain']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
