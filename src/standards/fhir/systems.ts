/**
 * The code and identifier systems the FHIR API writes, each declared once. NHS and HL7 UK
 * systems are from the HL7 UK identifier registry (data/standards/ukcore/identifier-systems);
 * where none is registered (ONS GSS codes, charity numbers, UPRNs, the hub's own codes) the
 * hub names one of its own under `HUB_SYSTEM`, a reserved `.example` domain: a name, not a page.
 */

export const ODS_ORGANIZATION_CODE = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const ODS_SITE_CODE = 'https://fhir.nhs.uk/Id/ods-site-code';

export const HUB_SYSTEM = 'https://integrated-care-hub.example/fhir';
export const ONS_GSS_CODE = `${HUB_SYSTEM}/Id/ons-gss-code`;
export const CHARITY_NUMBER = `${HUB_SYSTEM}/Id/charity-number`;
export const UPRN = `${HUB_SYSTEM}/Id/uprn`;
/** A row's key in a partner's own system: `<HUB_SYSTEM>/Id/source/<source>/<table>`. */
export const sourceKeySystem = (source: string, table: string): string => `${HUB_SYSTEM}/Id/source/${source}/${table}`;

/** `meta.tag`: each source a resource's facts come from, with its table and key. */
export const SOURCE_TAG = `${HUB_SYSTEM}/CodeSystem/source`;
/** `meta.source`: the source of a resource's first record (its only one, mostly). */
export const metaSourceOf = (source: string): string => `${HUB_SYSTEM}/source/${source}`;
/** HL7's code for test data: the tag a resource carries when any of its values were generated (synthetic). */
export const SYNTHETIC_TAG = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST', display: 'test health data' };

export const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
export const HUB_ORGANISATION_KIND = `${HUB_SYSTEM}/CodeSystem/organisation-kind`;
export const HUB_CARE_SETTING = `${HUB_SYSTEM}/CodeSystem/care-setting`;
export const HUB_LOCATION_KIND = `${HUB_SYSTEM}/CodeSystem/location-kind`;
export const ESTATE_STATUS_EXTENSION = `${HUB_SYSTEM}/StructureDefinition/estate-status`;
export const ORGANIZATION_PERIOD_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/organization-period';
export const ERROR_CODE = `${HUB_SYSTEM}/CodeSystem/error-code`;

export const UKCORE_PROFILE = {
  Organization: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization',
  Location: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Location',
  HealthcareService: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService',
} as const;
