import type { SourceAdapter } from './adapter';
import { ccgAdapter } from './ccg/adapter';
import { councilAdapter } from './council/adapter';
import { trustAdapter } from './trust/adapter';

/** Every partner source the shared model reads: one line each. */
export const SOURCE_ADAPTERS: readonly SourceAdapter[] = [ccgAdapter, councilAdapter, trustAdapter];
