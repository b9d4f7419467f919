import { GraphQLError } from 'graphql';

/**
 * Every error code a client can see in `extensions.code`, each with the HTTP status it
 * answers by where a whole request is refused or answered outside GraphQL (exports, FHIR,
 * ORUK). Declared once: the codes' names, what is exposed, and each status derive from it.
 */
const CODES = {
  /** The caller sent something the hub cannot use; names the argument at fault. */
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  /** Anything not raised on purpose: the message is masked and the error logged. */
  INTERNAL_SERVER_ERROR: 500,
  /** A kind of operation the hub does not run (subscriptions). */
  OPERATION_NOT_SUPPORTED: 400,
  SOURCE_UNAVAILABLE: 503,
  /** The hub, not a partner, is at capacity: no connection to a source came free in time (or memory, src/server/admission.ts). */
  SERVER_BUSY: 503,
  /** The caller sent more requests a minute than its allowance (src/server/protection.ts). */
  RATE_LIMITED: 429,
  /** The caller already has its share of costly operations running (src/server/senderTurns.ts). */
  CONCURRENCY_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A write's expected version is no longer the row's (optimistic concurrency). */
  CONFLICT: 409,
  /** Not on the persisted-operations allow-list (PERSISTED_OPERATIONS_FILE). */
  OPERATION_NOT_ALLOWED: 403,
  // Apollo Server's own request-level codes: a malformed request, parse and validation failures are the caller's.
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
} as const;

export const ErrorCode = Object.fromEntries(Object.keys(CODES).map((code) => [code, code])) as {
  readonly [Code in keyof typeof CODES]: Code;
};
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
 * A read missed its deadline for the hub's load, not for the partner: no connection to the
 * source came free in time (the hub's own pool was in use), or the source answered other
 * reads meanwhile. A statement about the hub, never about the partner, so it is not a
 * `SourceUnavailableError` and never opens the source's circuit.
 */
export class ServerBusyError extends GraphQLError {
  constructor(
    readonly sourceId: string,
    readonly reason: string,
  ) {
    super(`The hub is busy: ${reason}. Source "${sourceId}" is not down; try again shortly.`, {
      extensions: { code: ErrorCode.SERVER_BUSY, source: sourceId },
    });
    this.name = 'ServerBusyError';
  }
}

/** Codes the hub (or Apollo Server, for the caller's mistakes) raises on purpose; anything else is masked before it reaches a client. */
export const EXPOSED_CODES: ReadonlySet<string> = new Set(Object.keys(CODES).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** The HTTP status of an error code, for every path that answers outside GraphQL; an unknown code is the hub's fault. */
export const statusOf = (code: string): number => (Object.hasOwn(CODES, code) ? CODES[code as ErrorCode] : 500);

/** A value the hub validated but a partner database still could not store (a number out of its column's range). */
export function unstorable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}
