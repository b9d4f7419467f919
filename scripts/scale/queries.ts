import type { Databases, DefaultDatabases } from '../../src/db/databases';
import { encodeCursor } from '../../src/graphql/connection';
import { toGlobalId } from '../../src/graphql/globalId';
import { LATEST_QUARTER, QUARTERS } from './calendar';

/**
 * The operations of the scale issue, as GraphQL documents, and the keys to run them over
 * (spread across the dataset, read from the databases): the variables, and who calls
 * (Q3's budget detail is for partners, so it is asked by an analyst of the partnership's
 * council with an API key; the others are public). Shared by the benchmark (bench/run.ts)
 * and the statement-count test (test/scale.test.ts).
 */

export type OperationId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5';

export interface Operation {
  id: OperationId;
  title: string;
  query: string;
}

export interface OperationKey {
  variables: Record<string, unknown>;
  /** The partner organisation whose ANALYST key calls, or null for an anonymous (public) call. */
  callerOrganisationId: string | null;
}

export const Q1_LOCALITY_DASHBOARD = /* GraphQL */ `
  query Q1LocalityDashboard($code: String!, $period: String!) {
    locality(code: $code) {
      code
      name
      population
      hubs(first: 100) {
        totalCount
        nodes {
          id
          name
          kinds
          status
          services(first: 100) {
            totalCount
            nodes {
              id
              name
              careSetting
              provider {
                name
                odsCode
              }
            }
          }
        }
      }
      estates(first: 100) {
        totalCount
        nodes {
          id
          name
          odsSiteCodes
          status
          sources {
            source
            table
            nativeKey
          }
        }
      }
      indicators {
        indicator {
          id
          name
          unit
        }
        latest {
          period
          value
          target
          rag {
            status
            reason
          }
        }
        trend
      }
      partnership {
        name
        deliveryPlans {
          id
          title
          ragSummary(period: $period) {
            period
            red
            amber
            green
            total
            notRecorded
          }
        }
      }
    }
  }
`;

export const Q2_LOCALITY_LIST = /* GraphQL */ `
  query Q2LocalityList($after: String) {
    localities(first: 100, after: $after) {
      totalCount
      nodes {
        code
        name
        hubs(first: 100) {
          totalCount
          nodes {
            id
            name
          }
        }
        services(first: 100) {
          totalCount
          nodes {
            id
            name
            careSetting
          }
        }
      }
    }
  }
`;

export const Q4_ORGANISATION = /* GraphQL */ `
  query Q4Organisation($ods: String!) {
    partnerOrganisation(odsCode: $ods) {
      id
      name
      shortName
      kind
      sector
      odsCode
      gssCode
      validFrom
      partnerships(first: 100) {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
`;

export const Q3_BUDGET_SUMMARY = /* GraphQL */ `
  query Q3BudgetSummary($partnershipId: ID!) {
    budgetSummary(groupBy: [LOCALITY, PARTNER, FINANCIAL_YEAR, LINE_KIND], filter: { partnershipId: $partnershipId }) {
      groups {
        key {
          localityCode
          locality {
            name
          }
          partnerCode
          partner {
            name
          }
          financialYear
          lineKind
        }
        figures {
          planned
          actual
          variance
          lines
          linesWithoutActual
          plannedPerHead
          actualPerHead
        }
      }
      income {
        planned
        actual
        variance
        lines
        linesWithoutActual
      }
      expenditure {
        planned
        actual
        variance
        lines
        linesWithoutActual
      }
    }
  }
`;

export const Q5_RED_ACTION_PROVIDERS = /* GraphQL */ `
  query Q5RedActionProviders($period: String!, $after: String) {
    services(
      filter: { provider: { hasActionWithRag: { rag: RED, period: $period } } }
      orderBy: { field: NAME }
      first: 20
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        careSetting
        provider {
          name
          odsCode
        }
      }
    }
  }
`;

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'Q1',
    title:
      'Q1 locality dashboard (locality by code → hubs → services → provider; estates with sources; latest indicators with RAG; action RAG summary)',
    query: Q1_LOCALITY_DASHBOARD,
  },
  { id: 'Q2', title: 'Q2 list (100 localities with their hubs and services)', query: Q2_LOCALITY_LIST },
  {
    id: 'Q3',
    title: 'Q3 budget summary for one partnership by locality × partner × financial year (as a partner analyst)',
    query: Q3_BUDGET_SUMMARY,
  },
  { id: 'Q4', title: 'Q4 one organisation by ODS code (with its partnerships)', query: Q4_ORGANISATION },
  {
    id: 'Q5',
    title: 'Q5 cross-source filter (services whose provider leads a Red action in a quarter, by name, second page)',
    query: Q5_RED_ACTION_PROVIDERS,
  },
];

/** Operations of the scale issue the benchmark cannot run yet, and why (none at present). */
export const NOT_YET_AVAILABLE: readonly { id: string; title: string; reason: string }[] = [];

/** The quarter Q1's action RAG summary reports: the latest of the generated calendar. */
export const Q1_RAG_PERIOD = LATEST_QUARTER;

/** Up to `count` items spread evenly over a list. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

const PAGE_SIZE = 20;

const anonymous = (variables: Record<string, unknown>): OperationKey => ({ variables, callerOrganisationId: null });

type Db = DefaultDatabases['hub'];

/** Organisations leading an action with a Red status in the period (the council's tracker). */
async function redLeadCodes(council: Db, period: string): Promise<string[]> {
  const rows = await council.query<{ code: string }[]>(
    `SELECT DISTINCT a.lead_org_code AS code FROM action_status s JOIN plan_action a ON a.action_ref = s.action_ref
      WHERE s.rag = 'R' AND s.period = $1 AND s.withdrawn_at IS NULL AND a.withdrawn_at IS NULL AND a.lead_org_code IS NOT NULL`,
    [period],
  );
  return rows.map((r) => r.code);
}

const PROVIDED_SERVICES = [
  { source: 'ccg', table: 'commissioned_service', key: 'service_code', provider: 'provider_ods' },
  { source: 'council', table: 'care_service', key: 'service_ref', provider: 'provider_code' },
  { source: 'trust', table: 'service_line', key: 'service_line_id', provider: 'trust_ods' },
] as const;

/**
 * The cursor a client holds after page 1 of Q5 (by name, then entity id, 20 a page), read
 * straight from the sources and the crosswalk; null when page 1 is the only page.
 */
async function secondPageCursor(databases: DefaultDatabases, period: string): Promise<string | null> {
  const codes = await redLeadCodes(databases.council, period);
  const found = await Promise.all(
    PROVIDED_SERVICES.map(async (t) => {
      const rows = await databases[t.source].query<{ key: string; name: string }[]>(
        `SELECT ${t.key} AS key, lower(name) AS name FROM ${t.table}
          WHERE withdrawn_at IS NULL AND ${t.provider} = ANY($1)
          ORDER BY lower(name) COLLATE "C" FETCH FIRST ${PAGE_SIZE + 1} ROWS WITH TIES`,
        [codes],
      );
      return rows.map((r) => ({ ...r, source: t.source, table: t.table }));
    }),
  );
  const rows = found.flat();
  const links = await databases.hub.query<{ source: string; native_table: string; native_key: string; entity_id: string }[]>(
    `SELECT l.source, l.native_table, l.native_key, l.entity_id FROM source_link l
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(source, native_table, native_key) USING (source, native_table, native_key)
      WHERE l.kind = 'SERVICE'`,
    [rows.map((r) => r.source), rows.map((r) => r.table), rows.map((r) => r.key)],
  );
  const entity = new Map(links.map((l) => [`${l.source}|${l.native_table}|${l.native_key}`, l.entity_id]));
  const tuples = rows
    .map((r): [string, string] => [r.name, entity.get(`${r.source}|${r.table}|${r.key}`) ?? ''])
    .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return tuples.length > PAGE_SIZE ? encodeCursor(JSON.stringify(tuples[PAGE_SIZE - 1])) : null;
}

/**
 * Q5's keys: the second page for the latest quarters that have one, newest first; in a
 * dataset too small for a second page, the first page of the latest quarter.
 */
async function q5Keys(databases: DefaultDatabases, count: number): Promise<OperationKey[]> {
  const keys: OperationKey[] = [];
  for (const quarter of [...QUARTERS].reverse().slice(0, 8)) {
    if (keys.length >= count) break;
    const after = await secondPageCursor(databases, quarter.period);
    if (after) keys.push(anonymous({ period: quarter.period, after }));
  }
  return keys.length > 0 ? keys : [anonymous({ period: LATEST_QUARTER, after: null })];
}

/** Q3's keys: partnerships spread over the dataset, each asked by its own council's analyst. */
async function q3Keys(databases: DefaultDatabases, count: number): Promise<OperationKey[]> {
  const rows = await databases.hub.query<{ id: string; council: string }[]>(
    `SELECT p.id, min(o.id) AS council FROM partnership p
       JOIN partnership_member m ON m.partnership_id = p.id
       JOIN partner_organisation o ON o.id = m.organisation_id AND o.kind = 'COUNCIL'
      GROUP BY p.id ORDER BY p.id COLLATE "C"`,
  );
  return spread(rows, count).map((r) => ({
    variables: { partnershipId: toGlobalId('Partnership', r.id) },
    callerOrganisationId: r.council,
  }));
}

/**
 * Keys for each operation: `count` locality codes, every full page of 100, `count`
 * partnerships, `count` ODS codes, and up to `count` of the latest quarters' second pages.
 */
export async function operationKeys(databases: DefaultDatabases, count: number): Promise<Record<OperationId, OperationKey[]>> {
  const localities = await databases.hub.query<{ id: string; code: string }[]>(`SELECT id, code FROM locality ORDER BY id COLLATE "C"`);
  const organisations = await databases.hub.query<{ ods_code: string }[]>(
    `SELECT ods_code FROM partner_organisation WHERE ods_code IS NOT NULL ORDER BY id COLLATE "C"`,
  );
  const pages: Record<string, unknown>[] = [{ after: null }];
  for (let end = 200; end <= localities.length; end += 100) pages.push({ after: encodeCursor(localities[end - 101]!.id) });
  return {
    Q1: spread(localities, count).map((l) => anonymous({ code: l.code, period: Q1_RAG_PERIOD })),
    Q2: pages.map(anonymous),
    Q3: await q3Keys(databases, count),
    Q4: spread(organisations, count).map((o) => anonymous({ ods: o.ods_code })),
    Q5: await q5Keys(databases, count),
  };
}
