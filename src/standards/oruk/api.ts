import express, { type Request, type RequestHandler, type Response } from 'express';
import type { PageLimits } from '../../graphql/connection';
import { operationRunner, StandardsError, uniqueOutages, type Answer, type Outage } from '../graphql';
import type { StandardsApiDeps } from '../fhir/api';
import { directory, taxonomies, type Attribute, type Directory, type Service, type TaxonomyTerm } from './model';
import { normalise } from '../text';

/**
 * Open Referral UK v3 at `/oruk`: the hub's services, organisations, places and codes as a
 * service directory. Behind the same admission as `/graphql` (rate limits, authentication),
 * each request reads through GraphQL operations run with the request's context
 * (src/standards/graphql.ts). Errors are the hub's own JSON (`errors[].extensions.code`).
 */

export const ORUK_VERSION = 'HSDS-UK-3.0';
const PROFILE = 'https://openreferraluk.org/';
const OPENAPI_URL = 'https://openreferraluk.org/specifications/3.0/openapi.json';

interface Item {
  id: string;
  name: string;
  description?: string;
}

/** A filter of a list: its name in the query string, and whether an item matches a value of it. */
interface Param<T> {
  name: string;
  /** Refuses a value that is no value of it, whether or not any item is there to match. */
  check?(value: string): void;
  matches(item: T, value: string): boolean;
}

/** Name or description contains the words, ignoring case and accents. */
const textMatches = (item: Item, value: string) => normalise(`${item.name} ${item.description ?? ''}`).includes(normalise(value));
const SEARCH: Param<Item> = { name: 'search', matches: textMatches };

const hasTerm = (s: Service, test: (a: Attribute) => boolean) => s.attributes.some(test);

/** An ISO 8601 date or date-time, as `modified_after` takes it. */
function requireInstant(name: string, value: string): void {
  const at = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at))
    throw new StandardsError('BAD_USER_INPUT', 400, `${name} must be an ISO 8601 date or date-time, not "${value}".`, name);
}

/** The filters of `/services` (docs/oruk.md lists them); `text` and `taxonomy_term` are ORUK's names before v3. */
export const SERVICE_PARAMS: Param<Service>[] = [
  SEARCH,
  { name: 'text', matches: textMatches },
  { name: 'taxonomy_term_id', matches: (s, v) => hasTerm(s, (a) => a.taxonomy_term_id === v) },
  { name: 'taxonomy_term', matches: (s, v) => hasTerm(s, (a) => a.taxonomy_term_id === v) },
  { name: 'taxonomy_id', matches: (s, v) => hasTerm(s, (a) => a.taxonomy_term.taxonomy_id === v) },
  { name: 'organization_id', matches: (s, v) => s.organization_id === v },
  {
    name: 'modified_after',
    check: (v) => requireInstant('modified_after', v),
    matches: (s, v) => s.last_modified !== undefined && Date.parse(s.last_modified) >= Date.parse(v),
  },
];

const PAGING = ['page', 'per_page', 'format'] as const;

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < min)
    throw new StandardsError('BAD_USER_INPUT', 400, `${name} must be a whole number of ${min} or more, not "${text}".`, name);
  return Number(text);
}

function single(query: Request['query'], name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new StandardsError('BAD_USER_INPUT', 400, `${name} may be given once, as text.`, name);
  return value;
}

/** Refuses a parameter the endpoint does not serve, rather than ignoring it. */
function refuseUnknown(query: Request['query'], known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (name === 'proximity')
      throw new StandardsError(
        'BAD_USER_INPUT',
        400,
        'proximity is not supported: the hub holds no postcode centroids; postcode finds the locality.',
        name,
      );
    if (!known.includes(name))
      throw new StandardsError('BAD_USER_INPUT', 400, `This endpoint has no parameter "${name}". It has: ${known.join(', ')}.`, name);
  }
}

function filtered<T>(query: Request['query'], items: T[], params: readonly Param<T>[], extra: readonly string[] = []): T[] {
  refuseUnknown(query, [...params.map((p) => p.name), ...extra, ...PAGING]);
  const format = single(query, 'format');
  if (format !== undefined && format !== 'json')
    throw new StandardsError('BAD_USER_INPUT', 400, `format "${format}" is not served: this API answers json only.`, 'format');
  return params.reduce((kept, p) => {
    const value = single(query, p.name);
    if (value === undefined) return kept;
    if (value.trim() === '') throw new StandardsError('BAD_USER_INPUT', 400, `${p.name} was given no value.`, p.name);
    p.check?.(value);
    return kept.filter((item) => p.matches(item, value));
  }, items);
}

/** ORUK's paged envelope, with `partial` and the sources not heard from when any was down. */
function page<T extends Item>(query: Request['query'], items: T[], outages: Outage[], limits: PageLimits) {
  const perPage = Math.min(wholeNumber('per_page', single(query, 'per_page') ?? String(limits.defaultPageSize), 1), limits.maxPageSize);
  const pageNumber = wholeNumber('page', single(query, 'page') ?? '1', 1);
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  const contents = sorted.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const totalPages = Math.ceil(sorted.length / perPage);
  const reported = uniqueOutages(outages);
  return {
    total_items: sorted.length,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
    ...(reported.length > 0 ? { partial: true, unavailable_sources: reported } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function one<T extends Item>(what: string, id: string, answer: Answer<T[]>): T {
  if (!UUID.test(id)) throw new StandardsError('BAD_USER_INPUT', 400, `"${id}" is not an id this API gives: ids are UUIDs.`, 'id');
  // An object cannot say it lacks a source's facts: while one is down, reads are refused, naming it.
  const [outage] = answer.outages;
  if (outage) throw new StandardsError('SOURCE_UNAVAILABLE', 503, outage.message, outage.source);
  const found = answer.data.find((item) => item.id === id);
  if (!found) throw new StandardsError('NOT_FOUND', 404, `No ${what} has the id "${id}", or none the caller may see.`, 'id');
  return found;
}

const values = <T>(answer: Answer<Map<string, T>>): Answer<T[]> => ({ data: [...answer.data.values()], outages: answer.outages });

async function services(req: Request, dir: Directory, limits: PageLimits) {
  const all = await dir.services();
  const kept = filtered(req.query, all.data, SERVICE_PARAMS, ['postcode']);
  // postcode runs GraphQL's own rule, locality(postcode:) { services }, not a match one service at a time.
  const postcode = single(req.query, 'postcode');
  if (postcode === undefined) return page(req.query, kept, all.outages, limits);
  const near = await dir.servicesNear(postcode);
  return page(
    req.query,
    kept.filter((s) => near.data.has(s.id)),
    [...all.outages, ...near.outages],
    limits,
  );
}

/** The error in the hub's JSON: the GraphQL error shape, with the parameter or source at fault. */
const errorBody = (e: StandardsError) => ({
  errors: [
    {
      message: e.message,
      extensions: { code: e.code, ...(e.at ? { [e.code === 'SOURCE_UNAVAILABLE' ? 'source' : 'parameter']: e.at } : {}) },
    },
  ],
});

export function orukApi({ apollo, admitted, contextFor, limits }: StandardsApiDeps): express.Router {
  const router = express.Router();
  router.use(...admitted);
  const answer =
    (handle: (req: Request, dir: Directory) => Promise<unknown>): RequestHandler =>
    async (req, res: Response, next) => {
      try {
        res.json(await handle(req, directory(operationRunner(apollo, contextFor(res)), limits.maxPageSize)));
      } catch (error) {
        if (error instanceof StandardsError) res.status(error.status).json(errorBody(error));
        else next(error);
      }
    };
  const list = <T extends Item>(load: (dir: Directory) => Promise<Answer<T[]>>, params: readonly Param<T>[] = [SEARCH]) =>
    answer(async (req, dir) => {
      const all = await load(dir);
      return page(req.query, filtered(req.query, all.data, params), all.outages, limits);
    });
  const read = <T extends Item>(what: string, load: (dir: Directory) => Promise<Answer<T[]>>) =>
    answer(async (req, dir) => {
      refuseUnknown(req.query, []);
      return one(what, String(req.params.id), await load(dir));
    });
  const taxonomyList = async (): Promise<Answer<ReturnType<typeof taxonomies>>> => ({ data: taxonomies(), outages: [] });

  router.get(
    '/',
    answer(async () => ({ version: ORUK_VERSION, profile: PROFILE, openapi_url: OPENAPI_URL })),
  );
  router.get(
    '/services',
    answer(async (req, dir) => services(req, dir, limits)),
  );
  router.get(
    '/services/:id',
    read('service', (dir) => dir.services()),
  );
  router.get(
    '/organizations',
    list((dir) => dir.organizations().then(values)),
  );
  router.get(
    '/organizations/:id',
    read('organization', (dir) => dir.organizations().then(values)),
  );
  router.get(
    '/locations',
    list((dir) => dir.locations().then(values)),
  );
  router.get(
    '/locations/:id',
    read('location', (dir) => dir.locations().then(values)),
  );
  router.get('/taxonomies', list(taxonomyList));
  router.get('/taxonomies/:id', read('taxonomy', taxonomyList));
  router.get(
    '/taxonomy_terms',
    list<TaxonomyTerm>((dir) => dir.terms(), [SEARCH, { name: 'taxonomy_id', matches: (t, v) => t.taxonomy_id === v }]),
  );
  router.get(
    '/taxonomy_terms/:id',
    read('taxonomy term', (dir) => dir.terms()),
  );
  router.use((req, res) => {
    const error =
      req.method === 'GET' || req.method === 'HEAD'
        ? new StandardsError('NOT_FOUND', 404, `Nothing is served at ${req.path}: see ${req.baseUrl}/ and docs/oruk.md.`)
        : new StandardsError('OPERATION_NOT_SUPPORTED', 405, `This ORUK API is read-only: ${req.method} is not supported.`);
    res.status(error.status).json(errorBody(error));
  });
  return router;
}
