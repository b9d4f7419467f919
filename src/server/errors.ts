import { GraphQLError } from 'graphql';

/** Every error code a client can see, in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A kind of operation the hub does not run (subscriptions). */
  OPERATION_NOT_SUPPORTED: 'OPERATION_NOT_SUPPORTED',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  /** The hub, not a partner, is at capacity: no connection to a source came free in time (or memory, src/server/admission.ts). */
  SERVER_BUSY: 'SERVER_BUSY',
  /** The caller sent more requests a minute than its allowance (src/server/protection.ts). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The caller already has its share of costly operations running (src/server/senderTurns.ts). */
  CONCURRENCY_LIMITED: 'CONCURRENCY_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The caller sent something the hub cannot use; names the argument at fault. */
export function badUserInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName } });
}

/** A well-formed identifier or code that names nothing the hub knows. */
export function notFound(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, argumentName } });
}

/**
 * A partner system (or the hub's registry) did not answer. Names the source and its
 * adapter kind so a client can say which partner's facts are missing; the shared model
 * answers with the other sources' facts beside it (src/model/partial.ts).
 */
export class SourceUnavailableError extends GraphQLError {
  constructor(
    readonly sourceId: string,
    readonly kind: string,
    readonly reason: string,
  ) {
    super(
      `Source "${sourceId}" (${kind}) is unavailable: ${reason}. Its facts are missing from this answer; ` +
        `the rest is complete. Ask again later; GET /health/ready shows when it is back.`,
      { extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, source: sourceId, kind } },
    );
    this.name = 'SourceUnavailableError';
  }
}

/**
 * No connection to a source came free within the read's deadline: the hub's own pool for
 * it was in use by other requests. A statement about the hub's load, never about the
 * partner, so it is not a `SourceUnavailableError` and never opens the source's circuit.
 */
export class ServerBusyError extends GraphQLError {
  constructor(
    readonly sourceId: string,
    readonly reason: string,
  ) {
    super(`The hub is busy: ${reason}. Source "${sourceId}" itself was not asked; try again shortly.`, {
      extensions: { code: ErrorCode.SERVER_BUSY, source: sourceId },
    });
    this.name = 'ServerBusyError';
  }
}

/** Codes the hub raises on purpose; anything else is masked before it reaches a client. */
export const EXPOSED_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.SOURCE_UNAVAILABLE,
  ErrorCode.SERVER_BUSY,
  // Apollo's own request-level codes: parse and validation failures are the caller's.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // Query limits (GraphQL Armor) and the rate limiter.
  'BAD_USER_INPUT',
  ErrorCode.RATE_LIMITED,
  ErrorCode.CONCURRENCY_LIMITED,
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'OPERATION_NOT_ALLOWED',
  ErrorCode.OPERATION_NOT_SUPPORTED,
]);

/** A value the hub validated but a partner database still could not store (a number out of its column's range). */
export function unstorable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}
