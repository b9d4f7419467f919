import { Client, CombinedError, fetchExchange, gql } from '@urql/core';
import type {
  DashboardBudgetQuery,
  DashboardLocalityQuery,
  DashboardPartnershipsQuery,
  DashboardPlansQuery,
  DashboardRagSummaryQuery,
  SourceFieldsFragment,
} from './generated/operations';

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

const SOURCE_FIELDS = gql`
  fragment SourceFields on SourceRecord {
    source
    table
    nativeKey
    lastChangedAt
    synthetic
  }
`;

export const PARTNERSHIPS = gql`
  query DashboardPartnerships {
    partnerships(first: 100) {
      nodes {
        id
        name
        localities(first: 100) {
          nodes {
            code
            name
          }
        }
      }
    }
  }
`;

export const LOCALITY = gql`
  query DashboardLocality($code: String!) {
    locality(code: $code) {
      id
      code
      name
      population
      placeGssCode
      council {
        name
      }
      partnership {
        id
        name
      }
      sources {
        ...SourceFields
      }
      wards(first: 100) {
        totalCount
        nodes {
          gssCode
          name
          population
        }
      }
      hubs(first: 100) {
        totalCount
        nodes {
          id
          name
          kinds
          status
          openedText
          openingHours
          postcode
          ward {
            gssCode
            name
          }
          sources {
            ...SourceFields
          }
          services(first: 100) {
            totalCount
            nodes {
              id
              name
              careSetting
              provider {
                name
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
          status
          currentUse
          postcode
          odsSiteCodes
          uprn
          ownerName
          owner {
            name
          }
          ward {
            gssCode
            name
          }
          sources {
            ...SourceFields
          }
        }
      }
      services(first: 100, orderBy: { field: NAME }) {
        totalCount
        nodes {
          id
          name
          careSetting
          cohort
          provider {
            name
          }
          providerCode
          hub {
            name
          }
          sources {
            ...SourceFields
          }
        }
      }
      indicators {
        indicator {
          id
          name
          unit
          polarity
          countsPeople
          sources {
            ...SourceFields
          }
        }
        latest {
          period
          value
          suppressed
          synthetic
          target
          targetSynthetic
          rag {
            status
            reason
            threshold
            synthetic
          }
          sources {
            ...SourceFields
          }
        }
        previous {
          period
          value
          suppressed
        }
        trend
        includesSynthetic
        values {
          period
          value
          suppressed
          synthetic
        }
      }
    }
  }
  ${SOURCE_FIELDS}
`;

export const PLANS = gql`
  query DashboardPlans($partnershipId: ID!) {
    node(id: $partnershipId) {
      ... on Partnership {
        deliveryPlans {
          id
          title
          periodText
          sources {
            ...SourceFields
          }
          actions(first: 100) {
            nodes {
              id
              statusHistory {
                period
              }
            }
          }
        }
      }
    }
  }
  ${SOURCE_FIELDS}
`;

export const RAG_SUMMARY = gql`
  query DashboardRagSummary($planId: ID!, $period: String!, $previous: String!, $withPrevious: Boolean!) {
    deliveryPlan(id: $planId) {
      id
      now: ragSummary(period: $period) {
        period
        red
        amber
        green
        notRecorded
        total
      }
      before: ragSummary(period: $previous) @include(if: $withPrevious) {
        period
        red
        amber
        green
        notRecorded
        total
      }
    }
  }
`;

export const BUDGET = gql`
  query DashboardBudget($code: String!) {
    budgetSummary(groupBy: [FINANCIAL_YEAR], filter: { localityCode: $code }) {
      groups {
        key {
          financialYear
        }
        figures {
          planned
          actual
          variance
          plannedPerHead
          actualPerHead
          lines
          syntheticLines
        }
      }
      total {
        planned
        actual
        variance
        plannedPerHead
        actualPerHead
        lines
        syntheticLines
      }
      includesSynthetic
      sources
    }
  }
`;

/** The answers' types, generated from the schema and the queries above (codegen.yml, `npm run codegen`). */
export type { Rag } from './generated/operations';
export type SourceRecord = SourceFieldsFragment;
export type PartnershipsData = DashboardPartnershipsQuery;
export type LocalityData = DashboardLocalityQuery;
export type IndicatorValue = NonNullable<LocalityData['locality']>['indicators'][number]['values'][number];
export type PlansData = DashboardPlansQuery;
export type RagSummaryData = DashboardRagSummaryQuery;
export type RagCounts = NonNullable<RagSummaryData['deliveryPlan']>['now'];
export type BudgetData = DashboardBudgetQuery;
