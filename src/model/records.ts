import type { SourceLoaders } from '../loaders';
import { SOURCE_ADAPTERS } from '../sources/adapters';
import type { EstateRecord, HubRecord, NativeRef, ServiceRecord } from './types';

/**
 * Reads one partner record by its native reference, through that source's batched loader,
 * and maps it into the shared model. The (source, table) pairs each kind can come from are
 * the record tables the source adapters declare (src/sources/adapters.ts).
 */

export type EntityKind = 'ESTATE' | 'HUB' | 'SERVICE';
export const ENTITY_KINDS: readonly EntityKind[] = ['ESTATE', 'HUB', 'SERVICE'];

type RecordOf<K extends EntityKind> = K extends 'ESTATE' ? EstateRecord : K extends 'HUB' ? HubRecord : ServiceRecord;
type Reader = (loaders: SourceLoaders, key: string) => Promise<EstateRecord | HubRecord | ServiceRecord | null>;

const READERS = new Map<string, Reader>(
  SOURCE_ADAPTERS.flatMap((a) => a.records.map((t) => [`${t.kind}:${a.source}.${t.table}`, t.read] as [string, Reader])),
);

export function readRecord<K extends EntityKind>(kind: K, loaders: SourceLoaders, ref: NativeRef): Promise<RecordOf<K> | null> {
  const reader = READERS.get(`${kind}:${ref.source}.${ref.table}`);
  if (!reader) throw new Error(`No ${kind} reader for ${ref.source}.${ref.table}`);
  return reader(loaders, ref.key) as Promise<RecordOf<K> | null>; // the adapter declared this table for kind K
}
