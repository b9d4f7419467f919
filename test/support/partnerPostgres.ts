import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './freePort';

/**
 * A partner source on a PostgreSQL server of its own, so a test can fail it for real: stop
 * it (connections refused) or freeze it (SIGSTOP: connections accepted, nothing answered).
 */
export interface PartnerPostgres {
  /** The data folder its cluster is in (`<dataDir>/postgres`), as a hub's HUB_DATA_DIR. */
  readonly dataDir: string;
  urlFor(database: string): string;
  createDatabase(database: string): Promise<void>;
  /** Stops the server (a no-op when stopped): connections refused. */
  stop(): Promise<void>;
  /** Starts it again (a no-op when running), so a test's `finally` can always call it. */
  start(): Promise<void>;
  /** SIGSTOP (or SIGCONT) the postmaster and every backend. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

function nextLine(child: ChildProcessWithoutNullStreams, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.split('\n').includes(expected)) {
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`partner PostgreSQL exited (${code}) before "${expected}"`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

export async function startPartnerPostgres(options: { maxConnections?: number } = {}): Promise<PartnerPostgres> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-partner-pg-'));
  const port = await freePort();
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const child = spawn(
    tsx,
    [
      path.join(__dirname, 'partnerPostgresMain.ts'),
      dataDir,
      String(port),
      ...(options.maxConnections ? [String(options.maxConnections)] : []),
    ],
    { stdio: 'pipe' },
  );
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  await nextLine(child, 'started');
  let running = true;
  const urlFor = (database: string) => `postgresql://postgres:embedded@127.0.0.1:${port}/${database}`;
  const command = async (line: string, answer: string) => {
    const done = nextLine(child, answer);
    child.stdin.write(`${line}\n`);
    await done;
  };
  return {
    dataDir,
    urlFor,
    createDatabase: async (database) => {
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (!running) return;
      await command('stop', 'stopped');
      running = false;
    },
    start: async () => {
      if (running) return;
      await command('start', 'started');
      running = true;
    },
    freeze: () => signalPostgres(dataDir, 'SIGSTOP'),
    thaw: () => signalPostgres(dataDir, 'SIGCONT'),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SIGSTOP (frozen: connections accepted, nothing answered) or SIGCONT an embedded server of `dataDir`: its postmaster and every backend. */
export function signalPostgres(dataDir: string, name: 'SIGSTOP' | 'SIGCONT'): void {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const backends = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  for (const pid of [postmaster, ...backends]) process.kill(pid, name);
}
