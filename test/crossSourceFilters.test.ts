import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { FIXTURES_DIR, startTestHub, type TestHub } from './support/testHub';
import { ingestRows } from './support/testkit';

/**
 * Filtering parents by fields that live in another partner's source, with ordering and
 * pagination that stay right after the filter.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ as: { organisationId: 'thurrock-council', role: 'ANALYST' } });
});
afterAll(async () => {
  await hub.stop();
});

interface ServicePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { name: string; provider: { name: string } | null; sources: { source: string }[] }[];
}

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await hub.gql<T>(query, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
}

const TRUST_SERVICES = `query($after: String, $direction: OrderDirection) {
  services(filter: { provider: { kinds: [NHS_TRUST] } }, orderBy: { field: PROVIDER_NAME, direction: $direction }, first: 4, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { name provider { name } sources { source } } } }`;

test('services by a field of their provider, ordered by provider name, paged to the last page', async () => {
  const first = (await data<{ services: ServicePage }>(TRUST_SERVICES)).services;
  expect(first.totalCount).toBe(6);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const last = (await data<{ services: ServicePage }>(TRUST_SERVICES, { after: first.pageInfo.endCursor })).services;
  expect(last).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: false } });
  const providers = [...first.nodes, ...last.nodes].map((s) => s.provider?.name);
  expect(providers).toEqual([
    'Basildon and Thurrock University Hospitals NHS Foundation Trust',
    'Basildon and Thurrock University Hospitals NHS Foundation Trust',
    'Essex Partnership University NHS Foundation Trust',
    'Essex Partnership University NHS Foundation Trust',
    'North East London NHS Foundation Trust',
    'North East London NHS Foundation Trust',
  ]);
  // The matches come from two partners' sources: the CCG's contracts and the trusts' service lines.
  expect(new Set([...first.nodes, ...last.nodes].flatMap((s) => s.sources.map((x) => x.source)))).toEqual(new Set(['ccg', 'trust']));

  const descending = (await data<{ services: ServicePage }>(TRUST_SERVICES, { direction: 'DESC' })).services;
  expect(descending.nodes[0]!.provider?.name).toBe('North East London NHS Foundation Trust');
});

test('services in a locality whose provider leads a Red action this period, ordered by provider name', async () => {
  const q = (period: string) => `{ services(
      filter: { localityCode: "FIX-A", provider: { hasActionWithRag: { rag: RED, period: "${period}" } } },
      orderBy: { field: PROVIDER_NAME }) { totalCount nodes { name provider { odsCode } } } }`;
  // In 2019/20 Q1 NELFT (RAT) leads the Red action; in 2018/19 Q4 it was EPUT (R1L), which has nothing in FIX-A.
  expect((await data<{ services: unknown }>(q('2019/20 Q1'))).services).toEqual({
    totalCount: 2,
    nodes: [
      { name: 'Fixture community nursing A', provider: { odsCode: 'RAT' } },
      { name: 'Fixture minor injuries A', provider: { odsCode: 'RAT' } },
    ],
  });
  expect((await data<{ services: unknown }>(q('2018/19 Q4'))).services).toEqual({ totalCount: 0, nodes: [] });
});

test('the same filter on a relation connection', async () => {
  const { localities } = await data<{ localities: { nodes: { code: string; services: { totalCount: number } }[] } }>(`{
    localities { nodes { code services(filter: { provider: { hasActionWithRag: { rag: RED, period: "2018/19 Q4" } } }) { totalCount } } } }`);
  expect(localities.nodes.map((l) => [l.code, l.services.totalCount])).toEqual([
    ['FIX-A', 0],
    ['FIX-B', 0],
    ['FIX-C', 2],
  ]);
});

test('estates owned by the council that host a trust service', async () => {
  const { estates } = await data<{
    estates: {
      totalCount: number;
      nodes: {
        name: string;
        owner: { kind: string };
        services: { nodes: { provider: { kind: string } }[] };
        sources: { source: string }[];
      }[];
    };
  }>(`{
    estates(filter: { owner: { kinds: [COUNCIL] }, hostsServiceOf: { kinds: [NHS_TRUST] } }, orderBy: { field: NAME }) {
      totalCount nodes { name owner { kind } services { nodes { provider { kind } } } sources { source } } } }`);
  expect(estates.totalCount).toBe(1);
  expect(estates.nodes[0]).toMatchObject({ owner: { kind: 'COUNCIL' }, services: { nodes: [{ provider: { kind: 'NHS_TRUST' } }] } });
  expect(estates.nodes[0]!.sources.map((s) => s.source).sort()).toEqual(['council', 'trust']);
  // Without the hosting condition, the council's depot (hosting nothing) is in too.
  const owned = await data<{ estates: { totalCount: number } }>(`{ estates(filter: { owner: { kinds: [COUNCIL] } }) { totalCount } }`);
  expect(owned.estates.totalCount).toBe(2);
});

test('estates by any of their codes, and organisations by a condition in another source', async () => {
  const byCode = await data<{ estates: { nodes: { odsSiteCodes: string[] }[] } }>(
    `{ estates(filter: { codes: ["100000000001"] }) { nodes { odsSiteCodes } } }`,
  );
  expect(byCode.estates.nodes).toEqual([{ odsSiteCodes: ['ZRAT1'] }]);
  const leads = await data<{ partnerOrganisations: { nodes: { shortName: string }[] } }>(
    `{ partnerOrganisations(filter: { hasActionWithRag: { rag: GREEN, period: "2019/20 Q1" } }) { nodes { shortName } } }`,
  );
  expect(leads.partnerOrganisations.nodes).toEqual([{ shortName: 'BTUH' }]);
});

// One relation per query: services and estates both look their organisations up through the
// hub's organisation loader, and whether those two branches' lookups meet in one batch
// depends on which partner answers first. That can move the count of a query asking both by
// one, whatever the number of localities; asked apart, each count is fixed by the shape alone.
test.each([
  [
    'services',
    `services(filter: { provider: { kinds: [NHS_TRUST] } }, orderBy: { field: PROVIDER_NAME }) { nodes { name provider { name } } }`,
  ],
  ['estates', `estates(filter: { owner: { kinds: [COUNCIL] } }, orderBy: { field: OWNER_NAME }) { nodes { name owner { name } } }`],
])('the statements of a filtered, ordered nested query (%s) do not grow with the localities returned', async (_name, relation) => {
  const q = `query($first: Int!) { localities(first: $first) { nodes { ${relation} } } }`;
  // Each computed afresh, the caller's key verified for each: the counts compare like with like.
  hub.expireCaches();
  const one = await hub.gql(q, { first: 1 });
  hub.expireCaches();
  const all = await hub.gql<{ localities: { nodes: unknown[] } }>(q, { first: 3 });
  expect(all.body.errors).toBeUndefined();
  expect(all.body.data!.localities.nodes).toHaveLength(3);
  expect(all.body.extensions!.sqlStatements).toEqual(one.body.extensions!.sqlStatements);
});

describe('bad filters get clear errors', () => {
  test.each([
    ['an unknown filter field', '{ services(filter: { colour: "red" }) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED', undefined, 'colour'],
    [
      'an unknown provider code',
      '{ services(filter: { provider: { codes: ["ZZZ"] } }) { totalCount } }',
      'NOT_FOUND',
      'filter.provider.codes',
      '"ZZZ"',
    ],
    [
      'a period that is not one',
      '{ services(filter: { provider: { hasActionWithRag: { rag: RED, period: "last quarter" } } }) { totalCount } }',
      'BAD_USER_INPUT',
      'filter.provider.hasActionWithRag.period',
      'last quarter',
    ],
    [
      'an unknown locality',
      '{ estates(filter: { localityCode: "NOWHERE" }) { totalCount } }',
      'NOT_FOUND',
      'filter.localityCode',
      'NOWHERE',
    ],
    ['an empty list', '{ estates(filter: { statuses: [] }) { totalCount } }', 'BAD_USER_INPUT', 'filter.statuses', 'empty list'],
    [
      'a page over the limit',
      '{ services(filter: { careSettings: [ACUTE] }, first: 101) { totalCount } }',
      'BAD_USER_INPUT',
      'first',
      '101',
    ],
  ])('%s', async (_, query, code, argumentName, mentions) => {
    const response = await hub.gql(query);
    const [error] = response.body.errors!;
    expect(error!.extensions!.code).toBe(code);
    if (argumentName) expect(error!.extensions!.argumentName).toBe(argumentName);
    expect(error!.message).toContain(mentions);
    expect(response.body.data ?? null).toBeNull();
  });

  test('a cursor from another order is refused', async () => {
    const byId = (
      await data<{ services: ServicePage }>(
        `{ services(filter: { careSettings: [ACUTE, COMMUNITY] }, first: 1) { pageInfo { endCursor } } }`,
      )
    ).services;
    const response = await hub.gql(
      `query($after: String) { services(filter: { careSettings: [ACUTE] }, orderBy: { field: NAME }, after: $after) { totalCount } }`,
      {
        after: byId.pageInfo.endCursor,
      },
    );
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });
});

describe('a filtered, ordered root list gives what ordering the merged entities would', () => {
  interface Node {
    id: string;
    name: string;
    careSetting: string;
    provider: { name: string } | null;
    sources: { source: string }[];
  }
  type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Node }[] };
  const FIELDS = 'id name careSetting provider { name } sources { source }';
  const SETTINGS = '[PRIMARY, COMMUNITY, ACUTE, MENTAL_HEALTH, SOCIAL_CARE, VOLUNTARY]';
  const PAGE = `query($field: ServiceOrderField!, $direction: OrderDirection, $first: Int, $after: String) {
    services(filter: { careSettings: ${SETTINGS} }, orderBy: { field: $field, direction: $direction }, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FIELDS} } } } }`;
  const valueOf: Record<string, (n: Node) => string | null> = {
    NAME: (n) => n.name.toLowerCase(),
    PROVIDER_NAME: (n) => n.provider?.name.toLowerCase() ?? null,
    CARE_SETTING: (n) => n.careSetting,
  };

  async function walk(field: string, direction: string, size: number): Promise<Page[]> {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      pages.push((await data<{ services: Page }>(PAGE, { field, direction, first: size, after })).services);
      after = pages.at(-1)!.pageInfo.hasNextPage ? pages.at(-1)!.pageInfo.endCursor : null;
    } while (after);
    return pages;
  }

  test.each([
    ['NAME', 'ASC'],
    ['NAME', 'DESC'],
    ['PROVIDER_NAME', 'ASC'],
    ['PROVIDER_NAME', 'DESC'],
    ['CARE_SETTING', 'DESC'],
  ])('by %s %s, pages of 3 against the merged entities of the unfiltered list', async (field, direction) => {
    // The unfiltered, unordered list assembles every entity in full: the merged names and providers to expect.
    const all = (
      await data<{ services: { totalCount: number; nodes: Node[] } }>(`{ services(first: 100) { totalCount nodes { ${FIELDS} } } }`)
    ).services;
    expect(all.totalCount).toBeLessThan(100);
    const pages = await walk(field, direction, 3);
    const whole = (await data<{ services: Page }>(PAGE, { field, direction, first: 100 })).services;
    const nodes = pages.flatMap((p) => p.edges.map((e) => e.node));
    // Pages chained by their cursors are the one big page, edge for edge, cursor for cursor.
    expect(pages.flatMap((p) => p.edges)).toEqual(whole.edges);
    expect(pages.every((p) => p.totalCount === all.totalCount)).toBe(true);
    expect(whole.pageInfo).toEqual({ hasNextPage: false, endCursor: whole.edges.at(-1)!.cursor });
    expect(nodes).toEqual(expect.arrayContaining(all.nodes));
    expect(nodes).toHaveLength(all.nodes.length);
    // Sorted on the merged value, nulls last either way.
    const values = nodes.map(valueOf[field]!);
    const present = values.filter((v): v is string => v !== null);
    expect(values.slice(present.length).every((v) => v === null)).toBe(true);
    const sorted = [...present].sort();
    expect(present).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
  });
});

test('an action under a withdrawn objective no longer makes its lead match, as it no longer counts in the RAG summary', async () => {
  const council = hub.databases.council;
  const objectives = await council.query<{ objective_ref: string }[]>(
    `SELECT DISTINCT a.objective_ref FROM plan_action a JOIN action_status s ON s.action_ref = a.action_ref
      WHERE a.lead_org_code = 'RAT' AND s.rag = 'R' AND s.period = '2019/20 Q1'`,
  );
  expect(objectives).toHaveLength(1);
  const red = `{ services(filter: { localityCode: "FIX-A", provider: { hasActionWithRag: { rag: RED, period: "2019/20 Q1" } } }) { totalCount } }`;
  // The council's next full extract of its objectives leaves that one out: ingest marks it withdrawn.
  const objectivesExtract = parse(readFileSync(path.join(FIXTURES_DIR, 'council', 'plan_objective.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const withdrawn = objectives[0]!.objective_ref;
  const full = (rows: Record<string, string>[]) => ingestRows(hub.databases, 'council', 'plan_objective', rows, { full: true });
  expect((await full(objectivesExtract.filter((o) => o.objective_ref !== withdrawn))).withdrawn).toBe(1);
  try {
    expect((await data<{ services: unknown }>(red)).services).toEqual({ totalCount: 0 });
  } finally {
    // And the one after brings it back.
    expect((await full(objectivesExtract)).updated).toBe(1);
  }
  expect((await data<{ services: unknown }>(red)).services).toEqual({ totalCount: 2 });
});
