import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A voluntary body's service directory in Open Referral UK's shape, keyed by the directory's
 * own ids. Rows are withdrawn, never deleted (`withdrawn_at`), so links and history stay.
 * `service_area.area_gss` is the ward or local authority its ONS URI names: what placement
 * matches a locality's wards and council on. `service_record` is the service as the hub reads
 * it: live (neither withdrawn nor `defunct`), with the one location postcode and the one ward
 * the shared model's service record carries. `audit_log` is every partner database's record of
 * who changed what through the hub (src/writes/auditedWrite.ts; the audit trail reads it).
 */
export class VoluntaryDirectory1740030000000 implements MigrationInterface {
  name = 'VoluntaryDirectory1740030000000';

  async up(q: QueryRunner): Promise<void> {
    const tracked = `synthetic boolean, updated_at timestamptz NOT NULL DEFAULT now(), withdrawn_at timestamptz`;
    await q.query(`
      CREATE TABLE organization (
        id text PRIMARY KEY, name text NOT NULL, description text, email text, url text, ${tracked}
      )`);
    await q.query(`
      CREATE TABLE service (
        id              text PRIMARY KEY,
        organization_id text NOT NULL REFERENCES organization(id),
        name            text NOT NULL,
        description     text,
        url             text,
        email           text,
        status          text NOT NULL CHECK (status IN ('active','inactive','defunct','temporarily closed')),
        ${tracked}
      )`);
    await q.query(`CREATE INDEX service_organization ON service (organization_id)`);
    await q.query(`
      CREATE TABLE service_area (
        id         text PRIMARY KEY,
        service_id text NOT NULL REFERENCES service(id),
        name       text,
        uri        text,
        area_gss   text GENERATED ALWAYS AS (substring(uri FROM '/([EWSN][0-9]{8})$')) STORED,
        ${tracked}
      )`);
    await q.query(`CREATE INDEX service_area_gss ON service_area (area_gss)`);
    await q.query(`CREATE INDEX service_area_service ON service_area (service_id)`);
    await q.query(`
      CREATE TABLE location (
        id                       text PRIMARY KEY,
        name                     text,
        description              text,
        address_1                text,
        city                     text,
        postal_code              text,
        external_identifier      text,
        external_identifier_type text,
        latitude                 numeric,
        longitude                numeric,
        ${tracked}
      )`);
    await q.query(`CREATE INDEX location_postal_code ON location (postal_code)`);
    await q.query(`
      CREATE TABLE service_at_location (
        id          text PRIMARY KEY,
        service_id  text NOT NULL REFERENCES service(id),
        location_id text NOT NULL REFERENCES location(id),
        ${tracked}
      )`);
    await q.query(`CREATE INDEX service_at_location_service ON service_at_location (service_id)`);
    await q.query(`CREATE INDEX service_at_location_location ON service_at_location (location_id)`);
    // A view lists the columns it had when made: a later migration adding a column to
    // `service` drops and re-creates it.
    await q.query(`
      CREATE VIEW service_record AS
      SELECT s.*, 'VOLUNTARY'::text AS care_setting, NULL::text AS provider_code,
             (SELECT l.postal_code FROM service_at_location sl JOIN location l ON l.id = sl.location_id
               WHERE sl.service_id = s.id AND sl.withdrawn_at IS NULL AND l.withdrawn_at IS NULL AND l.postal_code IS NOT NULL
               ORDER BY l.id LIMIT 1) AS postcode,
             (SELECT min(a.area_gss) FROM service_area a WHERE a.service_id = s.id AND a.withdrawn_at IS NULL
              HAVING count(*) = 1 AND min(a.area_gss) LIKE 'E05%') AS ward_gss
        FROM service s
       WHERE s.withdrawn_at IS NULL AND s.status <> 'defunct'`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor text NOT NULL,
        organisation_id text, operation text NOT NULL, table_name text NOT NULL, row_key text NOT NULL, before jsonb, after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_row ON audit_log (table_name, row_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP VIEW service_record`);
    for (const table of ['service_at_location', 'location', 'service_area', 'service', 'organization'])
      await q.query(`DROP TABLE ${table}`);
  }
}
