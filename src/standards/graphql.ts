import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { HubContext } from '../server/context';
import { statusOf } from '../server/errors';

/**
 * The standards APIs (FHIR, Open Referral UK) are other ways into the same model: each request
 * runs GraphQL operations through the same server as `/graphql`, with the context made as
 * `/graphql` makes it, so the access directives, data categories, estates' withheld records,
 * disclosure control, cost limits, outages and metrics are those of GraphQL, written once.
 */

/** A failure the standard's error shape reports: the GraphQL code, its HTTP status and the message. */
export class StandardsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** What was at fault: a parameter, or the unavailable source. */
    readonly at?: string,
  ) {
    super(message);
    this.name = 'StandardsError';
  }
}

export const errorFrom = (error: GraphQLFormattedError): StandardsError => {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const at = error.extensions?.source ?? error.extensions?.argumentName;
  return new StandardsError(code, statusOf(code), error.message, typeof at === 'string' ? at : undefined);
};

/** A source that did not answer: the rest of the answer stands, and says it lacks that source's facts. */
export interface Outage {
  source: string;
  message: string;
}

export interface Answer<T> {
  data: T;
  outages: Outage[];
}

/** Runs one operation of the hub's schema for the request; any error but an outage refuses the request. */
export type RunOperation = <T>(query: string, variables?: Record<string, unknown>) => Promise<Answer<T>>;

export function operationRunner(apollo: ApolloServer<HubContext>, contextValue: HubContext): RunOperation {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('A standards operation answered incrementally');
    const { data, errors = [] } = response.body.singleResult;
    const refusal = errors.find((e) => e.extensions?.code !== 'SOURCE_UNAVAILABLE');
    if (refusal) throw errorFrom(refusal);
    if (!data) throw errorFrom(errors[0] ?? { message: 'The hub gave no answer.' });
    const outages = errors.map((e) => ({ source: String(e.extensions?.source ?? 'unknown'), message: e.message }));
    return { data: data as T, outages };
  };
}

/** A root connection's `filter` argument: its GraphQL input type and value. */
export interface RootFilter {
  type: string;
  value: unknown;
}

/** Every node of a connection at the root, page by page at the hub's largest page size. */
export async function allNodes<T>(
  run: RunOperation,
  field: string,
  selection: string,
  pageSize: number,
  filter?: RootFilter,
): Promise<Answer<T[]>> {
  const nodes: T[] = [];
  const outages: Outage[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = Record<string, { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;
    const page: Answer<Page> = await run<Page>(
      `query Standards_${field}($first: Int, $after: String${filter ? `, $filter: ${filter.type}` : ''}) { ${field}(first: $first, after: $after${filter ? ', filter: $filter' : ''}) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { first: pageSize, after, ...(filter ? { filter: filter.value } : {}) },
    );
    const connection = page.data[field]!;
    nodes.push(...connection.nodes);
    outages.push(...page.outages);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return { data: nodes, outages: uniqueOutages(outages) };
    after = connection.pageInfo.endCursor;
  }
}

export const uniqueOutages = (outages: readonly Outage[]): Outage[] => [...new Map(outages.map((o) => [o.source, o])).values()];
