import type { EstateModel, EstateRecord, HubKind, HubModel, HubRecord, Provenance, ServiceModel, ServiceRecord } from './types';

/**
 * How the hub merges what several partners say about one entity. The rule is the same for
 * every field: the most recently changed record that has a value wins. It is simple to
 * explain to partners, and a partner correcting its own row is seen at once. A source may
 * declare itself the authority on some fields of its records (`authorityFor`, declared by its
 * record table in src/sources/<kind>/kind.ts): there its value wins wherever it has one.
 */

interface Recorded {
  provenance: Provenance;
  authorityFor?: readonly PropertyKey[];
}

function newestFirst<R extends Recorded>(records: readonly R[]): readonly R[] {
  if (records.length < 2) return records;
  return [...records].sort((a, b) => b.provenance.lastChangedAt.getTime() - a.provenance.lastChangedAt.getTime());
}

/** The merge rule for one field: the newest record's value, skipping records without one. */
export const pick = <R extends Recorded, K extends keyof R>(records: readonly R[], field: K): NonNullable<R[K]> | null =>
  firstPresent(newestFirst(records), field);

/** The first non-null value of a field in records already sorted newest first, an authority's on it before any other's. */
function firstPresent<R extends Recorded, K extends keyof R>(newest: readonly R[], field: K): NonNullable<R[K]> | null {
  const isAuthority = (r: R) => r.authorityFor?.includes(field) === true;
  return (newest.some(isAuthority) ? newestValue(newest.filter(isAuthority), field) : null) ?? newestValue(newest, field);
}

function newestValue<R extends Recorded, K extends keyof R>(newest: readonly R[], field: K): NonNullable<R[K]> | null {
  for (const record of newest) {
    const value = record[field];
    if (value !== null && value !== undefined) return value as NonNullable<R[K]>;
  }
  return null;
}

function requirePick<R extends Recorded, K extends keyof R>(newest: readonly R[], field: K, what: string): NonNullable<R[K]> {
  const value = firstPresent(newest, field);
  if (value === null) throw new Error(`${what} has no ${String(field)} in any of its source records`);
  return value;
}

export const sourcesOf = (entity: { records: readonly Recorded[] }): Provenance[] => entity.records.map((r) => r.provenance);

/** Views are asked for once per field; compute each entity's view once. */
function memoised<T extends object, V>(compute: (entity: T) => V): (entity: T) => V {
  const cache = new WeakMap<T, V>();
  return (entity) => {
    if (!cache.has(entity)) cache.set(entity, compute(entity));
    return cache.get(entity)!;
  };
}

/** How a caller may read one record of an estate (src/auth/records.ts withholds fields it does not share). */
export type RecordView = (record: EstateRecord) => EstateRecord;

const estateViews = new WeakMap<RecordView, (estate: EstateModel) => ReturnType<typeof mergeEstate>>();

/** An estate as the caller sees it: its records as `readable` lets the caller read them, merged; made once per caller's view. */
export function estateView(estate: EstateModel, readable: RecordView) {
  let view = estateViews.get(readable);
  if (!view) estateViews.set(readable, (view = memoised((e: EstateModel) => mergeEstate(e.records.map(readable), e.id))));
  return view(estate);
}

function mergeEstate(records: readonly EstateRecord[], id: string) {
  const r = newestFirst<EstateRecord>(records);
  return {
    name: requirePick(r, 'name', `Estate ${id}`),
    uprn: firstPresent(r, 'uprn'),
    odsSiteCodes: [...new Set(r.flatMap((x) => (x.odsSiteCode ? [x.odsSiteCode] : [])))].sort(),
    address: firstPresent(r, 'address'),
    postcode: firstPresent(r, 'postcode'),
    wardGss: firstPresent(r, 'wardGss'),
    // A council's property register records ownership; a trust's site list records the trust
    // that runs the site. Where both know a building, the register's owner wins (its `authorityFor`).
    ownerName: firstPresent(r, 'ownerName'),
    ownerCode: firstPresent(r, 'ownerCode'),
    tenure: firstPresent(r, 'tenure'),
    currentUse: firstPresent(r, 'currentUse'),
    // Null only where every record that has one is withheld from the caller.
    status: firstPresent(r, 'status'),
    proposedReuse: firstPresent(r, 'proposedReuse'),
  };
}

export const hubView = memoised(function hubView(hub: HubModel) {
  const r = newestFirst<HubRecord>(hub.records);
  const kinds: HubKind[] = [...new Set(r.map((x) => x.kind))].sort();
  return {
    name: requirePick(r, 'name', `Hub ${hub.id}`),
    kinds,
    status: requirePick(r, 'status', `Hub ${hub.id}`),
    openedOn: firstPresent(r, 'openedOn'),
    openedText: firstPresent(r, 'openedText'),
    openingCreditedTo: firstPresent(r, 'openingCreditedTo'),
    odsCode: firstPresent(r, 'odsCode'),
    openingHours: firstPresent(r, 'openingHours'),
    sevenDayAccess: firstPresent(r, 'sevenDayAccess'),
    postcode: firstPresent(r, 'postcode'),
    wardGss: firstPresent(r, 'wardGss'),
  };
});

export const serviceView = memoised(function serviceView(service: ServiceModel) {
  const r = newestFirst<ServiceRecord>(service.records);
  return {
    name: requirePick(r, 'name', `Service ${service.id}`),
    careSetting: requirePick(r, 'careSetting', `Service ${service.id}`),
    cohort: firstPresent(r, 'cohort'),
    daysOfOperation: firstPresent(r, 'daysOfOperation'),
    fundingStream: firstPresent(r, 'fundingStream'),
    providerCode: firstPresent(r, 'providerCode'),
    commissionerCode: firstPresent(r, 'commissionerCode'),
    hubRef: firstPresent(r, 'hubRef'),
    estateRef: firstPresent(r, 'estateRef'),
    postcode: firstPresent(r, 'postcode'),
    wardGss: firstPresent(r, 'wardGss'),
  };
});
