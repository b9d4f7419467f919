import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A council's systems, in their own shape: wards by GSS code, community hubs by the
 * council's hub number, the property register by asset reference (with UPRN where known),
 * and adult social care services by the council's service reference.
 */
export class CouncilRegisters1732280000000 implements MigrationInterface {
  name = 'CouncilRegisters1732280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ward (
        gss_code    text PRIMARY KEY CHECK (gss_code ~ '^E05[0-9]{6}$'),
        name        text NOT NULL,
        lad_gss     text NOT NULL CHECK (lad_gss ~ '^E0[6-9][0-9]{6}$'),
        population  integer,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE community_hub (
        hub_ref      text PRIMARY KEY,
        council_gss  text NOT NULL,
        name         text NOT NULL,
        ward_gss     text REFERENCES ward(gss_code),
        status       text NOT NULL CHECK (status IN ('PLANNED','OPEN','CLOSED')),
        opened_on    date,
        opened_text  text,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX community_hub_ward ON community_hub (ward_gss)`);
    await q.query(`
      CREATE TABLE property (
        asset_ref       text PRIMARY KEY,
        uprn            text UNIQUE CHECK (uprn ~ '^[0-9]{1,12}$'),
        council_gss     text NOT NULL,
        name            text NOT NULL,
        address         text,
        postcode        text,
        ward_gss        text REFERENCES ward(gss_code),
        owner_name      text,
        owner_code      text,
        tenure          text,
        current_use     text,
        status          text NOT NULL CHECK (status IN ('IN_USE','VACANT','SURPLUS','PLANNED_DISPOSAL','LAND_SWAP','PLANNED')),
        proposed_reuse  text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX property_ward ON property (ward_gss)`);
    await q.query(`
      CREATE TABLE care_service (
        service_ref       text PRIMARY KEY,
        council_gss       text NOT NULL,
        name              text NOT NULL,
        provider_code     text,
        care_setting      text NOT NULL CHECK (care_setting IN ('PRIMARY','COMMUNITY','ACUTE','MENTAL_HEALTH','SOCIAL_CARE','VOLUNTARY')),
        hub_ref           text REFERENCES community_hub(hub_ref),
        ward_gss          text REFERENCES ward(gss_code),
        cohort            text,
        days_of_operation text,
        funding_stream    text,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX care_service_hub ON care_service (hub_ref)`);
    await q.query(`CREATE INDEX care_service_ward ON care_service (ward_gss)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE care_service`);
    await q.query(`DROP TABLE property`);
    await q.query(`DROP TABLE community_hub`);
    await q.query(`DROP TABLE ward`);
  }
}
