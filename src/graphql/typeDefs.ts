import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { PACKAGE_ROOT } from '../packageRoot';

export const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schema');

/** The SDL files in schema/, one per domain, in name order (base.graphql defines Query). */
export function readTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
    .map((file) => readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
}

let declared: GraphQLSchema | undefined;
/** The SDL as a schema without resolvers: for the layers below the resolvers that read what it declares (access rules). */
export const declaredSchema = (): GraphQLSchema => (declared ??= makeExecutableSchema({ typeDefs: readTypeDefs() }));
