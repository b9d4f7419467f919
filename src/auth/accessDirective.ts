import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { HubContext } from '../server/context';
import { forbidden, mayAccess, type AccessLevel } from './caller';

/**
 * Enforces `@access(level:)` from the SDL: every field that declares a level has its
 * resolver wrapped, so visibility lives in the schema and in this one function, not in
 * checks scattered through the resolvers.
 */
export function applyAccessControl(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const access = getDirective(schema, field, 'access')?.[0] as { level: AccessLevel } | undefined;
      if (!access || access.level === 'PUBLIC') return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args, context: HubContext, info) => {
          if (!mayAccess(context.caller, access.level)) {
            throw forbidden(`${typeName}.${fieldName} is for ${access.level.toLowerCase()} callers; sign in with an API key or token.`);
          }
          return resolve(source, args, context, info);
        },
      };
    },
  });
}
