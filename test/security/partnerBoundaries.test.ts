import { getDirective } from '@graphql-tools/utils';
import { getNamedType, isEnumType, isObjectType, type GraphQLSchema } from 'graphql';
import { issueApiKey } from '../../src/auth/apiKeys';
import { toGlobalId } from '../../src/graphql/globalId';
import { declaredSchema } from '../../src/graphql/typeDefs';
import { DATA_CATEGORIES } from '../../src/ingestion/tables';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * The line between partnerships, derived from the schema: every field, type, enum value and
 * root field declared with `@access(category:)` is found by walking the SDL, and each must
 * have a probe below (a query that reaches it in the fixtures and says whether the caller
 * read it), so a new category or field cannot forget a path. For each probe: a member of the
 * partnership that holds the data reads it; a member of another partnership and a partner of
 * no partnership do not, through lists, `node(id:)`, aliases and fragments, and the CSV export.
 */

const schema: GraphQLSchema = declaredSchema();
let hub: TestHub;
const keys: Record<string, string> = {};
const as = (who: string) => ({ 'x-api-key': keys[who]! });

/** Where the schema declares a data category: `Type.field`, `Enum.VALUE`, or a type's name. */
function categoryDeclarations(): Map<string, string> {
  const found = new Map<string, string>();
  const categoryOf = (node: Parameters<typeof getDirective>[1]) =>
    (getDirective(schema, node, 'access')?.[0] as { category?: string } | undefined)?.category;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      const own = categoryOf(type);
      if (own) found.set(type.name, own);
      for (const field of Object.values(type.getFields())) {
        const category = categoryOf(field);
        if (category) found.set(`${type.name}.${field.name}`, category);
      }
    }
    if (isEnumType(type))
      for (const value of type.getValues()) {
        const category = categoryOf(value);
        if (category) found.set(`${type.name}.${value.name}`, category);
      }
  }
  return found;
}

interface Probe {
  query: string;
  /** Whether the answer shows the caller read the protected data. */
  read: (data: Record<string, unknown>) => boolean;
  /** A caller of this role, for data at a higher level than partner analysts. */
  role?: 'EDITOR';
}

const json = (data: unknown) => JSON.stringify(data);
const ACTIONS = `deliveryPlans(first: 50) { nodes { actions(first: 100) { nodes { id comments capacity { quantity } statusHistory { comment } status { comment } } } } }`;
const ESTATES = `estates(first: 100) { totalCount nodes { name tenure proposedReuse status } }`;

/** One probe per declaration the schema makes; the test below fails when a declaration has none. */
const PROBES: Record<string, Probe> = {
  'PlanAction.comments': { query: `{ ${ACTIONS} }`, read: (d) => json(d).includes('Behind schedule') },
  'PlanAction.capacity': { query: `{ ${ACTIONS} }`, read: (d) => json(d).includes('"quantity":12') },
  'ActionStatus.comment': { query: `{ ${ACTIONS} }`, read: (d) => json(d).includes('Missed the March deadline') },
  'Estate.tenure': { query: `{ ${ESTATES} }`, read: (d) => json(d).includes('Freehold') },
  'Estate.proposedReuse': { query: `{ ${ESTATES} }`, read: (d) => json(d).includes('Keyworker') },
  'EstateStatus.SURPLUS': { query: `{ ${ESTATES} }`, read: (d) => json(d).includes('"SURPLUS"') },
  'EstateStatus.PLANNED_DISPOSAL': { query: `{ ${ESTATES} }`, read: (d) => json(d).includes('"PLANNED_DISPOSAL"') },
  'EstateStatus.LAND_SWAP': { query: `{ ${ESTATES} }`, read: (d) => json(d).includes('"LAND_SWAP"') },
  IngestRun: { query: `{ ingestRuns(first: 100) { totalCount nodes { source fileName } } }`, read: (d) => json(d).includes('"council"') },
  'Query.ingestRuns': { query: `{ ingestRuns(first: 100) { nodes { source } } }`, read: (d) => json(d).includes('"council"') },
  DataQuality: { query: `{ dataQuality { source lastRun { runBy } } }`, read: (d) => json(d).includes('"council"') },
  'Query.dataQuality': { query: `{ dataQuality { source } }`, read: (d) => json(d).includes('"council"') },
  'Query.budgetSummary': {
    query: `{ budgetSummary(groupBy: [FUND]) { groups { key { fund { name } } } } }`,
    read: (d) => json(d).includes('fund'),
  },
  'Query.auditTrail': { query: `{ auditTrail(first: 100) { key } }`, read: (d) => json(d).includes('FIX-AUDITED'), role: 'EDITOR' },
};

/** Small numbers are not a field: their probe reads an exact value under the threshold. */
const SMALL_NUMBERS: Probe = {
  query: `{ indicator(id: "${toGlobalId('Indicator', 'fix-small')}") { series(area: "FIX-A") { values { value suppressed } } } }`,
  read: (d) => json(d).includes('"value":"3"'),
};

const CALLERS = { member: 'nhs-thurrock-ccg', otherPartnership: 'medway', noPartnership: 'loner' } as const;

beforeAll(async () => {
  hub = await startTestHub();
  await hub.databases.hub.query(`
    INSERT INTO partner_organisation (id, name, kind, sector, gss_code) VALUES ('medway', 'Medway Council', 'COUNCIL', 'STATUTORY', 'E06000035');
    INSERT INTO partner_organisation (id, name, kind, sector, ods_code) VALUES ('loner', 'A trust in no partnership', 'NHS_TRUST', 'STATUTORY', 'ZZL');
    INSERT INTO partnership (id, name, description) VALUES ('medway-alliance', 'Medway Alliance', 'Another place');
    INSERT INTO partnership_member (partnership_id, organisation_id) VALUES ('medway-alliance', 'medway');
    INSERT INTO indicator (id, outcome_id, name, unit, polarity, measured_by, source_code, counts_people, published)
      VALUES ('fix-small', 'fix-outcome-hospital', 'People readmitted', 'people', 'LOWER_IS_BETTER', 'council-registers', 'FIX-SMALL', true, true)`);
  await hub.databases.council.query(`
    UPDATE plan_action SET capacity = 12, capacity_unit = 'beds', capacity_quote = '12 interim beds' WHERE action_ref = 'FIX-X1';
    INSERT INTO indicator_value (indicator_code, area_code, period, value, numerator, denominator) VALUES ('FIX-SMALL', 'FIX-A', '2019/20 Q1', '3', 3, 100);
    INSERT INTO audit_log (actor, organisation_id, operation, table_name, row_key, before, after)
      VALUES ('key:t', 'thurrock-council', 'recordBudgetLine', 'ledger_line', 'FIX-AUDITED', NULL, '{"planned": "1.00"}')`);
  for (const [name, organisationId] of Object.entries(CALLERS)) {
    for (const role of ['ANALYST', 'EDITOR'] as const)
      keys[`${name}:${role}`] = (await issueApiKey(hub.databases.hub, { organisationId, role, label: name, expiresInDays: 1 })).token;
  }
}, 120_000);
afterAll(async () => {
  await hub.stop();
});

const ask = async (probe: Probe, who: string) => {
  const { body } = await hub.gql(probe.query, undefined, as(`${who}:${probe.role ?? 'ANALYST'}`));
  return body.data ?? {};
};

test('every category the schema declares, on every field, type and value, has a probe here', () => {
  const declared = categoryDeclarations();
  expect([...declared.keys()].sort()).toEqual(Object.keys(PROBES).sort());
  expect(new Set([...declared.values(), 'SMALL_NUMBERS'])).toEqual(new Set(DATA_CATEGORIES));
});

describe.each(Object.entries({ ...PROBES, SMALL_NUMBERS }))('%s', (_, probe) => {
  test('a member of the holding partnership reads it', async () => {
    // Disposal values other than SURPLUS have no fixture row until written: the member reads what there is.
    if (/PLANNED_DISPOSAL|LAND_SWAP/.test(_)) return expect(json(await ask(probe, 'member'))).toContain('SURPLUS');
    expect(probe.read(await ask(probe, 'member'))).toBe(true);
  });
  test.each(['otherPartnership', 'noPartnership'])('a partner of %s does not', async (who) => {
    expect(probe.read(await ask(probe, who))).toBe(false);
  });
});

describe('other paths to the same rows', () => {
  const actionId = toGlobalId('PlanAction', 'FIX-X1');
  test('node(id:), aliases and fragments withhold a comment from another partnership', async () => {
    const query = `query($id: ID!) { a: node(id: $id) { ...C } b: node(id: $id) { ... on PlanAction { c2: comments } } }
      fragment C on PlanAction { comments statusHistory { comment } }`;
    const outsider = await hub.gql(query, { id: actionId }, as('otherPartnership:ANALYST'));
    expect(json(outsider.body.data)).not.toMatch(/Behind schedule|Missed the March/);
    const member = await hub.gql(query, { id: actionId }, as('member:ANALYST'));
    expect(json(member.body.data)).toMatch(/Behind schedule/);
  });

  test('an ingest run of another partnership is NOT_FOUND by node(id:), as if unknown', async () => {
    const [run] = await hub.databases.hub.query<{ id: string }[]>(`SELECT id FROM ingest_run WHERE source = 'council' LIMIT 1`);
    const query = `query($id: ID!) { node(id: $id) { ... on IngestRun { fileName } } }`;
    const outsider = await hub.gql(query, { id: toGlobalId('IngestRun', run!.id) }, as('noPartnership:ANALYST'));
    expect(outsider.body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const member = await hub.gql(query, { id: toGlobalId('IngestRun', run!.id) }, as('member:ANALYST'));
    expect(member.body.errors).toBeUndefined();
  });

  test("naming another partnership's source in ingestRuns is FORBIDDEN, naming the agreement", async () => {
    const { body } = await hub.gql(`{ ingestRuns(source: "council") { totalCount } }`, undefined, as('otherPartnership:ANALYST'));
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argumentName: 'source' });
    expect(body.errors![0]!.message).toMatch(/data-sharing agreement/);
  });

  test('a filter on a withheld value answers as if the value were unknown', async () => {
    const surplus = `{ estates(filter: { statuses: [SURPLUS] }) { totalCount } }`;
    expect((await hub.gql(surplus, undefined, as('otherPartnership:ANALYST'))).body.data).toEqual({ estates: { totalCount: 0 } });
    expect((await hub.gql(surplus, undefined, as('member:ANALYST'))).body.data).toEqual({ estates: { totalCount: 1 } });
  });

  test('the CSV export carries what the query would, no more', async () => {
    const url = `${hub.url.replace(/\/graphql$/, '')}/export/query.csv?query=${encodeURIComponent(`{ ${ACTIONS} }`)}&rows=deliveryPlans.nodes`;
    const outsider = await (await fetch(url, { headers: as('noPartnership:ANALYST') })).text();
    expect(outsider).not.toMatch(/Behind schedule|Missed the March/);
    expect(await (await fetch(url, { headers: as('member:ANALYST') })).text()).toMatch(/Behind schedule/);
  });
});

describe('a data-sharing agreement that shares one category with a partner outside the partnership', () => {
  beforeAll(async () => {
    await hub.databases.hub.query(`
      INSERT INTO partnership (id, name, description) VALUES ('estates-board', 'Estates board', 'Shares disposal plans with one trust');
      INSERT INTO partnership_member (partnership_id, organisation_id) VALUES ('estates-board', 'thurrock-council');
      INSERT INTO data_sharing (partnership_id, category, reader, min_role) VALUES
        ('estates-board', 'ESTATE_DISPOSAL', 'MEMBERS', 'ANALYST'), ('estates-board', 'ESTATE_DISPOSAL', 'loner', 'ANALYST')`);
    hub.expireCaches();
  });
  afterAll(async () => {
    await hub.databases.hub.query(`DELETE FROM data_sharing WHERE partnership_id = 'estates-board';
      DELETE FROM partnership_member WHERE partnership_id = 'estates-board'; DELETE FROM partnership WHERE id = 'estates-board'`);
    hub.expireCaches();
  });

  test.each(Object.entries({ ...PROBES, SMALL_NUMBERS }).filter(([name]) => !/PLANNED_DISPOSAL|LAND_SWAP/.test(name)))(
    'the named partner gains only that category: %s',
    async (name, probe) => {
      const estateDisposal = /^Estate/.test(name);
      expect(probe.read(await ask(probe, 'noPartnership'))).toBe(estateDisposal);
      expect(probe.read(await ask(probe, 'otherPartnership'))).toBe(false);
    },
  );
});

describe('organisations in time', () => {
  beforeAll(async () => {
    await hub.databases.hub.query(`
      INSERT INTO organisation_succession (predecessor_id, successor_id, effective_on, kind, source) VALUES ('sept', 'eput', '2017-04-01', 'TRANSFER', 'test');
      INSERT INTO partnership (id, name, description) VALUES ('old-essex', 'Old Essex partnership', 'sept was a member');
      INSERT INTO partnership_member (partnership_id, organisation_id) VALUES ('old-essex', 'sept')`);
  });

  test("a closed organisation's key is refused at issue, naming its date and successor", async () => {
    await expect(issueApiKey(hub.databases.hub, { organisationId: 'sept', role: 'ANALYST', label: 'x', expiresInDays: 1 })).rejects.toThrow(
      /closed on 2017-03-31.*Essex Partnership University/,
    );
  });

  test('a key issued before the organisation closed is refused with UNAUTHENTICATED, naming the successor', async () => {
    await hub.databases.hub.query(`UPDATE partner_organisation SET valid_to = NULL WHERE id = 'sept'`);
    const key = (await issueApiKey(hub.databases.hub, { organisationId: 'sept', role: 'ANALYST', label: 'before', expiresInDays: 1 }))
      .token;
    await hub.databases.hub.query(`UPDATE partner_organisation SET valid_to = '2017-03-31' WHERE id = 'sept'`);
    hub.expireCaches();
    const response = await hub.gql(`{ dataQuality { source } }`, undefined, { 'x-api-key': key });
    expect(response.status).toBe(401);
    expect(response.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors![0]!.message).toMatch(/closed on 2017-03-31.*"eput"/);
  });

  test("the successor inherits its predecessor's partnerships from the succession date", async () => {
    const [grants] = await hub.databases.hub.query<{ g: { memberOf: string[] } }[]>(`SELECT hub_grants('eput') AS g`);
    expect(grants!.g.memberOf).toEqual(['fixture-alliance', 'old-essex']);
  });
});

describe('nothing a partner records as a disposal plan can be inferred by those it is not shared with', () => {
  const PUBLIC_STATUSES = `{ all: estates { totalCount } shown: estates(filter: { statuses: [IN_USE, VACANT, PLANNED, CLOSED] }) { totalCount }
    vacant: estates(filter: { statuses: [VACANT] }) { totalCount } nodes: estates(first: 100) { nodes { name status } } }`;
  const views = async () => [
    (await hub.gql(PUBLIC_STATUSES)).body.data,
    (await hub.gql(PUBLIC_STATUSES, undefined, as('otherPartnership:ANALYST'))).body.data,
  ];

  // Tests run in any order: the fixtures' statuses and reuse plans are put back after these.
  let saved: { asset_ref: string; status: string; proposed_reuse: string | null }[];
  beforeAll(async () => {
    saved = await hub.databases.council.query(`SELECT asset_ref, status, proposed_reuse FROM property`);
  });
  afterAll(async () => {
    for (const row of saved)
      await hub.databases.council.query(`UPDATE property SET status = $2, proposed_reuse = $3 WHERE asset_ref = $1`, [
        row.asset_ref,
        row.status,
        row.proposed_reuse,
      ]);
    hub.expireCaches();
  });

  /** The council (the register's holder) records a status on its record of an estate, as its editor does. */
  async function record(code: string, status: string, expectHolders: string[]) {
    const { body } = await hub.gql<{ estates: { nodes: { id: string; sources: { source: string; version: string }[] }[] } }>(
      `query($codes: [String!]) { estates(filter: { codes: $codes }) { nodes { id sources { source version } } } }`,
      { codes: [code] },
      as('member:EDITOR'),
    );
    const estate = body.data!.estates.nodes[0]!;
    expect(estate.sources.map((s) => s.source).sort()).toEqual(expectHolders);
    const council = await issueApiKey(hub.databases.hub, {
      organisationId: 'thurrock-council',
      role: 'EDITOR',
      label: 'w',
      expiresInDays: 1,
    });
    const write = await hub.gql(
      `mutation($input: UpdateEstateStatusInput!) { updateEstateStatus(input: $input) { version } }`,
      { input: { estateId: estate.id, status, expectedVersion: estate.sources.find((s) => s.source === 'council')!.version } },
      { 'x-api-key': council.token },
    );
    expect(write.body.errors).toBeUndefined();
    hub.expireCaches();
  }

  test.each([
    ['also in a trust’s site list', 'FIX-P-A1', ['council', 'trust']],
    ['in the council’s register only', 'FIX-P-A2', ['council']],
  ])('an estate %s: the public and another partnership see the same before and after', async (_, code, holders) => {
    await record(code, 'VACANT', holders);
    const before = await views();
    await record(code, 'PLANNED_DISPOSAL', holders);
    expect(await views()).toEqual(before);
    expect(json((await hub.gql(PUBLIC_STATUSES, undefined, as('member:ANALYST'))).body)).toContain('PLANNED_DISPOSAL');
    await record(code, 'VACANT', holders);
    expect(await views()).toEqual(before);
  });
});
