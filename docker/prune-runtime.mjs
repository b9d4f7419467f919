// Removes from a production node_modules (npm ci --omit=dev) the packages the running hub
// never loads: those reached only through the dependencies named below. Run in the image's
// build stage, in the folder holding package-lock.json and node_modules.
//   node prune-runtime.mjs
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

// Needed to build, not to run: the dashboard's libraries and its bundler are in web/dist
// already; ruru-types is the explorer's types (GraphiQL, Monaco: about 250 MB), while the
// explorer's page is ruru's prebuilt static/ folder; tsx runs TypeScript, the image runs
// JavaScript; `node` is the npm package's second Node.
const BUILD_ONLY = new Set(['ruru-types', 'esbuild', 'tsx', '@observablehq/plot', 'd3-geo', '@urql/core', 'node']);

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
const installed = (key) => key in lock && existsSync(key);

/** Node's lookup: node_modules/<name> beside the requiring package, then in each folder above. */
function resolve(from, name) {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (installed(key)) return key;
    if (!base) return null;
  }
}

const reached = new Set();
const queue = [''];
while (queue.length > 0) {
  const key = queue.pop();
  const entry = lock[key];
  const optionalPeers = new Set(Object.keys(entry.peerDependenciesMeta ?? {}).filter((name) => entry.peerDependenciesMeta[name].optional));
  const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name));
  const names = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers];
  for (const name of names) {
    if (BUILD_ONLY.has(name)) continue;
    const found = resolve(key, name);
    if (found && !reached.has(found)) {
      reached.add(found);
      queue.push(found);
    }
  }
}

let removed = 0;
for (const key of Object.keys(lock)) {
  if (!key || reached.has(key) || !existsSync(key)) continue;
  rmSync(key, { recursive: true, force: true });
  removed += 1;
}
console.log(`prune-runtime: kept ${reached.size} packages, removed ${removed}`);
