import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationId } from '../../scripts/scale/queries';
import type { Counter, FloorDb } from './db';
import { floorQ1 } from './q1';
import { floorQ2 } from './q2';
import { floorQ3 } from './q3';
import { floorQ4 } from './q4';
import { floorQ5 } from './q5';

/**
 * The SQL floor: the benchmark's answers from hand-written SQL (one statement per source
 * per round, `json_agg` in the database) joined in a plain `node:http` handler. No Express,
 * no GraphQL, no DataLoader, no authentication (the benchmark's API key header is
 * ignored): what the hub's answers cost at least, on the same databases.
 * `POST /Q1` … `/Q5` with `{ "variables": … }`; the reply is `{ data, extensions }` like the hub's.
 */

type Handler = (db: FloorDb, counter: Counter, variables: never) => Promise<{ data: unknown; missing: number }>;

const HANDLERS: Record<OperationId, Handler> = { Q1: floorQ1, Q2: floorQ2, Q3: floorQ3, Q4: floorQ4, Q5: floorQ5 };

export interface FloorServer {
  /** Base URL; an operation is at `${url}/Q1` etc. */
  url: string;
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<{ variables?: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: Record<string, unknown> };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(db: FloorDb, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const handler = HANDLERS[(req.url ?? '').slice(1) as OperationId];
  if (req.method !== 'POST' || !handler) return send(res, 404, { errors: [{ message: `POST /${Object.keys(HANDLERS).join(', /')}` }] });
  const counter: Counter = { statements: 0 };
  const { variables = {} } = await readBody(req);
  const { data, missing } = await handler(db, counter, variables as never);
  send(res, 200, { data, extensions: { sqlStatements: { total: counter.statements }, floorMissingRows: missing } });
}

export async function startFloorServer(db: FloorDb): Promise<FloorServer> {
  const server = http.createServer((req, res) => {
    handle(db, req, res).catch((error: unknown) => send(res, 500, { errors: [{ message: String(error) }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
