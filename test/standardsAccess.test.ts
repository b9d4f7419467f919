import { issueApiKey } from '../src/auth/apiKeys';
import { compileFhirSchema, fhirErrors, orukErrors } from './support/standards';
import { ingestRows } from './support/testkit';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * One access rule, every path: the FHIR API withholds what GraphQL withholds, caller by caller
 * (the public, a partner of the partnership, a partner of another partnership), because it
 * reads through GraphQL with the same request context; and so does the Open Referral UK API.
 */

let hub: TestHub;
const keys: Record<string, string> = {};

beforeAll(async () => {
  compileFhirSchema();
  hub = await startTestHub();
  keys.council = (
    await issueApiKey(hub.databases.hub, { organisationId: 'thurrock-council', role: 'ANALYST', label: 'council', expiresInDays: 1 })
  ).token;
  // An outsider: a real organisation in no partnership with the fixture council.
  await ingestRows(hub.databases, 'hub', 'partner_organisation', [
    { id: 'outsider', name: 'Outsider Council', kind: 'COUNCIL', sector: 'STATUTORY', gss_code: 'E06000099' },
  ]);
  keys.outsider = (
    await issueApiKey(hub.databases.hub, { organisationId: 'outsider', role: 'ANALYST', label: 'outsider', expiresInDays: 1 })
  ).token;
});
afterAll(async () => {
  await hub?.stop();
});

const CALLERS = ['public', 'council', 'outsider'] as const;
const headersOf = (caller: (typeof CALLERS)[number]): Record<string, string> => (caller === 'public' ? {} : { 'x-api-key': keys[caller]! });

interface Location {
  id: string;
  name: string;
  status?: string;
  extension?: { url: string; valueCode: string }[];
}

async function fhirLocations(caller: (typeof CALLERS)[number]): Promise<Location[]> {
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '/fhir/R4')}/Location?_count=100`, { headers: headersOf(caller) });
  expect(response.status).toBe(200);
  const bundle = (await response.json()) as { entry: { resource: Location }[] };
  expect(fhirErrors(bundle)).toEqual([]);
  return bundle.entry.map((e) => e.resource);
}

const estateStatus = (location: Location): string | null =>
  location.extension?.find((e) => e.url.endsWith('/StructureDefinition/estate-status'))?.valueCode ?? null;

test.each(CALLERS)('%s: each estate’s status in FHIR is what GraphQL shows the same caller', async (caller) => {
  const { body } = await hub.gql<{ estates: { nodes: { name: string; status: string | null }[] } }>(
    `{ estates(first: 100) { nodes { name status } } }`,
    undefined,
    headersOf(caller),
  );
  expect(body.errors).toBeUndefined();
  const locations = await fhirLocations(caller);
  const fromFhir = Object.fromEntries(locations.filter((l) => l.id.startsWith('estate.')).map((l) => [l.name, estateStatus(l)]));
  expect(fromFhir).toEqual(Object.fromEntries(body.data!.estates.nodes.map((e) => [e.name, e.status])));
});

test('the council’s disposal plan: the partnership’s partner reads SURPLUS; the public and another partnership do not', async () => {
  const depot = async (caller: (typeof CALLERS)[number]) => (await fhirLocations(caller)).find((l) => l.name === 'Fixture Depot A')!;
  expect(estateStatus(await depot('council'))).toBe('SURPLUS');
  for (const caller of ['public', 'outsider'] as const) {
    const seen = await depot(caller);
    expect(estateStatus(seen)).toBeNull();
    expect(JSON.stringify(seen)).not.toMatch(/SURPLUS|DISPOSAL|LAND_SWAP/);
  }
});

// ---- The same on the Open Referral UK path -----------------------------------------------------

interface OrukLocation {
  id: string;
  name: string;
  attributes: { taxonomy_term: { taxonomy: string; term: string } }[];
}

async function orukLocations(caller: (typeof CALLERS)[number]): Promise<OrukLocation[]> {
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '/oruk')}/locations?per_page=100`, { headers: headersOf(caller) });
  expect(response.status).toBe(200);
  const page = (await response.json()) as { total_pages: number; contents: OrukLocation[] };
  expect(orukErrors('/locations', page)).toEqual([]);
  expect(page.total_pages).toBe(1);
  return page.contents;
}

const orukEstateStatus = (location: OrukLocation): string | null =>
  location.attributes.find((a) => a.taxonomy_term.taxonomy === 'Estate status')?.taxonomy_term.term ?? null;

test.each(CALLERS)('%s: each estate’s status in ORUK is what GraphQL shows the same caller', async (caller) => {
  const { body } = await hub.gql<{ estates: { nodes: { name: string; status: string | null }[] } }>(
    `{ estates(first: 100) { nodes { name status } } }`,
    undefined,
    headersOf(caller),
  );
  const hubNames = new Set(
    (await hub.gql<{ hubs: { nodes: { name: string }[] } }>(`{ hubs(first: 100) { nodes { name } } }`)).body.data!.hubs.nodes.map(
      (h) => h.name,
    ),
  );
  const fromOruk = Object.fromEntries(
    (await orukLocations(caller)).filter((l) => !hubNames.has(l.name)).map((l) => [l.name, orukEstateStatus(l)]),
  );
  expect(fromOruk).toEqual(Object.fromEntries(body.data!.estates.nodes.map((e) => [e.name, e.status])));
});

test('ORUK: the partnership’s partner reads the depot’s disposal plan; the public and another partnership see neither it nor its term', async () => {
  const oruk = hub.url.replace(/\/graphql$/, '/oruk');
  const depot = async (caller: (typeof CALLERS)[number]) => (await orukLocations(caller)).find((l) => l.name === 'Fixture Depot A')!;
  expect(orukEstateStatus(await depot('council'))).toBe('SURPLUS');
  for (const caller of ['public', 'outsider'] as const) {
    const seen = await depot(caller);
    expect(orukEstateStatus(seen)).toBeNull();
    expect(JSON.stringify(seen)).not.toMatch(/SURPLUS|DISPOSAL|LAND_SWAP/);
    const read = await fetch(`${oruk}/locations/${seen.id}`, { headers: headersOf(caller) });
    expect(await read.json()).toEqual(seen);
    const terms = await (await fetch(`${oruk}/taxonomy_terms?per_page=100`, { headers: headersOf(caller) })).json();
    expect(orukErrors('/taxonomy_terms', terms)).toEqual([]);
    expect(JSON.stringify(terms)).not.toMatch(/SURPLUS|DISPOSAL|LAND_SWAP/);
  }
});
