import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations in time: what each organisation was called, coded and of what kind over
 * each period (a CCG became a sub-ICB location under a new name, a trust was renamed when it
 * absorbed another), and which organisation succeeded which, from when. Each row says where
 * it came from, so an "as at" answer can show its source.
 */
export class HubOrganisationsInTime1740017000002 implements MigrationInterface {
  name = 'HubOrganisationsInTime1740017000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_period (
        organisation_id text NOT NULL REFERENCES partner_organisation(id),
        position        integer NOT NULL,
        valid_from      date,
        valid_to        date,
        name            text NOT NULL,
        kind            text NOT NULL,
        ods_code        text,
        gss_code        text,
        source          text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, position),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
      )`);
    await q.query(`
      CREATE TABLE organisation_succession (
        predecessor_id  text NOT NULL REFERENCES partner_organisation(id),
        successor_id    text NOT NULL REFERENCES partner_organisation(id),
        effective_on    date NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('MERGER','TRANSFER','REORGANISATION')),
        description     text,
        source          text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (predecessor_id, successor_id)
      )`);
    await q.query(`CREATE INDEX organisation_succession_successor ON organisation_succession (successor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_succession`);
    await q.query(`DROP TABLE organisation_period`);
  }
}
