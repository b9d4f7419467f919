import { startTestHub, type TestHub } from './support/testHub';

/** The shared model over GraphQL/HTTP, on the test fixtures (three localities, three sources). */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await hub.gql<T>(query, variables);
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data as T;
}

describe('partner organisations', () => {
  test('are found by ODS code, GSS code or id, with provenance', async () => {
    const byOds = await data<{ partnerOrganisation: { id: string; name: string; kind: string; sources: unknown[] } }>(
      `{ partnerOrganisation(odsCode: "rat") { id name kind sources { source table nativeKey } } }`,
    );
    expect(byOds.partnerOrganisation).toMatchObject({
      name: 'North East London NHS Foundation Trust',
      kind: 'NHS_TRUST',
      sources: [{ source: 'hub', table: 'partner_organisation', nativeKey: 'nelft' }],
    });
    const byId = await data<{ partnerOrganisation: { odsCode: string } }>(`query($id: ID) { partnerOrganisation(id: $id) { odsCode } }`, {
      id: byOds.partnerOrganisation.id,
    });
    expect(byId.partnerOrganisation.odsCode).toBe('RAT');
    const byGss = await data<{ partnerOrganisation: { name: string; partnerships: { nodes: { name: string }[] } } }>(
      `{ partnerOrganisation(gssCode: "E06000034") { name partnerships { nodes { name } } } }`,
    );
    expect(byGss.partnerOrganisation).toEqual({ name: 'Thurrock Council', partnerships: { nodes: [{ name: 'Fixture Alliance' }] } });
  });

  test('a closed organisation names its successor', async () => {
    const result = await data<{ partnerOrganisation: { validTo: string; successor: { shortName: string } } }>(
      `{ partnerOrganisation(odsCode: "RWN") { validTo successor { shortName } } }`,
    );
    expect(result.partnerOrganisation).toEqual({ validTo: '2017-03-31', successor: { shortName: 'EPUT' } });
  });

  test('page through the root list with stable cursors and a true totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: {
        partnerOrganisations: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { cursor: string; node: { name: string } }[];
        };
      } = await data(
        `query($after: String) { partnerOrganisations(first: 3, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`,
        { after },
      );
      expect(result.partnerOrganisations.totalCount).toBe(7);
      seen.push(...result.partnerOrganisations.edges.map((e) => e.node.name));
      expect(result.partnerOrganisations.pageInfo.endCursor).toBe(result.partnerOrganisations.edges.at(-1)?.cursor ?? null);
      if (!result.partnerOrganisations.pageInfo.hasNextPage) break;
      after = result.partnerOrganisations.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('organisations from the CCG practice list', () => {
  test('a practice shown as a provider can be fetched again by its id and by ODS code', async () => {
    const { locality } = await data<{ locality: { services: { nodes: { provider: { id: string; kind: string } | null }[] } } }>(
      `{ locality(code: "FIX-A") { services { nodes { provider { id kind } } } } }`,
    );
    const practice = locality.services.nodes.map((s) => s.provider).find((p) => p?.kind === 'GP_PRACTICE')!;
    const again = await data<{ node: { odsCode: string }; partnerOrganisation: { id: string } }>(
      `query($id: ID!) { node(id: $id) { ... on PartnerOrganisation { odsCode } } partnerOrganisation(odsCode: "Z90001") { id } }`,
      { id: practice.id },
    );
    expect(again).toEqual({ node: { odsCode: 'Z90001' }, partnerOrganisation: { id: practice.id } });
  });

  test('a code of one kind does not answer for another', async () => {
    const response = await hub.gql(`{ partnerOrganisation(gssCode: "RAT") { name } }`);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'gssCode' });
  });
});

describe('partnerships and agreements', () => {
  test('members carry their roles; agreements their parties in document order and signatories', async () => {
    const { partnerships } = await data<{ partnerships: { nodes: Record<string, unknown>[] } }>(`{
      partnerships { nodes {
        name reportsTo
        members { totalCount edges { role node { name } } }
        agreements { nodes {
          title kind status legallyBinding agreedOn agreedText reviewCycle firstReviewOn principles
          parties { edges { namedAs node { name } } }
          signatories { nodes { personName role organisation { name } } }
        } }
      } } }`);
    const [alliance] = partnerships.nodes;
    expect(alliance).toMatchObject({ name: 'Fixture Alliance', reportsTo: ['Fixture Health and Wellbeing Board'] });
    expect(alliance!.members).toMatchObject({ totalCount: 5 });
    expect((alliance!.members as { edges: { role: string | null; node: { name: string } }[] }).edges).toContainEqual({
      role: 'Community provider',
      node: { name: 'North East London NHS Foundation Trust' },
    });
    const [mou] = (alliance!.agreements as { nodes: Record<string, unknown>[] }).nodes;
    expect(mou).toMatchObject({
      kind: 'MOU',
      status: 'SIGNED',
      legallyBinding: false,
      agreedOn: '2019-03-01',
      agreedText: 'March 2019',
      firstReviewOn: '2020-04-01',
      principles: ['Be transparent', 'Be generous'],
      parties: {
        edges: [
          { namedAs: 'Thurrock Council (TC)', node: { name: 'Thurrock Council' } },
          { namedAs: 'NHS Thurrock CCG', node: { name: 'NHS Thurrock CCG' } },
          { namedAs: 'Thurrock CVS', node: { name: 'Thurrock Council for Voluntary Services' } },
        ],
      },
      signatories: {
        nodes: [
          { personName: 'Alex Example', role: 'Chief Executive', organisation: { name: 'Thurrock Council' } },
          { personName: null, role: null, organisation: { name: 'NHS Thurrock CCG' } },
        ],
      },
    });
  });
});

describe('localities joined across sources', () => {
  test('an estate in the council register and a trust site list is one Estate with both sources', async () => {
    const { locality } = await data<{ locality: Record<string, unknown> }>(`{
      locality(code: "fix-a") {
        name population council { name } partnership { name }
        wards { nodes { gssCode name population } }
        estates { totalCount nodes { name uprn odsSiteCodes status owner { name } sources { source table nativeKey lastChangedAt } } }
        partners { totalCount }
      } }`);
    expect(locality).toMatchObject({
      name: 'Fixture Locality A',
      population: 17000,
      council: { name: 'Thurrock Council' },
      partnership: { name: 'Fixture Alliance' },
      partners: { totalCount: 5 },
    });
    const estates = locality.estates as {
      totalCount: number;
      nodes: {
        uprn: string | null;
        odsSiteCodes: string[];
        owner: { name: string } | null;
        sources: { source: string; nativeKey: string; lastChangedAt: string }[];
      }[];
    };
    expect(estates.totalCount).toBe(3); // the shared estate, a council-only depot, a trust-only clinic
    const shared = estates.nodes.find((e) => e.sources.length === 2)!;
    expect(shared.sources.map((s) => `${s.source}:${s.nativeKey}`).sort()).toEqual(['council:FIX-P-A1', 'trust:ZRAT1']);
    expect(shared).toMatchObject({
      uprn: '100000000001',
      odsSiteCodes: ['ZRAT1'],
      owner: { name: 'North East London NHS Foundation Trust' },
    });
    expect(Number.isNaN(Date.parse(shared.sources[0]!.lastChangedAt))).toBe(false);
  });

  test("a locality's services come from all three partners, with providers resolved across sources", async () => {
    const { locality } = await data<{
      locality: { services: { nodes: { name: string; sources: { source: string }[]; provider: { kind: string } | null }[] } };
    }>(`{
      locality(code: "FIX-A") { services { nodes { name sources { source } provider { kind } } } } }`);
    const bySource = new Set(locality.services.nodes.flatMap((s) => s.sources.map((x) => x.source)));
    expect([...bySource].sort()).toEqual(['ccg', 'council', 'trust']);
    // The practice is not in the hub's registry: the CCG's practice list supplies it.
    expect(locality.services.nodes.find((s) => s.name === 'Fixture extended access A')?.provider).toEqual({ kind: 'GP_PRACTICE' });
  });

  test('a service with no place of its own is in the ward of its hub or estate', async () => {
    const { locality } = await data<{ locality: { services: { nodes: { name: string; ward: { gssCode: string } | null }[] } } }>(
      `{ locality(code: "FIX-A") { services { nodes { name ward { gssCode } } } } }`,
    );
    expect(Object.fromEntries(locality.services.nodes.map((s) => [s.name, s.ward?.gssCode]))).toEqual({
      'Fixture extended access A': 'E05900002', // GP hub A's postcode
      'Fixture community nursing A': 'E05900002',
      'Fixture Local Area Coordination A': 'E05900002', // community hub A's ward
      'Fixture minor injuries A': 'E05900001', // site ZRAT1, merged with council property FIX-P-A1
    });
  });

  test('relation connections page too', async () => {
    const first = await data<{
      locality: { wards: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] } };
    }>(`{ locality(code: "FIX-A") { wards(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }`);
    expect(first.locality.wards).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ name: 'Fixture Ward One' }] });
    const second = await data<{ locality: { wards: { pageInfo: { hasNextPage: boolean }; nodes: { name: string }[] } } }>(
      `query($after: String) { locality(code: "FIX-A") { wards(first: 1, after: $after) { pageInfo { hasNextPage } nodes { name } } } }`,
      { after: first.locality.wards.pageInfo.endCursor },
    );
    expect(second.locality.wards).toEqual({ pageInfo: { hasNextPage: false }, nodes: [{ name: 'Fixture Ward Two' }] });
  });
});

describe('node(id:)', () => {
  test('resolves every entity type from its global id', async () => {
    const lists = await data<Record<string, { nodes: { id: string; __typename: string }[] }>>(`{
      partnerOrganisations(first: 1) { nodes { id __typename } }
      partnerships(first: 1) { nodes { id __typename agreements { nodes { id __typename signatories(first: 1) { nodes { id __typename } } } } } }
      localities(first: 1) { nodes { id __typename wards(first: 1) { nodes { id __typename } } } }
      hubs(first: 1) { nodes { id __typename } }
      services(first: 1) { nodes { id __typename } }
      estates(first: 1) { nodes { id __typename } }
    }`);
    const ids: { id: string; __typename: string }[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.id === 'string' && typeof record.__typename === 'string')
          ids.push({ id: record.id, __typename: record.__typename });
        Object.values(record).forEach(walk);
      }
    };
    walk(lists);
    expect(new Set(ids.map((i) => i.__typename))).toEqual(
      new Set(['PartnerOrganisation', 'Partnership', 'Agreement', 'Signatory', 'Locality', 'Ward', 'Hub', 'Service', 'Estate']),
    );
    for (const { id, __typename } of ids) {
      const { node } = await data<{ node: { id: string; __typename: string } }>(`query($id: ID!) { node(id: $id) { id __typename } }`, {
        id,
      });
      expect(node).toEqual({ id, __typename });
    }
  });
});
