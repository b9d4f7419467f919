import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NHS and local-government structures, effective-dated: each body over one span of dates
 * (a code can name a CCG until 30 June 2022 and a sub-ICB location after, hence the key of
 * code and kind), the links between them with their own dates, or the date a source observed
 * them where it gives none; and the 2011 LSOAs with their best-fit ward, MSOA and deprivation.
 */
export class Structures1740020000001 implements MigrationInterface {
  name = 'Structures1740020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE structure (
        code         text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('NHS_REGION','STP','ICB','CCG','SUB_ICB_LOCATION','PCN','GP_PRACTICE',
                                                   'HEALTH_AND_WELLBEING_BOARD','UNITARY_AUTHORITY','COUNTY','DISTRICT','REGION')),
        name         text NOT NULL,
        gss_code     text,
        valid_from   date,
        valid_to     date,
        observed_on  date,
        source       text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, kind),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
      )`);
    await q.query(`CREATE INDEX structure_gss ON structure (gss_code)`);
    await q.query(`
      CREATE TABLE structure_link (
        child_code   text NOT NULL,
        parent_code  text NOT NULL,
        relationship text NOT NULL,
        valid_from   date,
        valid_to     date,
        observed_on  date,
        source       text NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (child_code, parent_code, relationship)
      )`);
    await q.query(`CREATE INDEX structure_link_parent ON structure_link (parent_code)`);
    await q.query(`
      CREATE TABLE lsoa (
        code          text PRIMARY KEY,
        name          text NOT NULL,
        ward_gss      text NOT NULL,
        lad_gss       text NOT NULL,
        msoa_code     text,
        msoa_name     text,
        imd2019_rank  integer CHECK (imd2019_rank BETWEEN 1 AND 32844),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lsoa_ward ON lsoa (ward_gss)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lsoa`);
    await q.query(`DROP TABLE structure_link`);
    await q.query(`DROP TABLE structure`);
  }
}
