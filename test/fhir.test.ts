import { Client } from 'fhir-kit-client';
import { DEMO_DATA_DIR } from '../src/runtime';
import { compileFhirSchema, fhirErrors } from './support/standards';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * FHIR R4 (UK Core) at /fhir/R4 on the demo data: every answer the tests get is checked against
 * HL7's FHIR R4 JSON schema and the UK Core profiles (test/support/standards.ts); search, paging,
 * _include, errors and the CapabilityStatement are checked against what GraphQL says.
 */

interface Resource {
  resourceType: string;
  id: string;
  name?: string;
  identifier?: { system: string; value: string }[];
  partOf?: { reference: string };
  providedBy?: { reference: string };
  location?: { reference: string }[];
  address?: { postalCode?: string };
  meta?: { source?: string; lastUpdated?: string; tag?: { system: string; code: string }[] };
  issue?: { severity: string; code: string; details: { coding: { code: string }[] }; diagnostics: string }[];
}
interface Bundle {
  resourceType: 'Bundle';
  type: string;
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl?: string; resource: Resource; search: { mode: string } }[];
}

let hub: TestHub;
let base: string;
/** Every answer the tests read, checked against the standards in the last test. */
const answers: { url: string; body: unknown }[] = [];

beforeAll(async () => {
  compileFhirSchema();
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  base = hub.url.replace(/\/graphql$/, '/fhir/R4');
});
afterAll(async () => {
  await hub?.stop();
});

async function get<T = Bundle>(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; body: T }> {
  const url = path.startsWith('http') ? path : `${base}/${path}`;
  const response = await fetch(url, { headers });
  const body = (await response.json()) as T;
  answers.push({ url, body });
  return { status: response.status, type: response.headers.get('content-type'), body };
}

const matches = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search.mode === 'match').map((e) => e.resource);
const ids = (bundle: Bundle) => matches(bundle).map((r) => r.id);

/** Every page of a search, by following the next links. */
async function everyPage(path: string): Promise<Resource[]> {
  const found: Resource[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: Bundle = (await get(next)).body;
    found.push(...matches(page));
    next = page.link.find((l) => l.relation === 'next')?.url;
  }
  return found;
}

describe('every resource of the demo data', () => {
  test.each(['Organization', 'Location', 'HealthcareService'])('%s: each page and each read is valid FHIR R4 and UK Core', async (type) => {
    const all = await everyPage(`${type}?_count=40`);
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const resource of all) {
      const read = await get<Resource>(`${type}/${resource.id}`);
      expect(read.status).toBe(200);
      expect(read.type).toBe('application/fhir+json; charset=utf-8');
      expect(read.body).toEqual(resource);
    }
  });

  test('the same organisations, sites, hubs and services as GraphQL, none more', async () => {
    const { body } = await hub.gql<{
      partnerOrganisations: { totalCount: number };
      estates: { totalCount: number };
      hubs: { totalCount: number };
      services: { totalCount: number };
    }>(`{ partnerOrganisations { totalCount } estates { totalCount } hubs { totalCount } services { totalCount } }`);
    const orgs = await get('Organization?_count=0&identifier=&_id=x'.replace('&identifier=&_id=x', ''));
    const partners = (await everyPage('Organization?_count=100')).filter((r) => r.id.startsWith('org.'));
    expect(partners).toHaveLength(body.data!.partnerOrganisations.totalCount);
    expect(orgs.body.total).toBeGreaterThan(partners.length); // the structures no partner stands for
    expect((await get('Location?_count=0')).body.total).toBe(body.data!.estates.totalCount + body.data!.hubs.totalCount);
    expect((await get('HealthcareService?_count=0')).body.total).toBe(body.data!.services.totalCount);
  });
});

describe('search', () => {
  test('identifier: an ODS code with the NHS system finds the trust; the wrong system finds nothing', async () => {
    const { body } = await get('Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code|RAT');
    expect(matches(body).map((r) => r.name)).toEqual(['NORTH EAST LONDON NHS FOUNDATION TRUST']);
    expect(matches(body)[0]!.identifier).toContainEqual({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RAT' });
    expect((await get('Organization?identifier=https://fhir.nhs.uk/Id/ods-site-code|RAT')).body.total).toBe(0);
    const site = await get('Location?identifier=https://fhir.nhs.uk/Id/ods-site-code|RDYFD');
    expect(matches(site.body).map((r) => r.name)).toEqual(['Wareham Community Hospital']);
  });

  test('name: starts with, ignoring case; :contains anywhere; :exact the whole', async () => {
    const starts = matches((await get('Organization?name=thurrock')).body).map((r) => r.name);
    expect(starts).toEqual(expect.arrayContaining(['Thurrock Council', 'Thurrock Coalition']));
    expect(starts.every((n) => n!.toLowerCase().startsWith('thurrock'))).toBe(true);
    const contains = matches((await get('Organization?name:contains=thurrock')).body).map((r) => r.name);
    expect(contains).toContain('NHS Thurrock CCG');
    expect(matches((await get('Organization?name:exact=Thurrock%20Council')).body).map((r) => r.name)).toEqual(['Thurrock Council']);
    expect((await get('Organization?name:exact=thurrock%20council')).body.total).toBe(0);
  });

  test('address-postalcode: by outward code or full postcode, as GraphQL places them', async () => {
    const { body } = await hub.gql<{
      estates: { nodes: { name: string; postcode: string | null }[] };
      hubs: { nodes: { name: string; postcode: string | null }[] };
    }>(`{ estates(first: 100) { nodes { name postcode } } hubs(first: 100) { nodes { name postcode } } }`);
    const inRm16 = [...body.data!.estates.nodes, ...body.data!.hubs.nodes].filter((p) => p.postcode?.startsWith('RM16')).map((p) => p.name);
    expect(inRm16.length).toBeGreaterThan(1);
    expect(
      matches((await get('Location?address-postalcode=rm16')).body)
        .map((r) => r.name)
        .sort(),
    ).toEqual(inRm16.sort());
    const exact = matches((await get('Location?address-postalcode=RM162PX')).body);
    expect(exact.map((r) => r.address!.postalCode)).toEqual(exact.map(() => 'RM16 2PX'));
  });

  test('partof: the practices of a primary care network, as the structures hold them', async () => {
    const { body } = await hub.gql<{
      structures: { code: string; children: { relationship: string; validTo: string | null; structure: { code: string } }[] }[];
    }>(`{ structures(kinds: [PCN]) { code children(kinds: [GP_PRACTICE]) { relationship validTo structure { code } } } }`);
    const pcn = body.data!.structures.find((s) => s.children.length > 1)!;
    const practices = await everyPage(`Organization?partof=Organization/pcn.${pcn.code}&_count=5`);
    expect(practices.map((p) => p.identifier![0]!.value).sort()).toEqual(pcn.children.map((c) => c.structure.code).sort());
  });

  test('organization and location: a trust’s services, and the services at one of its sites', async () => {
    const services = matches((await get('HealthcareService?organization=Organization/org.btuh')).body);
    expect(services.map((s) => s.name)).toEqual(expect.arrayContaining(['Accident and Emergency']));
    expect(services.every((s) => s.providedBy!.reference === 'Organization/org.btuh')).toBe(true);
    const atSite = matches((await get('HealthcareService?location=estate.btuh..site..RDD02')).body);
    expect(atSite.map((s) => s.name)).toEqual(['Dermatology – Canvey Island (Long Road Clinic)']);
    const sites = matches((await get('Location?organization=org.btuh')).body);
    expect(sites.length).toBeGreaterThan(0);
  });

  test('commas are alternatives; a parameter given twice must hold both times', async () => {
    const either = await get('Organization?identifier=RAT,RDD');
    expect(ids(either.body).sort()).toEqual(['org.btuh', 'org.nelft']);
    const both = await get('Organization?name=n&name:contains=london');
    expect(ids(both.body)).toEqual(['org.nelft']);
  });

  test('_lastUpdated compares with when the sources last changed each resource', async () => {
    const all = await everyPage('HealthcareService?_count=100');
    const latest = all
      .map((r) => r.meta!.lastUpdated!)
      .sort()
      .at(-1)!;
    expect((await get(`HealthcareService?_lastUpdated=gt${latest.slice(0, 4)}`)).body.total).toBe(0);
    expect((await get(`HealthcareService?_lastUpdated=le${latest.slice(0, 10)}`)).body.total).toBe(all.length);
  });
});

describe('paging and _include', () => {
  test('pages of _count follow next links to every match once; _count is capped at the page limit', async () => {
    const first = await get('HealthcareService?_count=7');
    expect(matches(first.body)).toHaveLength(7);
    const next = first.body.link.find((l) => l.relation === 'next')!.url;
    expect(next).toContain('_offset=7');
    const all = await everyPage('HealthcareService?_count=7');
    expect(all).toHaveLength(first.body.total);
    expect(new Set(all.map((r) => r.id)).size).toBe(first.body.total);
    const capped = await get('Organization?_count=100000');
    expect(matches(capped.body)).toHaveLength(hub.config.maxPageSize);
    expect(capped.body.link.find((l) => l.relation === 'self')!.url).toContain(`_count=${hub.config.maxPageSize}`);
  });

  test('_include adds the provider and the places, each once, marked include', async () => {
    const { body } = await get(
      'HealthcareService?organization=org.btuh&_include=HealthcareService:organization&_include=HealthcareService:location',
    );
    const included = (body.entry ?? [])
      .filter((e) => e.search.mode === 'include')
      .map((e) => `${e.resource.resourceType}/${e.resource.id}`);
    const referenced = new Set(matches(body).flatMap((s) => [s.providedBy!.reference, ...(s.location ?? []).map((l) => l.reference)]));
    expect(included.sort()).toEqual([...referenced].sort());
    expect(included).toContain('Organization/org.btuh');
    // 07G: the CCG to June 2022 and the sub-ICB location after, each part of its own body.
    const partOf = await get('Organization?identifier=07G&_include=Organization:partof');
    const parents = (partOf.body.entry ?? []).filter((e) => e.search.mode === 'include').map((e) => `Organization/${e.resource.id}`);
    expect(matches(partOf.body)).toHaveLength(2);
    expect(parents.sort()).toEqual([...new Set(matches(partOf.body).map((r) => r.partOf!.reference))].sort());
  });
});

describe('provenance and flags', () => {
  test('meta names every source record; generated values carry HL7’s test-data tag', async () => {
    const { body } = await hub.gql<{
      services: { nodes: { name: string; sources: { source: string; nativeKey: string; synthetic: boolean }[] }[] };
    }>(`{ services(first: 100) { nodes { name sources { source nativeKey synthetic } } } }`);
    const all = await everyPage('HealthcareService?_count=100');
    for (const service of body.data!.services.nodes) {
      const resource = all.find((r) => r.name === service.name)!;
      const sourceTags = resource.meta!.tag!.filter((t) => t.system.endsWith('/CodeSystem/source')).map((t) => t.code);
      expect(sourceTags).toEqual(service.sources.map((s) => s.source));
      expect(resource.meta!.source).toMatch(new RegExp(`/source/${service.sources[0]!.source}$`));
      const synthetic = resource.meta!.tag!.some((t) => t.code === 'HTEST');
      expect(synthetic).toBe(service.sources.some((s) => s.synthetic));
    }
    expect(all.some((r) => r.meta!.tag!.some((t) => t.code === 'HTEST'))).toBe(true);
  });
});

describe('errors are OperationOutcomes with the codes and statuses of GraphQL', () => {
  const outcome = async (path: string, headers: Record<string, string> = {}) => {
    const { status, type, body } = await get<Resource>(path, headers);
    expect(type).toBe('application/fhir+json; charset=utf-8');
    expect(body.resourceType).toBe('OperationOutcome');
    return { status, code: body.issue![0]!.details.coding[0]!.code, type: body.issue![0]!.code, message: body.issue![0]!.diagnostics };
  };

  test.each([
    ['Organization?colour=blue', 400, 'BAD_USER_INPUT', 'invalid', /no search parameter "colour"/],
    ['Organization?_count=-1', 400, 'BAD_USER_INPUT', 'invalid', /_count must be a whole number/],
    ['Organization?_include=Location:organization', 400, 'BAD_USER_INPUT', 'invalid', /Organization:partof/],
    ['Organization?name:below=x', 400, 'BAD_USER_INPUT', 'invalid', /:below is not supported/],
    ['HealthcareService?_lastUpdated=yesterday', 400, 'BAD_USER_INPUT', 'invalid', /not a date/],
    ['Organization/nothing-here', 400, 'BAD_USER_INPUT', 'invalid', /not an id this API gives/],
    ['Organization/org.no-such-organisation', 404, 'NOT_FOUND', 'not-found', /No Organization has the id/],
    ['Patient/1', 404, 'NOT_FOUND', 'not-found', /It serves: Organization, Location, HealthcareService/],
  ])('%s: %d %s', async (path, status, code, type, message) => {
    expect(await outcome(path)).toMatchObject({ status, code, type, message: expect.stringMatching(message) });
  });

  test('a refused credential is 401 before any work, as on /graphql', async () => {
    const fhir = await outcome('metadata', { 'x-api-key': 'ich_wrong.key' });
    const graphql = await hub.gql('{ __typename }', undefined, { 'x-api-key': 'ich_wrong.key' });
    expect(fhir.status).toBe(graphql.status);
    expect(fhir).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', type: 'login', message: graphql.body.errors![0]!.message });
  });

  test('writes are refused: the API is read-only', async () => {
    const response = await fetch(`${base}/Organization`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: '{}',
    });
    expect(response.status).toBe(405);
    expect(((await response.json()) as Resource).issue![0]!.code).toBe('not-supported');
  });
});

test('the CapabilityStatement states each resource, interaction, search parameter and include served, and each works', async () => {
  const { body } = await get<{
    fhirVersion: string;
    rest: {
      resource: {
        type: string;
        profile: string;
        interaction: { code: string }[];
        searchInclude: string[];
        searchParam: { name: string }[];
      }[];
    }[];
  }>('metadata');
  expect(body.fhirVersion).toBe('4.0.1');
  const resources = body.rest[0]!.resource;
  expect(resources.map((r) => r.type)).toEqual(['Organization', 'Location', 'HealthcareService']);
  for (const resource of resources) {
    expect(resource.interaction.map((i) => i.code)).toEqual(['read', 'search-type']);
    for (const { name } of resource.searchParam)
      expect((await get(`${resource.type}?${name}=x`)).status).toBe(name === '_lastUpdated' ? 400 : 200);
    for (const include of resource.searchInclude) expect((await get(`${resource.type}?_include=${include}`)).status).toBe(200);
  }
});

test('a FHIR client library reads the API without special cases', async () => {
  const client = new Client({ baseUrl: base });
  const capability = (await client.capabilityStatement()) as { resourceType: string };
  expect(capability.resourceType).toBe('CapabilityStatement');
  const first = (await client.search({ resourceType: 'Organization', searchParams: { _count: 50 } })) as unknown as Bundle;
  const second = (await client.nextPage({ bundle: first as never })) as unknown as Bundle;
  expect(matches(second).length).toBeGreaterThan(0);
  expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  const trust = (await client.read({ resourceType: 'Organization', id: 'org.nelft' })) as unknown as Resource;
  expect(trust.name).toBe('NORTH EAST LONDON NHS FOUNDATION TRUST');
  answers.push(
    { url: 'client', body: capability },
    { url: 'client', body: first },
    { url: 'client', body: second },
    { url: 'client', body: trust },
  );
});

// Last in each order the tests run in? Randomised order: so each test checks what it read as well.
afterEach(() => {
  const invalid = answers.splice(0).flatMap(({ url, body }) => fhirErrors(body).map((e) => `${url}: ${e}`));
  expect(invalid).toEqual([]);
});
