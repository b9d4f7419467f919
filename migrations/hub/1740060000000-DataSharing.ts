import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-sharing agreements: for each partnership, which data categories (schema/access.graphql,
 * `DataCategory`) its members share, and with whom. A row names a reader: an organisation
 * (a member or not), or every member of the partnership;
 * `min_role` is the lowest role of the reader's keys that may read. A partnership with no row
 * for a category shares it with its members at partner level, the default a partnership
 * agreement starts from; once it has rows for a category, they are the whole rule for it.
 * The reader is `MEMBERS` or an organisation's id (not a foreign key, so that one column
 * can be the rule's key; an id the registry does not hold matches no caller).
 *
 * `hub_grants(organisation)` reads, in one statement, everything the hub needs to answer
 * "may this caller read this row" for the rest of a request: whether the organisation has
 * closed (and who succeeded it), its lineage (itself and the organisations it succeeded, from
 * the succession date), the partnerships it belongs to through that lineage, the agreements
 * that may concern it, and the codes of each such partnership's holders (members and their
 * successors). The rule itself is applied in src/auth/grants.ts.
 */
export class DataSharing1740060000000 implements MigrationInterface {
  name = 'DataSharing1740060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_sharing (
        partnership_id          text NOT NULL REFERENCES partnership(id),
        category                text NOT NULL CHECK (category IN
                                  ('PLAN_COMMENTS','ESTATE_DISPOSAL','INGEST_RECORDS','BUDGET_DETAIL','SMALL_NUMBERS','AUDIT_TRAIL')),
        reader                  text NOT NULL,
        min_role                text NOT NULL DEFAULT 'ANALYST' CHECK (min_role IN ('ANALYST','EDITOR','ADMIN')),
        description             text,
        synthetic               boolean,
        updated_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, category, reader)
      )`);
    await q.query(`CREATE INDEX data_sharing_reader ON data_sharing (reader)`);
    await q.query(`
      CREATE FUNCTION hub_grants(organisation text) RETURNS json LANGUAGE sql STABLE AS $$
        WITH RECURSIVE
        lineage(id) AS (
          SELECT id FROM partner_organisation WHERE id = organisation
          UNION
          SELECT s.predecessor_id FROM organisation_succession s JOIN lineage l ON s.successor_id = l.id
           WHERE s.effective_on <= current_date),
        member_of AS (SELECT DISTINCT partnership_id FROM partnership_member WHERE organisation_id IN (SELECT id FROM lineage)),
        candidate AS (
          SELECT partnership_id FROM member_of
          UNION SELECT partnership_id FROM data_sharing WHERE reader IN (SELECT id FROM lineage)),
        holder(partnership_id, id) AS (
          SELECT m.partnership_id, m.organisation_id FROM partnership_member m WHERE m.partnership_id IN (SELECT partnership_id FROM candidate)
          UNION
          SELECT h.partnership_id, s.successor_id FROM organisation_succession s JOIN holder h ON s.predecessor_id = h.id
           WHERE s.effective_on <= current_date),
        codes(organisation_id, code) AS (
          SELECT p.id, c FROM partner_organisation p, unnest(ARRAY[p.id, p.ods_code, p.gss_code, p.charity_number]) c WHERE c IS NOT NULL)
        SELECT json_build_object(
          'organisation', o.id,
          'name', o.name,
          'closedOn', CASE WHEN o.valid_to < current_date THEN o.valid_to END,
          'successor', CASE WHEN o.valid_to < current_date THEN json_build_object('id', succ.id, 'name', succ.name) END,
          'lineage', ARRAY(SELECT id FROM lineage ORDER BY 1),
          'ownCodes', ARRAY(SELECT DISTINCT code FROM codes WHERE organisation_id IN (SELECT id FROM lineage) ORDER BY 1),
          'memberOf', ARRAY(SELECT partnership_id FROM member_of ORDER BY 1),
          'rules', COALESCE((
            SELECT json_agg(json_build_object('partnership', d.partnership_id, 'category', d.category,
                                              'reader', d.reader, 'minRole', d.min_role)
                            ORDER BY d.partnership_id, d.category, d.reader)
              FROM data_sharing d WHERE d.partnership_id IN (SELECT partnership_id FROM candidate)), '[]'::json),
          'holders', COALESCE((
            SELECT json_object_agg(partnership_id, codes)
              FROM (SELECT h.partnership_id, array_agg(DISTINCT c.code ORDER BY c.code) AS codes
                      FROM holder h JOIN codes c ON c.organisation_id = h.id GROUP BY h.partnership_id) x), '{}'::json))
          FROM partner_organisation o LEFT JOIN partner_organisation succ ON succ.id = o.successor_id
         WHERE o.id = organisation
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION hub_grants(text)`);
    await q.query(`DROP TABLE data_sharing`);
  }
}
