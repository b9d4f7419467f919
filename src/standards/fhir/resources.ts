import type { Coding, HealthcareService, Identifier, Location, Meta, Organization, Reference } from '@medplum/fhirtypes';
import type { StructureKind } from '../../generated/graphql';
import { fromGlobalId } from '../../graphql/globalId';
import { allNodes, uniqueOutages, type Answer, type Outage, type RunOperation } from '../graphql';
import { resourceId } from '../ids';
import {
  CHARITY_NUMBER,
  ESTATE_STATUS_EXTENSION,
  HUB_CARE_SETTING,
  HUB_LOCATION_KIND,
  HUB_ORGANISATION_KIND,
  metaSourceOf,
  ODS_ORGANIZATION_CODE,
  ODS_SITE_CODE,
  ONS_GSS_CODE,
  ORGANIZATION_PERIOD_EXTENSION,
  ORGANIZATION_TYPE,
  SOURCE_TAG,
  sourceKeySystem,
  SYNTHETIC_TAG,
  UKCORE_PROFILE,
  UPRN,
} from './systems';

/**
 * The joined model as UK Core resources: partner organisations and the NHS and local-government
 * structures as Organization, hubs and estates (trusts' sites among them) as Location, services
 * as HealthcareService. Each is read with a GraphQL operation of the hub's own schema, so the
 * caller sees in FHIR exactly what it sees in GraphQL.
 */

export type HubResource = Organization | Location | HealthcareService;
export type ResourceType = HubResource['resourceType'];

interface SourceOut {
  source: string;
  table: string;
  nativeKey: string;
  lastChangedAt: string;
  synthetic: boolean;
}

const SOURCES = 'sources { source table nativeKey lastChangedAt synthetic }';

/** `meta` of a resource: its UK Core profile, when its sources last changed it, and where each fact came from. */
function metaOf(profile: string, sources: readonly SourceOut[], fallbackSource?: string): Meta {
  const lastUpdated = sources
    .map((s) => s.lastChangedAt)
    .sort()
    .at(-1);
  const tags: Coding[] = sources.map((s) => ({ system: SOURCE_TAG, code: s.source, display: `${s.table} ${s.nativeKey}` }));
  if (sources.some((s) => s.synthetic)) tags.push(SYNTHETIC_TAG);
  const first = sources[0]?.source ?? fallbackSource;
  return {
    profile: [profile],
    ...(lastUpdated ? { lastUpdated: new Date(lastUpdated).toISOString() } : {}),
    ...(first ? { source: metaSourceOf(first) } : {}),
    ...(tags.length > 0 ? { tag: tags } : {}),
  };
}

const localIdOf = (globalId: string): string => fromGlobalId(globalId).localId;
const reference = <T extends HubResource>(type: T['resourceType'], id: string, display?: string | null): Reference<T> => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});
const identifier = (system: string, value: string | null | undefined): Identifier[] => (value ? [{ system, value }] : []);
const today = (): string => new Date().toISOString().slice(0, 10);

// ---- Organization ------------------------------------------------------------------------------

interface PartnerOut {
  id: string;
  name: string;
  kind: string;
  odsCode: string | null;
  gssCode: string | null;
  charityNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: SourceOut[];
}

interface StructureOut {
  code: string;
  kind: string;
  name: string;
  gssCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  source: string;
  parents: { relationship: string; validTo: string | null; structure: { code: string; kind: string } }[];
}

/**
 * Which structure kinds are FHIR Organizations: every kind the schema declares, but the health
 * and wellbeing boards (a board of a council, not a body of its own). A Record over the
 * generated kinds, so a kind added to the schema must be placed here before this compiles.
 */
const IS_ORGANIZATION: Record<StructureKind, boolean> = {
  NHS_REGION: true,
  STP: true,
  ICB: true,
  CCG: true,
  SUB_ICB_LOCATION: true,
  PCN: true,
  GP_PRACTICE: true,
  HEALTH_AND_WELLBEING_BOARD: false,
  UNITARY_AUTHORITY: true,
  COUNTY: true,
  DISTRICT: true,
  REGION: true,
};
const STRUCTURE_KINDS = (Object.keys(IS_ORGANIZATION) as StructureKind[]).filter((kind) => IS_ORGANIZATION[kind]);

/** The id kinds of Organization: a partner (`org.`) or a structure of a kind (`icb.QH8`, `pcn.U06243`). */
export const structureIdKind = (kind: string): string => kind.toLowerCase().replace(/_/g, '-');
export const ORGANIZATION_ID_KINDS = ['org', ...STRUCTURE_KINDS.map(structureIdKind)];

/** The structure kinds a registered partner of a kind is, where it is one: it then stands for that structure. */
const STRUCTURES_OF_PARTNER: Record<string, readonly string[]> = {
  CCG: ['CCG'],
  SUB_ICB_LOCATION: ['SUB_ICB_LOCATION'],
  GP_PRACTICE: ['GP_PRACTICE'],
  COUNCIL: ['UNITARY_AUTHORITY', 'COUNTY', 'DISTRICT'],
};

/** Which link is a body's `partOf` when it has several: the nearest in the hierarchy. */
const PART_OF_ORDER = [
  'MEMBER_OF_PCN',
  'PART_OF_SUB_ICB_LOCATION',
  'PART_OF_CCG',
  'PART_OF_ICB',
  'PART_OF_STP',
  'IN_NHS_REGION',
  'IN_COUNTY',
  'IN_REGION',
];

/** UK Core's Organization type (HL7 organization-type codes) for each kind of body. */
const ORGANIZATION_TYPE_OF: Record<string, { code: string; display: string }> = {
  NHS_TRUST: { code: 'prov', display: 'Healthcare Provider' },
  GP_PRACTICE: { code: 'prov', display: 'Healthcare Provider' },
  PCN: { code: 'prov', display: 'Healthcare Provider' },
  CCG: { code: 'pay', display: 'Payer' },
  SUB_ICB_LOCATION: { code: 'pay', display: 'Payer' },
  ICB: { code: 'pay', display: 'Payer' },
  STP: { code: 'govt', display: 'Government' },
  NHS_REGION: { code: 'govt', display: 'Government' },
  COUNCIL: { code: 'govt', display: 'Government' },
  UNITARY_AUTHORITY: { code: 'govt', display: 'Government' },
  COUNTY: { code: 'govt', display: 'Government' },
  DISTRICT: { code: 'govt', display: 'Government' },
  REGION: { code: 'govt', display: 'Government' },
  VOLUNTARY: { code: 'cg', display: 'Community Group' },
  OTHER: { code: 'other', display: 'Other' },
};

const organizationType = (kind: string) => [
  {
    coding: [
      { system: ORGANIZATION_TYPE, ...(ORGANIZATION_TYPE_OF[kind] ?? ORGANIZATION_TYPE_OF.OTHER!) },
      { system: HUB_ORGANISATION_KIND, code: kind },
    ],
  },
];

const period = (validFrom: string | null, validTo: string | null) =>
  validFrom || validTo
    ? [
        {
          url: ORGANIZATION_PERIOD_EXTENSION,
          valuePeriod: { ...(validFrom ? { start: validFrom } : {}), ...(validTo ? { end: validTo } : {}) },
        },
      ]
    : [];

const isActive = (validTo: string | null): boolean => !validTo || validTo >= today();

/** The link a body is part of: in force today, else its last; the nearest kind first. */
function partOfLink(structure: StructureOut | undefined): StructureOut['parents'][number] | undefined {
  const links = (structure?.parents ?? []).filter((l) => PART_OF_ORDER.includes(l.relationship));
  const rank = (l: (typeof links)[number]) => [l.validTo === null || l.validTo >= today() ? 0 : 1, PART_OF_ORDER.indexOf(l.relationship)];
  return links.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || (b.validTo ?? '').localeCompare(a.validTo ?? '') || ra[1]! - rb[1]!;
  })[0];
}

export const PARTNER_FIELDS = `id name kind odsCode gssCode charityNumber validFrom validTo ${SOURCES}`;
const STRUCTURE_FIELDS = 'code kind name gssCode validFrom validTo source parents { relationship validTo structure { code kind } }';

/** Every Organization the caller may see: partners, and the structures no partner stands for. */
export async function loadOrganizations(run: RunOperation, pageSize: number): Promise<Answer<Organization[]>> {
  const partners = await allNodes<PartnerOut>(run, 'partnerOrganisations', PARTNER_FIELDS, pageSize);
  const structures = await run<{ structures: StructureOut[] }>(
    `query Standards_structures { structures(kinds: [${STRUCTURE_KINDS.join(', ')}]) { ${STRUCTURE_FIELDS} } }`,
  );
  const structureKey = (code: string, kind: string) => `${kind} ${code}`;
  const byKey = new Map(structures.data.structures.map((s) => [structureKey(s.code, s.kind), s]));
  /** The partner that stands for a structure, by its key. */
  const partnerFor = new Map<string, PartnerOut>();
  const structureOf = new Map<PartnerOut, StructureOut>();
  for (const partner of partners.data) {
    for (const kind of STRUCTURES_OF_PARTNER[partner.kind] ?? []) {
      const structure = byKey.get(structureKey(partner.odsCode ?? '', kind)) ?? byKey.get(structureKey(partner.gssCode ?? '', kind));
      if (!structure) continue;
      partnerFor.set(structureKey(structure.code, structure.kind), partner);
      structureOf.set(partner, structure);
    }
  }
  const idOfStructure = (code: string, kind: string): string => {
    const partner = partnerFor.get(structureKey(code, kind));
    return partner ? resourceId('org', localIdOf(partner.id)) : resourceId(structureIdKind(kind), code);
  };
  const partOf = (structure: StructureOut | undefined) => {
    const link = partOfLink(structure);
    return link ? { partOf: reference<Organization>('Organization', idOfStructure(link.structure.code, link.structure.kind)) } : {};
  };
  const fromPartners: Organization[] = partners.data.map((p) => ({
    resourceType: 'Organization',
    id: resourceId('org', localIdOf(p.id)),
    meta: metaOf(UKCORE_PROFILE.Organization, p.sources),
    extension: period(p.validFrom, p.validTo),
    identifier: [
      ...identifier(ODS_ORGANIZATION_CODE, p.odsCode),
      ...identifier(ONS_GSS_CODE, p.gssCode),
      ...identifier(CHARITY_NUMBER, p.charityNumber),
    ],
    active: isActive(p.validTo),
    type: organizationType(p.kind),
    name: p.name,
    ...partOf(structureOf.get(p)),
  }));
  const fromStructures: Organization[] = structures.data.structures
    .filter((s) => !partnerFor.has(structureKey(s.code, s.kind)))
    .map((s) => ({
      resourceType: 'Organization',
      id: resourceId(structureIdKind(s.kind), s.code),
      meta: {
        ...metaOf(UKCORE_PROFILE.Organization, [], 'hub'),
        tag: [{ system: SOURCE_TAG, code: 'hub', display: `structure ${s.source}` }],
      },
      extension: period(s.validFrom, s.validTo),
      identifier: [
        ...identifier(/^[EWSN]\d{8}$/.test(s.code) ? ONS_GSS_CODE : ODS_ORGANIZATION_CODE, s.code),
        ...(s.gssCode && s.gssCode !== s.code ? identifier(ONS_GSS_CODE, s.gssCode) : []),
      ],
      active: isActive(s.validTo),
      type: organizationType(s.kind),
      name: s.name,
      ...partOf(s),
    }));
  return { data: tidy([...fromPartners, ...fromStructures]), outages: uniqueOutages([...partners.outages, ...structures.outages]) };
}

// ---- Location ---------------------------------------------------------------------------------

interface WardOut {
  gssCode: string;
  name: string;
}

interface EstateOut {
  id: string;
  name: string;
  uprn: string | null;
  odsSiteCodes: string[];
  address: string | null;
  postcode: string | null;
  owner: { id: string; name: string } | null;
  ownerName: string | null;
  currentUse: string | null;
  status: string | null;
  sources: SourceOut[];
}

interface HubOut {
  id: string;
  name: string;
  kinds: string[];
  status: string;
  odsCode: string | null;
  postcode: string | null;
  sources: SourceOut[];
}

export const LOCATION_ID_KINDS = ['estate', 'hub'];

/** FHIR's Location.status of an estate's or a hub's status; the hub's own code is kept beside it. */
const LOCATION_STATUS: Record<string, Location['status']> = {
  IN_USE: 'active',
  OPEN: 'active',
  VACANT: 'inactive',
  CLOSED: 'inactive',
  PLANNED: 'suspended',
};

const locationKind = (code: string) => ({ coding: [{ system: HUB_LOCATION_KIND, code }] });

const address = (text: string | null, postcode: string | null) =>
  text || postcode ? { address: { ...(text ? { text } : {}), ...(postcode ? { postalCode: postcode } : {}) } } : {};

function estateLocation(e: EstateOut): Location {
  return {
    resourceType: 'Location',
    id: resourceId('estate', localIdOf(e.id)),
    meta: metaOf(UKCORE_PROFILE.Location, e.sources),
    // The status as the shared records give it; disposal plans only where the caller may read them.
    extension: e.status ? [{ url: ESTATE_STATUS_EXTENSION, valueCode: e.status }] : [],
    identifier: [...e.odsSiteCodes.flatMap((code) => identifier(ODS_SITE_CODE, code)), ...identifier(UPRN, e.uprn)],
    ...(e.status && LOCATION_STATUS[e.status] ? { status: LOCATION_STATUS[e.status] } : {}),
    name: e.name,
    ...(e.currentUse ? { description: e.currentUse } : {}),
    type: [locationKind('ESTATE')],
    ...address(e.address, e.postcode),
    ...(e.owner
      ? { managingOrganization: reference<Organization>('Organization', resourceId('org', localIdOf(e.owner.id)), e.owner.name) }
      : {}),
  };
}

function hubLocation(h: HubOut): Location {
  return {
    resourceType: 'Location',
    id: resourceId('hub', localIdOf(h.id)),
    meta: metaOf(UKCORE_PROFILE.Location, h.sources),
    // A GP hub's own ODS code is its prescribing cost centre's: an organisation code, not a site's.
    identifier: identifier(ODS_ORGANIZATION_CODE, h.odsCode),
    ...(LOCATION_STATUS[h.status] ? { status: LOCATION_STATUS[h.status] } : {}),
    name: h.name,
    type: h.kinds.map(locationKind),
    ...address(null, h.postcode),
  };
}

const ESTATE_FIELDS = `id name uprn odsSiteCodes address postcode owner { id name } ownerName currentUse status ${SOURCES}`;
const HUB_FIELDS = `id name kinds status odsCode postcode ${SOURCES}`;

export async function loadLocations(run: RunOperation, pageSize: number): Promise<Answer<Location[]>> {
  const estates = await allNodes<EstateOut>(run, 'estates', ESTATE_FIELDS, pageSize);
  const hubs = await allNodes<HubOut>(run, 'hubs', HUB_FIELDS, pageSize);
  return {
    data: tidy([...estates.data.map(estateLocation), ...hubs.data.map(hubLocation)]),
    outages: uniqueOutages([...estates.outages, ...hubs.outages]),
  };
}

// ---- HealthcareService ------------------------------------------------------------------------

interface ServiceOut {
  id: string;
  name: string;
  careSetting: string;
  cohort: string | null;
  daysOfOperation: string | null;
  provider: { id: string; name: string } | null;
  hub: { id: string; name: string } | null;
  estate: { id: string; name: string } | null;
  ward: WardOut | null;
  sources: SourceOut[];
}

export const SERVICE_ID_KINDS = ['service'];

const SERVICE_FIELDS = `id name careSetting cohort daysOfOperation provider { id name } hub { id name } estate { id name } ward { gssCode name } ${SOURCES}`;

const titleCase = (code: string): string => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

function healthcareService(s: ServiceOut): HealthcareService {
  const comments = [s.cohort ? `For: ${s.cohort}` : null, s.daysOfOperation ? `Days: ${s.daysOfOperation}` : null].filter(Boolean);
  return {
    resourceType: 'HealthcareService',
    id: resourceId('service', localIdOf(s.id)),
    meta: metaOf(UKCORE_PROFILE.HealthcareService, s.sources),
    identifier: s.sources.map((r) => ({ system: sourceKeySystem(r.source, r.table), value: r.nativeKey })),
    ...(s.provider
      ? { providedBy: reference<Organization>('Organization', resourceId('org', localIdOf(s.provider.id)), s.provider.name) }
      : {}),
    category: [{ coding: [{ system: HUB_CARE_SETTING, code: s.careSetting, display: titleCase(s.careSetting) }] }],
    name: s.name,
    ...(comments.length > 0 ? { comment: comments.join('. ') } : {}),
    location: [
      ...(s.hub ? [reference<Location>('Location', resourceId('hub', localIdOf(s.hub.id)), s.hub.name)] : []),
      ...(s.estate ? [reference<Location>('Location', resourceId('estate', localIdOf(s.estate.id)), s.estate.name)] : []),
    ],
    // Wards are not served as Locations: the ward is named by its GSS code (a logical reference).
    coverageArea: s.ward ? [{ identifier: { system: ONS_GSS_CODE, value: s.ward.gssCode }, display: `${s.ward.name} ward` }] : [],
  };
}

export async function loadHealthcareServices(run: RunOperation, pageSize: number): Promise<Answer<HealthcareService[]>> {
  const services = await allNodes<ServiceOut>(run, 'services', SERVICE_FIELDS, pageSize);
  return { data: tidy(services.data.map(healthcareService)), outages: services.outages };
}

/** FHIR forbids empty arrays and objects: drop them, so every resource is valid JSON FHIR. */
function tidy<T extends HubResource>(resources: T[]): T[] {
  const prune = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(prune);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => [k, prune(v)] as const)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0) && v !== undefined);
      return Object.fromEntries(entries);
    }
    return value;
  };
  return resources.map((r) => prune(r) as T);
}

export type { Outage };
