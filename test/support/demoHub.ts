import { DEMO_DATA_DIR } from '../../src/runtime';
import { startTestHub, type TestHub } from './testHub';

/** A hub on the shipped demo dataset, asked as an administrator, for tests of the documents' facts. */
export function useDemoHub(): { data: <T>(query: string) => Promise<T> } {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ extracts: DEMO_DATA_DIR, as: { organisationId: null, role: 'ADMIN' } });
  });
  afterAll(async () => {
    await hub.stop();
  });
  return {
    /** The answer's data, after checking it has no errors. */
    data: async <T>(query: string): Promise<T> => {
      const response = await hub.gql<T>(query);
      expect(response.body.errors).toBeUndefined();
      return response.body.data as T;
    },
  };
}
