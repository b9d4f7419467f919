import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkUnlinkedRecords } from '../src/crosswalk/link';
import { ingestExtract } from '../src/ingestion/ingest';
import { startTestHub, type TestHub } from './support/testHub';

// Each test moves records of its own postcodes, so they hold in any order.

/**
 * The CCG's and the trusts' records lie where their postcodes do, and the link step keeps
 * that ward on their crosswalk links (src/crosswalk/link.ts): a locality's hubs, estates and
 * services stay true when a postcode changes, when the postcode lookup changes, and for links
 * made before places were kept.
 */

let hub: TestHub;
let dir: string;
beforeAll(async () => {
  hub = await startTestHub({ as: { organisationId: null, role: 'ADMIN' } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-placed-'));
});
afterAll(async () => {
  await hub.stop();
});

let files = 0;
function extract(header: string, lines: string[]): string {
  files += 1;
  const file = path.join(dir, `${files}.csv`);
  writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  return file;
}

const GP_HUB_HEADER = 'hub_code,name,ccg_code,host_practice_ods,postcode,status,opened_on,opened_text,opening_hours,seven_day_access';
const SITE_HEADER = 'site_code,trust_ods,name,address,postcode,site_type,status';

interface Found {
  hubs: { nodes: { sources: { nativeKey: string }[] }[] };
  estates: { nodes: { sources: { nativeKey: string }[] }[] };
  services: { nodes: { sources: { nativeKey: string }[] }[] };
}

/** The partner keys of a locality's hubs, estates and services, through the API. */
async function keysIn(code: string): Promise<{ hubs: string[]; estates: string[]; services: string[] }> {
  hub.expireCaches();
  const { body } = await hub.gql<{ locality: Found }>(
    `query($code: String!) { locality(code: $code) {
       hubs { nodes { sources { nativeKey } } }
       estates { nodes { sources { nativeKey } } }
       services { nodes { sources { nativeKey } } } } }`,
    { code },
  );
  expect(body.errors).toBeUndefined();
  const keys = (c: { nodes: { sources: { nativeKey: string }[] }[] }) => c.nodes.flatMap((n) => n.sources.map((s) => s.nativeKey)).sort();
  const l = body.data!.locality;
  return { hubs: keys(l.hubs), estates: keys(l.estates), services: keys(l.services) };
}

test('a GP hub whose postcode changes in an ingested extract moves to its new locality, with the services run from it', async () => {
  expect((await keysIn('FIX-B')).hubs).toContain('07G-FIX-B');
  expect((await keysIn('FIX-B')).services).toContain('07G-FIX-S-B1');
  const result = await ingestExtract(hub.databases, {
    source: 'ccg',
    table: 'gp_hub',
    file: extract(GP_HUB_HEADER, ['07G-FIX-B,Fixture GP Hub B,07G,Z90002,ZA1 1AA,OPEN,,,,']),
    runBy: 'test',
  });
  expect(result).toMatchObject({ inserted: 0, updated: 1 });
  const [a, b] = [await keysIn('FIX-A'), await keysIn('FIX-B')];
  expect(a.hubs).toContain('07G-FIX-B');
  expect(a.services).toContain('07G-FIX-S-B1');
  expect(b.hubs).not.toContain('07G-FIX-B');
  expect(b.services).not.toContain('07G-FIX-S-B1');
});

test('a trust site linked explicitly moves too; its entity is then in both places its records lie', async () => {
  expect((await keysIn('FIX-C')).estates).not.toContain('ZRDD1');
  await ingestExtract(hub.databases, {
    source: 'trust',
    table: 'site',
    file: extract(SITE_HEADER, ['ZRDD1,RDD,FIXTURE HOSPITAL B,3 TEST ROAD,ZC1 1CC,Hospital,IN_USE']),
    runBy: 'test',
  });
  const c = await keysIn('FIX-C');
  expect(c.estates).toContain('ZRDD1');
  expect(c.services).toContain('RDD-FIX-1'); // a service line is where its site is
  // The council's property of the same estate still lies in locality B.
  expect((await keysIn('FIX-B')).estates).toContain('ZRDD1');
});

test("a change to the hub's postcode lookup moves the records of that postcode", async () => {
  expect((await keysIn('FIX-A')).estates).toContain('ZRAT2');
  await ingestExtract(hub.databases, {
    source: 'hub',
    table: 'postcode_ward',
    file: extract('postcode,ward_gss', ['ZA1 1AB,E05900004']),
    runBy: 'test',
  });
  expect((await keysIn('FIX-A')).estates).not.toContain('ZRAT2');
  expect((await keysIn('FIX-C')).estates).toContain('ZRAT2');
});

test('links made before places were kept are placed by the link step at the next start', async () => {
  const codes = ['FIX-A', 'FIX-B', 'FIX-C'];
  const before = await Promise.all(codes.map(keysIn));
  expect(before.flatMap((l) => l.hubs)).toContain('07G-FIX-C');
  await hub.databases.hub.query(`UPDATE source_link SET postcode = NULL, ward_gss = NULL`);
  expect((await Promise.all(codes.map(keysIn))).flatMap((l) => l.hubs)).not.toContain('07G-FIX-C');
  expect(await linkUnlinkedRecords(hub.databases)).toBe(0);
  expect(await Promise.all(codes.map(keysIn))).toEqual(before);
});
