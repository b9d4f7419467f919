import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addExplicitLinks } from '../src/crosswalk/link';
import { ingestExtract } from '../src/ingestion/ingest';
import { FIXTURES_DIR, startTestHub, type TestHub } from './support/testHub';

/**
 * The voluntary-sector directory kind (src/sources/voluntary/), added as one folder and one
 * registration line, run as two sources of the kind beside the fixtures' four
 * (test/fixtures/voluntary/voluntary-a and voluntary-b; the README there says where each
 * service should show).
 * A service is in a locality when its service area names one of the locality's wards or the
 * council the locality lies in, or when it is delivered at a location in one of its wards.
 */

const KIND = 'voluntary-directory';
const DIRECTORIES = ['voluntary-a', 'voluntary-b'];

type Sourced = {
  name: string;
  careSetting: string;
  ward: { gssCode: string } | null;
  sources: { source: string; kind: string; table: string; nativeKey: string }[];
};
type Counts = Record<string, number>;

/** The fixtures with the two directories beside the default sources' folders, as a data folder holds them. */
function extractsWithDirectories(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-directories-'));
  cpSync(FIXTURES_DIR, folder, { recursive: true });
  for (const id of DIRECTORIES) cpSync(path.join(FIXTURES_DIR, 'voluntary', id), path.join(folder, id), { recursive: true });
  return folder;
}

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ extracts: extractsWithDirectories(), extraSources: DIRECTORIES.map((id) => ({ id, kind: KIND })) });
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

const SERVICES = `services(filter: { careSettings: [VOLUNTARY] }) { nodes { name careSetting ward { gssCode } sources { source kind table nativeKey } } }`;

async function voluntaryServicesOf(code: string): Promise<Sourced[]> {
  const { body } = await hub.gql<{ locality: { services: { nodes: Sourced[] } } }>(`{ locality(code: "${code}") { ${SERVICES} } }`);
  expect(body.errors).toBeUndefined();
  return body.data!.locality.services.nodes.filter((s) => s.sources.some((r) => r.kind === KIND));
}

/** The fixtures' own services' records (other tests add and link some). */
const keys = (services: Sourced[]) =>
  services
    .flatMap((s) => s.sources.map((r) => `${r.source}/${r.nativeKey}`))
    .filter((k) => /\/FIX-V[AB]-SVC-\d$/.test(k))
    .sort();

test('each locality lists the services available or delivered in it, with provenance naming the directory they came from', async () => {
  expect(keys(await voluntaryServicesOf('FIX-A'))).toEqual([
    'voluntary-a/FIX-VA-SVC-1',
    'voluntary-a/FIX-VA-SVC-3',
    'voluntary-b/FIX-VB-SVC-2',
  ]);
  expect(keys(await voluntaryServicesOf('FIX-B'))).toEqual([
    'voluntary-a/FIX-VA-SVC-2',
    'voluntary-a/FIX-VA-SVC-3',
    'voluntary-b/FIX-VB-SVC-2',
  ]);
  // FIX-VA-SVC-4 is in ward Four too, but defunct: a closed service is not listed.
  expect(keys(await voluntaryServicesOf('FIX-C'))).toEqual([
    'voluntary-a/FIX-VA-SVC-3',
    'voluntary-b/FIX-VB-SVC-1',
    'voluntary-b/FIX-VB-SVC-2',
  ]);
  const inA = await voluntaryServicesOf('FIX-A');
  expect(inA.find((s) => s.sources[0]!.nativeKey === 'FIX-VA-SVC-1')).toEqual({
    name: 'Fixture befriending at clinic A2',
    careSetting: 'VOLUNTARY',
    ward: { gssCode: 'E05900002' }, // its location's postcode's ward
    sources: [{ source: 'voluntary-a', kind: KIND, table: 'service', nativeKey: 'FIX-VA-SVC-1' }],
  });
  expect(inA.find((s) => s.sources[0]!.nativeKey === 'FIX-VA-SVC-3')!.ward).toBeNull(); // a whole council's area is no one ward
});

test('the root list searches every directory in the directory itself, and pages across them by name', async () => {
  type Page = {
    totalCount: number;
    nodes: { name: string; sources: { source: string; nativeKey: string }[] }[];
    pageInfo: { endCursor: string; hasNextPage: boolean };
  };
  const page = async (after: string | null) => {
    const { body } = await hub.gql<{ services: Page }>(
      `query ($after: String) { services(filter: { careSettings: [VOLUNTARY], nameContains: "fixture" }, orderBy: { field: NAME }, first: 3, after: $after) {
         totalCount nodes { name sources { source nativeKey } } pageInfo { endCursor hasNextPage } } }`,
      { after },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.services;
  };
  const first = await page(null);
  const second = await page(first.pageInfo.endCursor);
  const names = [...first.nodes, ...second.nodes].map((n) => n.name.toLowerCase());
  // The hub's order: lower-cased names compared code unit by code unit.
  expect(names).toEqual([...names].sort());
  expect(second.pageInfo.hasNextPage).toBe(false);
  const fromDirectories = [...first.nodes, ...second.nodes].flatMap((n) =>
    n.sources.filter((r) => DIRECTORIES.includes(r.source)).map((r) => `${r.source}/${r.nativeKey}`),
  );
  expect(fromDirectories.sort()).toEqual([
    'voluntary-a/FIX-VA-SVC-1',
    'voluntary-a/FIX-VA-SVC-2',
    'voluntary-a/FIX-VA-SVC-3',
    'voluntary-b/FIX-VB-SVC-1',
    'voluntary-b/FIX-VB-SVC-2',
  ]);
  expect(first.totalCount).toBe(names.length);
});

test('two records of one service in two directories, linked by the crosswalk, are one service with both sources', async () => {
  await addExplicitLinks(hub.databases, [
    { kind: 'SERVICE', entity_id: 'fixture-area-wide-help', source: 'voluntary-a', native_table: 'service', native_key: 'FIX-VA-SVC-3' },
    { kind: 'SERVICE', entity_id: 'fixture-area-wide-help', source: 'voluntary-b', native_table: 'service', native_key: 'FIX-VB-SVC-2' },
  ]);
  hub.expireCaches();
  const linked = (await voluntaryServicesOf('FIX-B')).filter((s) => s.sources.length > 1);
  expect(linked.map((s) => s.sources.map((r) => `${r.source}/${r.nativeKey}`).sort())).toEqual([
    ['voluntary-a/FIX-VA-SVC-3', 'voluntary-b/FIX-VB-SVC-2'],
  ]);
});

test('statements stay one per loader level per directory: three localities as one, and more rows as fewer', async () => {
  const ask = async (query: string) => {
    hub.expireCaches();
    const { body } = await hub.gql(query);
    expect(body.errors).toBeUndefined();
    return body.extensions!.sqlStatements!.bySource as Counts;
  };
  const one = await ask(`{ locality(code: "FIX-A") { ${SERVICES} } }`);
  const all = await ask(`{ localities(first: 3) { nodes { ${SERVICES} } } }`);
  for (const source of [...DIRECTORIES, 'council', 'ccg', 'trust'])
    expect({ source, count: all[source] }).toEqual({ source, count: one[source] });
  for (const source of DIRECTORIES) expect(one[source]).toBeGreaterThan(0);
  // voluntary-b publishes three more services, available in three wards and delivered nowhere.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-directory-')), 'service.csv');
  const areas = path.join(path.dirname(file), 'service_area.csv');
  const wards = ['E05900001', 'E05900003', 'E05900004'];
  writeFileSync(
    file,
    `id,organization_id,name,description,url,email,status,synthetic\n${wards.map((_, i) => `FIX-VB-NEW-${i},FIX-VB-ORG-1,Added service ${i},,,,active,\n`).join('')}`,
  );
  writeFileSync(
    areas,
    `id,service_id,name,uri,synthetic\n${wards.map((w, i) => `FIX-VB-NEW-AREA-${i},FIX-VB-NEW-${i},,http://statistics.data.gov.uk/id/statistical-geography/${w},\n`).join('')}`,
  );
  await ingestExtract(hub.databases, { source: 'voluntary-b', table: 'service', file });
  await ingestExtract(hub.databases, { source: 'voluntary-b', table: 'service_area', file: areas });
  const more = await ask(`{ localities(first: 3) { nodes { ${SERVICES} } } }`);
  for (const source of [...DIRECTORIES, 'council', 'ccg', 'trust'])
    expect({ source, count: more[source] }).toEqual({ source, count: all[source] });
  const inA = (await voluntaryServicesOf('FIX-A')).flatMap((s) => s.sources.map((r) => r.nativeKey));
  expect(inA).toContain('FIX-VB-NEW-0');
});
