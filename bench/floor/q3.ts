import type { Counter, FloorDb, OrganisationRow } from './db';
import { divided, fixed, units } from './decimal';
import type { Source } from './model';

/**
 * Q3, one partnership's budget by locality × partner × financial year × line kind, by hand: the
 * equivalent GROUP BY run directly in each partner's ledger, combined. One hub statement
 * for the partnership's funds, localities (with their wards) and member organisations;
 * then one GROUP BY per partner source in parallel, the council's also returning the
 * wards' populations. Four statements in two rounds. The floor assumes the ledgers name
 * only the partnership's own localities and members, which holds for the generated data;
 * any other locality or partner code is counted in `missing`.
 */

interface Place {
  funds: string[];
  localities: { code: string; name: string; wards: string[] }[];
  organisations: OrganisationRow[];
}

async function readPlace(db: FloorDb, counter: Counter, partnershipId: string): Promise<Place> {
  const [row] = await db.query<Place>(
    'hub',
    counter,
    `SELECT array(SELECT f.id FROM fund f WHERE f.partnership_id = $1) AS funds,
            coalesce((SELECT json_agg(json_build_object('code', l.code, 'name', l.name,
                               'wards', array(SELECT w.ward_gss FROM locality_ward w WHERE w.locality_id = l.id)))
                        FROM locality l WHERE l.partnership_id = $1), '[]') AS localities,
            coalesce((SELECT json_agg(json_build_object('name', o.name, 'ods', o.ods_code, 'gss', o.gss_code, 'charity', o.charity_number))
                        FROM partnership_member m JOIN partner_organisation o ON o.id = m.organisation_id
                       WHERE m.partnership_id = $1), '[]') AS organisations`,
    [partnershipId],
  );
  return row!;
}

interface GroupRow {
  locality_code: string | null;
  org_code: string;
  financial_year: string;
  line_kind: 'CONTRIBUTION' | 'ALLOCATION';
  planned: string;
  actual: string;
  lines: number;
  without_actual: number;
}

const GROUPS = `coalesce((SELECT json_agg(g) FROM (
    SELECT locality_code, org_code, financial_year, line_kind, sum(planned)::text AS planned, coalesce(sum(actual), 0)::text AS actual,
           count(*)::int AS lines, count(*) FILTER (WHERE actual IS NULL)::int AS without_actual
      FROM ledger_line WHERE fund_code = ANY($1) WITHDRAWN
     GROUP BY locality_code, org_code, financial_year, line_kind) g), '[]')`;

async function readLedger(db: FloorDb, counter: Counter, source: Source, funds: string[], wards: string[]) {
  const groups = GROUPS.replace('WITHDRAWN', db.active(source, 'ledger_line', 'ledger_line'));
  // The council's statement also brings the wards' populations (per head needs them).
  const populations =
    source === 'council'
      ? `, coalesce((SELECT json_agg(json_build_object('gss', w.gss_code, 'population', w.population))
                    FROM ward w WHERE w.gss_code = ANY($2) ${db.active('council', 'ward', 'w')}), '[]') AS wards`
      : '';
  const [row] = await db.query<{ groups: GroupRow[]; wards?: { gss: string; population: number | null }[] }>(
    source,
    counter,
    `SELECT ${groups} AS groups ${populations}`,
    source === 'council' ? [funds, wards] : [funds],
  );
  return row!;
}

interface Figures {
  planned: bigint;
  actual: bigint;
  lines: number;
  withoutActual: number;
}

const MONEY = 2;

const totalsOut = (f: Figures) => ({
  planned: fixed(f.planned, MONEY),
  actual: fixed(f.actual, MONEY),
  variance: fixed(f.actual - f.planned, MONEY),
  lines: f.lines,
  linesWithoutActual: f.withoutActual,
});

/** Per head only where the group is one locality with a known, non-zero population. */
const figuresOut = (f: Figures, population: number | null) => ({
  ...totalsOut(f),
  plannedPerHead: population ? fixed(divided(f.planned, population), MONEY) : null,
  actualPerHead: population ? fixed(divided(f.actual, population), MONEY) : null,
});

/** The hub's rule: a locality's population is its wards' sum, or null if any ward is unknown or has none. */
function populationOf(wards: readonly string[], known: ReadonlyMap<string, number | null>): number | null {
  const rows = wards.filter((w) => known.has(w));
  if (rows.length === 0 || rows.length < wards.length || rows.some((w) => known.get(w) === null)) return null;
  return rows.reduce((sum, w) => sum + (known.get(w) ?? 0), 0);
}

/** Groups of every source with the same key, added up, in the hub's key order (its JSON text). */
function combine(rows: readonly GroupRow[]) {
  const groups = new Map<string, { row: GroupRow; figures: Figures }>();
  for (const r of rows) {
    const key = JSON.stringify({
      localityCode: r.locality_code,
      partnerCode: r.org_code,
      fundCode: null,
      schemeCode: null,
      financialYear: r.financial_year,
      lineKind: r.line_kind,
    });
    const f = groups.get(key)?.figures ?? { planned: 0n, actual: 0n, lines: 0, withoutActual: 0 };
    groups.set(key, {
      row: r,
      figures: {
        planned: f.planned + units(r.planned, MONEY),
        actual: f.actual + units(r.actual, MONEY),
        lines: f.lines + r.lines,
        withoutActual: f.withoutActual + r.without_actual,
      },
    });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

export async function floorQ3(db: FloorDb, counter: Counter, variables: { partnershipId: string }) {
  const partnershipId = Buffer.from(variables.partnershipId, 'base64url')
    .toString('utf8')
    .replace(/^Partnership:/, '');
  const place = await readPlace(db, counter, partnershipId);
  const wards = place.localities.flatMap((l) => l.wards);
  const [ccg, council, trust] = await Promise.all(
    (['ccg', 'council', 'trust'] as const).map((source) => readLedger(db, counter, source, place.funds, wards)),
  );
  const known = new Map((council!.wards ?? []).map((w) => [w.gss, w.population]));
  const localities = new Map(place.localities.map((l) => [l.code, l]));
  const partners = new Map(
    place.organisations.flatMap((o) => [o.ods, o.gss, o.charity].filter((c): c is string => c !== null).map((c) => [c, o])),
  );
  const groups = combine([...ccg!.groups, ...council!.groups, ...trust!.groups]);
  let missing = 0;
  const out = groups.map(({ row, figures }) => {
    const locality = row.locality_code === null ? null : localities.get(row.locality_code);
    const partner = partners.get(row.org_code);
    if (locality === undefined || !partner) missing += 1;
    return {
      key: {
        localityCode: row.locality_code,
        locality: locality ? { name: locality.name } : null,
        partnerCode: row.org_code,
        partner: partner ? { name: partner.name } : null,
        financialYear: row.financial_year,
        lineKind: row.line_kind,
      },
      figures: figuresOut(figures, locality ? populationOf(locality.wards, known) : null),
    };
  });
  // Income and expenditure apart, as the hub totals them (adding them would count the fund twice).
  const totalOf = (kind: GroupRow['line_kind']) =>
    groups
      .filter((g) => g.row.line_kind === kind)
      .reduce(
        (t, g) => ({
          planned: t.planned + g.figures.planned,
          actual: t.actual + g.figures.actual,
          lines: t.lines + g.figures.lines,
          withoutActual: t.withoutActual + g.figures.withoutActual,
        }),
        { planned: 0n, actual: 0n, lines: 0, withoutActual: 0 },
      );
  return {
    data: { budgetSummary: { groups: out, income: totalsOut(totalOf('CONTRIBUTION')), expenditure: totalsOut(totalOf('ALLOCATION')) } },
    missing,
  };
}
