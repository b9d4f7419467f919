import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the hub's package.json, where schema/, data/demo/, docs/ and web/ are.
 * Found by walking up, so it is the same whether the code runs from src/ (tsx), from the
 * build's build/src/ (`node build/src/main.js`) or from the image's /app/src/.
 */
export function packageRootOf(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}: run the hub from its package.`);
  }
}

export const PACKAGE_ROOT = packageRootOf(__dirname);
