import type { Identifier, Reference } from '@medplum/fhirtypes';
import { StandardsError } from '../graphql';
import type { HubResource, ResourceType } from './resources';
import { normalise } from '../text';

/**
 * The search parameters the API supports, declared once: the search runs them, and the
 * CapabilityStatement (`/metadata`) lists them. Values of one parameter separated by commas
 * are alternatives (OR); a parameter given twice must hold both times (AND).
 */

export type SearchParamType = 'token' | 'string' | 'reference' | 'date';

export interface SearchParam {
  name: string;
  type: SearchParamType;
  documentation: string;
  /** Does the resource match one value (of the comma-separated alternatives)? */
  matches(resource: HubResource, value: string, modifier: string | null): boolean;
}

/** FHIR string search: starts with, ignoring case and accents; `:contains` anywhere, `:exact` the whole. */
function stringMatches(candidates: readonly (string | undefined)[], value: string, modifier: string | null): boolean {
  const wanted = modifier === 'exact' ? value : normalise(value);
  return candidates.some((c) => {
    if (c === undefined) return false;
    if (modifier === 'exact') return c === wanted;
    const text = normalise(c);
    return modifier === 'contains' ? text.includes(wanted) : text.startsWith(wanted);
  });
}

/** FHIR token search: `value`, `system|value`, `|value` (no system) or `system|` (any value of it). */
function identifierMatches(identifiers: readonly Identifier[] | undefined, value: string): boolean {
  const bar = value.indexOf('|');
  const system = bar === -1 ? null : value.slice(0, bar);
  const code = bar === -1 ? value : value.slice(bar + 1);
  return (identifiers ?? []).some(
    (i) => (system === null || (system === '' ? !i.system : i.system === system)) && (code === '' || i.value === code),
  );
}

/** A reference given as `Type/id`, a full URL ending so, or the bare id. */
function referenceMatches(references: readonly (Reference | undefined)[], value: string, type: ResourceType): boolean {
  const id = value.split('/').at(-1)!;
  return references.some((r) => r?.reference === `${type}/${id}`);
}

/** `_lastUpdated=ge2024-01-01`: the range a date of any precision stands for, compared by prefix. */
function dateMatches(instant: string | undefined, value: string): boolean {
  const match = /^(eq|ne|gt|lt|ge|le)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(value);
  if (!match) throw new StandardsError('BAD_USER_INPUT', 400, `"${value}" is not a date search value (e.g. ge2024-01-31).`, '_lastUpdated');
  if (!instant) return false;
  const [, prefix = 'eq', date] = match as unknown as [string, string | undefined, string];
  const low = Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
  const high = new Date(low);
  if (date.length === 4) high.setUTCFullYear(high.getUTCFullYear() + 1);
  else if (date.length === 7) high.setUTCMonth(high.getUTCMonth() + 1);
  else if (date.length === 10) high.setUTCDate(high.getUTCDate() + 1);
  else high.setTime(low + 1000);
  const at = Date.parse(instant);
  const inside = at >= low && at < high.getTime();
  return { eq: inside, ne: !inside, gt: at >= high.getTime(), lt: at < low, ge: at >= low, le: at < high.getTime() }[prefix]!;
}

const COMMON: SearchParam[] = [
  { name: '_id', type: 'token', documentation: 'The resource id.', matches: (r, v) => r.id === v },
  {
    name: '_lastUpdated',
    type: 'date',
    documentation: 'When its sources last changed it (meta.lastUpdated), with prefixes eq, ne, gt, lt, ge, le.',
    matches: (r, v) => dateMatches(r.meta?.lastUpdated, v),
  },
  {
    name: 'identifier',
    type: 'token',
    documentation: 'Any identifier: [system|]value, e.g. https://fhir.nhs.uk/Id/ods-organization-code|RAT.',
    matches: (r, v) => identifierMatches(r.identifier, v),
  },
  {
    name: 'name',
    type: 'string',
    documentation: 'The name starts with the value, ignoring case and accents (:contains anywhere, :exact the whole).',
    matches: (r, v, m) => stringMatches([r.name], v, m),
  },
];

export const SEARCH_PARAMS: Record<ResourceType, SearchParam[]> = {
  Organization: [
    ...COMMON,
    {
      name: 'partof',
      type: 'reference',
      documentation: 'The organisation it is directly part of (Organization.partOf), from the NHS and local-government structures.',
      matches: (r, v) => r.resourceType === 'Organization' && referenceMatches([r.partOf], v, 'Organization'),
    },
    {
      name: 'active',
      type: 'token',
      documentation: 'true while it exists (no end date, or one not yet passed), false once closed.',
      matches: (r, v) => r.resourceType === 'Organization' && String(r.active) === v,
    },
    {
      name: 'type',
      type: 'token',
      documentation: 'Its type: an HL7 organization-type code (prov, pay, govt, cg) or the hub kind (CCG, NHS_TRUST, PCN...).',
      matches: (r, v) =>
        r.resourceType === 'Organization' && (r.type ?? []).some((t) => (t.coding ?? []).some((c) => c.code === v.split('|').at(-1))),
    },
  ],
  Location: [
    ...COMMON,
    {
      name: 'address-postalcode',
      type: 'string',
      documentation: 'The postcode starts with the value (ignoring case and spaces), e.g. RM16 or RM16 2PX.',
      matches: (r, v) => r.resourceType === 'Location' && postcodeMatches(r.address?.postalCode, v),
    },
    {
      name: 'organization',
      type: 'reference',
      documentation: 'The owner (Location.managingOrganization).',
      matches: (r, v) => r.resourceType === 'Location' && referenceMatches([r.managingOrganization], v, 'Organization'),
    },
    {
      name: 'status',
      type: 'token',
      documentation: 'active, suspended (planned) or inactive (vacant or closed).',
      matches: (r, v) => r.resourceType === 'Location' && r.status === v,
    },
  ],
  HealthcareService: [
    ...COMMON,
    {
      name: 'organization',
      type: 'reference',
      documentation: 'The provider (HealthcareService.providedBy).',
      matches: (r, v) => r.resourceType === 'HealthcareService' && referenceMatches([r.providedBy], v, 'Organization'),
    },
    {
      name: 'location',
      type: 'reference',
      documentation: 'A hub or estate it is delivered at (HealthcareService.location).',
      matches: (r, v) => r.resourceType === 'HealthcareService' && referenceMatches(r.location ?? [], v, 'Location'),
    },
    {
      name: 'service-category',
      type: 'token',
      documentation: 'The care setting: PRIMARY, COMMUNITY, ACUTE, MENTAL_HEALTH, SOCIAL_CARE or VOLUNTARY.',
      matches: (r, v) =>
        r.resourceType === 'HealthcareService' &&
        (r.category ?? []).some((c) => (c.coding ?? []).some((x) => x.code === v.split('|').at(-1))),
    },
  ],
};

const compactPostcode = (text: string): string => text.replace(/\s+/g, '').toUpperCase();
const postcodeMatches = (postcode: string | undefined, value: string): boolean =>
  postcode !== undefined && compactPostcode(postcode).startsWith(compactPostcode(value));

/** What `_include` can follow, each declared once: the reference it reads and the type it reaches. */
export const INCLUDES: Record<
  ResourceType,
  Record<string, { target: ResourceType; references(r: HubResource): (Reference | undefined)[] }>
> = {
  Organization: { partof: { target: 'Organization', references: (r) => (r.resourceType === 'Organization' ? [r.partOf] : []) } },
  Location: {
    organization: { target: 'Organization', references: (r) => (r.resourceType === 'Location' ? [r.managingOrganization] : []) },
  },
  HealthcareService: {
    organization: { target: 'Organization', references: (r) => (r.resourceType === 'HealthcareService' ? [r.providedBy] : []) },
    location: { target: 'Location', references: (r) => (r.resourceType === 'HealthcareService' ? (r.location ?? []) : []) },
  },
};

/** Parameters about the answer rather than the match. `_offset` is the paging cursor the `next` links carry. */
export const RESULT_PARAMS = ['_count', '_include', '_offset', '_format'] as const;
