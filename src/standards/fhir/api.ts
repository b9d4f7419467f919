import type { ApolloServer } from '@apollo/server';
import type { Bundle, BundleEntry, BundleLink, CapabilityStatement } from '@medplum/fhirtypes';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { PageLimits } from '../../graphql/connection';
import type { HubContext } from '../../server/context';
import { operationRunner, StandardsError, uniqueOutages, type Answer, type Outage, type RunOperation } from '../graphql';
import { parseResourceId } from '../ids';
import { FHIR_JSON, operationOutcome, outageOutcome, outcomesForRefusals } from './outcome';
import {
  loadHealthcareServices,
  loadLocations,
  loadOrganizations,
  LOCATION_ID_KINDS,
  ORGANIZATION_ID_KINDS,
  SERVICE_ID_KINDS,
  type HubResource,
  type ResourceType,
} from './resources';
import { INCLUDES, RESULT_PARAMS, SEARCH_PARAMS, type SearchParam } from './search';
import { UKCORE_PROFILE } from './systems';

/**
 * FHIR R4 (UK Core) at `/fhir/R4`: read and search of Organization, Location and
 * HealthcareService, and the CapabilityStatement at `/metadata`. Behind the same admission as
 * `/graphql` (rate limits, authentication), each request reads through GraphQL operations run
 * with the request's context (src/standards/graphql.ts).
 */

export interface StandardsApiDeps {
  apollo: ApolloServer<HubContext>;
  /** The middleware `/graphql` runs first: address and caller rate limits, authentication, admission. */
  admitted: RequestHandler[];
  contextFor(res: Response): HubContext;
  limits: PageLimits;
}

const TYPES: Record<
  ResourceType,
  { idKinds: readonly string[]; load: (run: RunOperation, pageSize: number) => Promise<Answer<HubResource[]>> }
> = {
  Organization: { idKinds: ORGANIZATION_ID_KINDS, load: loadOrganizations },
  Location: { idKinds: LOCATION_ID_KINDS, load: loadLocations },
  HealthcareService: { idKinds: SERVICE_ID_KINDS, load: loadHealthcareServices },
};

/** The date the CapabilityStatement was last changed: change it with the statement. */
const CAPABILITY_DATE = '2026-01-31';

function resourceTypeOf(name: string): ResourceType {
  if (Object.hasOwn(TYPES, name)) return name as ResourceType;
  throw new StandardsError(
    'NOT_FOUND',
    404,
    `This server has no resource type "${name}". It serves: ${Object.keys(TYPES).join(', ')}.`,
    'type',
  );
}

/** Each type loaded at most once per request, however many includes ask for it. */
function loaderFor(run: RunOperation, pageSize: number) {
  const loaded = new Map<ResourceType, Promise<Answer<HubResource[]>>>();
  return (type: ResourceType): Promise<Answer<HubResource[]>> => {
    let answer = loaded.get(type);
    if (!answer) loaded.set(type, (answer = TYPES[type].load(run, pageSize)));
    return answer;
  };
}

export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CAPABILITY_DATE,
    publisher: 'The integrated care hub',
    kind: 'instance',
    implementation: { description: "The integrated care hub's joined model as FHIR R4 (UK Core)", url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read and search only. Results: _count (capped at the hub page size), _include as listed, paging by the Bundle next link. ' +
          'A parameter not listed here is refused with 400, not ignored.',
        security: {
          description:
            'Anonymous callers get the public view; partners send an API key (x-api-key) or a bearer token from their identity provider. ' +
            'Partner-only data is withheld from callers who may not read it, as on /graphql.',
        },
        resource: (Object.keys(TYPES) as ResourceType[]).map((type) => ({
          type,
          profile: UKCORE_PROFILE[type],
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchInclude: Object.keys(INCLUDES[type]).map((name) => `${type}:${name}`),
          searchParam: SEARCH_PARAMS[type].map(({ name, type: kind, documentation }) => ({ name, type: kind, documentation })),
        })),
      },
    ],
  };
}

interface Criterion {
  param: SearchParam;
  modifier: string | null;
  alternatives: string[];
}

interface SearchRequest {
  criteria: Criterion[];
  count: number;
  offset: number;
  includes: { name: string; target: ResourceType }[];
}

const valuesOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

function nonNegativeInteger(name: string, text: string): number {
  if (!/^\d{1,9}$/.test(text))
    throw new StandardsError('BAD_USER_INPUT', 400, `${name} must be a whole number of 0 or more, not "${text}".`, name);
  return Number(text);
}

function parseSearch(type: ResourceType, query: Request['query'], limits: PageLimits): SearchRequest {
  const search: SearchRequest = { criteria: [], count: limits.defaultPageSize, offset: 0, includes: [] };
  for (const [key, raw] of Object.entries(query)) {
    const [name = '', modifier = null] = key.split(':', 2);
    const values = valuesOf(raw);
    if ((RESULT_PARAMS as readonly string[]).includes(name)) {
      if (modifier) throw new StandardsError('BAD_USER_INPUT', 400, `${name} takes no modifier.`, key);
      applyResultParam(type, search, name, values, limits);
      continue;
    }
    const param = SEARCH_PARAMS[type].find((p) => p.name === name);
    if (!param)
      throw new StandardsError(
        'BAD_USER_INPUT',
        400,
        `${type} has no search parameter "${name}". It has: ${SEARCH_PARAMS[type].map((p) => p.name).join(', ')} (and ${RESULT_PARAMS.join(', ')}).`,
        name,
      );
    if (modifier && !(param.type === 'string' && (modifier === 'contains' || modifier === 'exact')))
      throw new StandardsError('BAD_USER_INPUT', 400, `The modifier :${modifier} is not supported on ${name}.`, key);
    for (const value of values) {
      const alternatives = value.split(',').filter((v) => v !== '');
      if (alternatives.length === 0) throw new StandardsError('BAD_USER_INPUT', 400, `${name} was given no value.`, name);
      search.criteria.push({ param, modifier, alternatives });
    }
  }
  return search;
}

function applyResultParam(type: ResourceType, search: SearchRequest, name: string, values: string[], limits: PageLimits): void {
  const single = () => {
    if (values.length > 1) throw new StandardsError('BAD_USER_INPUT', 400, `${name} may be given once.`, name);
    return values[0]!;
  };
  if (name === '_count') search.count = Math.min(nonNegativeInteger(name, single()), limits.maxPageSize);
  else if (name === '_offset') search.offset = nonNegativeInteger(name, single());
  else if (name === '_format') {
    if (!['json', 'application/json', 'application/fhir+json'].includes(single()))
      throw new StandardsError('BAD_USER_INPUT', 400, `_format "${single()}" is not served: this server answers JSON only.`, name);
  } else
    for (const value of values.flatMap((v) => v.split(','))) {
      const [source, include, target] = value.split(':');
      const known = source === type && include ? INCLUDES[type][include] : undefined;
      if (!known || (target && target !== known.target))
        throw new StandardsError(
          'BAD_USER_INPUT',
          400,
          `_include "${value}" is not supported here. ${type} supports: ${Object.keys(INCLUDES[type])
            .map((n) => `${type}:${n}`)
            .join(', ')}.`,
          name,
        );
      search.includes.push({ name: include!, target: known.target });
    }
}

/** The request's URL with other paging values: the Bundle's self, next and previous links. */
function pageUrl(base: string, type: string, query: Request['query'], count: number, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    if (key === '_offset' || key === '_count') continue;
    for (const value of valuesOf(raw)) params.append(key, value);
  }
  params.set('_count', String(count));
  if (offset > 0) params.set('_offset', String(offset));
  return `${base}/${type}?${params}`;
}

async function search(
  req: Request,
  type: ResourceType,
  load: ReturnType<typeof loaderFor>,
  limits: PageLimits,
  base: string,
): Promise<Bundle> {
  const request = parseSearch(type, req.query, limits);
  const all = await load(type);
  const matches = all.data
    .filter((r) => request.criteria.every((c) => c.alternatives.some((v) => c.param.matches(r, v, c.modifier))))
    .sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
  const page = matches.slice(request.offset, request.offset + request.count);
  const outages: Outage[] = [...all.outages];
  const included = new Map<string, HubResource>();
  for (const { name, target } of request.includes) {
    const wanted = new Set(
      page.flatMap((r) => INCLUDES[type][name]!.references(r).flatMap((ref) => (ref?.reference ? [ref.reference] : []))),
    );
    const targets = await load(target);
    outages.push(...targets.outages);
    for (const r of targets.data) {
      const key = `${r.resourceType}/${r.id}`;
      if (wanted.has(key) && !page.some((p) => `${p.resourceType}/${p.id}` === key)) included.set(key, r);
    }
  }
  const entry = (resource: HubResource, mode: 'match' | 'include'): BundleEntry => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode },
  });
  const reported = uniqueOutages(outages);
  const links: BundleLink[] = [{ relation: 'self', url: pageUrl(base, type, req.query, request.count, request.offset) }];
  if (request.count > 0 && request.offset + request.count < matches.length)
    links.push({ relation: 'next', url: pageUrl(base, type, req.query, request.count, request.offset + request.count) });
  if (request.offset > 0)
    links.push({ relation: 'previous', url: pageUrl(base, type, req.query, request.count, Math.max(0, request.offset - request.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link: links,
    entry: [
      ...page.map((r) => entry(r, 'match')),
      ...[...included.values()].map((r) => entry(r, 'include')),
      ...(reported.length > 0 ? [{ resource: outageOutcome(reported), search: { mode: 'outcome' as const } }] : []),
    ],
  };
}

async function read(type: ResourceType, id: string, load: ReturnType<typeof loaderFor>): Promise<HubResource> {
  parseResourceId(id, TYPES[type].idKinds);
  const all = await load(type);
  // A resource cannot say it lacks a source's facts: while one is down, reads are refused, naming it.
  const [outage] = all.outages;
  if (outage) throw new StandardsError('SOURCE_UNAVAILABLE', 503, outage.message, outage.source);
  const found = all.data.find((r) => r.id === id);
  if (!found) throw new StandardsError('NOT_FOUND', 404, `No ${type} has the id "${id}", or none the caller may see.`, 'id');
  return found;
}

const send = (res: Response, status: number, body: unknown): void => {
  res.status(status).type(FHIR_JSON).json(body);
};

export function fhirApi({ apollo, admitted, contextFor, limits }: StandardsApiDeps): express.Router {
  const router = express.Router();
  router.use(outcomesForRefusals, ...admitted);
  const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;
  const answer =
    (handle: (req: Request, load: ReturnType<typeof loaderFor>) => Promise<unknown>): RequestHandler =>
    async (req, res, next) => {
      try {
        send(res, 200, await handle(req, loaderFor(operationRunner(apollo, contextFor(res)), limits.maxPageSize)));
      } catch (error) {
        if (error instanceof StandardsError) send(res, error.status, operationOutcome([error]));
        else next(error);
      }
    };
  router.get(
    '/metadata',
    answer(async (req) => capabilityStatement(baseOf(req))),
  );
  router.get(
    '/:type',
    answer(async (req, load) => search(req, resourceTypeOf(String(req.params.type)), load, limits, baseOf(req))),
  );
  router.get(
    '/:type/:id',
    answer(async (req, load) => read(resourceTypeOf(String(req.params.type)), String(req.params.id), load)),
  );
  router.use((req, res) => {
    const error =
      req.method === 'GET' || req.method === 'HEAD'
        ? new StandardsError('NOT_FOUND', 404, `Nothing is served at ${req.path}: see ${req.baseUrl}/metadata.`)
        : new StandardsError('OPERATION_NOT_SUPPORTED', 405, `This FHIR server is read-only: ${req.method} is not supported.`);
    send(res, error.status, operationOutcome([error]));
  });
  return router;
}
