import type { Loaders } from '../loaders';
import type { OrganisationModel, OrganisationPeriodModel } from './types';

/**
 * Organisations in time. The registry row holds an organisation as the documents recorded
 * it; its periods say what it was called, coded and of what kind on each date, and its
 * successions which organisation carried its work on after it closed.
 */

/** Today's date, for "as it is now". */
export const today = (): string => new Date().toISOString().slice(0, 10);

const covers = (p: { validFrom: string | null; validTo: string | null }, date: string): boolean =>
  (p.validFrom === null || p.validFrom <= date) && (p.validTo === null || date <= p.validTo);

/** The period in force on a date; null when the organisation did not exist then. */
export const periodAt = (periods: readonly OrganisationPeriodModel[], date: string): OrganisationPeriodModel | null =>
  periods.find((p) => covers(p, date)) ?? null;

/** The organisation's periods; one from its registry row where none are recorded (e.g. a GP practice). */
export async function periodsOf(loaders: Loaders, org: OrganisationModel): Promise<OrganisationPeriodModel[]> {
  const periods = await loaders.hub.periodsByOrganisation.load(org.id);
  if (periods.length) return periods;
  return [
    {
      organisationId: org.id,
      position: 1,
      validFrom: org.validFrom,
      validTo: org.validTo,
      name: org.name,
      kind: org.kind,
      odsCode: org.odsCode,
      gssCode: org.gssCode,
      statedIn: 'the registry record (no history recorded)',
      sources: org.sources,
    },
  ];
}

/** The period an organisation asked for as at a date shows; null when asked without a date. */
export async function shownPeriod(loaders: Loaders, org: OrganisationModel): Promise<OrganisationPeriodModel | null> {
  return org.asAt ? periodAt(await periodsOf(loaders, org), org.asAt) : null;
}

export const asAt = (org: OrganisationModel, date: string): OrganisationModel => ({ ...org, asAt: date });

/** The day after a date (a successor takes over the day after its predecessor closes). */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The day before a date. */
export function dayBefore(date: string): string {
  const previous = new Date(`${date}T00:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return previous.toISOString().slice(0, 10);
}

/** Successions are few and short; a cycle in bad data must not loop for ever. */
const MAX_SUCCESSIONS = 16;

/**
 * The organisation carrying this one's work on a date: itself while it is open then,
 * otherwise its successor's carrier (each succession effective by then), shown as at that date.
 */
export async function carrierAt(loaders: Loaders, org: OrganisationModel, date: string): Promise<OrganisationModel> {
  let current = org;
  for (let hop = 0; hop < MAX_SUCCESSIONS && current.validTo !== null && current.validTo < date; hop++) {
    const next = (await loaders.hub.successionsByPredecessor.load(current.id)).find((s) => s.effectiveOn <= date);
    const successor = next ? await loaders.hub.organisationById.load(next.successorId) : null;
    if (!successor) break;
    current = successor;
  }
  return asAt(current, date);
}
