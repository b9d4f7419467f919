import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NHS trusts' estates and service-line systems, in their own shape: sites keyed by the
 * 5-character ODS site code, service lines keyed by the trust's own service-line id.
 */
export class TrustSites1732280000000 implements MigrationInterface {
  name = 'TrustSites1732280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site (
        site_code    text PRIMARY KEY CHECK (site_code ~ '^[A-Z0-9]{5}$'),
        trust_ods    text NOT NULL CHECK (trust_ods ~ '^[A-Z0-9]{3}$'),
        name         text NOT NULL,
        address      text,
        postcode     text,
        site_type    text,
        status       text NOT NULL CHECK (status IN ('IN_USE','VACANT','SURPLUS','PLANNED_DISPOSAL','LAND_SWAP','PLANNED','CLOSED')),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX site_postcode ON site (postcode)`);
    await q.query(`
      CREATE TABLE service_line (
        service_line_id   text PRIMARY KEY,
        trust_ods         text NOT NULL CHECK (trust_ods ~ '^[A-Z0-9]{3}$'),
        name              text NOT NULL,
        care_setting      text NOT NULL CHECK (care_setting IN ('PRIMARY','COMMUNITY','ACUTE','MENTAL_HEALTH','SOCIAL_CARE','VOLUNTARY')),
        site_code         text REFERENCES site(site_code),
        cohort            text,
        days_of_operation text,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_line_site ON service_line (site_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_line`);
    await q.query(`DROP TABLE site`);
  }
}
