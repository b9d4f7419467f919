import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import type { PageLimits } from '../graphql/connection';
import type { HubContext } from './context';
import type { SenderTurns } from './senderTurns';
import { ErrorCode } from './errors';

/**
 * The query cost limit, by GraphQL Armor's weights (an object 2, a scalar 1, each level
 * 1.5 times the one above, a list times its rows), counting the page a list will really
 * have: `first` as written or as its variable's value, the default page for a paged field
 * without `first`, and an unpaged list's declared size. Armor's own rule multiplies only by
 * a literal `first`, so leaving it out (or passing it as a variable) made a nest of lists
 * look as cheap as one row of each. Checked once the operation is known, so variables are.
 */

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

/**
 * How many rows each field of the document stands for: a paged field (one the schema gives
 * a `first` argument) its page, found per request; an unpaged list its declared
 * `@listSize(assumedSize:)` (schema/cost.graphql); anything else one. Walking the document
 * with its types is most of the cost's price; Apollo Server hands every request of the same
 * text the same parsed document, so the answer is kept with the document (per schema: the
 * federation subgraph's differs), and a repeated query costs only its page sizes.
 */
type Rows = 'page' | number;
const rowsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, WeakMap<FieldNode, Rows>>>();

function rowsOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown> | null | undefined): Rows {
  if (!field) return 1;
  if (field.args.some((a) => a.name === 'first')) return 'page';
  const assumed = getDirective(schema, field, 'listSize')?.[0]?.['assumedSize'] as unknown;
  return typeof assumed === 'number' ? assumed : 1;
}

function fieldRows(schema: GraphQLSchema, document: DocumentNode): WeakMap<FieldNode, Rows> {
  let byDocument = rowsBySchema.get(schema);
  if (!byDocument) rowsBySchema.set(schema, (byDocument = new WeakMap()));
  const known = byDocument.get(document);
  if (known) return known;
  const rows = new WeakMap<FieldNode, Rows>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const counted = rowsOf(schema, typeInfo.getFieldDef());
        if (counted !== 1) rows.set(node, counted);
      },
    }),
  );
  byDocument.set(document, rows);
  return rows;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  pages: PageLimits,
): number {
  const rows = fieldRows(schema, document);
  const fragments = new Map<string, FragmentDefinitionNode>(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const rowsFor = (node: FieldNode): number => {
    const counted = rows.get(node) ?? 1;
    if (counted !== 'page') return counted;
    const first = node.arguments?.find((a) => a.name.value === 'first')?.value;
    const given = !first
      ? null
      : first.kind === Kind.INT
        ? Number(first.value)
        : first.kind === Kind.VARIABLE
          ? variables[first.name.value]
          : null;
    return typeof given === 'number' && Number.isFinite(given) ? Math.max(given, 1) : pages.defaultPageSize;
  };
  const fragmentCosts = new Map<string, number>();
  const cost = (node: ASTNode): number => {
    if (node.kind === Kind.FIELD && node.name.value === '__schema') return 0; // introspection has its own switch
    if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value;
      if (!fragmentCosts.has(name)) {
        fragmentCosts.set(name, 0); // a cycle (refused by validation) costs nothing more
        const fragment = fragments.get(name);
        fragmentCosts.set(name, fragment ? cost(fragment) : 0);
      }
      return SCALAR_COST + DEPTH_FACTOR * fragmentCosts.get(name)!;
    }
    if (!('selectionSet' in node) || !node.selectionSet) return SCALAR_COST;
    const children = node.selectionSet.selections.reduce((sum, child) => sum + DEPTH_FACTOR * cost(child), 0);
    return (OBJECT_COST + children) * (node.kind === Kind.FIELD ? rowsFor(node) : 1);
  };
  return operation.selectionSet.selections.reduce((sum, child) => sum + cost(child), 0);
}

/**
 * Refuses an operation over the cost limit before it runs; makes a costly one below it wait
 * for its sender's turn (src/server/senderTurns.ts), which ends when its response is sent.
 */
export function costLimitPlugin(maxCost: number, pages: PageLimits, turns: SenderTurns): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      let endTurn: (() => void) | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const total = queryCost(schema, document, operation, request.variables ?? {}, pages);
          if (total > maxCost) {
            throw new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${Math.round(total)}.`, {
              extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
            });
          }
          if (total > turns.limits.cost) endTurn = await turns.take(contextValue.sender);
        },
        async willSendResponse() {
          endTurn?.();
        },
      };
    },
  };
}
