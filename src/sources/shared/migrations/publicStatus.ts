import type { QueryRunner } from 'typeorm';

/**
 * The last status of an estate record that was public, kept beside its status by the
 * partner's own database. A disposal status (SURPLUS, PLANNED_DISPOSAL, LAND_SWAP: the
 * EstateStatus values of category ESTATE_DISPOSAL in schema/delivery.graphql) is shared
 * only as data-sharing agreements say; to everyone else the record shows the status it
 * had before the plan was recorded, so that recording a disposal plan changes nothing they
 * can see or count (docs/access.md). A record first loaded with a disposal status has no
 * public status (null): nothing about it was ever public. Written once; each source kind
 * that holds estates runs it on its own table.
 */
const DISPOSAL = `('SURPLUS','PLANNED_DISPOSAL','LAND_SWAP')`;

export async function addPublicStatus(q: QueryRunner, table: string): Promise<void> {
  await q.query(`ALTER TABLE ${table} ADD COLUMN public_status text`);
  await q.query(`
    CREATE OR REPLACE FUNCTION keep_public_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.public_status := CASE
        WHEN NEW.status NOT IN ${DISPOSAL} THEN NEW.status
        WHEN TG_OP = 'UPDATE' THEN OLD.public_status
      END;
      RETURN NEW;
    END $$`);
  await q.query(`CREATE TRIGGER ${table}_public_status BEFORE INSERT OR UPDATE OF status ON ${table}
                 FOR EACH ROW EXECUTE FUNCTION keep_public_status()`);
  await q.query(`UPDATE ${table} SET public_status = CASE WHEN status NOT IN ${DISPOSAL} THEN status END`);
}

export async function dropPublicStatus(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP TRIGGER ${table}_public_status ON ${table}`);
  await q.query(`DROP FUNCTION keep_public_status()`);
  await q.query(`ALTER TABLE ${table} DROP COLUMN public_status`);
}
