import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { sourceIdsOf, type Databases } from '../db/databases';
import { formatReadAfter, parseReadAfter } from '../db/lsn';
import type { HubContext } from './context';
import { ErrorCode } from './errors';

/**
 * Read-your-writes across hub processes (docs/deployment.md "Read replicas"): a response to a
 * write carries `x-hub-read-after`, the written sources' WAL positions; a later request to
 * any hub process may send it back in the same header, and its reads of those sources then
 * see the write (src/db/replicas.ts). A header that is not such a token is the caller's
 * mistake: 400, naming the header, before any other work.
 */

/** The request and response header that carries a read-after token. */
export const READ_AFTER_HEADER = 'x-hub-read-after';

/** Reads the request's token into `res.locals.readAfter`, or answers 400. */
export function readAfterHeader(databases: Databases): RequestHandler {
  const sources = sourceIdsOf(databases);
  return (req, res, next) => {
    const given = req.get(READ_AFTER_HEADER);
    if (given === undefined) return next();
    const parsed = parseReadAfter(given, sources);
    if ('token' in parsed) {
      res.locals.readAfter = parsed.token;
      return next();
    }
    res.status(400).json({
      errors: [
        {
          message: `The ${READ_AFTER_HEADER} header is not a read-after token: ${parsed.problem}.`,
          extensions: { code: ErrorCode.BAD_REQUEST, header: READ_AFTER_HEADER },
        },
      ],
    });
  };
}

/** A response to a request that wrote carries the token to send back. */
export const reportReadAfter: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const token = contextValue.reads.readAfter();
        if (token) response.http.headers.set(READ_AFTER_HEADER, formatReadAfter(token));
      },
    };
  },
};
