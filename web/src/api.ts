import { Client, CombinedError, fetchExchange, gql } from '@urql/core';

/**
 * The dashboard's only data source: the hub's public GraphQL API, through urql as any
 * dashboard team would use it. Queries go as plain GETs (urql's default); a partner key,
 * when the user gives one, is sent as `x-api-key`.
 */

const KEY_STORAGE = 'hub-dashboard-api-key';

export function savedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function saveKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

const client = new Client({
  url: '/graphql',
  exchanges: [fetchExchange],
  requestPolicy: 'network-only',
  fetchOptions: () => {
    const key = savedKey();
    return key ? { headers: { 'x-api-key': key } } : {};
  },
});

export class ApiError extends Error {
  constructor(readonly error: CombinedError) {
    super(error.message);
  }
}

export interface Answer<T> {
  data: T;
  /** Field errors the hub returned next to the data (e.g. a partner source that is down). */
  errors: readonly { message: string; code: string | undefined }[];
}

export async function run<T>(query: ReturnType<typeof gql>, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
  const result = await client.query<T>(query, variables).toPromise();
  if (!result.data) throw new ApiError(result.error ?? new CombinedError({ graphQLErrors: ['The hub returned no data.'] }));
  const errors = (result.error?.graphQLErrors ?? []).map((e) => ({ message: e.message, code: e.extensions.code as string | undefined }));
  return { data: result.data, errors };
}

export interface SourceRecord {
  source: string;
  table: string;
  nativeKey: string;
  lastChangedAt: string;
}

const SOURCES = `sources { source table nativeKey lastChangedAt }`;

export const PARTNERSHIPS = gql`
  query DashboardPartnerships {
    partnerships(first: 100) {
      nodes { id name localities(first: 100) { nodes { code name } } }
    }
  }
`;

export interface PartnershipsData {
  partnerships: { nodes: { id: string; name: string; localities: { nodes: { code: string; name: string }[] } }[] };
}

export const LOCALITY = gql`
  query DashboardLocality($code: String!) {
    locality(code: $code) {
      id code name population placeGssCode
      council { name }
      partnership { id name }
      ${SOURCES}
      wards(first: 100) { totalCount nodes { gssCode name population } }
      hubs(first: 100) {
        totalCount
        nodes {
          id name kinds status openedText openingHours postcode
          ward { gssCode name }
          ${SOURCES}
          services(first: 100) { totalCount nodes { id name careSetting provider { name } } }
        }
      }
      estates(first: 100) {
        totalCount
        nodes { id name status currentUse postcode odsSiteCodes uprn ownerName owner { name } ward { gssCode name } ${SOURCES} }
      }
      services(first: 100, orderBy: { field: NAME }) {
        totalCount
        nodes { id name careSetting cohort provider { name } providerCode hub { name } ${SOURCES} }
      }
      indicators {
        indicator { id name unit polarity countsPeople ${SOURCES} }
        latest { period value suppressed target rag { status reason threshold } ${SOURCES} }
        previous { period value suppressed }
        trend
        values { period value suppressed }
      }
    }
  }
`;

export type Rag = 'RED' | 'AMBER' | 'GREEN';

export interface IndicatorValue {
  period: string;
  value: string | null;
  suppressed: boolean;
}

export interface LocalityData {
  locality: {
    id: string;
    code: string;
    name: string;
    population: number | null;
    placeGssCode: string;
    council: { name: string } | null;
    partnership: { id: string; name: string } | null;
    sources: SourceRecord[];
    wards: { totalCount: number; nodes: { gssCode: string; name: string; population: number | null }[] };
    hubs: {
      totalCount: number;
      nodes: {
        id: string;
        name: string;
        kinds: string[];
        status: string;
        openedText: string | null;
        openingHours: string | null;
        postcode: string | null;
        ward: { gssCode: string; name: string } | null;
        sources: SourceRecord[];
        services: { totalCount: number; nodes: { id: string; name: string; careSetting: string; provider: { name: string } | null }[] };
      }[];
    };
    estates: {
      totalCount: number;
      nodes: {
        id: string;
        name: string;
        status: string | null;
        currentUse: string | null;
        postcode: string | null;
        odsSiteCodes: string[];
        uprn: string | null;
        ownerName: string | null;
        owner: { name: string } | null;
        ward: { gssCode: string; name: string } | null;
        sources: SourceRecord[];
      }[];
    };
    services: {
      totalCount: number;
      nodes: {
        id: string;
        name: string;
        careSetting: string;
        cohort: string | null;
        provider: { name: string } | null;
        providerCode: string | null;
        hub: { name: string } | null;
        sources: SourceRecord[];
      }[];
    };
    indicators: {
      indicator: { id: string; name: string; unit: string; polarity: string; countsPeople: boolean; sources: SourceRecord[] };
      latest: (IndicatorValue & { target: string | null; rag: { status: Rag | null; reason: string; threshold: string | null } | null; sources: SourceRecord[] }) | null;
      previous: IndicatorValue | null;
      trend: string;
      values: IndicatorValue[];
    }[];
  } | null;
}

export const PLANS = gql`
  query DashboardPlans($partnershipId: ID!) {
    node(id: $partnershipId) {
      ... on Partnership {
        deliveryPlans {
          id title periodText
          ${SOURCES}
          actions(first: 100) { nodes { id statusHistory { period } } }
        }
      }
    }
  }
`;

export interface PlansData {
  node: { deliveryPlans: { id: string; title: string; periodText: string | null; sources: SourceRecord[]; actions: { nodes: { id: string; statusHistory: { period: string }[] }[] } }[] } | null;
}

export const RAG_SUMMARY = gql`
  query DashboardRagSummary($planId: ID!, $period: String!, $previous: String!, $withPrevious: Boolean!) {
    deliveryPlan(id: $planId) {
      id
      now: ragSummary(period: $period) { period red amber green notRecorded total }
      before: ragSummary(period: $previous) @include(if: $withPrevious) { period red amber green notRecorded total }
    }
  }
`;

export interface RagCounts {
  period: string;
  red: number;
  amber: number;
  green: number;
  notRecorded: number;
  total: number;
}

export interface RagSummaryData {
  deliveryPlan: { id: string; now: RagCounts; before?: RagCounts } | null;
}

export const BUDGET = gql`
  query DashboardBudget($code: String!) {
    budgetSummary(groupBy: [FINANCIAL_YEAR], filter: { localityCode: $code }) {
      groups { key { financialYear } figures { planned actual variance plannedPerHead actualPerHead lines } }
      total { planned actual variance plannedPerHead actualPerHead lines }
      sources
    }
  }
`;

export interface BudgetFigures {
  planned: string;
  actual: string;
  variance: string;
  plannedPerHead: string | null;
  actualPerHead: string | null;
  lines: number;
}

export interface BudgetData {
  budgetSummary: { groups: { key: { financialYear: string }; figures: BudgetFigures }[]; total: BudgetFigures; sources: string[] } | null;
}
