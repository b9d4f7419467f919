import type { SourceLoaders } from '../loaders';
import { loadPresent } from '../loaders/batch';
import type { OrganisationModel, WardModel } from './types';

/** Every code an organisation is known by: ODS, GSS, charity number. */
export const codesOf = (o: OrganisationModel): string[] => [o.odsCode, o.gssCode, o.charityNumber].filter((c): c is string => c !== null);

/** The sources that hold organisations of their own (src/sources/capabilities.ts), e.g. a CCG's GP practices. */
const organisationHolders = (loaders: SourceLoaders) =>
  loaders.partners.flatMap((p) => (p.adapter.organisations ? [p.adapter.organisations] : []));

/** An organisation by its hub id; an id a source gives one of its own (`practice-<ods>`) names it in that source. */
export async function organisationForId(loaders: SourceLoaders, id: string): Promise<OrganisationModel | null> {
  const registered = await loaders.hub.organisationById.load(id);
  if (registered) return registered;
  const code = organisationHolders(loaders)
    .map((held) => held.codeOfId(id))
    .find((c) => c !== null);
  return code ? loaders.across('organisations').organisationByCode.load(code) : null;
}

/**
 * The organisation a partner's code names: the hub's registry first (ODS, GSS or charity
 * number); a code of the form a source keys its own organisations by (a GP practice's ODS
 * code) falls back to those sources, so a practice need not be registered to show as a provider.
 */
export async function organisationForCode(loaders: SourceLoaders, code: string | null): Promise<OrganisationModel | null> {
  if (!code) return null;
  const registered = await loaders.hub.organisationByCode.load(code);
  if (registered) return registered;
  if (!organisationHolders(loaders).some((held) => held.holdsCode(code))) return null;
  return loaders.across('organisations').organisationByCode.load(code);
}

/** A ward from the register of a source that describes areas, found by GSS code or, failing that, by postcode. */
export async function wardFor(loaders: SourceLoaders, wardGss: string | null, postcode: string | null): Promise<WardModel | null> {
  const gss = wardGss ?? (postcode ? ((await loaders.hub.wardByPostcode.load(postcode))?.ward_gss ?? null) : null);
  if (!gss) return null;
  return loaders.across('areas').wardByGss.load(gss);
}

/** A locality's population: the sum of its wards' in the areas' registers; null if any ward has none. */
export async function localityPopulation(loaders: SourceLoaders, localityCode: string): Promise<number | null> {
  const locality = await loaders.hub.localityByCode.load(localityCode);
  if (!locality) return null;
  return populationOfLocality(loaders, locality.id);
}

export async function populationOfLocality(loaders: SourceLoaders, localityId: string): Promise<number | null> {
  const wards = await loaders.hub.wardsByLocality.load(localityId);
  const rows = await loadPresent(
    loaders.across('areas').wardByGss,
    wards.map((w) => w.ward_gss),
  );
  if (rows.length === 0 || rows.length < wards.length || rows.some((r) => r.population === null)) return null;
  return rows.reduce((sum, r) => sum + (r.population ?? 0), 0);
}
