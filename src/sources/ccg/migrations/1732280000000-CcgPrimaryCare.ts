import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commissioner's primary-care system, in its own shape: practices and extended-access
 * GP hubs keyed by ODS code, and the services it commissions keyed by its own contract code.
 */
export class CcgPrimaryCare1732280000000 implements MigrationInterface {
  name = 'CcgPrimaryCare1732280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE practice (
        ods_code     text PRIMARY KEY CHECK (ods_code ~ '^[A-Z][0-9]{5}$'),
        name         text NOT NULL,
        ccg_code     text NOT NULL,
        pcn_code     text,
        postcode     text,
        status       text NOT NULL CHECK (status IN ('A','C','D','P')),
        open_date    date,
        close_date   date,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE gp_hub (
        hub_code           text PRIMARY KEY,
        name               text NOT NULL,
        ccg_code           text NOT NULL,
        host_practice_ods  text REFERENCES practice(ods_code),
        postcode           text,
        status             text NOT NULL CHECK (status IN ('PLANNED','OPEN','CLOSED')),
        opened_on          date,
        opened_text        text,
        opening_hours      text,
        seven_day_access   boolean,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX gp_hub_postcode ON gp_hub (postcode)`);
    await q.query(`
      CREATE TABLE commissioned_service (
        service_code    text PRIMARY KEY,
        name            text NOT NULL,
        ccg_code        text NOT NULL,
        provider_ods    text,
        care_setting    text NOT NULL CHECK (care_setting IN ('PRIMARY','COMMUNITY','ACUTE','MENTAL_HEALTH','SOCIAL_CARE','VOLUNTARY')),
        gp_hub_code     text REFERENCES gp_hub(hub_code),
        postcode        text,
        cohort          text,
        days_of_operation text,
        funding_stream  text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissioned_service_hub ON commissioned_service (gp_hub_code)`);
    await q.query(`CREATE INDEX commissioned_service_postcode ON commissioned_service (postcode)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commissioned_service`);
    await q.query(`DROP TABLE gp_hub`);
    await q.query(`DROP TABLE practice`);
  }
}
