import { execute, parse, type ExecutionResult } from 'graphql';
import { authenticate } from '../../src/auth/authenticate';
import { VerifiedKeyCache } from '../../src/auth/verifiedKeyCache';
import type { Databases } from '../../src/db/databases';
import { sqlForRequest, StatementLog } from '../../src/db/sql';
import { buildSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/observability/logger';
import { createContext } from '../../src/server/context';

/**
 * The fast tier: an operation run by graphql-js on the hub's schema and a request context as
 * http.ts builds one (the caller authenticated by the same function, every statement in the
 * request's log), without the HTTP server. For what HTTP adds nothing to: the data and the
 * SQL behind an answer.
 */

const schema = buildSchema();
const logger = createLogger('silent');

export interface InProcessResult {
  result: ExecutionResult;
  statements: StatementLog;
}

export async function runInProcess(
  databases: Databases,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey: string | null = null,
): Promise<InProcessResult> {
  const statements = new StatementLog();
  const caller = await authenticate(
    sqlForRequest(databases, statements).hub,
    { apiKey: apiKey ?? undefined },
    null,
    new VerifiedKeyCache(0),
  );
  const contextValue = createContext({ databases, limits: { defaultPageSize: 20, maxPageSize: 100 }, logger, caller, statements });
  const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue });
  return { result, statements };
}
