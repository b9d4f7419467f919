import { issueApiKey } from '../src/auth/apiKeys';
import type { SourceName } from '../src/config/config';
import { asDefaultDatabases, type DefaultDatabases } from '../src/db/databases';
import { createLogger } from '../src/observability/logger';
import { openConfiguredDatabases, type OpenedDatabases } from '../src/runtime';
import { generateScaleDataset } from '../scripts/scale/generate';
import { OPERATIONS, operationKeys, Q1_RAG_PERIOD, type OperationId, type OperationKey } from '../scripts/scale/queries';
import { runInProcess } from './support/inProcess';
import { createTestDatabases, testConfig } from './support/testHub';

/**
 * The SQL each source receives for each of the benchmark's operations (bench/, Q1–Q5), from
 * the request's statement log, checked in as snapshots (test/__snapshots__/): a change in
 * the SQL the hub sends shows in review. Statements are listed per source in text order,
 * because branches that run side by side may send theirs in either order.
 * `npx jest test/sqlSnapshots.test.ts -u` records a deliberate change.
 */

let created: Awaited<ReturnType<typeof createTestDatabases>>;
let opened: OpenedDatabases;
let databases: DefaultDatabases;
let keys: Record<OperationId, OperationKey>;

beforeAll(async () => {
  created = await createTestDatabases();
  opened = await openConfiguredDatabases(testConfig(created.urls, { DB_POOL_MAX: '4' }), createLogger('silent'));
  databases = asDefaultDatabases(opened.databases);
  // One shape of locality (a community hub and a GP hub each), as test/scale.test.ts explains.
  await generateScaleDataset(databases, { localities: 3, seed: 1, hubPattern: 'both' });
  const found = await operationKeys(databases, 1);
  keys = {
    Q1: { variables: { code: 'SYN-L0003', period: Q1_RAG_PERIOD }, callerOrganisationId: null },
    Q2: found.Q2[0]!,
    Q3: found.Q3[0]!,
    Q4: found.Q4[0]!,
    Q5: found.Q5[0]!,
  };
});
afterAll(async () => {
  await opened?.close();
  await created?.drop();
});

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

test.each(OPERATIONS.map((o) => [o.id, o] as const))('%s: the statements each source receives', async (_, operation) => {
  const key = keys[operation.id];
  const apiKey = key.callerOrganisationId
    ? (
        await issueApiKey(databases.hub, {
          organisationId: key.callerOrganisationId,
          role: 'ANALYST',
          label: 'sql snapshot',
          expiresInDays: 1,
        })
      ).token
    : null;
  const { result, statements } = await runInProcess(databases, operation.query, key.variables, apiKey);
  expect(result.errors).toBeUndefined();
  const bySource = {} as Record<SourceName, string[]>;
  for (const source of ['hub', 'ccg', 'council', 'trust'] as const) {
    bySource[source] = statements.statements
      .filter((s) => s.source === source)
      .map((s) => oneLine(s.text))
      .sort();
  }
  expect(bySource).toMatchSnapshot();
});
