import { DEMO_DATA_DIR } from '../src/runtime';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * A hub a council records with no ward lies in a locality only when that locality holds the
 * council's whole area: Purbeck's planned single hub (Purbeck District Council's register,
 * location not yet chosen) is Purbeck's; Thurrock's unwarded hubs, in a unitary split
 * between four localities, are placed in none rather than guessed.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ extracts: DEMO_DATA_DIR });
});
afterAll(async () => {
  await hub.stop();
});

interface Answer {
  localities: { nodes: { code: string; hubs: { nodes: { name: string; sources: { source: string; nativeKey: string }[] }[] } }[] };
}

const QUERY = `{ localities(first: 50) { nodes { code hubs(first: 50) { nodes { name sources { source nativeKey } } } } } }`;

test("Purbeck's planned hub, recorded with no ward, is in Purbeck, the one locality holding its council's whole area", async () => {
  const { body } = await hub.gql<Answer>(QUERY);
  expect(body.errors).toBeUndefined();
  const keysIn = (code: string) =>
    body.data!.localities.nodes.find((l) => l.code === code)!.hubs.nodes.flatMap((h) => h.sources.map((s) => `${s.source}:${s.nativeKey}`));
  expect(keysIn('PUR-PURBECK')).toEqual(['purbeck-district-council:PUR-CH-01']);
  const everywhere = body.data!.localities.nodes.flatMap((l) => keysIn(l.code));
  // Thurrock's hubs without a ward: its four localities share the unitary's area.
  for (const unplaced of ['thurrock-council:THR-CH-02', 'thurrock-council:THR-CH-03', 'thurrock-council:THR-CH-05'])
    expect(everywhere).not.toContain(unplaced);
  expect(everywhere.filter((key) => key === 'purbeck-district-council:PUR-CH-01')).toHaveLength(1);
});
