import { partnersOf } from '../src/db/databases';
import { ccgPrimaryCare } from '../src/sources/ccg/kind';
import { councilRegisters } from '../src/sources/council/kind';
import { trustSites } from '../src/sources/trust/kind';
import { SOURCE_NAMES } from '../src/config/config';
import type { Databases, DefaultDatabases } from '../src/db/databases';
import { sqlForRequest, StatementLog } from '../src/db/sql';
import { createLoaders } from '../src/loaders';
import { groupByKeys, orderByKeys, queryByKeys } from '../src/loaders/batch';
import { inAreaSql, MAX_POSTCODES_TO_PROBE, type Placed } from '../src/sources/shared/postcodeArea';
import { openFixtureDatabases } from './support/testHub';

/** Loaders batch every key of a tick into one statement and answer in key order. */

let databases: DefaultDatabases;

let close: () => Promise<void>;
beforeAll(async () => {
  ({ databases, close } = await openFixtureDatabases());
});
afterAll(async () => {
  await close();
});

function fresh() {
  const log = new StatementLog();
  return { log, loaders: createLoaders(sqlForRequest(databases, log), partnersOf(databases)) };
}

describe('batch helpers', () => {
  test('orderByKeys answers one per key, in key order, null for a miss', () => {
    const rows = [
      { k: 'b', v: 2 },
      { k: 'a', v: 1 },
    ];
    expect(orderByKeys(['a', 'zz', 'b', 'a'], rows, (r) => r.k)).toEqual([rows[1], null, rows[0], rows[1]]);
  });

  test('groupByKeys answers a list per key, empty for a miss', () => {
    const rows = [
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
      { k: 'a', v: 3 },
    ];
    expect(groupByKeys(['a', 'c', 'b'], rows, (r) => r.k)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});

describe.each(SOURCE_NAMES)('%s loaders', (source) => {
  test('every key asked in one tick goes in one statement, results in key order, misses are null', async () => {
    const { log, loaders } = fresh();
    const cases = {
      hub: () => Promise.all(['thurrock-council', 'missing', 'nelft'].map((k) => loaders.hub.organisationById.load(k))),
      ccg: () => Promise.all(['Z90003', 'Z99999', 'Z90001'].map((k) => loaders.of(ccgPrimaryCare, 'ccg').practiceByOds.load(k))),
      council: () =>
        Promise.all(['E05900004', 'E05999999', 'E05900001'].map((k) => loaders.of(councilRegisters, 'council').wardByGss.load(k))),
      trust: () => Promise.all(['ZRDD1', 'ZZZZZ', 'ZRAT1'].map((k) => loaders.of(trustSites, 'trust').siteByCode.load(k))),
    };
    const results = (await cases[source]()) as ({ [key: string]: unknown } | null)[];
    expect(log.countBySource(SOURCE_NAMES)[source]).toBe(1);
    expect(log.total).toBe(1);
    expect(log.statements[0]!.text).toContain('= ANY($1)');
    expect(results[1]).toBeNull();
    const keyOf = (r: { [key: string]: unknown } | null) =>
      r && r[{ hub: 'id', ccg: 'odsCode', council: 'gssCode', trust: 'site_code' }[source]];
    expect([keyOf(results[0]!), keyOf(results[2]!)]).toEqual(
      { hub: ['thurrock-council', 'nelft'], ccg: ['Z90003', 'Z90001'], council: ['E05900004', 'E05900001'], trust: ['ZRDD1', 'ZRAT1'] }[
        source
      ],
    );
  });
});

test('one-to-many loaders group per key and cache within the request', async () => {
  const { log, loaders } = fresh();
  const [a, none, b] = await Promise.all(
    ['07G-FIX-A', 'nope', '07G-FIX-B'].map((k) => loaders.of(ccgPrimaryCare, 'ccg').servicesByHub.load(k)),
  );
  expect(a!.map((s) => s.service_code).sort()).toEqual(['07G-FIX-S-A1', '07G-FIX-S-A2']);
  expect(none).toEqual([]);
  expect(b!.map((s) => s.service_code)).toEqual(['07G-FIX-S-B1']);
  await loaders.of(ccgPrimaryCare, 'ccg').servicesByHub.load('07G-FIX-A');
  expect(log.total).toBe(1);
});

test('assembling merged entities costs one statement per loader, however many entities', async () => {
  const { log, loaders } = fresh();
  const estates = await Promise.all(['estate-a', 'estate-b', 'estate-c'].map((id) => loaders.entities.estateById.load(id)));
  expect(estates.map((e) => e?.records.length)).toEqual([2, 2, 2]);
  // links (hub), then council property and trust site by key, in parallel.
  expect(log.countBySource(SOURCE_NAMES)).toEqual({ hub: 1, ccg: 0, council: 1, trust: 1 });
});

describe('rows placed by postcode', () => {
  // Small areas probe the postcode index, large ones hash-join the table: both must find the
  // same rows. The CCG's and trusts' records are placed by the link step now; a voluntary
  // directory's locations still go through this SQL, tried here on tables that have postcodes.
  const padding = Array.from({ length: MAX_POSTCODES_TO_PROBE + 1 }, (_, i) => `ZZ9 ${String(i).padStart(4, '0')}\tE05999999`);
  const areaOf = (postcodes: string[]) => postcodes.map((p, i) => `${p}\tE0500000${i % 10}`);

  test.each([
    ['ccg', 'gp_hub', 'hub_code'],
    ['trust', 'site', 'site_code'],
  ] as const)('%s.%s: the same rows and wards by index probe and by hash join', async (source, table, key) => {
    const postcodes = (
      await databases[source].query<{ postcode: string }[]>(
        `SELECT DISTINCT postcode FROM ${table} WHERE postcode IS NOT NULL AND withdrawn_at IS NULL`,
      )
    ).map((r: { postcode: string }) => r.postcode);
    expect(postcodes.length).toBeGreaterThan(0);
    const sql = sqlForRequest(databases, new StatementLog())[source]!;
    const found = async (lines: string[]) => {
      const area = lines.join('\n');
      const rows = await sql.query<Placed<Record<string, string>>>(inAreaSql(table, 'x', area), [area]);
      return rows.map((r) => `${r[key]}@${r.placed_in_ward}`).sort();
    };
    const probed = await found(areaOf(postcodes));
    expect(probed.length).toBeGreaterThanOrEqual(postcodes.length);
    expect(await found([...areaOf(postcodes), ...padding])).toEqual(probed);
  });
});

describe('statements sent through a request handle', () => {
  const text = `SELECT current_setting('plan_cache_mode') AS mode,
      (SELECT array_agg(statement) FROM pg_prepared_statements WHERE NOT from_sql) AS prepared`;

  test("are prepared on their connection, and planned for each execution in a partner's database", async () => {
    const [row] = await sqlForRequest(databases, new StatementLog()).trust!.query<{ mode: string; prepared: string[] }>(text);
    expect(row!.mode).toBe('force_custom_plan');
    expect(row!.prepared).toContain(text);
  });

  test("a single-key lookup in the registry reuses PostgreSQL's generic plan; a batch is planned for its keys", async () => {
    const sql = sqlForRequest(databases, new StatementLog()).hub;
    const lookup = 'SELECT id FROM partner_organisation WHERE ods_code = ANY($1) OR gss_code = ANY($1) OR charity_number = ANY($1)';
    // One at a time, so the pool hands the same idle connection back each time.
    for (let i = 0; i < 8; i++) expect(await queryByKeys(sql, lookup, ['RAT'])).toHaveLength(1);
    for (let i = 0; i < 8; i++) expect(await queryByKeys(sql, lookup, ['RAT', 'E06000034'])).toHaveLength(2);
    const plans = await sql.query<{ statement: string; generic_plans: number; custom_plans: number }>(
      `SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE 'SELECT id FROM partner_organisation%'`,
    );
    const single = plans.find((p) => p.statement.includes('ods_code = $1'));
    const batch = plans.find((p) => p.statement.includes('ods_code = ANY($1)'));
    expect(single!.generic_plans).toBeGreaterThan(0);
    expect(batch).toMatchObject({ generic_plans: 0, custom_plans: expect.any(Number) as number });
  });
});
