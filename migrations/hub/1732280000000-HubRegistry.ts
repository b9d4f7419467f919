import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hub's own registry: partner organisations, partnerships, agreements, localities and
 * the identity crosswalk that says which partner records are the same shared-model entity.
 */
export class HubRegistry1732280000000 implements MigrationInterface {
  name = 'HubRegistry1732280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_organisation (
        id              text PRIMARY KEY,
        name            text NOT NULL,
        short_name      text,
        kind            text NOT NULL CHECK (kind IN ('CCG','COUNCIL','NHS_TRUST','VOLUNTARY','GP_PRACTICE','OTHER')),
        sector          text NOT NULL CHECK (sector IN ('STATUTORY','VOLUNTARY')),
        ods_code        text UNIQUE,
        gss_code        text UNIQUE,
        charity_number  text UNIQUE,
        valid_from      date,
        valid_to        date,
        successor_id    text REFERENCES partner_organisation(id),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partnership (
        id              text PRIMARY KEY,
        name            text NOT NULL,
        short_name      text,
        governance_body text,
        reports_to      text[] NOT NULL DEFAULT '{}',
        description     text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partnership_member (
        partnership_id  text NOT NULL REFERENCES partnership(id),
        organisation_id text NOT NULL REFERENCES partner_organisation(id),
        role            text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX partnership_member_org ON partnership_member (organisation_id)`);
    await q.query(`
      CREATE TABLE agreement (
        id               text PRIMARY KEY,
        partnership_id   text NOT NULL REFERENCES partnership(id),
        kind             text NOT NULL CHECK (kind IN ('MOU','ALLIANCE_AGREEMENT','SECTION_75')),
        title            text NOT NULL,
        status           text NOT NULL CHECK (status IN ('DRAFT','FINAL','SIGNED')),
        legally_binding  boolean NOT NULL,
        agreed_on        date,
        agreed_text      text,
        review_cycle     text,
        first_review_on  date,
        principles       text[] NOT NULL DEFAULT '{}',
        objectives       text[] NOT NULL DEFAULT '{}',
        source_document  text,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agreement_partnership ON agreement (partnership_id)`);
    await q.query(`
      CREATE TABLE agreement_party (
        agreement_id    text NOT NULL REFERENCES agreement(id),
        organisation_id text NOT NULL REFERENCES partner_organisation(id),
        position        integer NOT NULL,
        named_as        text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE agreement_signatory (
        agreement_id    text NOT NULL REFERENCES agreement(id),
        position        integer NOT NULL,
        person_name     text,
        role            text,
        organisation_id text NOT NULL REFERENCES partner_organisation(id),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, position)
      )`);
    await q.query(`
      CREATE TABLE locality (
        id              text PRIMARY KEY,
        code            text NOT NULL UNIQUE,
        name            text NOT NULL,
        place_gss       text NOT NULL,
        partnership_id  text REFERENCES partnership(id),
        description     text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE locality_ward (
        locality_id text NOT NULL REFERENCES locality(id),
        ward_gss    text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (locality_id, ward_gss)
      )`);
    await q.query(`CREATE INDEX locality_ward_ward ON locality_ward (ward_gss)`);
    // Reference lookup (ONS/OS) the hub uses to place partner rows that only carry a postcode.
    await q.query(`
      CREATE TABLE postcode_ward (
        postcode  text PRIMARY KEY,
        ward_gss  text NOT NULL
      )`);
    await q.query(`CREATE INDEX postcode_ward_ward ON postcode_ward (ward_gss)`);
    // The identity crosswalk: one row per shared-model entity, one link per partner record.
    await q.query(`
      CREATE TABLE shared_entity (
        kind       text NOT NULL CHECK (kind IN ('ESTATE','HUB','SERVICE')),
        id         text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      )`);
    await q.query(`
      CREATE TABLE source_link (
        kind         text NOT NULL,
        entity_id    text NOT NULL,
        source       text NOT NULL CHECK (source IN ('ccg','council','trust')),
        native_table text NOT NULL,
        native_key   text NOT NULL,
        linked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, source, native_table, native_key),
        FOREIGN KEY (kind, entity_id) REFERENCES shared_entity (kind, id)
      )`);
    await q.query(`CREATE INDEX source_link_entity ON source_link (kind, entity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'source_link',
      'shared_entity',
      'postcode_ward',
      'locality_ward',
      'locality',
      'agreement_signatory',
      'agreement_party',
      'agreement',
      'partnership_member',
      'partnership',
      'partner_organisation',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
