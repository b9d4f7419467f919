import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export { TOPOLOGY } from './topologyNames';

const REPO = path.resolve(__dirname, '../..');

export interface SourceServers {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** One PostgreSQL server per source, as the compose file's four database services (in a process of their own: sourceServers.ts). */
export async function startSourceServers(): Promise<SourceServers> {
  const child = spawn(path.join(REPO, 'node_modules/.bin/tsx'), [path.join(__dirname, 'sourceServers.ts')], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('sources {'));
      if (line) resolve(JSON.parse(line.slice('sources '.length)) as Record<string, string>);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The source servers exited with ${code}:\n${output}`)));
  });
  return {
    env,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function spawnNpm(args: string[], env: Record<string, string>): ChildProcess {
  // Its own process group, so killing it kills npm, tsx and node together.
  return spawn('npm', args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** `npm run demo:load` once, as the compose file's `demo` service. */
export async function loadDemo(env: Record<string, string>): Promise<void> {
  const child = spawnNpm(['run', '--silent', 'demo:load'], { ...env, LOG_LEVEL: 'warn' });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run demo:load exited with ${code}:\n${output}`);
}

export interface Replica {
  /** Base URL, without /graphql. */
  url: string;
  kill(): void;
  stopped: Promise<void>;
}

/** A replica started as `npm start` starts the hub, on a port of its own choosing. */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawnNpm(['start', '--silent'], { ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /GraphQL at (http:\/\/\S+)\/graphql/.exec(output);
      if (ready) resolve(ready[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    url,
    kill: () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    },
    stopped,
  };
}
