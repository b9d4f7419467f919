import type { Databases } from '../../src/db/databases';
import { encodeCursor } from '../../src/graphql/connection';

/**
 * The operations of the scale issue, as GraphQL documents, and the keys to run them over
 * (spread across the dataset, read from the hub's registry). Shared by the benchmark
 * (bench/run.ts) and the statement-count test (test/scale.test.ts).
 *
 * Q3 (budget summary) and Q5 (cross-source filter) need features the hub does not have yet.
 */

export type OperationId = 'Q1' | 'Q2' | 'Q4';

export interface Operation {
  id: OperationId;
  title: string;
  query: string;
}

export const Q1_LOCALITY_DASHBOARD = /* GraphQL */ `
  query Q1LocalityDashboard($code: String!) {
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
            nodes { id name careSetting provider { name odsCode } }
          }
        }
      }
      estates(first: 100) {
        totalCount
        nodes { id name odsSiteCodes status sources { source table nativeKey } }
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
        hubs(first: 100) { totalCount nodes { id name } }
        services(first: 100) { totalCount nodes { id name careSetting } }
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
      partnerships(first: 100) { totalCount nodes { id name } }
    }
  }
`;

export const OPERATIONS: readonly Operation[] = [
  { id: 'Q1', title: 'Q1 locality dashboard (locality by code → hubs → services → provider; estates with sources)', query: Q1_LOCALITY_DASHBOARD },
  { id: 'Q2', title: 'Q2 list (100 localities with their hubs and services)', query: Q2_LOCALITY_LIST },
  { id: 'Q4', title: 'Q4 one organisation by ODS code (with its partnerships)', query: Q4_ORGANISATION },
];

export const NOT_YET_AVAILABLE = [
  { id: 'Q3', title: 'Q3 budget summary', reason: 'needs the budget model (money across partners), not built yet' },
  { id: 'Q5', title: 'Q5 cross-source filter', reason: 'needs filter arguments on lists, not built yet' },
] as const;

/** Up to `count` items spread evenly over a list. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/** Variables for each operation: `count` locality codes, every full page of 100, `count` ODS codes. */
export async function operationVariables(
  databases: Databases,
  count: number,
): Promise<Record<OperationId, Record<string, unknown>[]>> {
  const localities = await databases.hub.query<{ id: string; code: string }[]>(`SELECT id, code FROM locality ORDER BY id COLLATE "C"`);
  const organisations = await databases.hub.query<{ ods_code: string }[]>(
    `SELECT ods_code FROM partner_organisation WHERE ods_code IS NOT NULL ORDER BY id COLLATE "C"`,
  );
  const pages: Record<string, unknown>[] = [{ after: null }];
  for (let end = 200; end <= localities.length; end += 100) pages.push({ after: encodeCursor(localities[end - 101]!.id) });
  return {
    Q1: spread(localities, count).map((l) => ({ code: l.code })),
    Q2: pages,
    Q4: spread(organisations, count).map((o) => ({ ods: o.ods_code })),
  };
}
