import type { SourceName } from '../../src/config/config';
import { serveChild } from '../childServer';
import { FloorDb } from './db';
import { startFloorServer } from './server';

/**
 * The SQL floor in a child process of bench/run.ts (`ChildServer`): its CPU and peak RSS are
 * then its own, not added to the hub's, which serves from the benchmark's process.
 */

export interface FloorStart {
  urls: Record<SourceName, string>;
  poolMax: number;
}

if (require.main === module)
  serveChild(async (message: FloorStart) => (await startFloorServer(await FloorDb.open(message.urls, message.poolMax))).url);
