import { toGlobalId } from '../src/graphql/globalId';
import { DEMO_DATA_DIR } from '../src/runtime';
import { useDemoHub } from './support/demoHub';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Each of the five source documents (seeds 000–004), asked its facts through GraphQL typed
 * fields on the demo data, as a partner analyst would. data/demo/PROVENANCE.md says which
 * line of which document each value comes from.
 */

const { data } = useDemoHub();

type Json = Record<string, unknown>;

const partnershipNamed = async (prefix: string, selection: string): Promise<Json> => {
  const { partnerships } = await data<{ partnerships: { nodes: (Json & { name: string })[] } }>(
    `{ partnerships { nodes { name ${selection} } } }`,
  );
  const found = partnerships.nodes.find((p) => p.name.startsWith(prefix));
  if (!found) throw new Error(`no partnership named ${prefix}…`);
  return found;
};

const agreementsOf = (partnership: Json) => (partnership.agreements as { nodes: Json[] }).nodes;

describe('seed 000: Thurrock HWB report, November 2018 (draft MoU, planned Alliance Agreement)', () => {
  test('the draft MoU: not legally binding, put to the HWB and partner boards, final version for endorsement in January 2019', async () => {
    const thurrock = await partnershipNamed(
      'Thurrock Alliance',
      'reportsTo agreements { nodes { title kind status legallyBinding expectedText expectedOn consideredBy operationalPeriod principles } }',
    );
    expect(thurrock.reportsTo).toEqual(['Thurrock Health and Wellbeing Board']);
    const mou = agreementsOf(thurrock).find((a) => a.kind === 'MOU')!;
    expect(mou).toMatchObject({
      status: 'DRAFT',
      legallyBinding: false,
      expectedOn: '2019-01-01',
      consideredBy: ['Thurrock Health and Wellbeing Board', 'partner agency Boards'],
    });
    expect(mou.expectedText).toMatch(/January 2019/);
    // What §3.1 says adopting it commits organisations to (the MoU's own text, Appendix A, is not in the report).
    expect(mou.principles).toEqual([
      'by adopting it organisations will be confirming their intent to work in a collegiate fashion',
      'Working in this way will require the continued deepening of trust across the Thurrock Alliance',
    ]);
  });

  test('the Alliance Agreement it plans: a draft by early 2019, operational in 2019/20', async () => {
    const thurrock = await partnershipNamed(
      'Thurrock Alliance',
      'agreements { nodes { kind status operationalPeriod expectedText parties { totalCount } } }',
    );
    expect(agreementsOf(thurrock).find((a) => a.kind === 'ALLIANCE_AGREEMENT')).toEqual({
      kind: 'ALLIANCE_AGREEMENT',
      status: 'PLANNED',
      operationalPeriod: '2019/20',
      expectedText: 'a draft available by early 2019',
      parties: { totalCount: 0 },
    });
  });

  test('what happened when: the transformation plan shared in February 2016, The Case for Change in September 2017, endorsed November 2017', async () => {
    const thurrock = await partnershipNamed(
      'Thurrock Alliance',
      'milestones { occurredOn occurredText status actor { name } sourceLine document { agendaItem } }',
    );
    expect(
      (thurrock.milestones as Json[]).map((m) => [
        m.occurredOn,
        m.status,
        (m.actor as { name: string } | null)?.name ?? null,
        m.sourceLine,
      ]),
    ).toEqual([
      ['2016-02-01', 'DONE', 'NHS Thurrock CCG', 24],
      ['2017-09-01', 'DONE', 'Thurrock Council', 27],
      ['2017-11-01', 'DONE', null, 28],
      [null, 'PLANNED', null, 28],
    ]);
    expect((thurrock.milestones as Json[])[3]).toMatchObject({ occurredText: 'over the next 18 months', document: { agendaItem: '9' } });
  });

  test('the pilot locality: the new model of care is piloted in Tilbury and Chadwell', async () => {
    const thurrock = await partnershipNamed('Thurrock Alliance', 'pilotLocalities { code name pilot pcnCode }');
    expect(thurrock.pilotLocalities).toEqual([
      expect.objectContaining({ code: 'THR-TILBURY-CHADWELL', name: 'Tilbury and Chadwell', pcnCode: 'U06243' }),
    ]);
    expect((thurrock.pilotLocalities as Json[])[0]!.pilot).toMatch(/^the new model of care/);
  });
});

describe('seed 001: Thurrock delivery plan, end of year 2014/15', () => {
  const action = (ref: string, fields: string) =>
    data<{ node: Json }>(`{ node(id: "${toGlobalId('PlanAction', ref)}") { ... on PlanAction { ${fields} } } }`);

  test('Corringham GP hub: credited to 2014/15 by the plan, opened 25 April 2015 by its ODS record Y04999', async () => {
    const { hubs } = await data<{ hubs: { nodes: Json[] } }>(
      `{ hubs(first: 100) { nodes { name odsCode openedOn openedText openingCreditedTo status } } }`,
    );
    expect(hubs.nodes.find((h) => h.name === 'CORRINGHAM HUB')).toEqual({
      name: 'CORRINGHAM HUB',
      odsCode: 'Y04999',
      openedOn: '2015-04-25',
      openingCreditedTo: '2014/15',
      status: 'OPEN',
      openedText: 'One GP Hub opened in Corringham. (Achievements for 14/15)',
    });
  });

  test('community hubs: two open in 2014/15, Tilbury and Stifford Clays planned for 2015/16', async () => {
    const { hubs } = await data<{ hubs: { nodes: { name: string; status: string; openingCreditedTo: string | null }[] } }>(
      `{ hubs(first: 100) { nodes { name status openingCreditedTo } } }`,
    );
    const credited = (period: string) =>
      hubs.nodes
        .filter((h) => h.openingCreditedTo === period)
        .map((h) => `${h.name} ${h.status}`)
        .sort();
    expect(credited('2014/15')).toEqual([
      'CORRINGHAM HUB OPEN',
      'Chadwell St Mary Community Hub OPEN',
      'South Ockendon Community Hub OPEN',
    ]);
    expect(credited('2015/16')).toEqual(['Stifford Clays Community Hub PLANNED', 'Tilbury Community Hub PLANNED']);
  });

  test('capacities counted in the comments: 12 interim beds at Collins House, 9 local area coordinators', async () => {
    const beds = await action('THR-JHWS-O04-X07', 'title lead capacity { quantity unit quote } status { rag }');
    expect(beds.node).toEqual({
      title: 'Increase interim bed capacity (via Collins House)',
      lead: 'Tania Sitch',
      capacity: { quantity: 12, unit: 'interim beds funded by the Better Care Fund', quote: 'Better Care Fund will fund 12 beds' },
      status: { rag: 'AMBER' },
    });
    const lacs = await action('THR-JHWS-O10-X01', 'capacity { quantity unit } deadlineText deadline status { rag }');
    expect(lacs.node).toEqual({
      capacity: { quantity: 9, unit: 'local area coordinators' },
      deadlineText: 'September 14',
      deadline: '2014-09-30',
      status: { rag: 'GREEN' },
    });
  });

  test('the revised section 75 with SEPT: SEPT as the party then, EPUT carrying its work on today', async () => {
    const thurrock = await partnershipNamed(
      'Thurrock Alliance',
      'agreements { nodes { title status legallyBinding parties { nodes { odsCode current { odsCode } } } } }',
    );
    const s75 = agreementsOf(thurrock).find((a) => String(a.title).includes('mental health'))!;
    expect(s75).toMatchObject({
      status: 'SIGNED',
      legallyBinding: true,
      parties: { nodes: [{ odsCode: 'RWN', current: { odsCode: 'R1L' } }] },
    });
  });
});

describe('seed 002: South East Essex Locality Partnership MoU, March 2019', () => {
  test('reviewed annually by the partnership, first in April 2020; Castle Point and Rochford welcomed as future parties', async () => {
    const seEssex = await partnershipNamed(
      'South East Essex',
      `agreements { nodes { status agreedOn agreedText reviewCycle firstReviewOn reviewedBy
      parties { totalCount } prospectiveParties { namedAs organisation { gssCode } } } }`,
    );
    const [mou] = agreementsOf(seEssex);
    expect(mou).toMatchObject({
      status: 'SIGNED',
      agreedOn: '2019-03-01',
      agreedText: 'March 2019',
      reviewCycle: 'annually',
      firstReviewOn: '2020-04-01',
      reviewedBy: 'South East Essex Locality Partnership',
      parties: { totalCount: 8 },
    });
    expect(mou!.prospectiveParties).toEqual([
      { namedAs: 'Castle Point and Rochford District Councils', organisation: { gssCode: 'E07000069' } },
      { namedAs: 'Castle Point and Rochford District Councils', organisation: { gssCode: 'E07000075' } },
    ]);
  });

  test('primary care is a member but not a party: represented in the interim by the two CCGs', async () => {
    const seEssex = await partnershipNamed(
      'South East Essex',
      'agreements { nodes { representations { represented interim representedBy { odsCode } } } }',
    );
    expect(agreementsOf(seEssex)[0]!.representations).toEqual([
      { represented: 'Primary Care (general practice)', interim: true, representedBy: [{ odsCode: '99F' }, { odsCode: '99G' }] },
    ]);
  });

  test('its NHS parties as named then and as they are today', async () => {
    const seEssex = await partnershipNamed(
      'South East Essex',
      'agreements { nodes { parties(asAt: "2025-01-01") { edges { namedAs recorded { odsCode } node { name odsCode } } } } }',
    );
    const edges = (
      agreementsOf(seEssex)[0]!.parties as { edges: { namedAs: string; recorded: { odsCode: string | null }; node: { name: string } }[] }
    ).edges;
    const suhft = edges.find((e) => e.recorded.odsCode === 'RAJ')!;
    expect(suhft).toMatchObject({
      namedAs: 'Southend University NHS Foundation (SUHFT)',
      node: { name: 'MID AND SOUTH ESSEX NHS FOUNDATION TRUST' },
    });
  });
});

describe('seed 003: Purbeck Policy Group, 22 November 2017 (Purbeck masterplan MoU)', () => {
  test('four parties, not legally binding; the two councils succeeded by Dorset Council on 1 April 2019', async () => {
    const purbeck = await partnershipNamed(
      'Purbeck',
      `agreements { nodes { status legallyBinding agreedText
      parties { nodes { name successions { effectiveOn kind successor { name gssCode } } } } } }`,
    );
    const [mou] = agreementsOf(purbeck);
    expect(mou).toMatchObject({ status: 'FINAL', legallyBinding: false });
    const parties = (mou!.parties as { nodes: { name: string; successions: Json[] }[] }).nodes;
    expect(parties.map((p) => p.name).sort()).toEqual([
      'DORSET HEALTHCARE UNIVERSITY NHS FOUNDATION TRUST',
      'Dorset County Council',
      'NHS Dorset CCG',
      'Purbeck District Council',
    ]);
    for (const council of parties.filter((p) => p.name.endsWith('Council'))) {
      expect(council.successions).toEqual([
        { effectiveOn: '2019-04-01', kind: 'REORGANISATION', successor: { name: 'Dorset Council', gssCode: 'E06000059' } },
      ]);
    }
  });
});

describe('the documents themselves: who wrote them, for whom, and who is named in what capacity', () => {
  test('seed 000 is item 9 of the Thurrock HWB, November 2018, by Andy Vowles, Roger Harris accountable director; seed 003 names Steve Mackenzie', async () => {
    const { sourceDocuments } = await data<{ sourceDocuments: Json[] }>(`{ sourceDocuments {
      seedFile title kind presentedTo agendaItem issuedOn issuedText recommendation
      people { personName capacity role organisation { name } sourceLine } partnership { name } } }`);
    expect(sourceDocuments.map((d) => d.seedFile)).toEqual([
      '000_6090d2701ca42565.txt',
      '001_f7bd4e606bac171c.txt',
      '002_37f18f794dea8b43.txt',
      '003_89a9884d9869a06c.txt',
      '004_c29daff56d4e6e8f.txt',
    ]);
    expect(sourceDocuments[0]).toMatchObject({
      title: 'Developing an integrated approach to health and care in Thurrock',
      kind: 'REPORT',
      presentedTo: 'Thurrock Health and Wellbeing Board',
      agendaItem: '9',
      issuedOn: '2018-11-01',
      issuedText: 'November 2018',
      partnership: { name: 'Thurrock Alliance' },
      people: [
        { personName: 'Andy Vowles', capacity: 'Report of', role: null, organisation: null, sourceLine: 6 },
        {
          personName: 'Roger Harris',
          capacity: 'Accountable Director',
          role: 'Corporate Director Adults Housing and Health',
          organisation: null,
          sourceLine: 8,
        },
      ],
    });
    expect(sourceDocuments[3]).toMatchObject({
      kind: 'REPORT',
      presentedTo: 'Policy Group',
      issuedOn: '2017-11-22',
      recommendation:
        'Policy Group recommend to Council that the Memorandum of Understanding is signed by the Chief Executive on behalf of the Council.',
      people: [
        {
          personName: 'Steve Mackenzie',
          capacity: 'For further information contact',
          role: 'Chief Executive',
          organisation: { name: 'Purbeck District Council' },
        },
      ],
    });
  });
});

describe('seed 003: the objectives and their sub-items', () => {
  test('objective 2 focuses housing on three groups', async () => {
    const purbeck = await partnershipNamed('Purbeck', 'agreements { nodes { objectiveList { number subItems } } }');
    const objectives = agreementsOf(purbeck)[0]!.objectiveList as { number: number; subItems: string[] }[];
    expect(objectives.map((o) => o.number)).toEqual([1, 2, 3, 4]);
    expect(objectives[1]!.subItems).toEqual([
      'Health and social care keyworkers',
      'Older persons and specialist disability accommodation all ages',
      'Housing growth general needs for Purbeck including brownfield sites',
    ]);
    expect(objectives.filter((o) => o.number !== 2).every((o) => o.subItems.length === 0)).toBe(true);
  });
});

describe('seed 004: Better Care in Thurrock communication and engagement plan, July 2014', () => {
  const plan = async (selection: string) => {
    const thurrock = await partnershipNamed('Thurrock Alliance', `engagementPlans { ${selection} }`);
    return (thurrock.engagementPlans as Json[])[0]!;
  };

  test('the plan: a July 2014 draft, overseen by the Transformation Programme Board reporting to the HWB, reviewed at 3, 6 and 12 months', async () => {
    expect(
      await plan(
        'title versionText status issuedOn issuedText integratedByYear initialFocus overseenBy reportsTo engagementGroup reviewAfterMonths guidedBy',
      ),
    ).toEqual({
      title: 'Better Care in Thurrock',
      versionText: 'Draft Version 1.0',
      status: 'DRAFT',
      issuedOn: '2014-07-01',
      issuedText: 'July 2014',
      integratedByYear: 2018,
      initialFocus: 'the health and well being of older adults',
      overseenBy: 'Health and Social Care Transformation Programme Board',
      reportsTo: 'Health and Well-being Board',
      engagementGroup: 'Health and Social Care Transformation Engagement Group',
      reviewAfterMonths: [3, 6, 12],
      guidedBy: ['Thurrock Joint Compact 2012', 'Thurrock Community Engagement Toolkit'],
    });
  });

  test('who produced it and in what roles; the engagement group is the four voluntary and citizen bodies', async () => {
    const { parties } = (await plan('parties { namedAs roles organisation { name kind } }')) as {
      parties: { namedAs: string; roles: string[]; organisation: { kind: string } | null }[];
    };
    expect(parties.filter((p) => p.roles.includes('PRODUCER')).map((p) => p.namedAs)).toEqual([
      'Thurrock CVS',
      'Thurrock Healthwatch',
      'Thurrock Clinical Reference Group',
      'Thurrock Coalition',
      'Thurrock Council',
      'NHS Thurrock Clinical Commissioning Group',
    ]);
    expect(parties.filter((p) => p.roles.includes('ENGAGEMENT_GROUP_MEMBER')).map((p) => p.namedAs)).toEqual([
      'Thurrock CVS',
      'Thurrock Healthwatch',
      'Thurrock Clinical Reference Group',
      'Thurrock Coalition',
    ]);
    expect(parties.filter((p) => p.roles.includes('COMMISSIONER')).map((p) => p.organisation?.kind)).toEqual(['COUNCIL', 'CCG']);
    expect(parties.find((p) => p.namedAs === 'Thurrock Clinical Reference Group')!.organisation).toBeNull();
  });

  test('the five principles of the joint vision, and the stakeholders including the four main NHS providers', async () => {
    const found = (await plan('visionPrinciples stakeholders { position stakeholder organisations { odsCode } }')) as {
      visionPrinciples: string[];
      stakeholders: { position: number; stakeholder: string; organisations: { odsCode: string }[] }[];
    };
    expect(found.visionPrinciples).toHaveLength(5);
    expect(found.visionPrinciples[1]).toBe('Health and care solutions that can be accessed close to home');
    expect(found.stakeholders).toHaveLength(10);
    expect(
      found.stakeholders.find((s) => s.stakeholder.startsWith('The 4 main NHS health providers'))!.organisations.map((o) => o.odsCode),
    ).toEqual(['RAT', 'RWN', 'RDD', 'RYC']);
  });

  test('its proposed engagement activities, as typed records', async () => {
    const { engagementActivities } = await data<{ engagementActivities: { kind: string; title: string }[] }>(
      `{ engagementActivities { kind title } }`,
    );
    expect(engagementActivities).toHaveLength(9);
    expect(engagementActivities.filter((a) => a.kind === 'In-depth soundings').map((a) => a.title)).toContain('Joint Strategic Forum');
  });
});

describe('the same rule on every path: a capacity is read from comments, so the public sees neither', () => {
  let publicHub: TestHub;
  beforeAll(async () => {
    publicHub = await startTestHub({ extracts: DEMO_DATA_DIR });
  });
  afterAll(async () => {
    await publicHub.stop();
  });

  test('an anonymous caller gets null for capacity, as for comments', async () => {
    const response = await publicHub.gql<{ node: Json }>(
      `{ node(id: "${toGlobalId('PlanAction', 'THR-JHWS-O04-X07')}") { ... on PlanAction { title comments capacity { quantity } } } }`,
    );
    expect(response.body.data?.node).toEqual({
      title: 'Increase interim bed capacity (via Collins House)',
      comments: null,
      capacity: null,
    });
  });
});
