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
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { PageLimits } from '../graphql/connection';

/**
 * The query cost limit, by GraphQL Armor's weights (an object 2, a scalar 1, each level
 * 1.5 times the one above, a list times its page size), counting the page a list will
 * really have: `first` as written or as its variable's value, and the default page for a
 * paged field without `first`. Armor's own rule multiplies only by a literal `first`, so
 * leaving it out (or passing it as a variable) made a nest of lists look as cheap as one
 * row of each. Checked once the operation is known, so variables are.
 */

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

/**
 * Which fields are paged: those the schema gives a `first` argument. Walking the document
 * with its types is most of the cost's price; Apollo Server hands every request of the same
 * text the same parsed document, so the answer is kept with the document (per schema: the
 * federation subgraph's differs), and a repeated query costs only its page sizes.
 */
const pagedBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, WeakSet<FieldNode>>>();

function pagedFields(schema: GraphQLSchema, document: DocumentNode): WeakSet<FieldNode> {
  let byDocument = pagedBySchema.get(schema);
  if (!byDocument) pagedBySchema.set(schema, (byDocument = new WeakMap()));
  const known = byDocument.get(document);
  if (known) return known;
  const paged = new WeakSet<FieldNode>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (typeInfo.getFieldDef()?.args.some((a) => a.name === 'first')) paged.add(node);
      },
    }),
  );
  byDocument.set(document, paged);
  return paged;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  pages: PageLimits,
): number {
  const paged = pagedFields(schema, document);
  const fragments = new Map<string, FragmentDefinitionNode>(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const pageOf = (node: FieldNode): number => {
    if (!paged.has(node)) return 1;
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
    return (OBJECT_COST + children) * (node.kind === Kind.FIELD ? pageOf(node) : 1);
  };
  return operation.selectionSet.selections.reduce((sum, child) => sum + cost(child), 0);
}

export function costLimitPlugin<Context extends object>(maxCost: number, pages: PageLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const total = queryCost(schema, document, operation, request.variables ?? {}, pages);
          if (total <= maxCost) return;
          throw new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${Math.round(total)}.`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
