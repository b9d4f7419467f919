import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEMO_DATA_DIR } from '../src/runtime';
import { orukErrors } from './support/standards';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Open Referral UK v3 at /oruk on the demo data: every answer the tests get is checked against
 * the schema the ORUK OpenAPI document gives its path (test/support/standards.ts); a consumer
 * written here from the standard alone walks the whole directory; filters and the postcode
 * search are checked against what GraphQL says.
 */

interface Term {
  id: string;
  name: string;
  term: string;
  taxonomy_id: string;
}
interface Attribute {
  taxonomy_term_id: string;
  taxonomy_term: Term;
}
interface Organization {
  id: string;
  name: string;
  organization_identifiers: { identifier_type: string; identifier: string }[];
  attributes: Attribute[];
}
interface Location {
  id: string;
  name: string;
  addresses: { postal_code: string }[];
  attributes: Attribute[];
}
interface Service {
  id: string;
  name: string;
  organization_id?: string;
  organization?: Organization;
  last_modified?: string;
  service_at_locations: { location_id: string; location: Location }[];
  attributes: Attribute[];
}
interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
  partial?: boolean;
}
interface ErrorBody {
  errors: { message: string; extensions: { code: string; parameter?: string; source?: string } }[];
}

let hub: TestHub;
let base: string;
/** Every 200 answer the tests read, checked against the standard after each test. */
const answers: { pathname: string; body: unknown }[] = [];

beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
  base = hub.url.replace(/\/graphql$/, '/oruk');
});
afterAll(async () => {
  await hub?.stop();
});
afterEach(() => {
  const invalid = answers.splice(0).flatMap(({ pathname, body }) => orukErrors(pathname, body));
  expect(invalid).toEqual([]);
});

async function get<T>(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; body: T }> {
  const response = await fetch(`${base}${pathAndQuery}`, { headers });
  const body = (await response.json()) as T;
  if (response.status === 200) answers.push({ pathname: new URL(response.url).pathname.replace(/^\/oruk/, '') || '/', body });
  return { status: response.status, type: response.headers.get('content-type'), body };
}

/**
 * An ORUK consumer as a directory site would write one from the standard alone: page numbers
 * until the last page, then each service read by its id, its organization and terms by theirs.
 */
async function consume(list: string, perPage: number): Promise<Service[]> {
  const found: Service[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = (await get<Page<Service>>(`${list}${list.includes('?') ? '&' : '?'}per_page=${perPage}&page=${pageNumber}`)).body;
    found.push(...page.contents);
    if (page.last_page) return found;
  }
}

const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

describe('a consumer walks every endpoint over the demo data', () => {
  test('/: the API names its version and profile', async () => {
    const { status, body } = await get<{ version: string; profile: string; openapi_url: string }>('/');
    expect(status).toBe(200);
    expect(body.version).toBe('HSDS-UK-3.0');
  });

  test('every service, page by page, and each read by its id is the same full service', async () => {
    const services = await consume('/services', 40);
    const { body } = await hub.gql<{ services: { totalCount: number; nodes: { name: string; careSetting: string }[] } }>(
      `{ services(first: 100) { totalCount nodes { name careSetting } } }`,
    );
    expect(services).toHaveLength(body.data!.services.totalCount);
    expect(names(services)).toEqual(names(body.data!.services.nodes));
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    // Voluntary directories, council care and NHS services alike.
    const settings = new Set(services.flatMap((s) => s.attributes.map((a) => a.taxonomy_term.term)));
    for (const setting of new Set(body.data!.services.nodes.map((s) => s.careSetting))) expect(settings).toContain(setting);
    for (const service of services) {
      const read = await get<Service>(`/services/${service.id}`);
      expect(read.status).toBe(200);
      expect(read.type).toMatch(/^application\/json/);
      expect(read.body).toEqual(service);
      if (service.organization_id) expect(service.organization!.id).toBe(service.organization_id);
      for (const place of service.service_at_locations) expect(place.location.id).toBe(place.location_id);
    }
  });

  test.each(['organizations', 'locations', 'taxonomies', 'taxonomy_terms'])('/%s: every page, and each read by its id', async (kind) => {
    const all = await consume(`/${kind}`, 25);
    expect(all.length).toBeGreaterThan(kind === 'taxonomies' ? 2 : 5);
    for (const item of all) expect((await get(`/${kind}/${item.id}`)).body).toEqual(item);
  });

  test('the same organisations and places as GraphQL, none more', async () => {
    const { body } = await hub.gql<{
      partnerOrganisations: { totalCount: number };
      estates: { totalCount: number };
      hubs: { totalCount: number };
    }>(`{ partnerOrganisations { totalCount } estates { totalCount } hubs { totalCount } }`);
    expect((await get<Page<Organization>>('/organizations')).body.total_items).toBe(body.data!.partnerOrganisations.totalCount);
    expect((await get<Page<Location>>('/locations')).body.total_items).toBe(body.data!.estates.totalCount + body.data!.hubs.totalCount);
  });

  test('each organisation and service read through /services is the one /organizations and /locations give', async () => {
    const organizations = new Map(((await consume('/organizations', 100)) as unknown as Organization[]).map((o) => [o.id, o]));
    const locations = new Map(((await consume('/locations', 100)) as unknown as Location[]).map((l) => [l.id, l]));
    for (const service of await consume('/services', 100)) {
      if (service.organization) expect(organizations.get(service.organization.id)).toEqual(service.organization);
      for (const place of service.service_at_locations) expect(locations.get(place.location_id)).toEqual(place.location);
    }
    const trust = [...organizations.values()].find((o) => o.organization_identifiers.some((i) => i.identifier === 'RAT'))!;
    expect(trust.name).toBe('NORTH EAST LONDON NHS FOUNDATION TRUST');
    expect(trust.organization_identifiers).toContainEqual(expect.objectContaining({ identifier_scheme: 'GB-NHS', identifier: 'RAT' }));
  });

  test('generated values are flagged: the data-flag term on each record with a synthetic source', async () => {
    const { body } = await hub.gql<{ services: { nodes: { name: string; sources: { synthetic: boolean }[] }[] } }>(
      `{ services(first: 100) { nodes { name sources { synthetic } } } }`,
    );
    const services = await consume('/services', 100);
    const flagged = (s: Service) => s.attributes.some((a) => a.taxonomy_term.term === 'SYNTHETIC');
    const expected = body.data!.services.nodes.filter((s) => s.sources.some((r) => r.synthetic)).map((s) => s.name);
    expect(expected.length).toBeGreaterThan(0);
    expect(names(services.filter(flagged))).toEqual(expected.sort());
  });
});

describe('filters', () => {
  test('taxonomy_term_id: a care setting’s services are those GraphQL files under it', async () => {
    const terms = (await consume('/taxonomy_terms', 100)) as unknown as Term[];
    const voluntary = terms.find((t) => t.term === 'VOLUNTARY')!;
    const { body } = await hub.gql<{ services: { nodes: { name: string }[] } }>(
      `{ services(first: 100, filter: { careSettings: [VOLUNTARY] }) { nodes { name } } }`,
    );
    expect(names(await consume(`/services?taxonomy_term_id=${voluntary.id}`, 100))).toEqual(names(body.data!.services.nodes));
    expect(names(await consume(`/services?taxonomy_term=${voluntary.id}`, 100))).toEqual(names(body.data!.services.nodes));
    const bySetting = await consume(`/services?taxonomy_id=${voluntary.taxonomy_id}`, 100);
    expect(bySetting).toHaveLength((await get<Page<Service>>('/services')).body.total_items);
  });

  test('search (and text, its older name): name or description contains the words, ignoring case', async () => {
    const found = await consume('/services?search=dermatology', 100);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => /dermatology/i.test(JSON.stringify([s.name, (s as { description?: string }).description])))).toBe(true);
    expect(names(await consume('/services?text=DERMATOLOGY', 100))).toEqual(names(found));
  });

  test('organization_id: a trust’s services, as GraphQL gives them', async () => {
    const trust = (await consume('/organizations?search=basildon', 100))[0]!;
    const { body } = await hub.gql<{ services: { nodes: { name: string }[] } }>(
      `{ services(first: 100, filter: { provider: { codes: ["RDD"] } }) { nodes { name } } }`,
    );
    expect(body.data!.services.nodes.length).toBeGreaterThan(0);
    expect(names(await consume(`/services?organization_id=${trust.id}`, 100))).toEqual(names(body.data!.services.nodes));
  });

  test('modified_after: nothing after the latest change; everything from the earliest', async () => {
    const all = await consume('/services', 100);
    const times = all.map((s) => s.last_modified!).sort();
    expect((await get<Page<Service>>(`/services?modified_after=${times.at(-1)!.slice(0, 4)}-12-31T23:59:59.999Z`)).body.total_items).toBe(
      0,
    );
    expect((await get<Page<Service>>(`/services?modified_after=${times[0]}`)).body.total_items).toBe(all.length);
  });
});

describe('postcode: a locality’s services', () => {
  const rows = (file: string) =>
    parse(readFileSync(path.join(DEMO_DATA_DIR, 'hub', file), 'utf8'), { columns: true }) as Record<string, string>[];

  test.each(['SEE-CASTLE-POINT', 'THR-TILBURY-CHADWELL'])('%s: /oruk/services?postcode=… and GraphQL give the same set', async (code) => {
    // From the reference files, not the hub: a postcode of one of the locality's wards.
    const locality = rows('locality.csv').find((l) => l.code === code)!;
    const wards = new Set(
      rows('locality_ward.csv')
        .filter((w) => w.locality_id === locality.id)
        .map((w) => w.ward_gss),
    );
    const postcode = rows('postcode_ward.csv').find((p) => wards.has(p.ward_gss!))!.postcode!;
    const { body } = await hub.gql<{ locality: { services: { totalCount: number; nodes: { name: string }[] } } }>(
      `query($code: String!) { locality(code: $code) { services(first: 100) { totalCount nodes { name } } } }`,
      { code },
    );
    const expected = names(body.data!.locality.services.nodes);
    expect(expected.length).toBeGreaterThan(0);
    expect(names(await consume(`/services?postcode=${encodeURIComponent(postcode)}`, 7))).toEqual(expected);
    // Any case or spacing, and together with the other filters.
    expect(names(await consume(`/services?postcode=${postcode.replace(' ', '').toLowerCase()}`, 100))).toEqual(expected);
    const total = (await get<Page<Service>>('/services')).body.total_items;
    expect(expected.length).toBeLessThan(total);
  });

  test('GraphQL: locality(postcode:) is the locality of the postcode’s ward; it takes exactly one of id, code and postcode', async () => {
    const { body } = await hub.gql<{ byPostcode: { code: string }; byCode: { code: string } }>(
      `{ byPostcode: locality(postcode: "ss80ja") { code } byCode: locality(code: "SEE-CASTLE-POINT") { code } }`,
    );
    expect(body.data).toEqual({ byPostcode: { code: 'SEE-CASTLE-POINT' }, byCode: { code: 'SEE-CASTLE-POINT' } });
    const both = await hub.gql(`{ locality(code: "SEE-CASTLE-POINT", postcode: "SS8 0JA") { code } }`);
    expect(both.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'postcode' });
  });

  test('a postcode in no locality is 404, a malformed one 400, each naming postcode', async () => {
    const nowhere = await get<ErrorBody>('/services?postcode=SW1A%201AA');
    expect([nowhere.status, nowhere.body.errors[0]!.extensions]).toEqual([404, { code: 'NOT_FOUND', parameter: 'postcode' }]);
    const malformed = await get<ErrorBody>('/services?postcode=not-a-postcode');
    expect([malformed.status, malformed.body.errors[0]!.extensions]).toEqual([400, { code: 'BAD_USER_INPUT', parameter: 'postcode' }]);
  });
});

describe('paging', () => {
  test('the envelope counts pages; per_page is capped at the hub page size; past the end is an empty page', async () => {
    const first = (await get<Page<Service>>('/services?per_page=7')).body;
    expect(first).toMatchObject({ page_number: 1, size: 7, first_page: true, last_page: false, empty: false });
    expect(first.total_pages).toBe(Math.ceil(first.total_items / 7));
    const last = (await get<Page<Service>>(`/services?per_page=7&page=${first.total_pages}`)).body;
    expect(last).toMatchObject({ first_page: false, last_page: true, size: first.total_items - 7 * (first.total_pages - 1) });
    const past = (await get<Page<Service>>(`/services?per_page=7&page=${first.total_pages + 1}`)).body;
    expect(past).toMatchObject({ empty: true, size: 0, contents: [] });
    const capped = (await get<Page<Organization>>('/organizations?per_page=100000')).body;
    expect(capped.total_pages).toBe(Math.ceil(capped.total_items / hub.config.maxPageSize));
    expect(capped.size).toBe(Math.min(capped.total_items, hub.config.maxPageSize));
  });
});

describe('errors: coded JSON naming what was wrong', () => {
  test.each([
    ['/services?colour=blue', 400, 'BAD_USER_INPUT', 'colour', /no parameter "colour"/],
    ['/services?proximity=1000&postcode=RM16%202PX', 400, 'BAD_USER_INPUT', 'proximity', /no postcode centroids/],
    ['/services?per_page=0', 400, 'BAD_USER_INPUT', 'per_page', /whole number of 1 or more/],
    ['/services?page=two', 400, 'BAD_USER_INPUT', 'page', /whole number/],
    ['/services?format=ndjson', 400, 'BAD_USER_INPUT', 'format', /json only/],
    ['/services?modified_after=yesterday', 400, 'BAD_USER_INPUT', 'modified_after', /ISO 8601/],
    ['/services?search=', 400, 'BAD_USER_INPUT', 'search', /no value/],
    ['/services?search=a&search=b', 400, 'BAD_USER_INPUT', 'search', /once/],
    ['/organizations?postcode=RM16%202PX', 400, 'BAD_USER_INPUT', 'postcode', /no parameter "postcode"/],
    ['/services/btuh.service', 400, 'BAD_USER_INPUT', 'id', /ids are UUIDs/],
    ['/services/00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND', 'id', /No service has the id/],
    ['/services/00000000-0000-4000-8000-000000000000?full=true', 400, 'BAD_USER_INPUT', 'full', /no parameter "full"/],
  ])('%s: %d %s naming %s', async (url, status, code, parameter, message) => {
    const { status: got, type, body } = await get<ErrorBody>(url);
    expect(type).toMatch(/^application\/json/);
    expect([got, body.errors[0]!.extensions]).toEqual([status, { code, parameter }]);
    expect(body.errors[0]!.message).toMatch(message);
  });

  test('a path it does not serve is 404; a write is 405', async () => {
    expect((await get<ErrorBody>('/service_at_locations')).status).toBe(404);
    const response = await fetch(`${base}/services`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(405);
    expect(((await response.json()) as ErrorBody).errors[0]!.extensions.code).toBe('OPERATION_NOT_SUPPORTED');
  });

  test('a refused credential is 401 before any work, as on /graphql', async () => {
    const oruk = await get<ErrorBody>('/services', { 'x-api-key': 'ich_wrong.key' });
    const graphql = await hub.gql('{ __typename }', undefined, { 'x-api-key': 'ich_wrong.key' });
    expect(oruk.status).toBe(401);
    expect(oruk.body.errors).toEqual(graphql.body.errors);
  });
});
