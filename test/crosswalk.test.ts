import { implicitEntityId, linkUnlinkedRecords } from '../src/crosswalk/link';
import type { Databases } from '../src/db/databases';
import { estateView, pick } from '../src/model/merge';
import type { EstateRecord } from '../src/model/types';
import { openFixtureDatabases } from './support/testHub';

/** The identity crosswalk: how partner records become one shared entity, and how they merge. */

const record = (overrides: Partial<EstateRecord> & { at: string; source: 'COUNCIL' | 'TRUST' }): EstateRecord => ({
  ref: { source: overrides.source === 'COUNCIL' ? 'council' : 'trust', table: 'x', key: overrides.at },
  provenance: { source: overrides.source, table: 'x', nativeKey: overrides.at, lastChangedAt: new Date(overrides.at) },
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
  proposedReuse: null,
  ...overrides,
});

describe('merge rule', () => {
  const council = record({ source: 'COUNCIL', at: '2024-01-01', uprn: '100000000001', status: 'SURPLUS', tenure: 'Freehold' });
  const trust = record({ source: 'TRUST', at: '2025-06-01', odsSiteCode: 'ZRAT1', status: 'PLANNED_DISPOSAL' });

  test('per field, the most recently changed record with a value wins', () => {
    expect(pick([council, trust], 'status')).toBe('PLANNED_DISPOSAL');
    expect(pick([council, trust], 'uprn')).toBe('100000000001');
    expect(pick([council, trust], 'proposedReuse')).toBeNull();
  });

  test('an estate shows every source code and the merged fields', () => {
    expect(estateView({ id: 'e', records: [council, trust] })).toMatchObject({
      uprn: '100000000001', odsSiteCodes: ['ZRAT1'], status: 'PLANNED_DISPOSAL', tenure: 'Freehold',
    });
  });
});

describe('link step', () => {
  let databases: Databases;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ databases, close } = await openFixtureDatabases());
  });
  afterAll(async () => {
    await close();
  });

  test('explicit links join two partners; every other record gets its own entity', async () => {
    const links = await databases.hub.query<{ entity_id: string; source: string; native_key: string }[]>(
      `SELECT entity_id, source, native_key FROM source_link WHERE kind = 'ESTATE' ORDER BY entity_id, source`,
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
});
