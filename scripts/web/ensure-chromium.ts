/**
 * Part of `npm test`: the browser tests drive Debian's Chromium (/usr/bin/chromium) through
 * playwright-core, which downloads no browser of its own. On a fresh Debian machine where it
 * is missing and we are root, install it with apt (`apt-get install -y chromium`, after an
 * `apt-get update` if the first try cannot find it). Otherwise say what to do and fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

function apt(args: string[]): boolean {
  try {
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return true;
  } catch {
    return false;
  }
}

function main(): void {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`The browser tests need ${CHROMIUM}: install Debian's chromium package (sudo apt-get install -y chromium).\n`);
    process.exit(1);
  }
  process.stdout.write(`${CHROMIUM} is missing: installing Debian's chromium package for the browser tests.\n`);
  if (!apt(['install', '-y', '--no-install-recommends', 'chromium'])) {
    if (!apt(['update']) || !apt(['install', '-y', '--no-install-recommends', 'chromium'])) process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`apt installed chromium but ${CHROMIUM} is still missing.\n`);
    process.exit(1);
  }
}

main();
