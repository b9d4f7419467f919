import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SourceName } from '../../src/config/config';

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
export function start(entry: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
