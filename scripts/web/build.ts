/**
 * `npm run build:web`: bundles the dashboard (web/src) with esbuild into web/dist, with its
 * stylesheet. The output is not committed: npm ci (prepare), npm start and npm test run
 * this first, so the served bundle always matches the source.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const WEB = path.resolve(__dirname, '../../web');

async function main(): Promise<void> {
  mkdirSync(path.join(WEB, 'dist'), { recursive: true });
  await build({
    entryPoints: [path.join(WEB, 'src/main.ts')],
    outfile: path.join(WEB, 'dist/dashboard.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(path.join(WEB, 'static/dashboard.css'), path.join(WEB, 'dist/dashboard.css'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
