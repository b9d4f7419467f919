import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createClient } from '@redis/client';
import { freePort } from './freePort';

/**
 * A real Redis for tests: the one at 127.0.0.1:6379 when it answers (development and CI
 * machines run one), otherwise `redis-server` from Debian's package on a free port,
 * installed with apt when missing. Fails with a message saying what to do when neither works.
 */

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** A redis-server of the test's own, which it may freeze (SIGSTOP) without touching anyone else's. */
export interface OwnRedis extends TestRedis {
  freeze(): void;
  thaw(): void;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const REDIS_SERVER = '/usr/bin/redis-server';

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

function installRedisServer(): void {
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'ignore', timeout: 300_000 });
  } catch (error) {
    throw new Error(
      `No Redis answers at ${DEFAULT_URL} and redis-server could not be installed with apt-get ` +
        `(${error instanceof Error ? error.message : String(error)}). Start a Redis on 127.0.0.1:6379 or run: apt-get install redis-server`,
    );
  }
}

export async function startRedisServer(): Promise<OwnRedis> {
  if (!existsSync(REDIS_SERVER)) installRedisServer();
  const port = await freePort();
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await answers(url)) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      return {
        url,
        freeze: () => child.kill('SIGSTOP'),
        thaw: () => child.kill('SIGCONT'),
        stop: async () => {
          child.kill('SIGCONT');
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server started on port ${port} but did not answer within 5 s.`);
}

export async function testRedis(): Promise<TestRedis> {
  if (await answers(DEFAULT_URL)) return { url: DEFAULT_URL, stop: async () => undefined };
  return startRedisServer();
}

/** A key prefix no other run shares, so tests never see each other's keys (and never need FLUSHALL). */
export const uniquePrefix = (name: string): string => `hubtest:${name}:${process.pid}:${Date.now().toString(36)}:`;

/** Deletes every key under `prefix` (only this run's keys). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  } finally {
    client.destroy();
  }
}

/** One key's value as Redis holds it (null when absent), read on a connection of the test's own. */
export async function readKey(url: string, key: string): Promise<string | null> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await client.get(key);
  } finally {
    client.destroy();
  }
}
