import type { SourceLoaders } from '../loaders';
import type { PartnerSource } from '../sources/registry';
import type { EstateRecord, HubRecord, NativeRef, ServiceRecord } from './types';

/**
 * Reads one partner record by its native reference, through that source's batched loader,
 * and maps it into the shared model. The (source, table) pairs each kind can come from are
 * the record tables the configured sources' adapters declare (src/sources/kind.ts).
 */

export type EntityKind = 'ESTATE' | 'HUB' | 'SERVICE';
export const ENTITY_KINDS: readonly EntityKind[] = ['ESTATE', 'HUB', 'SERVICE'];

type RecordOf<K extends EntityKind> = K extends 'ESTATE' ? EstateRecord : K extends 'HUB' ? HubRecord : ServiceRecord;
type Reader = (loaders: SourceLoaders, key: string) => Promise<EstateRecord | HubRecord | ServiceRecord | null>;

// Per set of configured sources (one per hub), built on first use.
const readersOf = new WeakMap<readonly PartnerSource[], Map<string, Reader>>();

function readers(partners: readonly PartnerSource[]): Map<string, Reader> {
  let made = readersOf.get(partners);
  if (!made) {
    made = new Map(
      partners.flatMap(({ adapter: a }) => a.records.map((t) => [`${t.kind}:${a.source}.${t.table}`, t.read] as [string, Reader])),
    );
    readersOf.set(partners, made);
  }
  return made;
}

export function readRecord<K extends EntityKind>(kind: K, loaders: SourceLoaders, ref: NativeRef): Promise<RecordOf<K> | null> {
  const reader = readers(loaders.partners).get(`${kind}:${ref.source}.${ref.table}`);
  if (!reader) throw new Error(`No ${kind} reader for ${ref.source}.${ref.table}`);
  return reader(loaders, ref.key) as Promise<RecordOf<K> | null>; // the adapter declared this table for kind K
}
