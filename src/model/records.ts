import type { SourceLoaders } from '../loaders';
import { commissionedServiceToRecord, gpHubToRecord } from '../sources/ccg/mapper';
import { careServiceToRecord, communityHubToRecord, propertyToRecord } from '../sources/council/mapper';
import { serviceLineToRecord, siteToRecord } from '../sources/trust/mapper';
import type { EstateRecord, HubRecord, NativeRef, ServiceRecord } from './types';

/**
 * Reads one partner record by its native reference, through that source's batched loader,
 * and maps it into the shared model. The (source, table) pairs each kind can come from
 * are listed here and nowhere else.
 */

type Reader<R> = (loaders: SourceLoaders, key: string) => Promise<R | null>;

const mapped =
  <Row, R>(load: (loaders: SourceLoaders, key: string) => Promise<Row | null>, map: (row: Row) => R): Reader<R> =>
  async (loaders, key) => {
    const row = await load(loaders, key);
    return row ? map(row) : null;
  };

const ESTATE_READERS: Record<string, Reader<EstateRecord>> = {
  'council.property': mapped((l, k) => l.council.propertyByRef.load(k), propertyToRecord),
  'trust.site': mapped((l, k) => l.trust.siteByCode.load(k), siteToRecord),
};

const HUB_READERS: Record<string, Reader<HubRecord>> = {
  'ccg.gp_hub': mapped((l, k) => l.ccg.gpHubByCode.load(k), gpHubToRecord),
  'council.community_hub': mapped((l, k) => l.council.communityHubByRef.load(k), communityHubToRecord),
};

const SERVICE_READERS: Record<string, Reader<ServiceRecord>> = {
  'ccg.commissioned_service': mapped((l, k) => l.ccg.serviceByCode.load(k), commissionedServiceToRecord),
  'council.care_service': mapped((l, k) => l.council.careServiceByRef.load(k), careServiceToRecord),
  'trust.service_line': mapped((l, k) => l.trust.serviceLineById.load(k), serviceLineToRecord),
};

export const RECORD_READERS = { ESTATE: ESTATE_READERS, HUB: HUB_READERS, SERVICE: SERVICE_READERS } as const;
export type EntityKind = keyof typeof RECORD_READERS;

export function readRecord<K extends EntityKind>(
  kind: K,
  loaders: SourceLoaders,
  ref: NativeRef,
): Promise<(K extends 'ESTATE' ? EstateRecord : K extends 'HUB' ? HubRecord : ServiceRecord) | null> {
  const reader = RECORD_READERS[kind][`${ref.source}.${ref.table}`];
  if (!reader) throw new Error(`No ${kind} reader for ${ref.source}.${ref.table}`);
  return reader(loaders, ref.key) as never; // the reader table is indexed by kind, so the record type matches K
}
