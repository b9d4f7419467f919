import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SourceName } from '../../src/config/config';
import { until } from './overlap';

/**
 * The hub's programs run as an operator runs them: a separate Node process on the same
 * TypeScript entry point `npm start` / `npm run ingest` / `npm run keys` use, with only the
 * environment given here (no test globals leak in).
 */

const ROOT = path.resolve(__dirname, '../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<Finished>;
}

/** The environment a program sees: the databases as URLs, quiet logs, nothing else of the test's. */
export function environment(urls: Record<SourceName, string> | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'warn',
    ...(urls
      ? { HUB_DATABASE_URL: urls.hub, CCG_DATABASE_URL: urls.ccg, COUNCIL_DATABASE_URL: urls.council, TRUST_DATABASE_URL: urls.trust }
      : {}),
    ...extra,
  };
}

/** Starts `src/<entry>` under tsx with this Node. */
export const start = (entry: string, args: string[], env: NodeJS.ProcessEnv): Running => startFile(path.join('src', entry), args, env);

/** Starts a TypeScript file of the package (`scripts/...`) under tsx with this Node, as its npm script does. */
function startFile(file: string, args: string[], env: NodeJS.ProcessEnv): Running {
  return watch(spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Runs a script of the package (`scripts/<file>`) to its end. */
export const runScript = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> =>
  startFile(path.join('scripts', file), args, env).exited;

/**
 * Starts a command line as a person types it in a terminal: through bash, in `cwd`, as the
 * leader of a process group of its own, so `stop` can press Ctrl-C (SIGINT to the whole group,
 * as a terminal does) and wait until every process of it, servers it started included, is gone.
 */
export function startCommand(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Running & { stop(signal?: NodeJS.Signals): Promise<Finished> } {
  const running = watch(spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  const group = -running.child.pid!;
  const alive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  return Object.assign(running, {
    stop: async (signal: NodeJS.Signals = 'SIGINT') => {
      if (alive()) process.kill(group, signal);
      const finished = await running.exited;
      await until(() => !alive(), `every process of "${command}" to end after ${signal}`, 60_000);
      return finished;
    },
  });
}

/** Runs a command line through bash in `cwd` to its end. */
export const runCommand = (command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Finished> =>
  watch(spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })).exited;

/** Collects a child's output as it comes, and its exit. */
function watch(child: ChildProcess): Running {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Finished>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
  };
}

/** Runs a program to its end. */
export const run = (entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> => start(entry, args, env).exited;
