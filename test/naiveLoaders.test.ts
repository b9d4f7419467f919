import { NESTED_LOCALITIES } from './support/queries';
import { startTestHub } from './support/testHub';

/**
 * Naive mode (`LOADER_MODE=naive`) is the benchmark's loaders-off reference: the same
 * answers, with statements that grow with the rows instead of one per loader level. Each
 * mode is a hub started with that setting, as `npm start` reads it.
 */

interface Answer {
  data: unknown;
  statements: number;
}

/** Each hub loads its fixtures when it starts, so when a record last changed differs between the two. */
const withoutLoadTimes = (data: unknown): unknown =>
  JSON.parse(JSON.stringify(data), (key, value: unknown) => (key === 'lastChangedAt' ? 'load time' : value));

async function answersIn(mode: 'batched' | 'naive'): Promise<{ one: Answer; all: Answer }> {
  const hub = await startTestHub({ env: { LOADER_MODE: mode } });
  try {
    const nested = async (first: number): Promise<Answer> => {
      const { body } = await hub.gql(NESTED_LOCALITIES, { first });
      expect(body.errors).toBeUndefined();
      return { data: withoutLoadTimes(body.data), statements: body.extensions!.sqlStatements!.total };
    };
    return { one: await nested(1), all: await nested(100) };
  } finally {
    await hub.stop();
  }
}

test('naive mode answers exactly as the batched hub does, with statements that grow with the rows', async () => {
  const batched = await answersIn('batched');
  const naive = await answersIn('naive');
  expect(naive.one.data).toEqual(batched.one.data);
  expect(naive.all.data).toEqual(batched.all.data);
  expect(batched.all.statements).toBe(batched.one.statements);
  expect(naive.all.statements).toBeGreaterThan(naive.one.statements);
  expect(naive.all.statements).toBeGreaterThan(batched.all.statements * 3);
});
