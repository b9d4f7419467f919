import { setLoaderMode } from '../src/loaders/batch';
import { NESTED_LOCALITIES } from './support/queries';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * Naive mode (`LOADER_MODE=naive`) is the benchmark's loaders-off reference: the same
 * answers, with statements that grow with the rows instead of one per loader level.
 * Jest gives each test file its own module registry, so the switch stays in this file.
 */

const NESTED = NESTED_LOCALITIES;

interface Answer {
  data: unknown;
  statements: number;
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  setLoaderMode('batched');
  await hub.stop();
});

async function nested(first: number): Promise<Answer> {
  const { body } = await hub.gql(NESTED, { first });
  expect(body.errors).toBeUndefined();
  return { data: body.data, statements: body.extensions!.sqlStatements!.total };
}

test('naive mode answers exactly as the batched hub does, with statements that grow with the rows', async () => {
  setLoaderMode('batched');
  const batchedOne = await nested(1);
  const batchedAll = await nested(100);
  setLoaderMode('naive');
  const naiveOne = await nested(1);
  const naiveAll = await nested(100);

  expect(naiveOne.data).toEqual(batchedOne.data);
  expect(naiveAll.data).toEqual(batchedAll.data);
  expect(batchedAll.statements).toBe(batchedOne.statements);
  expect(naiveAll.statements).toBeGreaterThan(naiveOne.statements);
  expect(naiveAll.statements).toBeGreaterThan(batchedAll.statements * 3);
});
