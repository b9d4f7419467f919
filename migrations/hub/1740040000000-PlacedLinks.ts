import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each postcode-placed partner record lies, kept on its crosswalk link rather than
 * computed from postcodes on every request: placing a page of localities had sent some
 * 80,000 `postcode<TAB>ward` lines to each partner to hash-join (docs/benchmarks.md, "5. Q2
 * and memory"). On the link, not in a table of its own: the link step already reads each
 * record's key from its partner, so it reads the postcode beside it; and placement then finds
 * a record's entity in the same row, so the crosswalk need not be asked again.
 *
 * `postcode` is the record's own, as last linked, so a reload of `postcode_ward` can re-place
 * records without asking the partners; `ward_gss` is where that postcode lies (null when the
 * record has none, the lookup lacks it, or its table is not placed by postcode: councils
 * place their rows by their own ward column). The index is partial: only placed links are in it.
 */
export class PlacedLinks1740040000000 implements MigrationInterface {
  name = 'PlacedLinks1740040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE source_link ADD COLUMN postcode text, ADD COLUMN ward_gss text`);
    await q.query(`CREATE INDEX source_link_ward ON source_link (ward_gss) WHERE ward_gss IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX source_link_ward`);
    await q.query(`ALTER TABLE source_link DROP COLUMN postcode, DROP COLUMN ward_gss`);
  }
}
