import { partnersOf } from '../src/db/databases';
import { ccgPrimaryCare } from '../src/sources/ccg/kind';
import { councilRegisters } from '../src/sources/council/kind';
import { trustSites } from '../src/sources/trust/kind';
import type { Databases } from '../src/db/databases';
import { sqlForRequest, StatementLog } from '../src/db/sql';
import { createLoaders } from '../src/loaders';
import { commissionedServiceToRecord, gpHubToRecord } from '../src/sources/ccg/mapper';
import { careServiceToRecord, communityHubToRecord, propertyToRecord } from '../src/sources/council/mapper';
import { serviceLineToRecord, siteToRecord } from '../src/sources/trust/mapper';
import { openFixtureDatabases } from './support/testHub';

/** Each source adapter reads its partner's native rows and maps them into the shared model. */

let databases: Databases;

let close: () => Promise<void>;
let loaders: ReturnType<typeof createLoaders>;
beforeAll(async () => {
  ({ databases, close } = await openFixtureDatabases());
  loaders = createLoaders(sqlForRequest(databases, new StatementLog()), partnersOf(databases));
});
afterAll(async () => {
  await close();
});

describe('CCG adapter', () => {
  test('a GP hub becomes a hub record keyed by the CCG hub code', async () => {
    const record = gpHubToRecord((await loaders.of(ccgPrimaryCare, 'ccg').gpHubByCode.load('07G-FIX-A'))!);
    expect(record).toMatchObject({
      ref: { source: 'ccg', table: 'gp_hub', key: '07G-FIX-A' },
      provenance: { source: 'ccg', table: 'gp_hub', nativeKey: '07G-FIX-A' },
      kind: 'GP_HUB',
      status: 'OPEN',
      openedOn: '2015-04-01',
      sevenDayAccess: true,
      postcode: 'ZA1 1AB',
    });
    expect(record.provenance.lastChangedAt).toBeInstanceOf(Date);
  });

  test('a commissioned service names its commissioner, provider and hub in CCG terms', async () => {
    const record = commissionedServiceToRecord((await loaders.of(ccgPrimaryCare, 'ccg').serviceByCode.load('07G-FIX-S-A2'))!);
    expect(record).toMatchObject({
      careSetting: 'COMMUNITY',
      providerCode: 'RAT',
      commissionerCode: '07G',
      hubRef: { source: 'ccg', table: 'gp_hub', key: '07G-FIX-A' },
      fundingStream: 'BCF',
    });
  });

  test('a practice is a GP_PRACTICE organisation sourced from the CCG, held as its organisations capability', async () => {
    expect(await loaders.across('organisations').organisationByCode.load('Z90001')).toMatchObject({
      kind: 'GP_PRACTICE',
      odsCode: 'Z90001',
      validFrom: '1990-01-01',
      sources: [{ source: 'ccg', table: 'practice', nativeKey: 'Z90001' }],
    });
  });
});

describe('council adapter', () => {
  test('wards, community hubs, property and care services keep the council identifiers', async () => {
    expect(await loaders.across('areas').wardByGss.load('E05900001')).toMatchObject({
      id: 'E05900001',
      localAuthorityGssCode: 'E06000034',
      population: 8000,
    });
    expect(communityHubToRecord((await loaders.of(councilRegisters, 'council').communityHubByRef.load('FIX-CH-A'))!)).toMatchObject({
      kind: 'COMMUNITY_HUB',
      wardGss: 'E05900002',
      openedText: 'opened May 14',
    });
    expect(propertyToRecord((await loaders.of(councilRegisters, 'council').propertyByRef.load('FIX-P-A2'))!)).toMatchObject({
      ref: { source: 'council', table: 'property', key: 'FIX-P-A2' },
      status: 'SURPLUS',
      proposedReuse: 'Keyworker housing',
      ownerCode: 'E06000034',
      odsSiteCode: null,
    });
    expect(careServiceToRecord((await loaders.of(councilRegisters, 'council').careServiceByRef.load('FIX-CS-A1'))!)).toMatchObject({
      commissionerCode: 'E06000034',
      hubRef: { source: 'council', table: 'community_hub', key: 'FIX-CH-A' },
    });
  });
});

describe('trust adapter', () => {
  test('a site is an estate record keyed by ODS site code and owned by its trust', async () => {
    expect(siteToRecord((await loaders.of(trustSites, 'trust').siteByCode.load('ZRAT1'))!)).toMatchObject({
      ref: { source: 'trust', table: 'site', key: 'ZRAT1' },
      odsSiteCode: 'ZRAT1',
      ownerCode: 'RAT',
      uprn: null,
    });
  });

  test('a service line is provided by its trust at its site', async () => {
    expect(serviceLineToRecord((await loaders.of(trustSites, 'trust').serviceLineById.load('RAT-FIX-1'))!)).toMatchObject({
      providerCode: 'RAT',
      estateRef: { source: 'trust', table: 'site', key: 'ZRAT1' },
      daysOfOperation: '7 days',
    });
  });
});
