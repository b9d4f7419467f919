import { spawnSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { processCpuMs, processRssBytes, type ServingProcess } from '../measure';

/**
 * The parent's handle on PostGraphile (bench/peer/server.mjs), a child process on the Node 22
 * that bench/peer's own install brings (the npm `node` package), with its CPU and memory read
 * from /proc like the naive hub's. The install is a setup step: when bench/peer/node_modules
 * is missing, `npm --prefix bench/peer ci` fetches the versions its lock file pins (from the
 * npm registry, before any run starts); nothing is fetched while the benchmark runs.
 */

const FOLDER = __dirname;
/** The version bench/peer/package.json pins. */
export const PEER_VERSION = (
  JSON.parse(readFileSync(path.join(FOLDER, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies.postgraphile!;
const NODE = path.join(FOLDER, 'node_modules', '.bin', 'node');

type Reply = { ok: true; url: string } | { ok: false; error: string } | { statements: number };

/** Installs bench/peer's packages from its lock file, once. */
export function ensurePeerInstalled(say: (text: string) => void): void {
  if (existsSync(NODE) && existsSync(path.join(FOLDER, 'node_modules', 'postgraphile'))) return;
  say(
    'bench/peer/node_modules is missing: npm --prefix bench/peer ci (PostGraphile V5 and Node 22, pinned by bench/peer/package-lock.json)',
  );
  const npm = spawnSync('npm', ['--prefix', FOLDER, 'ci', '--no-audit', '--no-fund', '--loglevel', 'error'], { stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm --prefix bench/peer ci failed (exit ${npm.status}): the PostGraphile side cannot run`);
}

export class PeerServer implements ServingProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly nodeVersion: string,
  ) {}

  /** Starts PostGraphile over the hub database and waits until it listens. */
  static async start(hubDatabaseUrl: string): Promise<PeerServer> {
    const node = realpathSync(NODE);
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    // No tsx flags: the server is plain JavaScript on its own Node.
    const child = fork(path.join(FOLDER, 'server.mjs'), [], {
      execPath: node,
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (reply: Reply) => {
        if ('url' in reply) resolve(reply.url);
        else reject(new Error(`PostGraphile failed to start: ${'error' in reply ? reply.error : 'unexpected reply'}`));
      });
      child.once('exit', (code) => reject(new Error(`PostGraphile exited with code ${code} before it was ready`)));
      child.send({ connectionString: hubDatabaseUrl });
    });
    return new PeerServer(child, url, version);
  }

  /** Statements PostGraphile has sent to PostgreSQL so far. */
  statements(): Promise<number> {
    return new Promise((resolve) => {
      this.child.once('message', (reply: Reply) => resolve('statements' in reply ? reply.statements : Number.NaN));
      this.child.send('statements');
    });
  }

  cpuMs(): number {
    return processCpuMs(this.child.pid) ?? 0;
  }

  rssBytes(): number {
    return processRssBytes(this.child.pid);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
