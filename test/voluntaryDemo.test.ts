import { useDemoHub } from './support/demoHub';

/**
 * The demo's voluntary bodies' directories (data/demo/thurrock-cvs, healthwatch-thurrock,
 * thurrock-coalition; scripts/demo-data/voluntary.ts) run as three sources of the
 * voluntary-directory kind: what the seed papers say each body runs shows in every Thurrock
 * locality, with provenance naming the body's source, its invented key flagged, and the
 * records the crosswalk joins (the co-production the three agreed to; the grant pilot Thurrock
 * Council's register also records) shown once.
 */

const { data } = useDemoHub();

type Service = { name: string; sources: { source: string; kind: string; table: string; nativeKey: string; synthetic: boolean }[] };

async function voluntaryServices(code: string): Promise<Service[]> {
  const { locality } = await data<{ locality: { services: { nodes: Service[] } } }>(
    `{ locality(code: "${code}") { services(filter: { careSettings: [VOLUNTARY] }) { nodes { name sources { source kind table nativeKey synthetic } } } } }`,
  );
  return locality.services.nodes.filter((s) => s.sources.some((r) => r.kind === 'voluntary-directory'));
}

test("each Thurrock locality lists the directories' three services (five records), joined records once, with every source named", async () => {
  for (const code of ['THR-TILBURY-CHADWELL', 'THR-GRAYS', 'THR-STANFORD-LE-HOPE', 'THR-ASOP']) {
    const services = await voluntaryServices(code);
    expect(services.map((s) => [s.name, s.sources.map((r) => `${r.source}/${r.nativeKey}`).sort()]).sort()).toEqual([
      [
        'Co-production of integrated health and social care in Thurrock',
        ['healthwatch-thurrock/SYNTH-HWT-SVC-0001', 'thurrock-coalition/SYNTH-TCOAL-SVC-0001', 'thurrock-cvs/SYNTH-TCVS-SVC-0003'],
      ],
      ['Grant funding for community wellbeing (pilot)', ['thurrock-cvs/SYNTH-TCVS-SVC-0001']],
      [
        expect.stringMatching(/preventative mental health and wellbeing/),
        ['thurrock-council/THR-SVC-011', 'thurrock-cvs/SYNTH-TCVS-SVC-0002'],
      ],
    ]);
  }
});

test("a directory's records are flagged synthetic (their keys are invented); the council's record of the same pilot is not", async () => {
  const pilot = (await voluntaryServices('THR-GRAYS')).find((s) => s.sources.length === 2)!;
  expect(pilot.sources.map((r) => [r.source, r.kind, r.table, r.synthetic]).sort()).toEqual([
    ['thurrock-council', 'council-registers', 'care_service', false],
    ['thurrock-cvs', 'voluntary-directory', 'service', true],
  ]);
});

test('outside Thurrock no directory lists anything: the papers name no service of CAVs or SAVs', async () => {
  for (const code of ['SEE-SOUTHEND-ON-SEA', 'SEE-CASTLE-POINT', 'PUR-PURBECK']) expect(await voluntaryServices(code)).toEqual([]);
});
