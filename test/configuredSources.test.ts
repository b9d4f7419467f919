import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueApiKey } from '../src/auth/apiKeys';
import { ingestExtract } from '../src/ingestion/ingest';
import { FIXTURES_DIR, startTestHub, type TestHub } from './support/testHub';

/**
 * A second council's registers, added by configuration alone: a sources file entry of an
 * existing kind and a folder of its extracts. No code names it, yet its rows are loaded at
 * start through `ingest`, linked, placed in the locality its wards lie in, merged with the
 * other sources' and named in provenance; and its statements stay one per loader level.
 */

const SECOND = 'second-council';

function extractsWithSecondCouncil(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-second-council-'));
  cpSync(FIXTURES_DIR, folder, { recursive: true });
  // The registry places a fifth ward, of another council, in locality C.
  appendFileSync(path.join(folder, 'hub', 'locality_ward.csv'), 'loc-c,E05900005\n');
  const own = path.join(folder, SECOND);
  mkdirSync(own);
  const write = (file: string, lines: string[]) => writeFileSync(path.join(own, file), `${lines.join('\n')}\n`);
  write('ward.csv', ['gss_code,name,lad_gss,population', 'E05900005,Fixture Ward Five,E06000033,6000']);
  write('community_hub.csv', [
    'hub_ref,council_gss,name,ward_gss,status,opened_on,opened_text',
    'SEC-CH-1,E06000033,Second Council Hub,E05900005,OPEN,2016-04-01,',
  ]);
  write('care_service.csv', [
    'service_ref,council_gss,name,provider_code,care_setting,hub_ref,ward_gss,cohort,days_of_operation,funding_stream',
    'SEC-CS-1,E06000033,Second Council Reablement,E06000033,SOCIAL_CARE,SEC-CH-1,,,,',
  ]);
  write('property.csv', [
    'asset_ref,uprn,council_gss,name,address,postcode,ward_gss,owner_name,owner_code,tenure,current_use,status,proposed_reuse',
    'SEC-P-1,,E06000033,Second Council Offices,5 Test Road,,E05900005,,E06000033,Freehold,Offices,IN_USE,',
  ]);
  return folder;
}

type Sourced = { name: string; sources: { source: string; kind: string }[] };
type Counts = { total: number; bySource: Record<string, number> };

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({
    extracts: extractsWithSecondCouncil(),
    extraSources: [{ id: SECOND, kind: 'council-registers', organisations: ['E06000033'] }],
  });
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

const LOCALITY = `hubs { nodes { name sources { source kind } services { nodes { name sources { source kind } } } } }
  estates { nodes { name sources { source kind } } }
  services { nodes { name sources { source kind } } }`;

test("the added council's rows are placed in the locality its ward lies in, with provenance naming it", async () => {
  const { body } = await hub.gql<{
    locality: {
      hubs: { nodes: (Sourced & { services: { nodes: Sourced[] } })[] };
      estates: { nodes: Sourced[] };
      services: { nodes: Sourced[] };
    };
  }>(`{ locality(code: "FIX-C") { ${LOCALITY} } }`);
  expect(body.errors).toBeUndefined();
  const locality = body.data!.locality;
  const fromSecond = (nodes: Sourced[]) => nodes.filter((n) => n.sources.some((s) => s.source === SECOND)).map((n) => n.name);
  // (The statement-count test below adds hubs of its own: tests run in a random order.)
  expect(fromSecond(locality.hubs.nodes)).toContain('Second Council Hub');
  expect(fromSecond(locality.estates.nodes)).toEqual(['Second Council Offices']);
  expect(fromSecond(locality.services.nodes)).toContain('Second Council Reablement');
  expect(locality.hubs.nodes.find((h) => h.name === 'Second Council Hub')!.services.nodes.map((s) => s.name)).toEqual([
    'Second Council Reablement',
  ]);
  expect(locality.hubs.nodes.flatMap((h) => h.sources)).toContainEqual({ source: SECOND, kind: 'council-registers' });
});

test('the first council keeps its own rows: nothing of one council is read from the other', async () => {
  const { body } = await hub.gql<{ locality: { hubs: { nodes: Sourced[] } } }>(
    `{ locality(code: "FIX-A") { hubs { nodes { name sources { source kind } } } } }`,
  );
  const sources = body.data!.locality.hubs.nodes.flatMap((h) => h.sources.map((s) => s.source));
  expect(sources).toContain('council');
  expect(sources).not.toContain(SECOND);
});

test('statements stay one per loader level per source, with two councils, however many rows they hold', async () => {
  const ask = async () => {
    hub.expireCaches();
    const { body } = await hub.gql<{ localities: { nodes: unknown[] } }>(`{ localities(first: 3) { nodes { ${LOCALITY} } } }`);
    expect(body.errors).toBeUndefined();
    return (body.extensions as { sqlStatements: Counts }).sqlStatements.bySource;
  };
  const before = await ask();
  expect(before[SECOND]).toBeGreaterThan(0);
  // The second council opens three more hubs, each with a service, in its ward.
  const more = (file: string, lines: string[]) => {
    const at = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-more-')), file);
    writeFileSync(at, `${lines.join('\n')}\n`);
    return at;
  };
  const ids = [2, 3, 4];
  await ingestExtract(hub.databases, {
    source: SECOND,
    table: 'community_hub',
    file: more('community_hub.csv', [
      'hub_ref,council_gss,name,ward_gss,status,opened_on,opened_text',
      ...ids.map((i) => `SEC-CH-${i},E06000033,Second Council Hub ${i},E05900005,OPEN,,`),
    ]),
  });
  await ingestExtract(hub.databases, {
    source: SECOND,
    table: 'care_service',
    file: more('care_service.csv', [
      'service_ref,council_gss,name,provider_code,care_setting,hub_ref,ward_gss,cohort,days_of_operation,funding_stream',
      ...ids.map((i) => `SEC-CS-${i},E06000033,Second Council Service ${i},E06000033,SOCIAL_CARE,SEC-CH-${i},,,,`),
    ]),
  });
  const after = await ask();
  for (const source of ['council', SECOND, 'ccg', 'trust'])
    expect({ source, count: after[source] }).toEqual({ source, count: before[source] });
  // The registry's organisation lookups from sibling branches meet in one batch or two as the
  // partners happen to answer (test/crossSourceFilters.test.ts): never more with more rows.
  expect(after.hub).toBeLessThanOrEqual(before.hub! + 1);
});

test('/health/ready reports the added source with its kind and organisations; its loads are runs of their own', async () => {
  const ready = (await (await fetch(hub.url.replace('/graphql', '/health/ready'))).json()) as {
    sources: Record<string, { kind: string; state: string; organisations?: string[] }>;
  };
  expect(ready.sources[SECOND]).toMatchObject({ kind: 'council-registers', state: 'up', organisations: ['E06000033'] });
  const admin = await adminQuery(`{ ingestRuns(source: "${SECOND}", first: 10) { nodes { source table status } } }`);
  expect([...new Set(admin.map((r) => r.table))].sort()).toEqual(['care_service', 'community_hub', 'property', 'ward']);
  expect(admin.every((r) => r.source === SECOND && r.status === 'SUCCEEDED')).toBe(true);
});

test('an explicit link to a source the hub does not run is refused whole, naming it', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-links-')), 'crosswalk.csv');
  writeFileSync(file, 'kind,entity_id,source,native_table,native_key\nESTATE,est-x,nowhere-council,property,X1\n');
  await expect(ingestExtract(hub.databases, { source: 'hub', table: 'source_link', file })).rejects.toThrow(
    /links name records no configured source holds: ESTATE nowhere-council\.property/,
  );
});

/** Ingest runs are for partners: read them as an administrator would, with a key of their own. */
async function adminQuery(query: string): Promise<{ source: string; table: string; status: string }[]> {
  const key = await issueApiKey(hub.databases.hub, { organisationId: null, role: 'ADMIN', label: 'test', expiresInDays: 1 });
  const { body } = await hub.gql<{ ingestRuns: { nodes: { source: string; table: string; status: string }[] } }>(query, undefined, {
    'x-api-key': key.token,
  });
  expect(body.errors).toBeUndefined();
  return body.data!.ingestRuns.nodes;
}
