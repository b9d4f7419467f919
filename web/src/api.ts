import { Client, CombinedError, fetchExchange, gql } from '@urql/core';
import type {
  DashboardAreaSeriesQuery,
  DashboardIndicatorIdsQuery,
  DashboardBudgetQuery,
  DashboardComparedQuery,
  DashboardLocalityQuery,
  DashboardOverviewQuery,
  DashboardPcnParentsQuery,
  DashboardPostcodeLocalityQuery,
  DashboardPlansQuery,
  DashboardRagSummaryQuery,
  SeriesFieldsFragment,
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

function client(key: string | null): Client {
  return new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    fetchOptions: key ? { headers: { 'x-api-key': key } } : {},
  });
}
const anonymous = client(null);
let keyed: { key: string; client: Client } | null = null;

/**
 * Why the hub refused the saved key, once it has: the page then carries on with the public
 * view (every query again without the key) and says so beside the key box.
 */
let refusal: string | null = null;
const refusalListeners: ((message: string) => void)[] = [];

export function onKeyRefused(listener: (message: string) => void): void {
  refusalListeners.push(listener);
  if (refusal) listener(refusal);
}

export function keyRefused(): string | null {
  return refusal;
}

function keyRefusal(error: CombinedError | undefined): string | null {
  const refused = error?.graphQLErrors.find((e) => e.extensions.code === 'UNAUTHENTICATED');
  return refused ? refused.message : null;
}

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
  const key = refusal ? null : savedKey();
  if (key && keyed?.key !== key) keyed = { key, client: client(key) };
  let result = await (key ? keyed!.client : anonymous).query<T>(query, variables).toPromise();
  const refused = key ? keyRefusal(result.error) : null;
  if (refused) {
    refusal = refused;
    for (const listener of refusalListeners) listener(refused);
    result = await anonymous.query<T>(query, variables).toPromise();
  }
  if (!result.data) throw new ApiError(result.error ?? new CombinedError({ graphQLErrors: ['The hub returned no data.'] }));
  const errors = (result.error?.graphQLErrors ?? []).map((e) => ({ message: e.message, code: e.extensions.code as string | undefined }));
  return { data: result.data, errors };
}

const SOURCE_FIELDS = gql`
  fragment SourceFields on SourceRecord {
    source
    holders {
      name
    }
    table
    nativeKey
    lastChangedAt
    synthetic
  }
`;

/** A comparator area's value (England's) for the same period, and how the area compares with it. */
const COMPARATOR_FIELDS = gql`
  fragment ComparatorFields on Comparator {
    areaCode
    areaName
    value
    comparison
    comparisonNote
  }
`;

/** What a chart of an indicator's series needs: every value, its target and RAG, and the latest. */
const SERIES_FIELDS = gql`
  fragment SeriesFields on IndicatorSeries {
    areaCode
    rolledUpFrom
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
      comparators {
        ...ComparatorFields
      }
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
      periodStart
      value
      suppressed
      synthetic
      target
      confidenceInterval {
        lower
        upper
      }
      rag {
        status
        reason
        threshold
      }
    }
  }
  ${SOURCE_FIELDS}
  ${COMPARATOR_FIELDS}
`;

const STRUCTURE_PARENT_FIELDS = gql`
  fragment StructureParentFields on StructureLink {
    relationship
    validTo
    structure {
      code
      kind
      name
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
      pcnCode
      council {
        name
      }
      councils {
        tier
        council {
          code
          name
          parents {
            ...StructureParentFields
          }
        }
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
        ...SeriesFields
      }
      partners(first: 100) {
        nodes {
          name
        }
      }
    }
  }
  ${SERIES_FIELDS}
  ${STRUCTURE_PARENT_FIELDS}
`;

/** The CCG (or sub-ICB location) a locality's PCN is part of, and that body's NHS region. */
export const PCN_PARENTS = gql`
  query DashboardPcnParents($pcn: String!) {
    structure(code: $pcn, kind: PCN) {
      code
      name
      parents {
        ...StructureParentFields
        structure {
          parents {
            ...StructureParentFields
          }
        }
      }
    }
  }
  ${STRUCTURE_PARENT_FIELDS}
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

const BUDGET_FIGURES = gql`
  fragment BudgetFiguresFields on BudgetFigures {
    planned
    actual
    variance
    lines
    linesWithoutActual
    syntheticLines
    perHeadReason
    perHead {
      planned
      actual
      denominator {
        basis
        population
        referenceDate
        matchesYear
      }
    }
  }
`;

export const BUDGET = gql`
  query DashboardBudget($code: String!) {
    byYear: budgetSummary(groupBy: [LOCALITY, FINANCIAL_YEAR], filter: { localityCode: $code }) {
      groups {
        key {
          financialYear
          lineKind
        }
        figures {
          ...BudgetFiguresFields
        }
      }
      includesSynthetic
    }
    byPartner: budgetSummary(groupBy: [PARTNER], filter: { localityCode: $code }) {
      groups {
        key {
          partnerCode
          partner {
            name
          }
          lineKind
        }
        figures {
          lines
        }
      }
    }
  }
  ${BUDGET_FIGURES}
`;

/** One locality of the compare view: its size and every indicator series measured for it. */
export const COMPARED = gql`
  query DashboardCompared($code: String!) {
    locality(code: $code) {
      code
      name
      population
      council {
        name
      }
      partnership {
        name
      }
      hubs {
        totalCount
      }
      estates {
        totalCount
      }
      services {
        totalCount
      }
      indicators {
        ...SeriesFields
      }
    }
  }
  ${SERIES_FIELDS}
`;

/** Every indicator of every partnership's outcomes: what may be measured for an area covering a locality. */
export const INDICATOR_IDS = gql`
  query DashboardIndicatorIds {
    partnerships(first: 100) {
      nodes {
        outcomeDomains {
          outcomes {
            indicators {
              id
            }
          }
        }
      }
    }
  }
`;

/** One indicator over time for one area, with its comparison. */
export const AREA_SERIES = gql`
  query DashboardAreaSeries($indicator: ID!, $area: String!) {
    indicator(id: $indicator) {
      series(area: $area) {
        ...SeriesFields
      }
    }
  }
  ${SERIES_FIELDS}
`;

/** Every locality with its wards and the latest of each indicator measured there: the landing map and ranking. */
export const OVERVIEW = gql`
  query DashboardOverview {
    localities(first: 100) {
      nodes {
        code
        name
        placeGssCode
        population
        partnership {
          id
          name
        }
        wards(first: 100) {
          nodes {
            gssCode
            name
          }
        }
        indicators {
          indicator {
            id
            name
            unit
            polarity
          }
          latest {
            period
            value
            suppressed
            confidenceInterval {
              lower
              upper
              method
            }
            comparators {
              ...ComparatorFields
            }
          }
        }
      }
    }
  }
  ${COMPARATOR_FIELDS}
`;

/** The locality a postcode is in, by the hub's postcode-to-ward lookup. */
export const POSTCODE_LOCALITY = gql`
  query DashboardPostcodeLocality($postcode: String!) {
    locality(postcode: $postcode) {
      code
    }
  }
`;

/** The answers' types, generated from the schema and the queries above (codegen.yml, `npm run codegen`). */
export type { Rag } from './generated/operations';
export type SourceRecord = SourceFieldsFragment;
export type LocalityData = DashboardLocalityQuery;
export type IndicatorValue = SeriesFieldsFragment['values'][number];
export type PlansData = DashboardPlansQuery;
export type RagSummaryData = DashboardRagSummaryQuery;
export type RagCounts = NonNullable<RagSummaryData['deliveryPlan']>['now'];
export type BudgetData = DashboardBudgetQuery;
export type Series = SeriesFieldsFragment;
export type ChartValue = Series['values'][number];
export type IndicatorIdsData = DashboardIndicatorIdsQuery;
export type AreaSeriesData = DashboardAreaSeriesQuery;
export type OverviewData = DashboardOverviewQuery;
export type ComparedData = DashboardComparedQuery;
export type PcnParentsData = DashboardPcnParentsQuery;
export type PostcodeLocalityData = DashboardPostcodeLocalityQuery;
export type Comparator = NonNullable<Series['latest']>['comparators'][number];
export type OverviewLocality = OverviewData['localities']['nodes'][number];
