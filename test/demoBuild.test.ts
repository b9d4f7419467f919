import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The demo dataset is reproducible from a clone: scripts/demo-data/build.ts reads only the
 * reference slices in data/reference (not ../shared) and rebuilds data/demo byte for byte.
 */

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'data', 'demo');

const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();

let out: string;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-build-'));
  // No seed folder: a clone has none, and the build must not need one.
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/demo-data/build.ts', out], {
    cwd: ROOT,
    env: { ...process.env, DEMO_SEEDS_DIR: path.join(out, 'no-seeds-here') },
  });
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('the build writes exactly the committed files', () => {
  expect(filesUnder(out)).toEqual(filesUnder(DEMO));
});

test('every committed extract is what the build makes from data/reference', () => {
  const differing = filesUnder(DEMO).filter((f) => !fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(DEMO, f))));
  expect(differing).toEqual([]);
});

test('the build reads its reference data from the repository, not from ../shared', () => {
  const build = fs.readFileSync(path.join(ROOT, 'scripts', 'demo-data', 'build.ts'), 'utf8');
  const read = [...build.matchAll(/ref\('([^']+)'\)/g)].map((m) => m[1]!);
  expect(read.length).toBeGreaterThan(10);
  for (const file of read) expect(fs.existsSync(path.join(ROOT, 'data', 'reference', file))).toBe(true);
  expect(fs.readFileSync(path.join(ROOT, 'data', 'reference', 'PROVENANCE.md'), 'utf8')).toMatch(/Open Government Licence/);
});
