/**
 * `npm run test:prerequisites` (and the first step of `npm test`): what the full suite needs
 * besides Node and npm, each from Debian's packages, checked and, where missing on a Debian
 * machine run as root, installed with apt, saying so. Elsewhere it stops and says what to
 * install. Nothing else is installed; the list is the README's ("Run it").
 *
 * - chromium: the browser tests drive /usr/bin/chromium through playwright-core, which downloads no browser;
 * - redis-server: the shared-state tests use the Redis at 127.0.0.1:6379, or start redis-server;
 * - postgresql-15: the read-replica tests make a streaming standby with pg_basebackup, which
 *   the embedded PostgreSQL does not ship.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Prerequisite {
  package: string;
  /** A file the package installs, whose presence says it is there. */
  file: string;
  why: string;
}

export const PREREQUISITES: readonly Prerequisite[] = [
  { package: 'chromium', file: '/usr/bin/chromium', why: 'the browser tests (playwright-core drives it)' },
  { package: 'redis-server', file: '/usr/bin/redis-server', why: 'the shared-state tests, when no Redis answers at 127.0.0.1:6379' },
  { package: 'postgresql-15', file: '/usr/lib/postgresql/15/bin/pg_basebackup', why: 'the read-replica tests (a streaming standby)' },
];

function apt(args: string[]): boolean {
  try {
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  const missing = PREREQUISITES.filter((p) => !existsSync(p.file));
  for (const p of PREREQUISITES)
    process.stdout.write(`${existsSync(p.file) ? 'have   ' : 'missing'}  ${p.package.padEnd(14)} for ${p.why}\n`);
  if (missing.length === 0) return;
  const names = missing.map((p) => p.package);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`Install them first: sudo apt-get install -y --no-install-recommends ${names.join(' ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Installing with apt-get (we are root on Debian): ${names.join(' ')}\n`);
  const install = ['install', '-y', '--no-install-recommends', ...names];
  if (!apt(install) && !(apt(['update']) && apt(install))) process.exit(1);
  const still = missing.filter((p) => !existsSync(p.file));
  if (still.length > 0) {
    process.stderr.write(`apt-get finished but these are still missing: ${still.map((p) => p.file).join(', ')}\n`);
    process.exit(1);
  }
}

// Run as `npm run test:prerequisites`; imported (by its test), it only declares the list.
if (require.main === module) main();
