import { issueApiKey } from '../src/auth/apiKeys';
import { StatementProfiler } from '../bench/profile';
import { NESTED_LOCALITIES } from './support/queries';
import type { SourceName } from '../src/config/config';
import { asDefaultDatabases, type DefaultDatabases } from '../src/db/databases';
import { runInProcess } from './support/inProcess';
import { openFixtureDatabases } from './support/testHub';

/**
 * The number of SQL statements a request makes must not grow with the rows it returns:
 * the same nested query for one locality and for all of them costs the same statements.
 */

const NESTED = NESTED_LOCALITIES;

/**
 * Run in process (test/support/inProcess.ts): the SQL behind an answer does not depend on
 * HTTP, and nothing cached stands in for computing it.
 */
let databases: DefaultDatabases;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ databases, close } = await openFixtureDatabases());
});
afterAll(async () => {
  await close();
});

interface Counted<T> {
  body: {
    data?: T | null;
    errors?: readonly unknown[];
    extensions: { sqlStatements: { total: number; bySource: Record<SourceName, number> } };
  };
}

async function ask<T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Counted<T>> {
  const { result, statements } = await runInProcess(databases, query, variables, headers['x-api-key'] ?? null);
  return {
    body: {
      data: result.data as T | null | undefined,
      errors: result.errors,
      extensions: { sqlStatements: { total: statements.total, bySource: statements.countBySource(['hub', 'ccg', 'council', 'trust']) } },
    },
  };
}

test('the nested query costs the same statements for one locality as for all of them', async () => {
  const one = await ask<{ localities: { nodes: unknown[] } }>(NESTED, { first: 1 });
  const all = await ask<{ localities: { nodes: unknown[] } }>(NESTED, { first: 100 });
  expect(one.body.errors).toBeUndefined();
  expect(all.body.errors).toBeUndefined();
  expect(one.body.data!.localities.nodes).toHaveLength(1);
  expect(all.body.data!.localities.nodes).toHaveLength(3);
  const oneCount = one.body.extensions!.sqlStatements!;
  const allCount = all.body.extensions!.sqlStatements!;
  expect(allCount.total).toBe(oneCount.total);
  expect(allCount.bySource).toEqual(oneCount.bySource);
  // Every source takes part, each with a handful of batched statements.
  expect(oneCount.bySource.ccg).toBeGreaterThan(0);
  expect(oneCount.bySource.council).toBeGreaterThan(0);
  expect(oneCount.bySource.trust).toBeGreaterThan(0);
});

test('authenticating a key is one counted statement, memberships included', async () => {
  const key = await issueApiKey(databases.hub, { organisationId: 'nelft', role: 'ANALYST', label: 'count', expiresInDays: 1 });
  const anonymous = await ask<unknown>(NESTED, { first: 1 });
  const signedIn = await ask<unknown>(NESTED, { first: 1 }, { 'x-api-key': key.token });
  expect(signedIn.body.errors).toBeUndefined();
  expect(signedIn.body.extensions!.sqlStatements!.bySource.hub).toBe(anonymous.body.extensions!.sqlStatements!.bySource.hub + 1);
  expect(signedIn.body.extensions!.sqlStatements!.total).toBe(anonymous.body.extensions!.sqlStatements!.total + 1);
});

const PARTNERSHIP_FIELDS = 'id name shortName governanceBody reportsTo description sources { lastChangedAt version }';

test('a locality is read with its wards and partnership in one statement, the partnership as read on its own', async () => {
  const withPartnership = await ask<{ locality: { partnership: { id: string } } }>(
    `{ locality(code: "FIX-A") { name partnership { ${PARTNERSHIP_FIELDS} } } }`,
  );
  expect(withPartnership.body.errors).toBeUndefined();
  expect(withPartnership.body.extensions!.sqlStatements!.total).toBe(1);
  const onItsOwn = await ask<{ node: unknown }>(`query($id: ID!) { node(id: $id) { ... on Partnership { ${PARTNERSHIP_FIELDS} } } }`, {
    id: withPartnership.body.data!.locality.partnership.id,
  });
  expect(onItsOwn.body.errors).toBeUndefined();
  expect(onItsOwn.body.data!.node).toEqual(withPartnership.body.data!.locality.partnership);
  expect(onItsOwn.body.data!.node).toMatchObject({ name: 'Fixture Alliance', reportsTo: ['Fixture Health and Wellbeing Board'] });
});

test('an organisation asked with its partnerships is one statement, through a fragment too', async () => {
  const PARTNERSHIPS = `partnerships { totalCount nodes { ${PARTNERSHIP_FIELDS} } }`;
  const direct = await ask<unknown>(`{ partnerOrganisation(odsCode: "RAT") { name ${PARTNERSHIPS} } }`);
  const fragment = await ask<unknown>(
    `query { partnerOrganisation(odsCode: "rat") { ...Org } } fragment Org on PartnerOrganisation { name ... on PartnerOrganisation { ${PARTNERSHIPS} } }`,
  );
  const byId = await ask<{ partnerOrganisation: { id: string } }>(`{ partnerOrganisation(odsCode: "RAT") { id } }`);
  const viaId = await ask<unknown>(`query($id: ID) { partnerOrganisation(id: $id) { name ${PARTNERSHIPS} } }`, {
    id: byId.body.data!.partnerOrganisation.id,
  });
  for (const response of [direct, fragment, viaId]) expect(response.body.errors).toBeUndefined();
  expect(direct.body.data).toMatchObject({
    partnerOrganisation: {
      partnerships: {
        totalCount: 1,
        nodes: [
          { name: 'Fixture Alliance', reportsTo: ['Fixture Health and Wellbeing Board'], sources: [{ lastChangedAt: expect.any(String) }] },
        ],
      },
    },
  });
  expect(fragment.body.data).toEqual(direct.body.data);
  expect(viaId.body.data).toEqual(direct.body.data);
  expect(direct.body.extensions!.sqlStatements!.total).toBe(1);
  expect(fragment.body.extensions!.sqlStatements!.total).toBe(1);
  expect(viaId.body.extensions!.sqlStatements!.total).toBe(2);
});

test('a GP practice asked with its partnerships is looked up in the registry once, then in the CCG', async () => {
  const response = await ask<unknown>(`{ partnerOrganisation(odsCode: "Z90001") { name kind partnerships { totalCount } } }`);
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data).toEqual({
    partnerOrganisation: { name: 'Fixture Practice A', kind: 'GP_PRACTICE', partnerships: { totalCount: 0 } },
  });
  // The registry read with partnerships, the practice's (empty) memberships, the CCG's practice list.
  expect(response.body.extensions!.sqlStatements!.bySource).toEqual({ hub: 2, ccg: 1, council: 0, trust: 0 });
});

test('a page of localities with their ward codes and partnership is one registry statement; naming the wards asks the council', async () => {
  const codes = await ask<{ localities: { nodes: { wards: { nodes: { gssCode: string }[] }; partnership: { name: string } }[] } }>(
    `{ localities(first: 100) { nodes { code wards(first: 100) { nodes { gssCode } } partnership { name } } } }`,
  );
  const named = await ask<{ localities: { nodes: { wards: { nodes: { gssCode: string; name: string }[] } }[] } }>(
    `{ localities(first: 100) { totalCount nodes { code wards(first: 100) { nodes { gssCode name } } } } }`,
  );
  expect(codes.body.errors).toBeUndefined();
  expect(named.body.errors).toBeUndefined();
  const gssCodes = (data: { localities: { nodes: { wards: { nodes: { gssCode: string }[] } }[] } }) =>
    data.localities.nodes.map((l) => l.wards.nodes.map((w) => w.gssCode));
  expect(gssCodes(codes.body.data!)).toEqual(gssCodes(named.body.data!));
  expect(named.body.data!.localities.nodes.flatMap((l) => l.wards.nodes).every((w) => w.name.length > 0)).toBe(true);
  expect(codes.body.extensions.sqlStatements.bySource).toEqual({ hub: 1, ccg: 0, council: 0, trust: 0 });
  // Counting the localities is a statement of its own, sent because totalCount is asked.
  expect(named.body.extensions.sqlStatements.bySource).toEqual({ hub: 2, ccg: 0, council: 1, trust: 0 });
});

test("a page of partnerships with their members' names is one statement, and names them as each partnership read alone does", async () => {
  const MEMBERS = `members(first: 100) { edges { role node { name odsCode gssCode } } }`;
  const page = await ask<{ partnerships: { nodes: { id: string; members: unknown }[] } }>(
    `{ partnerships(first: 20) { nodes { id ${MEMBERS} } } }`,
  );
  expect(page.body.errors).toBeUndefined();
  expect(page.body.extensions.sqlStatements.total).toBe(1);
  const nodes = page.body.data!.partnerships.nodes;
  expect(nodes.length).toBeGreaterThan(0);
  for (const { id, members } of nodes) {
    const alone = await ask<{ partnership: { members: unknown } }>(`query($id: ID!) { partnership(id: $id) { ${MEMBERS} } }`, { id });
    expect(alone.body.data!.partnership.members).toEqual(members);
  }
});

test("the benchmark's statement profile sees every statement a request sends, with its rows", async () => {
  const profiler = new StatementProfiler();
  profiler.install(databases);
  let counted = 0;
  const stats = await profiler.profile(async () => {
    const response = await ask<unknown>(NESTED, { first: 100 });
    expect(response.body.errors).toBeUndefined();
    counted = response.body.extensions!.sqlStatements!.total;
  });
  expect(stats.reduce((sum, s) => sum + s.calls, 0)).toBe(counted);
  // The page of localities, read with their wards and partnership (beside it, their count is one row).
  expect(
    stats.find((s) => s.source === 'hub' && s.statement.startsWith('SELECT l.*, ARRAY(SELECT w.ward_gss FROM locality_ward'))?.rows,
  ).toBe(3);
});
