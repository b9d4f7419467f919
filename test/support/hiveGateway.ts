import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './freePort';

/**
 * Hive Gateway as compose runs it: its CLI (`hive-gateway supergraph`) in docker/gateway,
 * reading docker/gateway/gateway.config.ts, configured by environment only.
 */

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');

export interface RunningGateway {
  url: string;
  readonly log: string;
  stop(): Promise<void>;
}

/** Starts the gateway and resolves once it says it listens (or rejects with its log if it exits first). */
export async function startHiveGateway(env: Record<string, string>): Promise<RunningGateway> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'supergraph'], {
    cwd: path.join(ROOT, 'docker/gateway'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Listening on/.test(log)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`hive-gateway exited before listening:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get log() {
      return log;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
