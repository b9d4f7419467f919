import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import os from 'node:os';
import path from 'node:path';
import { implicitEntityId, linkUnlinkedRecords } from '../src/crosswalk/link';
import type { Databases, DefaultDatabases } from '../src/db/databases';
import { ingestExtract } from '../src/ingestion/ingest';
import { estateView, pick } from '../src/model/merge';
import type { EstateRecord } from '../src/model/types';
import { FIXTURES_DIR, openFixtureDatabases } from './support/testHub';

/** The identity crosswalk: how partner records become one shared entity, and how they merge. */

const record = (overrides: Partial<EstateRecord> & { at: string; source: 'council' | 'trust' }): EstateRecord => ({
  ref: { source: overrides.source, table: 'x', key: overrides.at },
  provenance: {
    source: overrides.source,
    kind: overrides.source === 'council' ? 'council-registers' : 'trust-sites',
    table: 'x',
    nativeKey: overrides.at,
    lastChangedAt: new Date(overrides.at),
  },
  name: 'A building',
  uprn: null,
  odsSiteCode: null,
  address: null,
  postcode: null,
  wardGss: null,
  ownerName: null,
  ownerCode: null,
  tenure: null,
  currentUse: null,
  status: 'IN_USE',
  publicStatus: 'IN_USE',
  proposedReuse: null,
  ...overrides,
});

describe('merge rule', () => {
  const council = record({ source: 'council', at: '2024-01-01', uprn: '100000000001', status: 'SURPLUS', tenure: 'Freehold' });
  const trust = record({ source: 'trust', at: '2025-06-01', odsSiteCode: 'ZRAT1', status: 'PLANNED_DISPOSAL' });

  test('per field, the most recently changed record with a value wins', () => {
    expect(pick([council, trust], 'status')).toBe('PLANNED_DISPOSAL');
    expect(pick([council, trust], 'uprn')).toBe('100000000001');
    expect(pick([council, trust], 'proposedReuse')).toBeNull();
  });

  test('an estate shows every source code and the merged fields', () => {
    expect(estateView({ id: 'e', records: [council, trust] }, (r) => r)).toMatchObject({
      uprn: '100000000001',
      odsSiteCodes: ['ZRAT1'],
      status: 'PLANNED_DISPOSAL',
      tenure: 'Freehold',
    });
  });
});

const fixtureKeys = (source: string, table: string, column: string): string[] =>
  (parse(readFileSync(path.join(FIXTURES_DIR, source, `${table}.csv`), 'utf8'), { columns: true }) as Record<string, string>[]).map(
    (row) => row[column]!,
  );

describe('link step', () => {
  let databases: DefaultDatabases;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ databases, close } = await openFixtureDatabases());
  });
  afterAll(async () => {
    await close();
  });

  test('explicit links join two partners; every other record gets its own entity', async () => {
    // The fixtures' estate records; other tests here add records of their own.
    const keys = [...fixtureKeys('council', 'property', 'asset_ref'), ...fixtureKeys('trust', 'site', 'site_code')];
    const links = await databases.hub.query<{ entity_id: string; source: string; native_key: string }[]>(
      `SELECT entity_id, source, native_key FROM source_link WHERE kind = 'ESTATE' AND native_key = ANY($1) ORDER BY entity_id, source`,
      [keys],
    );
    expect(links).toContainEqual({ entity_id: 'estate-a', source: 'council', native_key: 'FIX-P-A1' });
    expect(links).toContainEqual({ entity_id: 'estate-a', source: 'trust', native_key: 'ZRAT1' });
    expect(links).toContainEqual({ entity_id: implicitEntityId('trust', 'site', 'ZRAT2'), source: 'trust', native_key: 'ZRAT2' });
    expect(links).toHaveLength(8); // 4 council properties + 4 trust sites
  });

  test('is idempotent, and links a record a partner adds later', async () => {
    expect(await linkUnlinkedRecords(databases)).toBe(0);
    await databases.trust.query(
      `INSERT INTO site (site_code, trust_ods, name, postcode, status) VALUES ('ZRAT9', 'RAT', 'NEW CLINIC', 'ZA1 1AA', 'PLANNED')`,
    );
    expect(await linkUnlinkedRecords(databases)).toBe(1);
    expect(await linkUnlinkedRecords(databases)).toBe(0);
    const [row] = await databases.hub.query<{ entity_id: string }[]>(
      `SELECT entity_id FROM source_link WHERE source = 'trust' AND native_key = 'ZRAT9'`,
    );
    expect(row?.entity_id).toBe('trust.site.ZRAT9');
  });

  describe('through ingest', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'hub-crosswalk-'));
    });
    let files = 0;
    const load = (source: 'hub' | 'trust', table: string, lines: string[]) => {
      files += 1;
      const file = path.join(dir, `${files}-${table}.csv`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return ingestExtract(databases, { source, table, file, runBy: 'test' });
    };
    const SITES = 'site_code,trust_ods,name,address,postcode,site_type,status';
    const linkOf = async (key: string) =>
      databases.hub.query<{ entity_id: string; linked_at: Date }[]>(
        `SELECT entity_id, linked_at FROM source_link WHERE kind = 'ESTATE' AND source = 'trust' AND native_table = 'site' AND native_key = $1`,
        [key],
      );

    test('links only the rows the load adds; explicit links and earlier links stay as they were', async () => {
      // A row written by other means has no link until the full link step runs.
      await databases.trust.query(
        `INSERT INTO site (site_code, trust_ods, name, status) VALUES ('ZOTH1', 'RAT', 'WRITTEN BY OTHER MEANS', 'IN_USE')`,
      );
      const before = await linkOf('ZRAT2');
      const result = await load('trust', 'site', [
        SITES,
        'ZRAT1,RAT,FIXTURE HEALTH CENTRE A,1 TEST ROAD,ZA1 1AA,Community,IN_USE',
        'ZRAT2,RAT,FIXTURE CLINIC A2 RENAMED,9 TEST ROAD,ZA1 1AB,Community,IN_USE',
        'ZNEW1,RAT,NEW CLINIC,,ZA1 1AA,Clinic,PLANNED',
      ]);
      expect(result).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
      expect(await linkOf('ZNEW1')).toEqual([{ entity_id: 'trust.site.ZNEW1', linked_at: expect.any(Date) }]);
      expect(await linkOf('ZRAT1')).toEqual([expect.objectContaining({ entity_id: 'estate-a' })]);
      expect(await linkOf('ZRAT2')).toEqual(before);
      expect(await linkOf('ZOTH1')).toEqual([]);
      expect(await linkUnlinkedRecords(databases, { source: 'trust', table: 'site' })).toBe(1);
      expect(await linkOf('ZOTH1')).toEqual([expect.objectContaining({ entity_id: 'trust.site.ZOTH1' })]);
    });

    test('a record explicitly linked before it arrives keeps that link; an explicit entity with the implicit id is joined', async () => {
      await load('hub', 'source_link', [
        'kind,entity_id,source,native_table,native_key',
        'ESTATE,estate-early,trust,site,ZEXP1',
        // The council's record of a building the trust will send later, on the id the trust's record would get.
        'ESTATE,trust.site.ZEXP2,council,property,FIX-P-LATER',
      ]);
      await load('trust', 'site', [SITES, 'ZEXP1,RAT,EXPLICIT FIRST,,ZA1 1AA,,IN_USE', 'ZEXP2,RAT,JOINS AN ENTITY,,ZA1 1AA,,IN_USE']);
      expect(await linkOf('ZEXP1')).toEqual([expect.objectContaining({ entity_id: 'estate-early' })]);
      expect(await linkOf('ZEXP2')).toEqual([expect.objectContaining({ entity_id: 'trust.site.ZEXP2' })]);
      const entities = await databases.hub.query<{ id: string }[]>(
        `SELECT id FROM shared_entity WHERE kind = 'ESTATE' AND id IN ('trust.site.ZEXP1', 'trust.site.ZEXP2', 'estate-early') ORDER BY id`,
      );
      expect(entities.map((e) => e.id)).toEqual(['estate-early', 'trust.site.ZEXP2']);
    });
  });
});
