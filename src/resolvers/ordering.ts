import {
  connectionFromList,
  connectionFromOrdered,
  withNodes,
  type Connection,
  type PageArgs,
  type SortTuple,
} from '../graphql/connection';
import { organisationForCode } from '../model/lookups';
import { estateRecordsFor } from '../auth/records';
import { estateView } from '../model/merge';
import { fullServices, type FoundServices, type ServiceCandidate } from '../model/search';
import type { EstateModel, ServiceModel } from '../model/types';
import type { HubContext } from '../server/context';

/** Pages services or estates in the order asked for (by id when none is). */

export interface OrderArgs<F extends string> {
  field: F;
  direction?: 'ASC' | 'DESC' | null;
}

const lower = (text: string | null | undefined): string | null => (text == null ? null : text.toLowerCase());

async function page<T extends { id: string }>(
  ctx: HubContext,
  items: T[],
  orderBy: OrderArgs<string> | null | undefined,
  args: PageArgs,
  values: (items: T[]) => Promise<(string | null)[]> | (string | null)[],
): Promise<Connection<T>> {
  if (!orderBy) return connectionFromList(items, (i) => i.id, args, ctx.limits);
  const sortValues = await values(items);
  const tuples = new Map(items.map((item, i): [T, SortTuple] => [item, [sortValues[i] ?? null, item.id]]));
  return connectionFromOrdered(items, (item) => tuples.get(item)!, orderBy.direction ?? 'ASC', args, ctx.limits);
}

/**
 * Pages the services a filter found, then builds the full entities of the page only. By
 * name, the search reads the page from the sources where it can tell it is exact;
 * otherwise every candidate is ordered here, by its merged name, care setting or provider
 * code, which the search already has.
 */
export async function pageServices(
  ctx: HubContext,
  found: FoundServices,
  orderBy: OrderArgs<'NAME' | 'PROVIDER_NAME' | 'CARE_SETTING'> | null | undefined,
  args: PageArgs,
): Promise<Connection<ServiceModel>> {
  const paged = orderBy?.field === 'NAME' && found.pageByName ? await found.pageByName(orderBy.direction ?? 'ASC', args) : null;
  const candidates = paged ?? (await page(ctx, await found.candidates(), orderBy, args, (items) => serviceSortValues(ctx, orderBy, items)));
  return withNodes(candidates, await fullServices(ctx, candidates.nodes));
}

async function serviceSortValues(
  ctx: HubContext,
  orderBy: OrderArgs<'NAME' | 'PROVIDER_NAME' | 'CARE_SETTING'> | null | undefined,
  items: ServiceCandidate[],
): Promise<(string | null)[]> {
  switch (orderBy?.field) {
    case 'PROVIDER_NAME': {
      const providers = await Promise.all(items.map((s) => organisationForCode(ctx.loaders, s.view.providerCode)));
      return providers.map((p) => lower(p?.name));
    }
    case 'CARE_SETTING':
      return items.map((s) => s.view.careSetting);
    default:
      return items.map((s) => lower(s.view.name));
  }
}

export function pageEstates(
  ctx: HubContext,
  estates: EstateModel[],
  orderBy: OrderArgs<'NAME' | 'OWNER_NAME'> | null | undefined,
  args: PageArgs,
): Promise<Connection<EstateModel>> {
  return page(ctx, estates, orderBy, args, async (items) => {
    if (orderBy?.field !== 'OWNER_NAME') return items.map((e) => lower(estateView(e, estateRecordsFor(ctx)).name));
    const owners = await Promise.all(items.map((e) => organisationForCode(ctx.loaders, estateView(e, estateRecordsFor(ctx)).ownerCode)));
    return owners.map((o, i) => lower(o?.name ?? estateView(items[i]!, estateRecordsFor(ctx)).ownerName));
  });
}
