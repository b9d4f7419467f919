import type { Counter, FloorDb } from './db';
import { connection, globalId } from './model';

/** Q4, one organisation by ODS code with its partnerships, by hand: one hub statement. */

interface OrganisationJson {
  id: string;
  name: string;
  short_name: string | null;
  kind: string;
  sector: string;
  ods_code: string | null;
  gss_code: string | null;
  valid_from: string | null;
  partnerships: { id: string; name: string }[];
}

export async function floorQ4(db: FloorDb, counter: Counter, variables: { ods: string }) {
  const [row] = await db.query<{ o: OrganisationJson }>(
    'hub',
    counter,
    `SELECT json_build_object('id', o.id, 'name', o.name, 'short_name', o.short_name, 'kind', o.kind, 'sector', o.sector,
              'ods_code', o.ods_code, 'gss_code', o.gss_code, 'valid_from', o.valid_from,
              'partnerships', coalesce((SELECT json_agg(json_build_object('id', p.id, 'name', p.name))
                                          FROM partnership_member m JOIN partnership p ON p.id = m.partnership_id
                                         WHERE m.organisation_id = o.id), '[]')) AS o
       FROM partner_organisation o
      WHERE o.ods_code = $1 OR o.gss_code = $1 OR o.charity_number = $1
      LIMIT 1`,
    [variables.ods.trim().toUpperCase()],
  );
  if (!row) return { data: { partnerOrganisation: null }, missing: 0 };
  const o = row.o;
  const partnerships = connection(o.partnerships, (p) => p.id);
  return {
    data: {
      partnerOrganisation: {
        id: globalId('PartnerOrganisation', o.id),
        name: o.name,
        shortName: o.short_name,
        kind: o.kind,
        sector: o.sector,
        odsCode: o.ods_code,
        gssCode: o.gss_code,
        validFrom: o.valid_from,
        partnerships: {
          totalCount: partnerships.totalCount,
          nodes: partnerships.nodes.map((p) => ({ id: globalId('Partnership', p.id), name: p.name })),
        },
      },
    },
    missing: 0,
  };
}
