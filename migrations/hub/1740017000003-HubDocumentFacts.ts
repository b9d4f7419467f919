import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts of the documents as first-class objects: an agreement's next steps (who reviews it,
 * when a version is expected, which boards consider it, when a planned agreement should be
 * operational) and the organisations it would welcome as parties later; a planned agreement
 * (status PLANNED); a locality's pilot; and a communication and engagement plan with its
 * producing partners and their roles, and its stakeholders.
 */
export class HubDocumentFacts1740017000003 implements MigrationInterface {
  name = 'HubDocumentFacts1740017000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement DROP CONSTRAINT agreement_status_check`);
    await q.query(`ALTER TABLE agreement ADD CONSTRAINT agreement_status_check CHECK (status IN ('PLANNED','DRAFT','FINAL','SIGNED'))`);
    await q.query(`
      ALTER TABLE agreement
        ADD COLUMN reviewed_by text,
        ADD COLUMN operational_period text,
        ADD COLUMN expected_text text,
        ADD COLUMN expected_on date,
        ADD COLUMN considered_by text[]`);
    await q.query(`
      CREATE TABLE agreement_prospective_party (
        agreement_id    text NOT NULL REFERENCES agreement(id),
        organisation_id text NOT NULL REFERENCES partner_organisation(id),
        named_as        text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE agreement_objective_item (
        agreement_id     text NOT NULL REFERENCES agreement(id),
        objective_number integer NOT NULL,
        position         integer NOT NULL,
        text             text NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, objective_number, position)
      )`);
    await q.query(`
      CREATE TABLE agreement_representation (
        agreement_id   text NOT NULL REFERENCES agreement(id),
        position       integer NOT NULL,
        represented    text NOT NULL,
        represented_by text[],
        interim        boolean,
        basis          text,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, position)
      )`);
    await q.query(`ALTER TABLE locality ADD COLUMN pilot text`);
    await q.query(`
      CREATE TABLE source_document (
        id             text PRIMARY KEY,
        seed_file      text,
        title          text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('REPORT','PLAN','AGREEMENT')),
        partnership_id text REFERENCES partnership(id),
        presented_to   text,
        agenda_item    text,
        issued_on      date,
        issued_text    text,
        recommendation text,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX source_document_partnership ON source_document (partnership_id)`);
    await q.query(`
      CREATE TABLE source_document_person (
        document_id     text NOT NULL REFERENCES source_document(id),
        position        integer NOT NULL,
        person_name     text NOT NULL,
        capacity        text NOT NULL,
        role            text,
        organisation_id text REFERENCES partner_organisation(id),
        source_line     integer,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, position)
      )`);
    await q.query(`
      CREATE TABLE partnership_milestone (
        partnership_id        text NOT NULL REFERENCES partnership(id),
        position              integer NOT NULL,
        occurred_on           date,
        occurred_text         text,
        status                text NOT NULL CHECK (status IN ('DONE','PLANNED')),
        event                 text NOT NULL,
        actor_text            text,
        actor_organisation_id text REFERENCES partner_organisation(id),
        document_id           text REFERENCES source_document(id),
        source_line           integer,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, position)
      )`);
    await q.query(`
      CREATE TABLE engagement_plan (
        id                       text PRIMARY KEY,
        partnership_id           text NOT NULL REFERENCES partnership(id),
        title                    text NOT NULL,
        subtitle                 text,
        version_text             text,
        status                   text NOT NULL CHECK (status IN ('DRAFT','FINAL')),
        issued_on                date,
        issued_text              text,
        integrated_by_year       integer,
        initial_focus            text,
        part_of                  text,
        overseen_by              text,
        reports_to               text,
        engagement_group         text,
        guided_by                text[],
        vision_principles        text[],
        engagement_principles    text[],
        communication_principles text[],
        key_questions            text[],
        review_after_months      text[],
        review_text              text,
        source_document          text,
        updated_at               timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX engagement_plan_partnership ON engagement_plan (partnership_id)`);
    await q.query(`
      CREATE TABLE engagement_plan_party (
        plan_id         text NOT NULL REFERENCES engagement_plan(id),
        position        integer NOT NULL,
        organisation_id text REFERENCES partner_organisation(id),
        named_as        text NOT NULL,
        roles           text[],
        source_lines    text,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, position)
      )`);
    await q.query(`
      CREATE TABLE engagement_plan_stakeholder (
        plan_id          text NOT NULL REFERENCES engagement_plan(id),
        position         integer NOT NULL,
        stakeholder      text NOT NULL,
        organisation_ids text[],
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE engagement_plan_stakeholder`);
    await q.query(`DROP TABLE engagement_plan_party`);
    await q.query(`DROP TABLE engagement_plan`);
    await q.query(`DROP TABLE partnership_milestone`);
    await q.query(`DROP TABLE source_document_person`);
    await q.query(`DROP TABLE source_document`);
    await q.query(`ALTER TABLE locality DROP COLUMN pilot`);
    await q.query(`DROP TABLE agreement_prospective_party`);
    await q.query(`DROP TABLE agreement_objective_item`);
    await q.query(`DROP TABLE agreement_representation`);
    await q.query(
      `ALTER TABLE agreement DROP COLUMN considered_by, DROP COLUMN expected_on, DROP COLUMN expected_text, DROP COLUMN operational_period, DROP COLUMN reviewed_by`,
    );
    await q.query(`ALTER TABLE agreement DROP CONSTRAINT agreement_status_check`);
    await q.query(`ALTER TABLE agreement ADD CONSTRAINT agreement_status_check CHECK (status IN ('DRAFT','FINAL','SIGNED'))`);
  }
}
