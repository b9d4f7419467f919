import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { errorFrom, type Outage, type StandardsError } from '../graphql';
import { ERROR_CODE } from './systems';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** FHIR's issue type for each hub error code; the hub's own code is kept in `details`. */
const ISSUE_TYPE: Record<string, OperationOutcomeIssue['code']> = {
  BAD_USER_INPUT: 'invalid',
  BAD_REQUEST: 'invalid',
  GRAPHQL_PARSE_FAILED: 'invalid',
  GRAPHQL_VALIDATION_FAILED: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  RATE_LIMITED: 'throttled',
  SOURCE_UNAVAILABLE: 'transient',
  OPERATION_NOT_SUPPORTED: 'not-supported',
};

const issueOf = (code: string, message: string, severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcomeIssue => ({
  severity,
  code: ISSUE_TYPE[code] ?? 'exception',
  details: { coding: [{ system: ERROR_CODE, code }], text: message },
  diagnostics: message,
});

export const operationOutcome = (errors: readonly StandardsError[]): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: errors.map((e) => issueOf(e.code, e.message)),
});

/** A search answered without a source: a warning naming each one, in the Bundle beside the matches. */
export const outageOutcome = (outages: readonly Outage[]): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: outages.map((o) => issueOf('SOURCE_UNAVAILABLE', o.message, 'warning')),
});

/**
 * Refusals made before the FHIR handlers run (authentication, rate limits, admission, an
 * unreadable body) are written in GraphQL's shape by the middleware `/graphql` shares; on the
 * FHIR path the same status and code go out as an OperationOutcome.
 */
export const outcomesForRefusals: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const errors = (body as { errors?: GraphQLFormattedError[] } | null)?.errors;
    if (!Array.isArray(errors)) return json(body);
    res.type(FHIR_JSON);
    return json(operationOutcome(errors.map(errorFrom)));
  };
  next();
};
