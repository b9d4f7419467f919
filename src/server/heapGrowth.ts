import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection found alive. By its
 * own policy V8 may let the heap reach four times the live size before collecting again,
 * so a few pages of 100 localities in flight (about 150 MB alive) took the hub to 650 MB
 * of RSS. A fixed factor (`--heap-growing-percent`, 75: the next collection at 1.75 × the
 * live size) keeps a sustained mix under 400 MB at the price of more frequent
 * collections (docs/benchmarks.md, "Sustained load"). Unlike `--max-old-space-size` it is
 * no ceiling: a request that needs more memory still gets it instead of crashing the hub.
 * It is a V8 flag that `NODE_OPTIONS` does not accept, so it is set here, at start, before
 * the heap has grown; 0 leaves V8's own policy.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
