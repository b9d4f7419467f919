import { v5 as uuidv5 } from 'uuid';
import { allNodes, uniqueOutages, type Answer, type Outage, type RunOperation } from '../graphql';

/**
 * The joined model as Open Referral UK v3 objects: partner organisations as organizations,
 * hubs and estates as locations, services with their provider, places and area nested, and the
 * hub's own codes (care settings, estate statuses, data flags) as taxonomies. Each is read with
 * a GraphQL operation of the hub's schema, so the caller sees in ORUK what it sees in GraphQL.
 */

/** The hub's namespace for ORUK ids: each is a v5 UUID of what it names, the same on every run. */
const ID_NAMESPACE = '4046f53d-f645-4bd2-8f8c-159e37f5cf41';
export const orukId = (name: string): string => uuidv5(name, ID_NAMESPACE);

export interface TaxonomyTerm {
  id: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  term: string;
}
export interface Taxonomy {
  id: string;
  name: string;
  description: string;
  taxonomy_terms?: TaxonomyTerm[];
}
export interface Attribute {
  id: string;
  link_id: string;
  taxonomy_term_id: string;
  link_type: string;
  taxonomy_term: TaxonomyTerm;
}
export interface Organization {
  id: string;
  name: string;
  description: string;
  organization_identifiers: {
    id: string;
    organization_id: string;
    identifier_scheme?: string;
    identifier_type: string;
    identifier: string;
  }[];
  attributes: Attribute[];
}
export interface Address {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}
export interface Location {
  id: string;
  location_type: 'physical';
  name: string;
  description?: string;
  external_identifier?: string;
  external_identifier_type?: string;
  addresses: Address[];
  attributes: Attribute[];
}
export interface Service {
  id: string;
  organization_id?: string;
  name: string;
  description?: string;
  status: 'active';
  last_modified?: string;
  organization?: Organization;
  service_at_locations: { id: string; service_id: string; location_id: string; location: Location }[];
  service_areas: { id: string; service_id: string; name: string; uri: string }[];
  attributes: Attribute[];
}

// ---- Taxonomies: the hub's codes, each declared once ------------------------------------------

const TAXONOMIES = {
  'care-setting': { name: 'Care setting', description: 'Where in the system of care the hub places a service.' },
  'estate-status': {
    name: 'Estate status',
    description: 'The state of a public building or piece of land; disposal plans only for partners they are shared with.',
  },
  'data-flag': { name: 'Data flags', description: 'What the hub says of the data itself, e.g. that values were generated.' },
} as const;
type TaxonomyKey = keyof typeof TAXONOMIES;

export const taxonomyId = (key: TaxonomyKey): string => orukId(`taxonomy:${key}`);

export function taxonomies(): Taxonomy[] {
  return (Object.keys(TAXONOMIES) as TaxonomyKey[]).map((key) => ({ id: taxonomyId(key), ...TAXONOMIES[key] }));
}

/** A code as words: `NHS_TRUST` as "NHS trust", `MENTAL_HEALTH` as "Mental health". */
const label = (code: string): string =>
  (code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ')).replace(/\b(nhs|ccg|gp|pcn|icb|stp)\b/gi, (word) => word.toUpperCase());

function term(key: TaxonomyKey, code: string, description: string): TaxonomyTerm {
  return {
    id: orukId(`term:${key}:${code}`),
    name: label(code),
    description,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    term: code,
  };
}

const SYNTHETIC = term('data-flag', 'SYNTHETIC', 'Some of its values were generated (synthetic demo data), not recorded by a partner.');

function attribute(linkType: string, linkId: string, taxonomyTerm: TaxonomyTerm): Attribute {
  return {
    id: orukId(`attribute:${linkId}:${taxonomyTerm.id}`),
    link_id: linkId,
    taxonomy_term_id: taxonomyTerm.id,
    link_type: linkType,
    taxonomy_term: taxonomyTerm,
  };
}

interface SourceOut {
  lastChangedAt: string;
  synthetic: boolean;
}
const SOURCES = 'sources { lastChangedAt synthetic }';

const flags = (linkType: string, linkId: string, sources: readonly SourceOut[]): Attribute[] =>
  sources.some((s) => s.synthetic) ? [attribute(linkType, linkId, SYNTHETIC)] : [];

// ---- Organizations ----------------------------------------------------------------------------

interface PartnerOut {
  id: string;
  name: string;
  kind: string;
  sector: string;
  odsCode: string | null;
  gssCode: string | null;
  charityNumber: string | null;
  sources: SourceOut[];
}
const PARTNER_FIELDS = `id name kind sector odsCode gssCode charityNumber ${SOURCES}`;

/** Identifier schemes from org-id.guide, as ORUK asks; ONS codes have none there. */
const IDENTIFIERS = [
  { field: 'odsCode', scheme: 'GB-NHS', type: 'NHS ODS code' },
  { field: 'charityNumber', scheme: 'GB-CHC', type: 'Charity Commission number' },
  { field: 'gssCode', scheme: undefined, type: 'ONS GSS code' },
] as const;

function organization(p: PartnerOut): Organization {
  const id = orukId(p.id);
  return {
    id,
    name: p.name,
    description: `${label(p.kind)} (${p.sector.toLowerCase()} sector), a partner organisation of the hub.`,
    organization_identifiers: IDENTIFIERS.flatMap(({ field, scheme, type }) => {
      const value = p[field];
      return value
        ? [
            {
              id: orukId(`identifier:${p.id}:${type}`),
              organization_id: id,
              ...(scheme ? { identifier_scheme: scheme } : {}),
              identifier_type: type,
              identifier: value,
            },
          ]
        : [];
    }),
    attributes: flags('organization', id, p.sources),
  };
}

export async function loadOrganizations(run: RunOperation, pageSize: number): Promise<Answer<Map<string, Organization>>> {
  const partners = await allNodes<PartnerOut>(run, 'partnerOrganisations', PARTNER_FIELDS, pageSize);
  return { data: new Map(partners.data.map((p) => [p.id, organization(p)])), outages: partners.outages };
}

// ---- Locations --------------------------------------------------------------------------------

interface PlaceOut {
  id: string;
  name: string;
  postcode: string | null;
  sources: SourceOut[];
}
interface HubOut extends PlaceOut {
  kinds: string[];
  odsCode: string | null;
}
interface EstateOut extends PlaceOut {
  address: string | null;
  uprn: string | null;
  currentUse: string | null;
  status: string | null;
}

function location(
  place: PlaceOut,
  description: string | null,
  extra: Partial<Location>,
  attributes: TaxonomyTerm[],
  address: string | null,
): Location {
  const id = orukId(place.id);
  return {
    id,
    location_type: 'physical',
    name: place.name,
    ...(description ? { description } : {}),
    ...extra,
    // ORUK requires city and county; the hub holds a place's address as one line and its postcode.
    addresses: place.postcode
      ? [
          {
            id: orukId(`address:${place.id}`),
            location_id: id,
            address_1: address ?? place.name,
            city: '',
            state_province: '',
            postal_code: place.postcode,
            country: 'GB',
            address_type: 'physical',
          },
        ]
      : [],
    attributes: [...attributes.map((t) => attribute('location', id, t)), ...flags('location', id, place.sources)],
  };
}

const hubLocation = (h: HubOut): Location =>
  location(
    h,
    h.kinds.map(label).join(', '),
    h.odsCode ? { external_identifier: h.odsCode, external_identifier_type: 'NHS ODS code' } : {},
    [],
    null,
  );

const estateLocation = (e: EstateOut): Location =>
  location(
    e,
    e.currentUse,
    e.uprn ? { external_identifier: e.uprn, external_identifier_type: 'UPRN' } : {},
    e.status ? [term('estate-status', e.status, `An estate whose status is ${label(e.status).toLowerCase()}.`)] : [],
    e.address,
  );

export async function loadLocations(run: RunOperation, pageSize: number): Promise<Answer<Map<string, Location>>> {
  const hubs = await allNodes<HubOut>(run, 'hubs', `id name kinds odsCode postcode ${SOURCES}`, pageSize);
  const estates = await allNodes<EstateOut>(run, 'estates', `id name address uprn postcode currentUse status ${SOURCES}`, pageSize);
  return {
    data: new Map([
      ...hubs.data.map((h) => [h.id, hubLocation(h)] as const),
      ...estates.data.map((e) => [e.id, estateLocation(e)] as const),
    ]),
    outages: uniqueOutages([...hubs.outages, ...estates.outages]),
  };
}

// ---- Services ---------------------------------------------------------------------------------

interface ServiceOut {
  id: string;
  name: string;
  careSetting: string;
  cohort: string | null;
  daysOfOperation: string | null;
  provider: { id: string } | null;
  hub: { id: string } | null;
  estate: { id: string } | null;
  ward: { gssCode: string; name: string } | null;
  sources: SourceOut[];
}
const SERVICE_FIELDS = `id name careSetting cohort daysOfOperation provider { id } hub { id } estate { id } ward { gssCode name } ${SOURCES}`;

function service(s: ServiceOut, organizations: Map<string, Organization>, locations: Map<string, Location>): Service {
  const id = orukId(s.id);
  const organization = s.provider ? organizations.get(s.provider.id) : undefined;
  const places = [s.hub, s.estate].flatMap((p) => (p && locations.get(p.id) ? [locations.get(p.id)!] : []));
  const description = [s.cohort ? `For: ${s.cohort}.` : null, s.daysOfOperation ? `Days: ${s.daysOfOperation}.` : null]
    .filter(Boolean)
    .join(' ');
  const lastModified = s.sources
    .map((r) => r.lastChangedAt)
    .sort()
    .at(-1);
  return {
    id,
    ...(organization ? { organization_id: organization.id } : {}),
    name: s.name,
    ...(description ? { description } : {}),
    status: 'active',
    ...(lastModified ? { last_modified: new Date(lastModified).toISOString() } : {}),
    ...(organization ? { organization } : {}),
    service_at_locations: places.map((l) => ({
      id: orukId(`service-at-location:${s.id}:${l.id}`),
      service_id: id,
      location_id: l.id,
      location: l,
    })),
    service_areas: s.ward
      ? [
          {
            id: orukId(`service-area:${s.id}`),
            service_id: id,
            name: `${s.ward.name} ward`,
            uri: `https://statistics.data.gov.uk/id/statistical-geography/${s.ward.gssCode}`,
          },
        ]
      : [],
    attributes: [
      attribute(
        'service',
        id,
        term('care-setting', s.careSetting, `The hub files the service under ${label(s.careSetting).toLowerCase()} care.`),
      ),
      ...flags('service', id, s.sources),
    ],
  };
}

/** The directory a request reads: each part loaded at most once, and only when asked for. */
export function directory(run: RunOperation, pageSize: number) {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () => (loaded ??= load());
  };
  const organizations = once(() => loadOrganizations(run, pageSize));
  const locations = once(() => loadLocations(run, pageSize));
  const services = once(async (): Promise<Answer<Service[]>> => {
    const [found, orgs, places] = [
      await allNodes<ServiceOut>(run, 'services', SERVICE_FIELDS, pageSize),
      await organizations(),
      await locations(),
    ];
    return {
      data: found.data.map((s) => service(s, orgs.data, places.data)),
      outages: uniqueOutages([...found.outages, ...orgs.outages, ...places.outages]),
    };
  });
  /** The GraphQL ids of the services in the locality a postcode is in, as GraphQL finds them. */
  const servicesNear = async (postcode: string): Promise<Answer<Set<string>>> => {
    const place = await run<{ locality: { code: string } }>(
      'query Standards_postcode($postcode: String!) { locality(postcode: $postcode) { code } }',
      { postcode },
    );
    const found = await allNodes<{ id: string }>(run, 'services', 'id', pageSize, {
      type: 'ServiceFilter',
      value: { localityCode: place.data.locality.code },
    });
    return { data: new Set(found.data.map((s) => orukId(s.id))), outages: found.outages };
  };
  /** Every term the caller's directory uses, by taxonomy: a term no visible record has is not listed. */
  const terms = async (): Promise<Answer<TaxonomyTerm[]>> => {
    const [found, orgs, places] = [await services(), await organizations(), await locations()];
    const used = [
      ...found.data.flatMap((s) => s.attributes),
      ...[...orgs.data.values()].flatMap((o) => o.attributes),
      ...[...places.data.values()].flatMap((l) => l.attributes),
    ].map((a) => a.taxonomy_term);
    return {
      data: [...new Map(used.map((t) => [t.id, t])).values()],
      outages: uniqueOutages([found, orgs, places].flatMap((p) => p.outages)),
    };
  };
  return { organizations, locations, services, servicesNear, terms };
}
export type Directory = ReturnType<typeof directory>;
export type { Outage };
