import { randomUUID } from 'node:crypto';
import type { PageLimits } from '../graphql/connection';
import type { Databases } from '../db/databases';
import { sqlForRequest, StatementLog, type SqlBySource } from '../db/sql';
import { createLoaders, type Loaders } from '../loaders';
import type { Logger } from '../observability/logger';

/** What every resolver receives. Made fresh per request, so loaders never share a cache across callers. */
export interface HubContext {
  requestId: string;
  loaders: Loaders;
  sql: SqlBySource;
  statements: StatementLog;
  limits: PageLimits;
  logger: Logger;
}

export function createContext(deps: {
  databases: Databases;
  limits: PageLimits;
  logger: Logger;
  requestId?: string;
}): HubContext {
  const statements = new StatementLog();
  const sql = sqlForRequest(deps.databases, statements);
  const requestId = deps.requestId ?? randomUUID();
  return {
    requestId,
    loaders: createLoaders(sql),
    sql,
    statements,
    limits: deps.limits,
    logger: deps.logger.child({ requestId }),
  };
}
