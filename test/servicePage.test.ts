import { addExplicitLinks, linkUnlinkedRecords } from '../src/crosswalk/link';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * The root `services` list in name order reads only a page's worth from each source. Its
 * answers must be those of ordering every match in memory (the list in any other order
 * holds the same services): walked a page at a time in both directions, with ties on the
 * lower-cased name (broken by entity id), names and keys outside ASCII, a withdrawn row,
 * entities of two records whose newest name is not the one that matched, and a row the
 * crosswalk has not linked yet.
 */

interface Node {
  id: string;
  name: string;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Node[];
}

const SERVICES = `query($filter: ServiceFilter, $field: ServiceOrderField!, $direction: OrderDirection, $first: Int, $after: String) {
  services(filter: $filter, orderBy: { field: $field, direction: $direction }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name } } }`;

type Direction = 'ASC' | 'DESC';

interface Row {
  key: string;
  name: string;
  provider: string | null;
  setting: string;
  updatedAt: string;
}

/** One row a line: key | name | provider (- for none) | care setting | day of January 2024 it last changed. */
const rows = (table: string): Row[] =>
  table
    .trim()
    .split('\n')
    .map((line) => {
      const [key, name, provider, setting, day] = line.split('|').map((cell) => cell.trim()) as [string, string, string, string, string];
      return { key, name, provider: provider === '-' ? null : provider, setting, updatedAt: `2024-01-${day.padStart(2, '0')}T00:00:00Z` };
    });

const CCG = rows(`
  PG-S-01 | Tie clinic             | RAT | COMMUNITY     | 1
  PG-S-02 | alpha service          | RDD | ACUTE         | 1
  PG-S-03 | Beta Service           | R1L | MENTAL_HEALTH | 1
  PG-S-04 | TIE CLINIC             | RDD | ACUTE         | 1
  PG-S-05 | Zeta                   | -   | PRIMARY       | 1
  PG-S-06 | Joined newest ccg name | -   | COMMUNITY     | 9
  PG-S-07 | Élan café              | RAT | COMMUNITY     | 1
  PG-S-08 | gamma                  | RAT | ACUTE         | 1
  PG-S-09 | delta                  | RAT | COMMUNITY     | 1
  PG-Så-11 | Kappa                 | RAT | ACUTE         | 1
  PG-S-12 | tie clinic             | RAT | ACUTE         | 1`);
const COUNCIL = rows(`
  PG-CS-01 | Tie Clinic    | RAT | COMMUNITY   | 1
  PG-CS-02 | alpha service | -   | SOCIAL_CARE | 1
  PG-CS-03 | Omega         | RDD | ACUTE       | 1
  PG-CS-04 | beta service  | RAT | COMMUNITY   | 1
  PG-CS-05 | Implicit host | RAT | COMMUNITY   | 1
  PG-CS-06 | mu            | RDD | ACUTE       | 1
  PG-CS-07 | nu            | RAT | COMMUNITY   | 1
  PG-CS-08 | Ünder         | RAT | COMMUNITY   | 1`);
const TRUST = rows(`
  PG-SL-01 | tie clinic              | RAT | COMMUNITY     | 1
  PG-SL-02 | Alpha Service           | RDD | ACUTE         | 1
  PG-SL-03 | eta                     | R1L | MENTAL_HEALTH | 1
  PG-SL-05 | Aardvark joined         | RAT | COMMUNITY     | 9
  PG-SL-06 | Joined older trust name | R1L | MENTAL_HEALTH | 1
  PG-SL-07 | iota                    | RAT | ACUTE         | 1
  PG-SL-08 | kappa                   | RDD | ACUTE         | 1
  PG-SL-09 | lambda                  | RAT | COMMUNITY     | 1`);

let hub: TestHub;

async function insertRows(): Promise<void> {
  const insert = (db: 'ccg' | 'council' | 'trust', sql: string, table: Row[]) =>
    Promise.all(table.map((r) => hub.databases[db].query(sql, [r.key, r.name, r.provider, r.setting, r.updatedAt])));
  await insert(
    'ccg',
    `INSERT INTO commissioned_service (service_code, name, ccg_code, provider_ods, care_setting, updated_at) VALUES ($1, $2, '07G', $3, $4, $5)`,
    CCG,
  );
  await insert(
    'council',
    `INSERT INTO care_service (service_ref, council_gss, name, provider_code, care_setting, updated_at) VALUES ($1, 'E06000034', $2, $3, $4, $5)`,
    COUNCIL,
  );
  await insert(
    'trust',
    `INSERT INTO service_line (service_line_id, name, trust_ods, care_setting, updated_at) VALUES ($1, $2, $3, $4, $5)`,
    TRUST,
  );
  await hub.databases.ccg.query(`UPDATE commissioned_service SET withdrawn_at = now() WHERE service_code = 'PG-S-08'`);
}

beforeAll(async () => {
  hub = await startTestHub();
  await insertRows();
  await addExplicitLinks(hub.databases, [
    // Two records under a new id; the newer (CCG) record names it but has no provider.
    { kind: 'SERVICE', entity_id: 'pg-joined', source: 'ccg', native_table: 'commissioned_service', native_key: 'PG-S-06' },
    { kind: 'SERVICE', entity_id: 'pg-joined', source: 'trust', native_table: 'service_line', native_key: 'PG-SL-06' },
    // A trust record joined to the council record's own implicit entity.
    { kind: 'SERVICE', entity_id: 'council.care_service.PG-CS-05', source: 'trust', native_table: 'service_line', native_key: 'PG-SL-05' },
  ]);
  await linkUnlinkedRecords(hub.databases);
});
afterAll(async () => {
  await hub.stop();
});

async function services(variables: Record<string, unknown>) {
  const response = await hub.gql<{ services: Page }>(SERVICES, { field: 'NAME', ...variables });
  expect(response.body.errors).toBeUndefined();
  return { page: response.body.data!.services, statements: response.body.extensions!.sqlStatements! };
}

const localId = (globalId: string): string =>
  Buffer.from(globalId, 'base64url')
    .toString('utf8')
    .replace(/^Service:/, '');
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order asked for, worked out here from the services the in-memory ordering matched. */
async function expected(filter: unknown, direction: Direction): Promise<{ ids: string[]; totalCount: number }> {
  const { page } = await services({ filter, field: 'CARE_SETTING', first: 100 });
  const sign = direction === 'ASC' ? 1 : -1;
  const sorted = [...page.nodes].sort(
    (a, b) => sign * byCodeUnit(a.name.toLowerCase(), b.name.toLowerCase()) || byCodeUnit(localId(a.id), localId(b.id)),
  );
  return { ids: sorted.map((n) => n.id), totalCount: page.totalCount };
}

async function walk(filter: unknown, direction: Direction, first: number) {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const { page }: { page: Page } = await services({ filter, direction, first, after });
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 100);
  return pages;
}

const FILTERS: [string, unknown][] = [
  ['no filter', null],
  ['NHS trust providers', { provider: { kinds: ['NHS_TRUST'] } }],
  ['community services', { careSettings: ['COMMUNITY'] }],
  ['two care settings', { careSettings: ['MENTAL_HEALTH', 'ACUTE'] }],
  ['a name in another case', { nameContains: 'TIE' }],
  ['a name outside ASCII', { nameContains: 'É' }],
  ['codes', { codes: ['RAT', 'PG-S-02'] }],
  ['a provider and a name', { provider: { codes: ['RAT'] }, nameContains: 'a' }],
];

describe.each(FILTERS)('%s', (_, filter) => {
  test.each([
    ['ASC', 1],
    ['ASC', 3],
    ['DESC', 2],
    ['DESC', 100],
  ] as const)('%s, %i a page: the in-memory order, count and pages', async (direction, first) => {
    const want = await expected(filter, direction);
    const pages = await walk(filter, direction, first);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(want.ids);
    for (const p of pages) expect(p.totalCount).toBe(want.totalCount);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(pages.map((_, i) => i < pages.length - 1));
  });
});

test('a withdrawn row is not listed; a service of two records is listed once, by its newest name, found through its other record', async () => {
  const { page } = await services({ filter: { provider: { kinds: ['NHS_TRUST'] } }, first: 100 });
  const names = page.nodes.map((n) => n.name);
  expect(names).not.toContain('gamma');
  expect(names.filter((n) => n.startsWith('Joined'))).toEqual(['Joined newest ccg name']);
  expect(names).toContain('Aardvark joined');
  expect(names).not.toContain('Implicit host');
});

test('a page costs one statement per source, however long the page', async () => {
  const filter = { careSettings: ['ACUTE'] };
  hub.expireCaches(); // counted as computed, not as served from the response cache
  const small = await services({ filter, first: 2 });
  const large = await services({ filter, first: 50 });
  expect(small.page.pageInfo.hasNextPage).toBe(true);
  expect(large.page.pageInfo.hasNextPage).toBe(false);
  expect(large.statements).toEqual(small.statements);
  expect(small.statements.bySource).toMatchObject({ ccg: 1, council: 1, trust: 1 });
});

describe('a row the crosswalk has not linked yet', () => {
  beforeAll(async () => {
    await hub.databases.ccg.query(
      `INSERT INTO commissioned_service (service_code, name, ccg_code, provider_ods, care_setting) VALUES ('PG-S-99', 'aaa unlinked', '07G', 'RAT', 'ACUTE')`,
    );
  });
  afterAll(async () => {
    await hub.databases.ccg.query(`DELETE FROM commissioned_service WHERE service_code = 'PG-S-99'`);
  });

  test.each([
    [null, 1],
    [{ careSettings: ['ACUTE'] }, 2],
    [{ provider: { codes: ['RAT'] } }, 3],
    // Only the CCG has these, so its page of two holds one service: the page is ordered in memory.
    [{ codes: ['PG-S-99', 'PG-S-02', 'PG-S-04'] }, 1],
  ])('is neither listed nor counted (%j, %i a page)', async (filter, first) => {
    const want = await expected(filter, 'ASC');
    const pages = await walk(filter, 'ASC', first);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(want.ids);
    for (const p of pages) expect(p.totalCount).toBe(want.totalCount);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.name))).not.toContain('aaa unlinked');
  });
});
