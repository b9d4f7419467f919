import { issueApiKey } from '../src/auth/apiKeys';
import { compileFhirSchema, fhirErrors } from './support/standards';
import { ingestRows } from './support/testkit';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * One access rule, every path: the FHIR API withholds what GraphQL withholds, caller by caller
 * (the public, a partner of the partnership, a partner of another partnership), because it
 * reads through GraphQL with the same request context.
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
