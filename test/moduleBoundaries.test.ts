import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The module boundaries `npm run lint` checks (.dependency-cruiser.cjs): only a kind's own
 * folder and the kinds list import a kind's modules. The real tree passes in the lint; here
 * the same rules run, as the lint runs them, on a small tree laid out as src/ is, with
 * imports the rules allow and a deliberate breach of each, and must name exactly the breaches.
 */

const ROOT = path.resolve(__dirname, '..');
const CRUISER = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'node20', moduleResolution: 'node16', strict: true } }),
  // Allowed: the kinds list registers a kind; a kind uses its own modules, the adapter and the kinds' shared helpers.
  'src/sources/kinds.ts': `import { council } from './council/kind';\nexport const kinds = [council];\n`,
  'src/sources/adapter.ts': `export const adapter = 1;\n`,
  'src/sources/shared/postcodeArea.ts': `export const shared = 1;\n`,
  'src/sources/council/mapper.ts': `export const mapper = 1;\n`,
  'src/sources/council/kind.ts': `import { mapper } from './mapper';\nimport { adapter } from '../adapter';\nimport { shared } from '../shared/postcodeArea';\nexport const council = mapper + adapter + shared;\n`,
  // Allowed: shared code asks the kinds list and the adapter.
  'src/model/lookups.ts': `import { adapter } from '../sources/adapter';\nimport { kinds } from '../sources/kinds';\nexport const found = [adapter, kinds];\n`,
  // Breaches: shared code naming a kind; a kind, and the registry, importing another kind (a type import too).
  'src/model/probe.ts': `import { mapper } from '../sources/council/mapper';\nexport const probe = mapper;\n`,
  'src/sources/trust/kind.ts': `import { council } from '../council/kind';\nexport const trust = council;\n`,
  'src/sources/hub/loaders.ts': `import type { council } from '../council/kind';\nexport type Council = typeof council;\n`,
};

/** Runs the lint's dependency check in `cwd` as `npm run lint` does; its report as printed. */
function cruise(cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CRUISER, 'src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hub-boundaries-'));
  for (const [file, text] of Object.entries(TREE)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a kind imported outside its folder, or by another kind, fails the lint; the kinds list and a kind’s own imports pass', async () => {
  const { code, output } = await cruise(dir);
  expect(code).not.toBe(0);
  const found = [...output.matchAll(/^\s*error (.+)$/gm)].map((m) => m[1]).sort();
  expect(found).toEqual([
    'kind-imported-outside-its-folder: src/model/probe.ts → src/sources/council/mapper.ts',
    'kind-imports-another-kind: src/sources/hub/loaders.ts → src/sources/council/kind.ts',
    'kind-imports-another-kind: src/sources/trust/kind.ts → src/sources/council/kind.ts',
  ]);
  expect(output).toContain('3 dependency violations (3 errors, 0 warnings)');
});
