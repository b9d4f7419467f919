import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueApiKey } from '../src/auth/apiKeys';
import { addSourceKind } from '../src/sources/kinds';
import { COUNTY_KIND, countyRegister } from './fixtures/county/kind';
import { FIXTURES_DIR, startTestHub, type TestHub } from './support/testHub';
import { ingestRows } from './support/testkit';

/**
 * A kind of a shape the hub's own kinds do not have, added with no edit to src/: one folder
 * (test/fixtures/county/: the kind, its migration and a source's extracts), registered here,
 * and one entry in the sources file. A county council's register keeps no wards: its premises
 * and services lie where their postcodes do, and the county changes its premises through the
 * estate-write capability. The hub's localities, root lists and writes answer across it.
 */

addSourceKind(countyRegister);

const SOURCE = 'essex-county';
const COUNTY_GSS = 'E10000012';

let hub: TestHub;
let countyKey: string;
let trustKey: string;

/** The fixtures with the county's extracts beside the default sources' folders. */
function extractsWithCounty(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-county-'));
  cpSync(FIXTURES_DIR, folder, { recursive: true });
  cpSync(path.join(FIXTURES_DIR, 'county', SOURCE), path.join(folder, SOURCE), { recursive: true });
  return folder;
}

beforeAll(async () => {
  hub = await startTestHub({
    extracts: extractsWithCounty(),
    extraSources: [{ id: SOURCE, kind: COUNTY_KIND, organisations: [COUNTY_GSS] }],
  });
  // The county as a partner of the fixtures' alliance, registered as the registry's extracts are.
  await ingestRows(hub.databases, 'hub', 'partner_organisation', [
    { id: 'essex-county', name: 'Essex County Council', kind: 'COUNCIL', sector: 'STATUTORY', gss_code: COUNTY_GSS },
  ]);
  await ingestRows(hub.databases, 'hub', 'partnership_member', [{ partnership_id: 'fixture-alliance', organisation_id: 'essex-county' }]);
  const key = async (organisationId: string) =>
    (await issueApiKey(hub.databases.hub, { organisationId, role: 'EDITOR', label: organisationId, expiresInDays: 1 })).token;
  countyKey = await key('essex-county');
  trustKey = await key('nelft');
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

type Sourced = { name: string; sources: { source: string; kind: string; table: string; nativeKey: string }[] };
const fromCounty = (nodes: Sourced[]) =>
  nodes
    .filter((n) => n.sources.some((s) => s.source === SOURCE))
    .map((n) => n.name)
    .sort();

async function localityOf(code: string) {
  const { body } = await hub.gql<{ locality: { estates: { nodes: Sourced[] }; services: { nodes: Sourced[] } } }>(
    `query($code: String!) { locality(code: $code) {
       estates { nodes { name sources { source kind table nativeKey } } }
       services { nodes { name sources { source kind table nativeKey } } } } }`,
    { code },
  );
  expect(body.errors).toBeUndefined();
  return { estates: fromCounty(body.data!.locality.estates.nodes), services: fromCounty(body.data!.locality.services.nodes) };
}

test("each locality holds the county's premises and services where their postcodes lie, with the county as their source", async () => {
  expect(await localityOf('FIX-A')).toEqual({
    estates: ['Fixture county library'],
    services: ['Fixture county mobile library'],
  });
  expect(await localityOf('FIX-B')).toEqual({ estates: [], services: ['Fixture county carers support'] });
  expect(await localityOf('FIX-C')).toEqual({ estates: ['Fixture county depot'], services: [] });

  const { body } = await hub.gql<{ locality: { estates: { nodes: (Sourced & { owner: { name: string } | null })[] } } }>(
    `{ locality(code: "FIX-A") { estates { nodes { name owner { name } sources { source kind table nativeKey } } } } }`,
  );
  expect(body.data!.locality.estates.nodes.find((e) => e.name === 'Fixture county library')).toEqual({
    name: 'Fixture county library',
    owner: { name: 'Essex County Council' },
    sources: [{ source: SOURCE, kind: COUNTY_KIND, table: 'premises', nativeKey: 'CTY-P-1' }],
  });
});

test("the root lists search the county's own tables with the filters pushed down, and a premises lists the services run there", async () => {
  const { body } = await hub.gql<{
    estates: { nodes: (Sourced & { services: { nodes: Sourced[] } })[] };
    services: { nodes: Sourced[] };
  }>(
    `{ estates(filter: { owner: { codes: ["${COUNTY_GSS}"] } }) {
         nodes { name sources { source kind table nativeKey } services { nodes { name sources { source kind table nativeKey } } } } }
       services(filter: { nameContains: "county", careSettings: [SOCIAL_CARE] }) { nodes { name sources { source kind table nativeKey } } } }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data!.estates.nodes.map((e) => e.name).sort()).toEqual(['Fixture county depot', 'Fixture county library']);
  const library = body.data!.estates.nodes.find((e) => e.name === 'Fixture county library')!;
  expect(library.services.nodes.map((s) => s.name)).toEqual(['Fixture county mobile library']);
  expect(body.data!.services.nodes).toEqual([
    {
      name: 'Fixture county carers support',
      sources: [{ source: SOURCE, kind: COUNTY_KIND, table: 'service', nativeKey: 'CTY-S-2' }],
    },
  ]);
});

describe('updateEstateStatus on a county premises', () => {
  const UPDATE = `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version record { source kind table nativeKey } } }`;

  async function premisesEstate(): Promise<{ id: string; version: string }> {
    const { body } = await hub.gql<{ estates: { nodes: { id: string; sources: { nativeKey: string; version: string }[] }[] } }>(
      `{ estates(filter: { codes: ["CTY-P-2"] }) { nodes { id sources { nativeKey version } } } }`,
    );
    const [estate] = body.data!.estates.nodes;
    return { id: estate!.id, version: estate!.sources.find((s) => s.nativeKey === 'CTY-P-2')!.version };
  }

  const update = async (key: string, input: Record<string, unknown>) =>
    (await hub.gql<{ updateEstateStatus: { version: string; record: object } | null }>(UPDATE, { input }, { 'x-api-key': key })).body;

  test('the county changes its own entry, in its own database, and the change is read back', async () => {
    const { id, version } = await premisesEstate();
    const written = await update(countyKey, { estateId: id, status: 'IN_USE', expectedVersion: version });
    expect(written.errors).toBeUndefined();
    expect(written.data!.updateEstateStatus!.record).toEqual({
      source: SOURCE,
      kind: COUNTY_KIND,
      table: 'premises',
      nativeKey: 'CTY-P-2',
    });
    const { body } = await hub.gql<{ node: { status: string } }>(`query($id: ID!) { node(id: $id) { ... on Estate { status } } }`, { id });
    expect(body.data!.node.status).toBe('IN_USE');
    const [audit] = await hub.databases[SOURCE]!.query<{ operation: string; row_key: string }[]>(
      `SELECT operation, row_key FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ operation: 'updateEstateStatus', row_key: 'CTY-P-2' });
  });

  test('a status or a field its register does not keep is BAD_USER_INPUT naming it; another partner is FORBIDDEN', async () => {
    const { id, version } = await premisesEstate();
    const closed = await update(countyKey, { estateId: id, status: 'PLANNED_DISPOSAL', expectedVersion: version });
    expect(closed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.status' });
    expect(closed.errors![0]!.message).toBe(
      "A county's premises register has no PLANNED_DISPOSAL status: use one of IN_USE, VACANT, SURPLUS.",
    );
    const reuse = await update(countyKey, { estateId: id, status: 'VACANT', proposedReuse: 'Flats', expectedVersion: version });
    expect(reuse.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.proposedReuse' });
    const other = await update(trustKey, { estateId: id, status: 'VACANT', expectedVersion: version });
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(other.errors![0]!.message).toContain('North East London NHS Foundation Trust holds no entry for it');
  });
});
