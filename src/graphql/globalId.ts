import { badUserInput } from '../server/errors';

/**
 * Global ids are `base64url("<Type>:<local id>")`: opaque to clients, but each names its
 * type, so `node(id:)` can route it and a wrong-type id is a clear error.
 */

export const NODE_TYPES = [
  'PartnerOrganisation',
  'Partnership',
  'Agreement',
  'Signatory',
  'Locality',
  'Ward',
  'Hub',
  'Service',
  'Estate',
  'IngestRun',
  'DeliveryPlan',
  'PlanObjective',
  'PlanAction',
  'OutcomeDomain',
  'Outcome',
  'Indicator',
  'Fund',
  'Scheme',
  'EngagementActivity',
  'YouSaidWeDid',
  'EngagementPlan',
  'SourceDocument',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, localId: string): string {
  return Buffer.from(`${type}:${localId}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeType;
  localId: string;
}

export function fromGlobalId(globalId: string, argumentName = 'id'): DecodedId {
  const malformed = () =>
    badUserInput(argumentName, `"${globalId}" is not a valid id: ids are the opaque values the API returns in "id" fields.`);
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) throw malformed();
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || decoded.includes('\u0000')) throw malformed();
  const type = decoded.slice(0, colon);
  if (!(NODE_TYPES as readonly string[]).includes(type)) throw malformed();
  return { type: type as NodeType, localId: decoded.slice(colon + 1) };
}

/** Decodes an id that must be of one type (e.g. `locality(id:)` given a Hub id is an error). */
export function localIdOf(globalId: string, expected: NodeType, argumentName = 'id'): string {
  const { type, localId } = fromGlobalId(globalId, argumentName);
  if (type !== expected) {
    throw badUserInput(argumentName, `"${globalId}" is the id of a ${type}, not of a ${expected}.`);
  }
  return localId;
}
