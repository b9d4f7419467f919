import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from './context';
import { ErrorCode } from './errors';

/**
 * Adds one SOURCE_UNAVAILABLE error per source that failed during the request and is not
 * already named by an error at a field's path, so a partial answer always says which
 * partner's facts it lacks. The error has a path when the operation asked one root field.
 * Runs synchronously in `willSendResponse`, so the response cache sees the errors and never
 * keeps a partial answer.
 */
export const reportSourceOutages: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        const outages = contextValue.statements.outages;
        if (response.body.kind !== 'single' || outages.size === 0) return;
        for (const error of outages.values()) {
          contextValue.logger.warn(
            { source: error.sourceId, kind: error.kind, reason: error.reason },
            'answered without an unavailable source',
          );
        }
        const result = response.body.singleResult;
        const named = new Set((result.errors ?? []).map((e) => e.extensions?.source));
        const rootFields = operation?.selectionSet.selections ?? [];
        const only = rootFields.length === 1 && rootFields[0]!.kind === 'Field' ? rootFields[0]! : null;
        const path = only ? [only.alias?.value ?? only.name.value] : undefined;
        const added = [...outages.values()]
          .filter((error) => !named.has(error.sourceId))
          .map((error) => ({ message: error.message, ...(path ? { path } : {}), extensions: { ...error.extensions } }));
        if (added.length > 0) result.errors = [...(result.errors ?? []), ...added];
      },
    };
  },
};

/**
 * An answer that lacks a part because the hub had no free connection for it is the hub's
 * 503 with Retry-After, as admission's (src/server/admission.ts): the client may ask again.
 */
export const busyStatus: ApolloServerPlugin<HubContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVER_BUSY)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', '1');
      },
    };
  },
};
