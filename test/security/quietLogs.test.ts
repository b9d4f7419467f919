import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { toGlobalId } from '../../src/graphql/globalId';
import { DEFAULT_PROTECTION, startHttpServer, type RunningHttpServer } from '../../src/server/http';
import { openFixtureDatabases } from '../support/testHub';

/**
 * A client's mistake is the client's: answered with a coded 4xx and logged, if at all,
 * below error level and without a stack trace. Only the hub's own failures are errors in
 * its log. The hub here writes its log to memory so the test can read it.
 */

const lines: { level: number; msg?: string; err?: { stack?: string } }[] = [];
let server: RunningHttpServer;
let close: () => Promise<void>;

beforeAll(async () => {
  const opened = await openFixtureDatabases();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  server = await startHttpServer({
    databases: opened.databases,
    logger: pino({ level: 'debug' }, sink),
    limits: { defaultPageSize: 20, maxPageSize: 100 },
    host: '127.0.0.1',
    port: 0,
    protection: { ...DEFAULT_PROTECTION, requestsPerMinute: 100_000 },
  });
  close = async () => {
    await server.close();
    await opened.close();
  };
});
afterAll(async () => {
  await close();
});

const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const ask = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  post(JSON.stringify({ query, variables }), headers);

test('bad requests of every kind get a 4xx and leave no error or stack in the log', async () => {
  const mistakes: [string, Promise<Response>][] = [
    ['a NUL in a variable', ask(`query($c: String) { locality(code: $c) { name } }`, { c: 'a\u0000' })],
    ['a NUL in a cursor', ask(`{ localities(after: "${Buffer.from('c1:\u0000').toString('base64url')}") { totalCount } }`)],
    [
      'money out of range',
      ask(
        `mutation { recordBudgetLine(input: { lineRef: "x", fundId: "${toGlobalId('Fund', 'f')}", financialYear: "2019/20", lineKind: ALLOCATION, planned: "99999999999999.00" }) { version } }`,
      ),
    ],
    ['a corrupt gzip body', post(gzipSync('{"query":"{ __typename }"}').subarray(0, 10), { 'content-encoding': 'gzip' })],
    ['malformed JSON', post('{"query":')],
    ['a subscription', ask(`subscription { __typename }`)],
    [
      'an unknown key',
      ask(`{ __typename }`, undefined, { 'x-api-key': 'ich_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
    ],
    ['a syntax error', ask(`{ localities { `)],
  ];
  for (const [what, response] of mistakes) {
    const { status } = await response;
    expect([what, status >= 400 && status < 500 ? '4xx' : status]).toEqual([what, '4xx']);
  }
  // Refusals of access and lookups of nothing are GraphQL answers (200, null and a coded error), logged no louder.
  const refusals: [string, Promise<Response>, string][] = [
    ['a partner-only filter', ask(`{ estates(filter: { statuses: [SURPLUS] }) { totalCount } }`), 'FORBIDDEN'],
    ['a partner-only field', ask(`{ ingestRuns { totalCount } }`), 'FORBIDDEN'],
    ['an id of nothing', ask(`{ node(id: "${toGlobalId('Locality', 'nowhere')}") { id } }`), 'NOT_FOUND'],
  ];
  for (const [what, response, code] of refusals) {
    const answer = await response;
    const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
    expect([what, answer.status, body.errors[0]!.extensions.code]).toEqual([what, 200, code]);
  }
  const errors = lines.filter((l) => l.level >= 50);
  expect(errors).toEqual([]);
  expect(lines.filter((l) => l.err?.stack)).toEqual([]);
});
