import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { until } from './support/overlap';
import { accessLog } from '../src/observability/accessLog';

/**
 * The access log's lines outside GraphQL (test/metrics.test.ts has a GraphQL request's):
 * a 5xx and a response the client abandoned are lines of their own, probes have none, and
 * nothing is written above the info level.
 */

let server: http.Server;
let base: string;
const lines: Record<string, unknown>[] = [];
let arrived: () => void = () => undefined;
const hangsArrived = new Promise<void>((resolve) => (arrived = resolve));
let level = 'info';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const app = express();
  app.use((_req, res, next) => {
    logger.level = level;
    res.locals.requestId = 'given-id';
    next();
  });
  app.use(accessLog(logger));
  app.get('/broken', (_req, res) => {
    res.status(503).send('down');
  });
  app.get('/hangs', () => arrived());
  app.get('/health', (_req, res) => {
    res.send('ok');
  });
  app.get('/fine', (_req, res) => {
    res.send('fine');
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  lines.length = 0;
  level = 'info';
});

/** Waits for the log to hold `n` lines (pino writes a line once a response is done, after the client has it). */
const logged = (n: number) => until(() => lines.length >= n, `${n} access log line(s)`);

test('a 5xx is a "request failed" line with its status and an error', async () => {
  await (await fetch(`${base}/broken?secret=1`)).text();
  await logged(1);
  expect(lines).toEqual([
    expect.objectContaining({
      msg: 'request failed',
      req: { id: 'given-id', method: 'GET', path: '/broken' },
      res: { status: 503 },
      responseTime: expect.any(Number),
      err: expect.objectContaining({ message: 'failed with status code 503' }),
    }),
  ]);
});

test('a response the client abandoned is logged when its connection closes', async () => {
  const aborted = new AbortController();
  const asked = fetch(`${base}/hangs`, { signal: aborted.signal }).catch(() => undefined);
  await hangsArrived;
  aborted.abort();
  await asked;
  await logged(1);
  expect(lines).toEqual([expect.objectContaining({ msg: 'request failed', req: expect.objectContaining({ path: '/hangs' }) })]);
});

test('probes have no line, and above the info level nothing is written', async () => {
  await (await fetch(`${base}/health`)).text();
  level = 'warn';
  await (await fetch(`${base}/fine`)).text();
  // Back at info, one request that is logged: once its line is there, any line of the requests before it would be too.
  level = 'info';
  await (await fetch(`${base}/broken`)).text();
  await logged(1);
  expect(lines).toEqual([expect.objectContaining({ msg: 'request failed', req: expect.objectContaining({ path: '/broken' }) })]);
});
