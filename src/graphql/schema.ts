import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { applyAccessControl } from '../auth/accessDirective';
import { resolvers } from '../resolvers';
import { readTypeDefs } from './typeDefs';

export { readTypeDefs, SCHEMA_DIR } from './typeDefs';

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: resolvers as never, // codegen's Resolvers type is stricter than graphql-tools' IResolvers; same runtime shape
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  return applyAccessControl(schema);
}
