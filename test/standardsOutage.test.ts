import { until } from './support/overlap';
import { startPartnerPostgres, type PartnerPostgres } from './support/partnerPostgres';
import { compileFhirSchema, fhirErrors, orukErrors } from './support/standards';
import { startTestHub, type TestHub } from './support/testHub';

/**
 * A partner down on the FHIR path: the trust's PostgreSQL is stopped; a search answers with
 * every other source's resources and an OperationOutcome entry naming the trust, a read is
 * refused with 503 naming it, and a healthy source is never reported down. On the ORUK path,
 * the same: a list flagged partial with the source named, a read refused with 503.
 */

let partner: PartnerPostgres;
let hub: TestHub;

beforeAll(async () => {
  compileFhirSchema();
  partner = await startPartnerPostgres();
  await partner.createDatabase('trust_sites');
  hub = await startTestHub({
    urls: { trust: partner.urlFor('trust_sites') },
    sourceLimits: { connectTimeoutMs: 1_000, queryTimeoutMs: 1_500, failuresToOpen: 3, coolDownMs: 1_000, poolQueueMax: 1_000 },
  });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  await partner?.close();
}, 60_000);

interface Entry {
  resource: {
    resourceType: string;
    id: string;
    meta?: { tag?: { code: string }[] };
    issue?: { severity: string; code: string; diagnostics: string }[];
  };
  search: { mode: string };
}

const fhir = async (path: string) => {
  const response = await fetch(`${hub.url.replace(/\/graphql$/, '/fhir/R4')}/${path}`);
  const body = (await response.json()) as { resourceType: string; entry?: Entry[]; issue?: { code: string; diagnostics: string }[] };
  expect(fhirErrors(body)).toEqual([]);
  return { status: response.status, body };
};
const fromTrust = (entries: Entry[]) => entries.filter((e) => e.resource.meta?.tag?.some((t) => t.code === 'trust'));

test('with the trust stopped: a partial Bundle naming it, a read refused naming it; whole again once it is back', async () => {
  const before = await fhir('Location?_count=100');
  expect(before.status).toBe(200);
  expect(fromTrust(before.body.entry!).length).toBeGreaterThan(0);
  expect(before.body.entry!.some((e) => e.search.mode === 'outcome')).toBe(false);
  const trustSite = fromTrust(before.body.entry!)[0]!.resource.id;

  await partner.stop();
  hub.expireCaches();
  try {
    const during = await fhir('Location?_count=100');
    expect(during.status).toBe(200);
    const outcomes = during.body.entry!.filter((e) => e.search.mode === 'outcome');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.resource.issue!.map((i) => [i.severity, i.code])).toEqual([['warning', 'transient']]);
    expect(outcomes[0]!.resource.issue![0]!.diagnostics).toMatch(/^Source "trust" \(trust-sites\) is unavailable/);
    const matches = during.body.entry!.filter((e) => e.search.mode === 'match');
    expect(fromTrust(matches)).toEqual([]);
    expect(matches.length).toBeGreaterThan(0);
    const read = await fhir(`Location/${trustSite}`);
    expect(read.status).toBe(503);
    expect(read.body.issue![0]!.code).toBe('transient');
    expect(read.body.issue![0]!.diagnostics).toMatch(/Source "trust"/);
    // Organizations come from the hub's registry alone: nothing is reported down there.
    const organizations = await fhir('Organization?_count=5');
    expect(organizations.body.entry!.some((e) => e.search.mode === 'outcome')).toBe(false);
  } finally {
    await partner.start();
  }
  hub.expireCaches();
  await until(async () => (await fhir(`Location/${trustSite}`)).status === 200, 'the trust to be read again');
}, 90_000);

test('ORUK with the trust stopped: a list flagged partial naming it, a read refused with 503 naming it; whole again once back', async () => {
  const oruk = async (path: string) => {
    const response = await fetch(`${hub.url.replace(/\/graphql$/, '/oruk')}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  type Page = { contents: { id: string }[]; partial?: boolean; unavailable_sources?: { source: string; message: string }[] };
  const before = (await oruk('/locations?per_page=100')).body as Page;
  expect(orukErrors('/locations', before)).toEqual([]);
  expect(before.partial).toBeUndefined();

  await partner.stop();
  hub.expireCaches();
  try {
    const during = await oruk('/locations?per_page=100');
    expect(during.status).toBe(200);
    const page = during.body as Page;
    expect(orukErrors('/locations', page)).toEqual([]);
    expect(page.partial).toBe(true);
    expect(page.unavailable_sources!.map((s) => s.source)).toEqual(['trust']);
    expect(page.unavailable_sources![0]!.message).toMatch(/^Source "trust" \(trust-sites\) is unavailable/);
    const kept = new Set(page.contents.map((l) => l.id));
    const lost = before.contents.filter((l) => !kept.has(l.id));
    expect(lost.length).toBeGreaterThan(0);
    expect(kept.size).toBeGreaterThan(0);
    const read = await oruk(`/locations/${lost[0]!.id}`);
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ errors: [{ extensions: { code: 'SOURCE_UNAVAILABLE', source: 'trust' } }] });
    // Organizations come from the hub's registry alone: nothing is reported down there.
    const organizations = (await oruk('/organizations')).body as Page;
    expect(organizations.partial).toBeUndefined();
  } finally {
    await partner.start();
  }
  hub.expireCaches();
  await until(async () => (await oruk('/locations?per_page=100')).body.partial === undefined, 'the trust to be read again');
  expect(((await oruk('/locations?per_page=100')).body as Page).contents).toEqual(before.contents);
}, 90_000);
