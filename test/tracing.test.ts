import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTestHub, type TestHub } from './support/testHub';

/** OpenTelemetry: a span per request and, under it, one per statement sent to a source, all carrying the request id. */

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let hub: TestHub;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
  await provider.shutdown();
  trace.disable();
});

test('one request span, with a child span per source statement', async () => {
  exporter.reset();
  const { body } = await hub.gql(
    `query Places { localities(first: 3) { nodes { code hubs { nodes { name services { nodes { name } } } } } } }`,
    {},
    { 'x-request-id': 'trace-test-1' },
  );
  expect(body.errors).toBeUndefined();
  const spans = exporter.getFinishedSpans();
  const requests = spans.filter((s) => s.attributes['hub.request_id'] === 'trace-test-1' && s.name.startsWith('graphql.'));
  expect(requests).toHaveLength(1);
  const request = requests[0]!;
  expect(request.name).toBe('graphql.query Places');
  expect(request.attributes['graphql.operation.name']).toBe('Places');
  const statements = spans.filter((s) => s.name.startsWith('sql '));
  expect(statements.length).toBe(body.extensions!.sqlStatements!.total);
  expect(request.attributes['hub.statements']).toBe(body.extensions!.sqlStatements!.total);
  for (const statement of statements) {
    expect(statement.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(statement.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(statement.attributes['hub.request_id']).toBe('trace-test-1');
  }
  // Every source the query reads has its own spans.
  expect(new Set(statements.map((s) => s.attributes['hub.source']))).toEqual(
    new Set(
      Object.entries(body.extensions!.sqlStatements!.bySource)
        .filter(([, n]) => n > 0)
        .map(([source]) => source),
    ),
  );
});

test("a failed request's span is marked as an error", async () => {
  exporter.reset();
  await hub.gql(`query Bad { localities(first: -1) { nodes { code } } }`, {}, { 'x-request-id': 'trace-test-2' });
  const request = exporter.getFinishedSpans().find((s) => s.attributes['hub.request_id'] === 'trace-test-2');
  expect(request?.status).toMatchObject({ code: 2, message: 'BAD_USER_INPUT' });
});
