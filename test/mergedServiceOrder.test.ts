import { addExplicitLinks } from '../src/crosswalk/link';
import { startTestHub, type TestHub } from './support/testHub';
import { ingestRows } from './support/testkit';

/**
 * A filtered, ordered root list over a service two partners both record: it is one entity,
 * sorted and filtered by its merged values (the newest record's), never by the record that
 * happened to match in its own source.
 */

const JOINED = 'svc-joined-c';
const CCG_KEY = '07G-FIX-S-C1'; // "Fixture mental health C", provider R1L
const TRUST_KEY = 'R1L-FIX-1'; // "Fixture memory clinic C", provider R1L

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; name: string; sources: { source: string; nativeKey: string }[] }[];
}

const SERVICES = `query($first: Int, $after: String, $direction: OrderDirection, $nameContains: String) {
  services(filter: { provider: { kinds: [NHS_TRUST] }, nameContains: $nameContains },
           orderBy: { field: NAME, direction: $direction }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name sources { source nativeKey } } } }`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  // Join the two records as a partner's explicit link does.
  await addExplicitLinks(hub.databases, [
    { kind: 'SERVICE', entity_id: JOINED, source: 'ccg', native_table: 'commissioned_service', native_key: CCG_KEY },
    { kind: 'SERVICE', entity_id: JOINED, source: 'trust', native_table: 'service_line', native_key: TRUST_KEY },
  ]);
});
afterAll(async () => {
  await hub.stop();
});

async function services(variables: Record<string, unknown>): Promise<Page> {
  const { body } = await hub.gql<{ services: Page }>(SERVICES, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.services;
}

/** The two records as their fixtures have them; a change is a new extract of one row. */
const CCG_ROW = {
  service_code: CCG_KEY,
  name: 'Fixture mental health C',
  ccg_code: '07G',
  provider_ods: 'R1L',
  care_setting: 'MENTAL_HEALTH',
  gp_hub_code: '07G-FIX-C',
};
const TRUST_ROW = {
  service_line_id: TRUST_KEY,
  trust_ods: 'R1L',
  name: 'Fixture memory clinic C',
  care_setting: 'MENTAL_HEALTH',
  site_code: 'ZR1L1',
};
let revision = 0;

/** A changed extract of one partner's record, through `ingest`: that record becomes the newest. The public view shows it once cached answers expire. */
async function change(source: 'ccg' | 'trust', fields: Record<string, string> = {}): Promise<void> {
  revision += 1;
  const row = { ...(source === 'ccg' ? CCG_ROW : TRUST_ROW), days_of_operation: `revision ${revision}`, ...fields };
  const result = await ingestRows(hub.databases, source, source === 'ccg' ? 'commissioned_service' : 'service_line', [row]);
  expect(result.updated).toBe(1);
  hub.expireCaches();
}

/** Makes one partner's record the newest, so its name is the merged name. */
const newest = (source: 'ccg' | 'trust') => change(source);

const byName = (direction: 'ASC' | 'DESC') => (a: string, b: string) =>
  (direction === 'ASC' ? 1 : -1) * (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

/** Every page in turn; each must report the same total as the whole list. */
async function walk(direction: 'ASC' | 'DESC', first: number, totalCount?: number): Promise<Page['nodes']> {
  const nodes: Page['nodes'] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await services({ first, after, direction });
    if (totalCount !== undefined) expect(page.totalCount).toBe(totalCount);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

test.each([
  ['ccg', 'Fixture mental health C'],
  ['trust', 'Fixture memory clinic C'],
] as const)(
  'with the %s record newest, the joined service is listed once, by its merged name, in order and across pages',
  async (source, merged) => {
    await newest(source);
    for (const direction of ['ASC', 'DESC'] as const) {
      const all = await services({ first: 100, direction });
      const names = all.nodes.map((n) => n.name);
      expect(names).toEqual([...names].sort(byName(direction)));
      const joined = all.nodes.filter((n) => n.sources.length === 2);
      expect(joined).toHaveLength(1);
      expect(joined[0]!.name).toBe(merged);
      expect(joined[0]!.sources.map((s) => s.nativeKey).sort()).toEqual([TRUST_KEY, CCG_KEY].sort());
      expect(all.totalCount).toBe(all.nodes.length);
      for (const first of [1, 2, 3]) {
        expect((await walk(direction, first, all.totalCount)).map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
      }
    }
  },
);

test('a page that ends at the joined service goes on after it, by its merged name', async () => {
  await newest('trust');
  const all = await services({ first: 100 });
  const joined = all.nodes.findIndex((n) => n.sources.length === 2);
  const upTo = await services({ first: joined + 1 });
  expect(upTo.nodes.at(-1)!.name).toBe('Fixture memory clinic C');
  const rest = await services({ first: 100, after: upTo.pageInfo.endCursor });
  expect([...upTo.nodes, ...rest.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
  expect(rest.totalCount).toBe(all.totalCount);
});

test('the joined service is found through its trust record when the newest record, which names it, has no provider', async () => {
  await change('ccg', { provider_ods: '' });
  try {
    const all = await services({ first: 100 });
    const joined = all.nodes.filter((n) => n.sources.length === 2);
    expect(joined.map((n) => n.name)).toEqual(['Fixture mental health C']);
    expect(all.totalCount).toBe(all.nodes.length);
    for (const direction of ['ASC', 'DESC'] as const) {
      const whole = await services({ first: 100, direction });
      expect((await walk(direction, 1, whole.totalCount)).map((n) => n.id)).toEqual(whole.nodes.map((n) => n.id));
    }
  } finally {
    await change('ccg');
  }
});

test('a name filter is checked on the merged name, whichever record matched in its own source', async () => {
  await newest('trust');
  const mental = await services({ first: 100, nameContains: 'mental' });
  expect(mental.nodes.some((n) => n.sources.length === 2)).toBe(false);
  expect(mental.totalCount).toBe(mental.nodes.length);
  const memory = await services({ first: 100, nameContains: 'memory' });
  expect(memory.nodes.map((n) => n.name)).toEqual(['Fixture memory clinic C']);
  expect(memory.totalCount).toBe(1);
});
