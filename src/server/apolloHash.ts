import { createHash, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * Apollo Server hashes every request's query text (the key of its parsed-document cache)
 * through `@apollo/utils.createhash`, which finds Node's crypto module by calling
 * `module.require('crypto')` on every request: a module resolution each time, and under
 * tsx's resolve hooks (`npm start`, the benchmark) a dear one, 3–4% of the CPU of a
 * `{ __typename }` request. The same hash from the crypto module loaded once, put in the
 * copy of that package Apollo Server itself loads (it is Apollo's dependency, not ours).
 */
let replaced = false;

/** Once per process: every hub a process starts shares Apollo's module. */
export function hashWithCryptoLoadedOnce(): void {
  if (replaced) return;
  replaced = true;
  const apolloRequire = createRequire(require.resolve('@apollo/server'));
  const hashing = apolloRequire('@apollo/utils.createhash') as { createHash: (kind: string) => Hash };
  hashing.createHash = (kind) => createHash(kind);
}
