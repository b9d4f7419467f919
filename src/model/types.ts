/**
 * The shared model as the hub holds it in memory: what resolvers receive as parents
 * (codegen maps each GraphQL type to one of these). Partner-specific shapes never leak
 * past the source adapters in src/sources/.
 */

export interface Provenance {
  /** The configured source's id (`hub` for the hub's registry). */
  source: string;
  /** Its adapter kind (src/sources/kinds.ts), or `hub-registry`. */
  kind: string;
  table: string;
  nativeKey: string;
  lastChangedAt: Date;
  /** The row's values were generated (demo data), not recorded by the source. Absent: recorded. */
  synthetic?: boolean;
}

/** SUB_ICB_LOCATION: only in an organisation's history (what a CCG became in 2022); registry rows keep the kind recorded. */
export type OrganisationKind = 'CCG' | 'COUNCIL' | 'NHS_TRUST' | 'VOLUNTARY' | 'GP_PRACTICE' | 'OTHER' | 'SUB_ICB_LOCATION';

export interface OrganisationModel {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  sector: 'STATUTORY' | 'VOLUNTARY';
  odsCode: string | null;
  gssCode: string | null;
  charityNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
  sources: Provenance[];
  /** Asked for as at this date: name, kind and codes are then those in force on it (see organisationsInTime). */
  asAt?: string;
}

/** What an organisation was called, coded and of what kind over one period. */
export interface OrganisationPeriodModel {
  organisationId: string;
  position: number;
  validFrom: string | null;
  validTo: string | null;
  name: string;
  kind: OrganisationKind;
  odsCode: string | null;
  gssCode: string | null;
  statedIn: string;
  sources: Provenance[];
}

export interface SuccessionModel {
  predecessorId: string;
  successorId: string;
  effectiveOn: string;
  kind: 'MERGER' | 'TRANSFER' | 'REORGANISATION';
  description: string | null;
  statedIn: string;
  sources: Provenance[];
}

export interface PartnershipModel {
  id: string;
  name: string;
  shortName: string | null;
  governanceBody: string | null;
  reportsTo: string[];
  description: string | null;
  sources: Provenance[];
}

export interface AgreementModel {
  id: string;
  partnershipId: string;
  kind: 'MOU' | 'ALLIANCE_AGREEMENT' | 'SECTION_75';
  title: string;
  status: 'PLANNED' | 'DRAFT' | 'FINAL' | 'SIGNED';
  legallyBinding: boolean;
  agreedOn: string | null;
  agreedText: string | null;
  reviewCycle: string | null;
  firstReviewOn: string | null;
  principles: string[];
  objectives: string[];
  sourceDocument: string | null;
  reviewedBy: string | null;
  operationalPeriod: string | null;
  expectedText: string | null;
  expectedOn: string | null;
  consideredBy: string[];
  sources: Provenance[];
}

export interface SignatoryModel {
  /** `<agreementId>/<position>` */
  id: string;
  agreementId: string;
  position: number;
  personName: string | null;
  role: string | null;
  organisationId: string;
  sources: Provenance[];
}

export interface LocalityModel {
  id: string;
  code: string;
  name: string;
  placeGssCode: string;
  partnershipId: string | null;
  description: string | null;
  /** ODS code of the primary care network the locality corresponds to, where it does. */
  pcnCode: string | null;
  /** What is piloted in the locality, where something is. */
  pilot: string | null;
  sources: Provenance[];
}

export interface WardModel {
  id: string;
  gssCode: string;
  name: string;
  localAuthorityGssCode: string;
  population: number | null;
  sources: Provenance[];
}

/**
 * A ward as the hub's registry knows it, by code alone: a locality's wards when the answer
 * asks nothing the council's register holds (`Locality.wards`), so the council is not
 * asked at all. Should one of its other fields be asked after all, it is read then.
 */
export interface WardCode {
  id: string;
  gssCode: string;
}

export type WardView = WardModel | WardCode;

/** A reference to one row in one partner source: the unit the identity crosswalk links. */
export interface NativeRef {
  /** The configured source's id. */
  source: string;
  table: string;
  key: string;
}

export type HubKind = 'GP_HUB' | 'COMMUNITY_HUB';
export type HubStatus = 'PLANNED' | 'OPEN' | 'CLOSED';

/** What one partner source says about a hub. */
export interface HubRecord {
  ref: NativeRef;
  provenance: Provenance;
  /**
   * The fields this record's source is the authority on (its record table's `authorityFor`,
   * src/sources/adapter.ts): merged, its value wins over a newer record's (src/model/merge.ts).
   */
  authorityFor?: readonly (keyof HubRecord)[];
  kind: HubKind;
  name: string;
  status: HubStatus;
  openedOn: string | null;
  openedText: string | null;
  /** The reporting period a document credits the opening to (e.g. 2014/15), beside the real date. */
  openingCreditedTo: string | null;
  /** The hub's own ODS code (a GP hub's prescribing cost centre). */
  odsCode: string | null;
  openingHours: string | null;
  sevenDayAccess: boolean | null;
  postcode: string | null;
  wardGss: string | null;
}

export interface HubModel {
  id: string;
  records: HubRecord[];
}

export type CareSetting = 'PRIMARY' | 'COMMUNITY' | 'ACUTE' | 'MENTAL_HEALTH' | 'SOCIAL_CARE' | 'VOLUNTARY';

/** What one partner source says about a service. */
export interface ServiceRecord {
  ref: NativeRef;
  provenance: Provenance;
  /**
   * The fields this record's source is the authority on (its record table's `authorityFor`,
   * src/sources/adapter.ts): merged, its value wins over a newer record's (src/model/merge.ts).
   */
  authorityFor?: readonly (keyof ServiceRecord)[];
  name: string;
  careSetting: CareSetting;
  cohort: string | null;
  daysOfOperation: string | null;
  fundingStream: string | null;
  providerCode: string | null;
  /** The commissioner as the source names it (CCG ODS code, council GSS code); null for trust service lines. */
  commissionerCode: string | null;
  /** The hub the service runs from, as the same source keys it. */
  hubRef: NativeRef | null;
  /** The estate the service runs from, as the same source keys it. */
  estateRef: NativeRef | null;
  postcode: string | null;
  wardGss: string | null;
}

export interface ServiceModel {
  id: string;
  records: ServiceRecord[];
}

export type EstateStatus = 'IN_USE' | 'VACANT' | 'SURPLUS' | 'PLANNED_DISPOSAL' | 'LAND_SWAP' | 'PLANNED' | 'CLOSED';

/** What one partner register says about a piece of land or a building. */
export interface EstateRecord {
  ref: NativeRef;
  provenance: Provenance;
  /**
   * The fields this record's source is the authority on (its record table's `authorityFor`,
   * src/sources/adapter.ts): merged, its value wins over a newer record's (src/model/merge.ts).
   */
  authorityFor?: readonly (keyof EstateRecord)[];
  name: string;
  uprn: string | null;
  odsSiteCode: string | null;
  address: string | null;
  postcode: string | null;
  wardGss: string | null;
  ownerName: string | null;
  ownerCode: string | null;
  tenure: string | null;
  currentUse: string | null;
  /** Null only as withheld from a caller its holder does not share disposal plans with, where no status was public before. */
  status: EstateStatus | null;
  /** The last status of the record that was not a disposal plan, kept by its database; null where there never was one. */
  publicStatus: EstateStatus | null;
  proposedReuse: string | null;
}

export interface EstateModel {
  id: string;
  records: EstateRecord[];
}

/** A page of a list, built by src/graphql/connection.ts. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface IngestRunModel {
  id: string;
  source: string;
  table: string;
  fileName: string;
  checksum: string;
  mode: 'DELTA' | 'FULL';
  skipInvalid: boolean;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABANDONED';
  error: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  completeness: number | null;
  validity: number | null;
  runBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface DataQualityModel {
  source: string;
  table: string;
  completeness: number | null;
  validity: number | null;
  lastRun: IngestRunModel;
}
