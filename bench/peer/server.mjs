// PostGraphile V5 over the hub registry of the scale dataset: the peer bench/run.ts compares
// the hub with (bench/peer.ts starts this file as a child process on the Node 22 of
// bench/peer/node_modules). Plain JavaScript: it runs on that Node with this folder's own
// install, which the hub's TypeScript build and type check know nothing of.
//
// Configured as a partner's IT team would start it: the Amber preset, simplify-inflection,
// one process, a pool of 10 (the hub's DB_POOL_MAX), no GraphiQL, no watch mode, no explain.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';

const POOL = 10;

// Statements sent to PostgreSQL, counted for the answer checks (one request at a time, so the
// difference around a request is that request's); the parent asks over IPC.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  return query.apply(this, args);
};

async function start({ connectionString }) {
  const preset = {
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
    pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: POOL } })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const serv = postgraphile(preset).createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}/graphql`;
}

// Never outlive the benchmark, even one that crashed without stopping this process.
process.once('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'statements') {
    process.send({ statements });
    return;
  }
  start(message).then(
    (url) => process.send({ ok: true, url }),
    (error) => process.send({ ok: false, error: String(error?.stack ?? error) }),
  );
});
