import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, fetchExchange, gql } from '@urql/core';
import { loadConfig } from '../src/config/config';
import { explorerStartingDocument } from '../src/server/explorer';
import { startTestHub, type TestHub } from './support/testHub';

/** What browsers and browser apps get: the explorer, CORS for listed origins, plain GET queries, compression. */

const DASHBOARD_ORIGIN = 'https://dashboard.example.org';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: { CORS_ORIGINS: DASHBOARD_ORIGIN } });
});
afterAll(async () => {
  await hub.stop();
});

const origin = (url: string) => new URL(url).origin;

describe('the explorer', () => {
  test('a browser asking for HTML at /graphql gets the explorer, with its assets served by the hub', async () => {
    const page = await fetch(hub.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('ruru-root');
    expect(html).toContain('query ALocalityDashboard {');
    // Nothing is loaded from another host: every script and stylesheet is under the hub's own path.
    expect(html).not.toMatch(/(src|href)="https?:/);
    const script = await fetch(`${origin(hub.url)}/graphql/explorer/ruru.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  test('it opens with every example of docs/queries.md as a named operation, partner-only ones marked', () => {
    const document = explorerStartingDocument(readFileSync(path.resolve(__dirname, '../docs/queries.md'), 'utf8'));
    expect(document.match(/^query \w+ \{/gm)?.length).toBeGreaterThanOrEqual(4);
    expect(document).toMatch(/query APlaceBasedBudgetAnalyst\w*AsPartner \{/);
    expect(document).toContain('x-api-key');
    // GraphQL refuses a whole document in which two operations share a name.
    const names = [...document.matchAll(/^query (\w+) \{/gm)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    // Where to get the same numbers as CSV, every export named.
    expect(document).toMatch(
      /\/export\/<name>\.csv, where <name> is query, indicator-values, indicator-dictionary, budget, bcf-return, structures, populations/,
    );
  });

  test('is off when configured off, and off in production by default', async () => {
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({}).explorer).toBe(true);
    const off = await startTestHub({ env: { EXPLORER: 'false' } });
    try {
      // Not the explorer: a page saying it is off and how to turn it on (test/firstHour.test.ts).
      const page = await (await fetch(off.url, { headers: { accept: 'text/html' } })).text();
      expect(page).not.toMatch(/graphiql|ruru/i);
      expect(page).toContain('explorer is off');
    } finally {
      await off.stop();
    }
  });
});

describe('CORS', () => {
  test('a listed origin is allowed the headers the hub reads, after a preflight', async () => {
    const preflight = await fetch(hub.url, {
      method: 'OPTIONS',
      headers: {
        origin: DASHBOARD_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-api-key,authorization,x-hub-read-after');
    const answer = await hub.gql('{ localities { totalCount } }', undefined, { origin: DASHBOARD_ORIGIN });
    expect(answer.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    // A write's read-after token is readable by the page, to send back (docs/deployment.md "Read replicas").
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id,x-hub-read-after');
  });

  test('any other origin gets no CORS headers, so its pages cannot read answers', async () => {
    const preflight = await fetch(hub.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await hub.gql('{ localities { totalCount } }', undefined, { origin: 'https://evil.example' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('CORS_ORIGINS takes a list of origins and refuses anything that is not one', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('GET queries for standard clients, without reopening CSRF', () => {
  test('urql, sending queries as plain GETs with no custom header, gets its answer', async () => {
    const client = new Client({ url: hub.url, exchanges: [fetchExchange], preferGetMethod: 'force' });
    const requests: string[] = [];
    const fetching = client.query(
      gql`
        {
          localities(first: 2) {
            totalCount
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
          }
        }
      `,
      {},
      {
        fetch: (input, init) => {
          requests.push(init?.method ?? 'GET');
          return fetch(input, init);
        },
      },
    );
    const result = await fetching.toPromise();
    expect(requests).toEqual(['GET']);
    expect(result.error).toBeUndefined();
    const { localities } = result.data as { localities: { totalCount: number; pageInfo: Record<string, unknown> } };
    expect(localities.totalCount).toBeGreaterThan(2);
    expect(localities.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: expect.any(String),
      endCursor: expect.any(String),
    });
  });

  test('a mutation over GET is refused', async () => {
    const url = `${hub.url}?query=${encodeURIComponent('mutation { __typename }')}`;
    const response = await fetch(url);
    expect(response.status).toBe(405);
  });

  test('a simple POST (form or text body, which a cross-site page can send without a preflight) is refused', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{"query":"{ localities { totalCount } }"}',
      });
      expect(response.status).toBe(415);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });
});

test('responses are compressed when the client accepts it', async () => {
  const response = await fetch(
    `${hub.url}?query=${encodeURIComponent('{ __schema { types { name description fields { name description } } } }')}`,
    {
      headers: { 'accept-encoding': 'gzip' },
    },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBe('gzip');
});

test('pageInfo says where a later page starts', async () => {
  const first = await hub.gql<{ localities: { pageInfo: { endCursor: string } } }>('{ localities(first: 1) { pageInfo { endCursor } } }');
  const second = await hub.gql<{ localities: { pageInfo: Record<string, unknown>; edges: { cursor: string }[] } }>(
    `query($after: String) { localities(first: 1, after: $after) { pageInfo { hasPreviousPage startCursor } edges { cursor } } }`,
    { after: first.body.data!.localities.pageInfo.endCursor },
  );
  const page = second.body.data!.localities;
  expect(page.pageInfo).toEqual({ hasPreviousPage: true, startCursor: page.edges[0]!.cursor });
});
