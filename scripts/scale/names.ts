/**
 * Identifiers and names of the synthetic dataset. Every code satisfies the migrations'
 * CHECK constraints and every name starts with "Synthetic ", so no generated row can be
 * mistaken for real data (the generator refuses to overwrite databases holding anything
 * else). Codes sit in ranges real bodies do not use where the format allows (GSS `…9nnnnn`,
 * postcode area `ZZ`).
 */

export const SYNTHETIC = 'Synthetic';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const base36 = (n: number, width: number): string => n.toString(36).toUpperCase().padStart(width, '0');

/** Returns n, or throws when n does not fit the code format. */
function within(n: number, limit: number, what: string): number {
  if (n >= limit) throw new Error(`Too many ${what} for the code format (limit ${limit}); generate fewer localities.`);
  return n;
}

/** Numbers are 1-based in codes and names. */
export const codes = {
  localityId: (n: number) => `synthetic-locality-${pad(n, 4)}`,
  localityCode: (n: number) => `SYN-L${pad(n, 4)}`,
  /** `^E05[0-9]{6}$`: E059nnnnn. */
  ward: (n: number) => `E059${pad(within(n, 100_000, 'wards'), 5)}`,
  /** `^E0[6-9][0-9]{6}$`: E06…E09 by council type, then 9nnnnn. */
  lad: (n: number, type: CouncilType) => `E0${COUNCIL_TYPES[type].digit}9${pad(within(n, 100_000, 'councils'), 5)}`,
  ccg: (n: number) => `Q${base36(within(n, 36 * 36, 'CCGs'), 2)}`,
  ccgGss: (n: number) => `E389${pad(n, 5)}`,
  /** `^[A-Z0-9]{3}$`. */
  trust: (n: number) => `Z${base36(within(n, 36 * 36, 'trusts'), 2)}`,
  /** `^[A-Z0-9]{5}$`: the trust's code and a two-character sequence within it. */
  site: (trustOds: string, n: number) => `${trustOds}${base36(within(n, 36 * 36, `sites of trust ${trustOds}`), 2)}`,
  /** `^[A-Z][0-9]{5}$`. */
  practice: (n: number) => `V${pad(within(n, 100_000, 'practices'), 5)}`,
  pcn: (n: number) => `U9${pad(n, 4)}`,
  charity: (n: number) => `99${pad(n, 5)}`,
  gpHub: (ccgOds: string, n: number) => `${ccgOds}-HUB-${pad(n, 5)}`,
  communityHub: (n: number) => `SYN-CH-${pad(n, 5)}`,
  property: (n: number) => `SYN-PROP-${pad(n, 6)}`,
  /** `^[0-9]{1,12}$`. */
  uprn: (n: number) => `9${pad(n, 11)}`,
  estateEntity: (n: number) => `synthetic-estate-${pad(n, 6)}`,
  ccgService: (ccgOds: string, n: number) => `${ccgOds}-SVC-${pad(n, 6)}`,
  careService: (n: number) => `SYN-CS-${pad(n, 6)}`,
  serviceLine: (trustOds: string, n: number) => `${trustOds}-SL-${pad(n, 6)}`,
};

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The k-th synthetic postcode of ward n: area ZZ (not a real postcode area), one space. */
export function postcode(wardNo: number, k: number): string {
  within(k, 4000, 'postcodes in one ward');
  const unit = k % 400;
  const sector = Math.floor(k / 400);
  return `ZZ${wardNo} ${sector}${INWARD_LETTERS[Math.floor(unit / 20)]}${INWARD_LETTERS[unit % 20]}`;
}

export type CouncilType = 'UNITARY' | 'DISTRICT' | 'METROPOLITAN' | 'LONDON';

export const COUNCIL_TYPES: Record<CouncilType, { digit: number; name: string }> = {
  UNITARY: { digit: 6, name: 'Unitary Council' },
  DISTRICT: { digit: 7, name: 'District Council' },
  METROPOLITAN: { digit: 8, name: 'Metropolitan Borough Council' },
  LONDON: { digit: 9, name: 'London Borough Council' },
};

export const names = {
  locality: (n: number) => `${SYNTHETIC} Locality ${pad(n, 4)}`,
  ward: (n: number) => `${SYNTHETIC} Ward ${pad(n, 5)}`,
  council: (n: number, type: CouncilType) => `${SYNTHETIC} ${COUNCIL_TYPES[type].name} ${pad(n, 3)}`,
  ccg: (n: number) => `${SYNTHETIC} Integrated Care Board ${pad(n, 2)}`,
  trust: (n: number, foundation: boolean) => `${SYNTHETIC} NHS ${foundation ? 'Foundation ' : ''}Trust ${pad(n, 3)}`,
  voluntary: (n: number) => `${SYNTHETIC} Voluntary Action ${pad(n, 3)}`,
  partnership: (n: number) => `${SYNTHETIC} Place Partnership ${pad(n, 3)}`,
  board: (n: number) => `${SYNTHETIC} Health and Wellbeing Board ${pad(n, 3)}`,
  practice: (ods: string) => `${SYNTHETIC} Practice ${ods}`,
  gpHub: (localityNo: number, k: number) => `${SYNTHETIC} GP Hub ${pad(localityNo, 4)}-${k}`,
  communityHub: (localityNo: number, k: number) => `${SYNTHETIC} Community Hub ${pad(localityNo, 4)}-${k}`,
  estate: (use: string, n: number) => `${SYNTHETIC} ${use} ${pad(n, 6)}`,
  service: (kind: string, n: number) => `${SYNTHETIC} ${kind} ${pad(n, 6)}`,
  address: (n: number, localityNo: number) => `${n} ${SYNTHETIC} Street, ${SYNTHETIC} Town ${pad(localityNo, 4)}`,
};

/** What each care setting's services are called (the name's middle part). */
export const SERVICE_KINDS: Record<string, readonly string[]> = {
  PRIMARY: ['Extended Access Clinic', 'Minor Illness Clinic', 'Long-term Conditions Clinic', 'Phlebotomy Service'],
  COMMUNITY: ['District Nursing Service', 'Community Physiotherapy', 'Podiatry Service', 'Falls Prevention Service'],
  ACUTE: ['Outpatient Clinic', 'Day Surgery Unit', 'Diagnostic Imaging Service'],
  MENTAL_HEALTH: ['Talking Therapies Service', 'Community Mental Health Team', 'Memory Clinic'],
  SOCIAL_CARE: ['Reablement Service', 'Home Care Service', 'Carers Support Service', 'Day Opportunities Service'],
  VOLUNTARY: ['Social Prescribing Service', 'Befriending Service', 'Community Transport Service'],
};

export const ESTATE_USES = [
  'Health Centre',
  'Community Hospital',
  'Clinic',
  'Library',
  'Civic Office',
  'Community Centre',
  'Depot',
  'Care Home',
] as const;
