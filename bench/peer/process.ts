import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ChildServer } from '../childServer';
import type { ServingProcess } from '../measure';

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
    private readonly server: ChildServer,
    readonly nodeVersion: string,
  ) {}

  /** Starts PostGraphile over the hub database and waits until it listens. */
  static async start(hubDatabaseUrl: string): Promise<PeerServer> {
    const node = realpathSync(NODE);
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    // No tsx flags: the server is plain JavaScript on its own Node.
    const server = await ChildServer.start(
      path.join(FOLDER, 'server.mjs'),
      'PostGraphile',
      { connectionString: hubDatabaseUrl },
      { execPath: node, execArgv: [] },
    );
    return new PeerServer(server, version);
  }

  get url(): string {
    return this.server.url;
  }

  /** Statements PostGraphile has sent to PostgreSQL so far. */
  async statements(): Promise<number> {
    const reply = await this.server.ask<{ statements?: number }>('statements');
    return reply.statements ?? Number.NaN;
  }

  cpuMs(): number {
    return this.server.cpuMs();
  }

  rssBytes(): number {
    return this.server.rssBytes();
  }

  stop(): Promise<void> {
    return this.server.kill('SIGTERM');
  }
}
