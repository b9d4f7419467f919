import type { SourceLoaders } from '../loaders';
import { loadPresent } from '../loaders/batch';
import { ccgPrimaryCare } from '../sources/ccg/kind';
import { practiceToOrganisation } from '../sources/ccg/mapper';
import { councilRegisters } from '../sources/council/kind';
import { wardToModel } from '../sources/council/mapper';
import type { OrganisationModel, WardModel } from './types';

const PRACTICE_ODS = /^[A-Z][0-9]{5}$/;

/** Every code an organisation is known by: ODS, GSS, charity number. */
export const codesOf = (o: OrganisationModel): string[] => [o.odsCode, o.gssCode, o.charityNumber].filter((c): c is string => c !== null);
const PRACTICE_ID_PREFIX = 'practice-';

/** An organisation by its hub id; `practice-<ods>` ids name practices from the CCG's list. */
export async function organisationForId(loaders: SourceLoaders, id: string): Promise<OrganisationModel | null> {
  const registered = await loaders.hub.organisationById.load(id);
  if (registered || !id.startsWith(PRACTICE_ID_PREFIX)) return registered;
  const practice = await loaders.every(ccgPrimaryCare).practiceByOds.load(id.slice(PRACTICE_ID_PREFIX.length).toUpperCase());
  return practice ? practiceToOrganisation(practice) : null;
}

/**
 * The organisation a partner's code names: the hub's registry first (ODS, GSS or charity
 * number); a GP practice's ODS code falls back to the CCG's practice list, so a practice
 * need not be registered to show as a provider.
 */
export async function organisationForCode(loaders: SourceLoaders, code: string | null): Promise<OrganisationModel | null> {
  if (!code) return null;
  const registered = await loaders.hub.organisationByCode.load(code);
  if (registered) return registered;
  if (!PRACTICE_ODS.test(code)) return null;
  const practice = await loaders.every(ccgPrimaryCare).practiceByOds.load(code);
  return practice ? practiceToOrganisation(practice) : null;
}

/** A ward from the council's register, found by GSS code or, failing that, by postcode. */
export async function wardFor(loaders: SourceLoaders, wardGss: string | null, postcode: string | null): Promise<WardModel | null> {
  const gss = wardGss ?? (postcode ? ((await loaders.hub.wardByPostcode.load(postcode))?.ward_gss ?? null) : null);
  if (!gss) return null;
  const row = await loaders.every(councilRegisters).wardByGss.load(gss);
  return row ? wardToModel(row) : null;
}

/** A locality's population: the sum of its wards' in the council's register; null if any ward has none. */
export async function localityPopulation(loaders: SourceLoaders, localityCode: string): Promise<number | null> {
  const locality = await loaders.hub.localityByCode.load(localityCode);
  if (!locality) return null;
  return populationOfLocality(loaders, locality.id);
}

export async function populationOfLocality(loaders: SourceLoaders, localityId: string): Promise<number | null> {
  const wards = await loaders.hub.wardsByLocality.load(localityId);
  const rows = await loadPresent(
    loaders.every(councilRegisters).wardByGss,
    wards.map((w) => w.ward_gss),
  );
  if (rows.length === 0 || rows.length < wards.length || rows.some((r) => r.population === null)) return null;
  return rows.reduce((sum, r) => sum + (r.population ?? 0), 0);
}
