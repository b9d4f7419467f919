import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql';
import { batchOptions, compositeKey, groupByKeys, manyByKey, oneByKey, primeGroups, splitKey, queryByKeys } from '../../loaders/batch';
import { createOrganisationLoaders } from './organisationLoaders';
import { createStructureLoaders } from './structureLoaders';
import { createDocumentLoaders } from './documentLoaders';
import { createOutcomeLoaders } from './outcomeLoaders';
import { partnershipOverviewLoader } from './partnershipOverview';
import { rowFromJson, rowJson, wardCodesOf, wardRows, type JsonRow } from './primedReads';
import { signatoryId, toAgreement, toLocality, toOrganisation, toPartnership, toSignatory } from './mapper';
import type {
  AgreementRow,
  LocalityRow,
  LocalityWardRow,
  MemberRow,
  OrganisationRow,
  PartnershipRow,
  PartyRow,
  PlacedLinkRow,
  PostcodeWardRow,
  SignatoryRow,
  SourceLinkRow,
} from './rows';

/**
 * SQL over `locality l`: each locality with its wards and partnership in the same
 * statement, for `localitiesFromRows` to prime `wardsByLocality` and `partnershipById`:
 * whoever reads a locality places its hubs, estates and services by ward, or reads its
 * partnership's plans and frameworks, next, and each was a round trip later. The
 * partnership is one row by primary key.
 */
export const LOCALITY_WITH_CHILDREN = `l.*, ${wardCodesOf('l')} AS ward_gss_codes,
  (SELECT ${rowJson('p')} FROM partnership p WHERE p.id = l.partnership_id) AS partnership`;

/**
 * SQL: the members of partnership `alias`, each with its organisation, in organisation
 * order: whoever lists a partnership's members names them next, and that was a second
 * round trip.
 */
const membersJson = (alias: string): string =>
  `coalesce((SELECT json_agg(json_build_object('member', ${rowJson('m')},
       'organisation', (SELECT ${rowJson('o')} FROM partner_organisation o WHERE o.id = m.organisation_id)) ORDER BY m.organisation_id)
     FROM partnership_member m WHERE m.partnership_id = ${alias}.id), '[]')`;

type MembersJson = { member: JsonRow<MemberRow>; organisation: JsonRow<OrganisationRow> | null }[];

/** SQL over `partnership p`: each partnership with its members (`membersJson`), for `partnershipsFromRows`. */
export const PARTNERSHIP_WITH_MEMBERS = `p.*, ${membersJson('p')} AS members`;

export type PartnershipWithMembersRow = PartnershipRow & { members: MembersJson };

export type LocalityWithChildrenRow = LocalityRow & { ward_gss_codes: string[]; partnership: JsonRow<PartnershipRow> | null };

/** A crosswalk link's loader key (`compositeKey`: NUL-joined, as a page of localities builds thousands). */
export const linkKey = (kind: string, source: string, table: string, key: string): string => compositeKey(kind, source, table, key);

const LINK_COLUMNS = 'l.kind, l.entity_id, l.source, l.native_table, l.native_key';

/**
 * The crosswalk of one entity kind: its partner records, and the entity of a partner record.
 * Finding the entity of a record also reads every link of that entity in the same
 * statement and primes `linksByEntity`: whoever asks which entity a record belongs to asks
 * for the entity's other records next, and that would be another round trip.
 */
function createCrosswalkLoaders(sql: Sql, kind: 'ESTATE' | 'HUB' | 'SERVICE') {
  const linksByEntity = new DataLoader<string, SourceLinkRow[]>(
    async (ids) => {
      const rows = await sql.query<SourceLinkRow>(
        `SELECT ${LINK_COLUMNS} FROM source_link l WHERE l.kind = $1 AND l.entity_id = ANY($2) ORDER BY l.source, l.native_table, l.native_key`,
        [kind, ids],
      );
      return groupByKeys(ids, rows, (row) => row.entity_id);
    },
    { name: `hub.crosswalk.${kind}.linksByEntity`, ...batchOptions() },
  );
  /** `linkKey(kind, source, table, key)` → the entity's id, or null if the record is not linked yet. */
  const entityByNative = new DataLoader<string, string | null>(
    async (keys) => {
      const parts = keys.map(splitKey);
      const rows = await sql.query<SourceLinkRow>(
        // Each key probes the primary key (LIMIT 1 keeps the planner from hashing every link
        // of the kind instead: 76 of 98 ms for a page's 1,452 council services at scale).
        `WITH found AS (
           SELECT DISTINCT f.entity_id FROM unnest($2::text[], $3::text[], $4::text[]) AS k(source, native_table, native_key)
             CROSS JOIN LATERAL (SELECT l.entity_id FROM source_link l
                                  WHERE l.kind = $1 AND l.source = k.source AND l.native_table = k.native_table AND l.native_key = k.native_key
                                  LIMIT 1) f)
         SELECT ${LINK_COLUMNS} FROM source_link l JOIN found ON found.entity_id = l.entity_id
          WHERE l.kind = $1 ORDER BY l.source, l.native_table, l.native_key`,
        [kind, parts.map((p) => p[1]), parts.map((p) => p[2]), parts.map((p) => p[3])],
      );
      const byKey = new Map(rows.map((r) => [linkKey(r.kind, r.source, r.native_table, r.native_key), r.entity_id]));
      primeGroups(linksByEntity, rows, (r) => r.entity_id);
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { name: `hub.crosswalk.${kind}.entityByNative`, ...batchOptions() },
  );
  /**
   * Every link of the entities that are not simply one record's own implicit entity
   * (`source.table.key`): those an explicit link made, which include every entity of two or
   * more records. Few, and found by a small partial index (source_link_shared), so a paged
   * search can set them aside before it reads a page of the others.
   */
  const sharedLinks = new DataLoader<'all', SourceLinkRow[]>(
    async (keys) => {
      const rows = await sql.query<SourceLinkRow>(
        // `= ANY(ARRAY(…))`: the planner cannot estimate the partial index's few rows, and
        // would otherwise hash every link of the kind.
        `SELECT ${LINK_COLUMNS} FROM source_link l
          WHERE l.kind = $1
            AND l.entity_id = ANY(ARRAY(SELECT s.entity_id FROM source_link s
                                         WHERE s.kind = $1 AND s.entity_id <> s.source || '.' || s.native_table || '.' || s.native_key))
          ORDER BY l.source, l.native_table, l.native_key`,
        [kind],
      );
      primeGroups(linksByEntity, rows, (r) => r.entity_id);
      for (const r of rows) entityByNative.prime(linkKey(r.kind, r.source, r.native_table, r.native_key), r.entity_id);
      return keys.map(() => rows);
    },
    { name: `hub.crosswalk.${kind}.sharedLinks`, ...batchOptions() },
  );
  return { linksByEntity, entityByNative, sharedLinks, countLinked: (tables: readonly LinkedKeys[]) => countLinked(sql, kind, tables) };
}

/** Some records of one partner table: their keys as a JSON array, as a partner's statement returned it. */
export interface LinkedKeys {
  source: string;
  table: string;
  keysJson: string;
}

/**
 * How many of the records are linked, in one statement. The keys pass through Node as the
 * JSON text they came in, never parsed; each table's are looked up in one pass of the
 * crosswalk's primary key (`= ANY` of a sorted array).
 */
async function countLinked(sql: Sql, kind: string, tables: readonly LinkedKeys[]): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT coalesce(sum(c.n), 0)::int AS n
       FROM unnest($2::text[], $3::text[], $4::text[]) AS t(source, native_table, keys)
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM source_link l
                            WHERE l.kind = $1 AND l.source = t.source AND l.native_table = t.native_table
                              AND l.native_key = ANY(ARRAY(SELECT json_array_elements_text(t.keys::json)))) c`,
    [kind, tables.map((t) => t.source), tables.map((t) => t.table), tables.map((t) => t.keysJson)],
  );
  return row!.n;
}

type CrosswalkLoaders = Record<SourceLinkRow['kind'], ReturnType<typeof createCrosswalkLoaders>>;

/**
 * The records placed in each ward by their postcode, as the link step recorded them on their
 * links (src/crosswalk/link.ts), with every link of their entities: one statement for any
 * number of wards, kinds and sources. It primes the crosswalk, so the entities of the records
 * found cost no further statement. Every kind shares the loader: a page's placements of hubs,
 * estates and services ask for the same wards, and the first answers them all.
 */
function placedByWardLoader(sql: Sql, crosswalk: CrosswalkLoaders): DataLoader<string, PlacedLinkRow[]> {
  return new DataLoader<string, PlacedLinkRow[]>(
    async (wards) => {
      const rows = await sql.query<PlacedLinkRow>(
        // The entities' links by `= ANY` of their ids: an index scan, where a join of the two
        // was planned as a hash of every link (32 against 14 ms for a page at scale).
        `WITH p AS (SELECT ward_gss, kind, entity_id, source, native_table, native_key FROM source_link WHERE ward_gss = ANY($1))
         SELECT p.ward_gss AS placed_in_ward, ${LINK_COLUMNS},
                (l.source, l.native_table, l.native_key) = (p.source, p.native_table, p.native_key) AS placed
           FROM p JOIN source_link l ON l.kind = p.kind AND l.entity_id = p.entity_id
          WHERE l.entity_id = ANY (ARRAY(SELECT entity_id FROM p))
          ORDER BY l.source, l.native_table, l.native_key`,
        [wards],
      );
      primeCrosswalk(crosswalk, rows);
      return groupByKeys(
        wards,
        rows.filter((r) => r.placed),
        (r) => r.placed_in_ward,
      );
    },
    { name: 'hub.placedByWard', ...batchOptions() },
  );
}

/** The entity of each placed record, and every link of that entity, as the crosswalk's loaders would read them. */
function primeCrosswalk(crosswalk: CrosswalkLoaders, rows: readonly PlacedLinkRow[]): void {
  const links = new Map<string, SourceLinkRow[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = linkKey(r.kind, r.source, r.native_table, r.native_key);
    if (r.placed) crosswalk[r.kind].entityByNative.prime(key, r.entity_id);
    // An entity with two records in the wards comes twice; its links once each, in the crosswalk's order.
    if (seen.has(key)) continue;
    seen.add(key);
    const entity = compositeKey(r.kind, r.entity_id);
    const { kind, entity_id, source, native_table, native_key } = r;
    const link: SourceLinkRow = { kind, entity_id, source, native_table, native_key };
    const group = links.get(entity);
    if (group) group.push(link);
    else links.set(entity, [link]);
  }
  for (const group of links.values()) crosswalk[group[0]!.kind].linksByEntity.prime(group[0]!.entity_id, group);
}

/** Loaders over the hub's registry, made once per request. */
export function createHubLoaders(sql: Sql) {
  const select =
    <R>(text: string) =>
    (keys: string[]) =>
      queryByKeys<R>(sql, text, keys);
  const wardsByLocality = manyByKey(
    'hub.wardsByLocality',
    select<LocalityWardRow>(`SELECT locality_id, ward_gss FROM locality_ward WHERE locality_id = ANY($1) ORDER BY ward_gss`),
    (w) => w.locality_id,
  );
  const partnershipById = oneByKey(
    'hub.partnershipById',
    async (ids) => (await select<PartnershipRow>(`SELECT * FROM partnership WHERE id = ANY($1)`)(ids)).map(toPartnership),
    (p) => p.id,
  );
  /** Localities read by `LOCALITY_WITH_CHILDREN`, priming their wards and partnership. */
  const localitiesFromRows = (rows: readonly LocalityWithChildrenRow[]) => {
    for (const row of rows) {
      wardsByLocality.prime(row.id, wardRows(row.id, row.ward_gss_codes));
      if (row.partnership) partnershipById.prime(row.partnership.id, toPartnership(rowFromJson<PartnershipRow>(row.partnership)));
    }
    return rows.map(toLocality);
  };
  const readLocalities = (where: string) => async (keys: string[]) =>
    localitiesFromRows(
      await queryByKeys<LocalityWithChildrenRow>(sql, `SELECT ${LOCALITY_WITH_CHILDREN} FROM locality l WHERE ${where}`, keys),
    );
  /**
   * The identity crosswalk, one pair of loaders per entity kind: hubs, estates and services
   * are resolved by different branches of a query, so sharing a loader would make their
   * batches merge or split by timing, and a request's statement count with it.
   */
  const crosswalk: CrosswalkLoaders = {
    ESTATE: createCrosswalkLoaders(sql, 'ESTATE'),
    HUB: createCrosswalkLoaders(sql, 'HUB'),
    SERVICE: createCrosswalkLoaders(sql, 'SERVICE'),
  };
  const outcomes = createOutcomeLoaders(sql);
  const organisations = createOrganisationLoaders(sql);
  /** Members read by `membersJson`, priming their organisations. */
  const membersFrom = (members: MembersJson): MemberRow[] =>
    members.map(({ member, organisation }) => {
      if (organisation) organisations.organisationById.prime(organisation.id, toOrganisation(rowFromJson<OrganisationRow>(organisation)));
      return rowFromJson<MemberRow>(member);
    });
  const membersByPartnership = manyByKey(
    'hub.membersByPartnership',
    async (ids) =>
      (
        await queryByKeys<{ members: MembersJson }>(
          sql,
          `SELECT ${membersJson('p')} AS members FROM partnership p WHERE p.id = ANY($1)`,
          ids,
        )
      ).flatMap((row) => membersFrom(row.members)),
    (m) => m.partnership_id,
  );
  /** Partnerships read by `PARTNERSHIP_WITH_MEMBERS`, priming their members and those members' organisations. */
  const partnershipsFromRows = (rows: readonly PartnershipWithMembersRow[]) =>
    rows.map(({ members, ...row }) => {
      membersByPartnership.prime(row.id, membersFrom(members));
      const partnership = toPartnership(row);
      partnershipById.prime(row.id, partnership);
      return partnership;
    });
  const documents = createDocumentLoaders(sql);
  const localities = {
    localityById: oneByKey('hub.localityById', readLocalities('l.id = ANY($1)'), (l) => l.id),
    localityByCode: oneByKey('hub.localityByCode', readLocalities('l.code = ANY($1)'), (l) => l.code),
    localitiesByPartnership: manyByKey(
      'hub.localitiesByPartnership',
      readLocalities('l.partnership_id = ANY($1) ORDER BY l.id'),
      (l) => l.partnershipId ?? '',
    ),
    /** A place's (local authority's) localities: an indicator's areas within it, for disclosure control. */
    localitiesByPlace: manyByKey('hub.localitiesByPlace', readLocalities('l.place_gss = ANY($1) ORDER BY l.id'), (l) => l.placeGssCode),
    /** The localities standing in for a PCN (by its ODS code): an indicator rolled up the NHS hierarchy. */
    localitiesByPcn: manyByKey('hub.localitiesByPcn', readLocalities('l.pcn_code = ANY($1) ORDER BY l.id'), (l) => l.pcnCode ?? ''),
    wardsByLocality,
    localitiesFromRows,
  };
  return {
    ...outcomes,
    ...organisations,
    ...documents,
    ...localities,
    ...createStructureLoaders(sql),
    partnershipById,
    partnershipOverview: partnershipOverviewLoader(sql, { partnershipById, ...outcomes, ...organisations, ...localities }),
    membersByPartnership,
    partnershipsFromRows,
    agreementById: oneByKey(
      'hub.agreementById',
      async (ids) => (await select<AgreementRow>(`SELECT * FROM agreement WHERE id = ANY($1)`)(ids)).map(toAgreement),
      (a) => a.id,
    ),
    agreementsByPartnership: manyByKey(
      'hub.agreementsByPartnership',
      async (ids) =>
        (await select<AgreementRow>(`SELECT * FROM agreement WHERE partnership_id = ANY($1) ORDER BY id`)(ids)).map(toAgreement),
      (a) => a.partnershipId,
    ),
    partiesByAgreement: manyByKey(
      'hub.partiesByAgreement',
      select<PartyRow>(`SELECT * FROM agreement_party WHERE agreement_id = ANY($1) ORDER BY position`),
      (p) => p.agreement_id,
    ),
    signatoriesByAgreement: manyByKey(
      'hub.signatoriesByAgreement',
      async (ids) =>
        (await select<SignatoryRow>(`SELECT * FROM agreement_signatory WHERE agreement_id = ANY($1) ORDER BY position`)(ids)).map(
          toSignatory,
        ),
      (s) => s.agreementId,
    ),
    /** Keyed by `<agreementId>/<position>`, the signatory's local id. */
    signatoryById: new DataLoader<string, ReturnType<typeof toSignatory> | null>(
      async (ids) => {
        const pairs = ids.map((id) => {
          const slash = id.lastIndexOf('/');
          return { agreementId: id.slice(0, slash), position: Number(id.slice(slash + 1)) };
        });
        const rows = await sql.query<SignatoryRow>(
          `SELECT s.* FROM agreement_signatory s
             JOIN unnest($1::text[], $2::int[]) AS k(agreement_id, position)
               ON s.agreement_id = k.agreement_id AND s.position = k.position`,
          [pairs.map((p) => p.agreementId), pairs.map((p) => (Number.isInteger(p.position) ? p.position : -1))],
        );
        const byId = new Map(rows.map((row) => [signatoryId(row.agreement_id, row.position), toSignatory(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { name: 'hub.signatoryById', ...batchOptions() },
    ),
    localitiesByWard: manyByKey(
      'hub.localitiesByWard',
      select<LocalityWardRow>(`SELECT locality_id, ward_gss FROM locality_ward WHERE ward_gss = ANY($1) ORDER BY locality_id`),
      (w) => w.ward_gss,
    ),
    /** Each ward's postcodes as `PostcodeArea` lines, built in SQL so Node never handles a postcode one by one. */
    postcodeLinesByWard: oneByKey(
      'hub.postcodeLinesByWard',
      select<{ ward_gss: string; lines: string }>(
        `SELECT ward_gss, string_agg(postcode || E'\\t' || ward_gss, E'\\n') AS lines FROM postcode_ward WHERE ward_gss = ANY($1) GROUP BY ward_gss`,
      ),
      (p) => p.ward_gss,
    ),
    wardByPostcode: oneByKey(
      'hub.wardByPostcode',
      select<PostcodeWardRow>(`SELECT postcode, ward_gss FROM postcode_ward WHERE postcode = ANY($1)`),
      (p) => p.postcode,
    ),
    crosswalk,
    placedByWard: placedByWardLoader(sql, crosswalk),
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;
