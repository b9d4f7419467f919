/**
 * Verifies the demo dataset in data/demo/.
 *
 *   npx tsx scripts/demo-data/check.ts            (structure, keys, formats, foreign keys)
 *
 * build.ts runs the same checks after writing, and additionally checks every quote in
 * documents.ts against the seed texts (needs ../shared/seeds; skipped when absent).
 *
 * Checks: exact headers; RFC 4180 parse; unique primary keys; rows sorted by key; enum values;
 * date (YYYY-MM-DD), boolean and JSON-array cells; code formats (ODS practice, trust, site,
 * ward and LAD GSS); postcode format; every foreign key listed in the brief.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, parseCsvRecords, type Row } from './csv';
import {
  AGREEMENT_KIND, AGREEMENT_STATUS, CARE_SETTING, CROSSWALK_KIND, CROSSWALK_SOURCE, ESTATE_STATUS, FILES, HUB_STATUS, KEYS,
  KIND, SECTOR, SITE_STATUS, compareKeys, type FileName,
} from './schema';
import {
  AGREEMENTS, CARE_SERVICES, COMMISSIONED_SERVICES, COMMUNITY_HUBS, PROPERTIES, SEED_FILES, SERVICE_LINES, type SeedId,
} from './documents';

const RE = {
  practice: /^[A-Z][0-9]{5}$/,
  trust: /^[A-Z0-9]{3}$/,
  site: /^[A-Z0-9]{5}$/,
  ward: /^E05[0-9]{6}$/,
  lad: /^(E0[6-9][0-9]{6}|E10[0-9]{6})$/,
  ccgGss: /^E38[0-9]{6}$/,
  postcode: /^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  slug: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  synthetic: /^SYNTH-[A-Z]+-\d{4}$/,
};

export function runChecks(outDir: string, seedsDir?: string): string[] {
  const errors: string[] = [];
  const err = (m: string) => errors.push(m);
  const t = {} as Record<FileName, Row[]>;

  // -- headers, parsing, keys, sort order --------------------------------------------------
  for (const file of Object.keys(FILES) as FileName[]) {
    const full = path.join(outDir, file);
    if (!fs.existsSync(full)) {
      err(`${file}: missing`);
      t[file] = [];
      continue;
    }
    const text = fs.readFileSync(full, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) err(`${file}: has a BOM`);
    const header = parseCsvRecords(text)[0] ?? [];
    const want = FILES[file] as readonly string[];
    if (header.join(',') !== want.join(',')) err(`${file}: header ${header.join(',')} != ${want.join(',')}`);
    const rows = readCsv(full).rows;
    t[file] = rows;
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = KEYS[file].map((k) => r[k]).join('\u0000');
      if (KEYS[file].some((k) => !r[k])) err(`${file} row ${i + 2}: empty key`);
      if (seen.has(key)) err(`${file} row ${i + 2}: duplicate key ${key}`);
      seen.add(key);
      const prev = rows[i - 1];
      if (prev && compareKeys(KEYS[file], prev, r) > 0) err(`${file} row ${i + 2}: not sorted by ${KEYS[file].join(',')}`);
    });
  }

  const col = (file: FileName, c: string) => new Set(t[file].map((r) => r[c]).filter((v): v is string => !!v));
  const inSet = (file: FileName, c: string, allowed: readonly string[], nullable = false) => {
    t[file].forEach((r, i) => {
      const v = r[c] ?? '';
      if (v === '' && nullable) return;
      if (!allowed.includes(v)) err(`${file} row ${i + 2}: ${c}="${v}" not in ${allowed.join('/')}`);
    });
  };
  const fmt = (file: FileName, c: string, re: RegExp, nullable = true) => {
    t[file].forEach((r, i) => {
      const v = r[c] ?? '';
      if (v === '' && nullable) return;
      if (!re.test(v)) err(`${file} row ${i + 2}: ${c}="${v}" does not match ${re}`);
    });
  };
  const fk = (file: FileName, c: string, target: Set<string>, what: string) => {
    t[file].forEach((r, i) => {
      const v = r[c] ?? '';
      if (v !== '' && !target.has(v)) err(`${file} row ${i + 2}: ${c}="${v}" does not resolve to ${what}`);
    });
  };
  const required = (file: FileName, cols: string[]) => {
    t[file].forEach((r, i) => cols.forEach((c) => { if (!r[c]) err(`${file} row ${i + 2}: ${c} is empty`); }));
  };
  const jsonArray = (file: FileName, c: string) => {
    t[file].forEach((r, i) => {
      try {
        const v: unknown = JSON.parse(r[c] ?? '');
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error('not a string array');
      } catch (e) {
        err(`${file} row ${i + 2}: ${c} is not a JSON array of strings (${(e as Error).message})`);
      }
    });
  };
  const dates = (file: FileName, cols: string[]) => {
    for (const c of cols) {
      t[file].forEach((r, i) => {
        const v = r[c] ?? '';
        if (v === '') return;
        const d = new Date(`${v}T00:00:00Z`);
        if (!RE.date.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) err(`${file} row ${i + 2}: ${c}="${v}" is not a valid YYYY-MM-DD date`);
      });
    }
  };
  const bool = (file: FileName, c: string, nullable: boolean) => inSet(file, c, ['true', 'false'], nullable);
  const int = (file: FileName, c: string, nullable: boolean) => fmt(file, c, /^[0-9]+$/, nullable);

  // -- hub ---------------------------------------------------------------------------------
  const orgs = t['hub/partner_organisation.csv'];
  const orgIds = col('hub/partner_organisation.csv', 'id');
  fmt('hub/partner_organisation.csv', 'id', RE.slug, false);
  required('hub/partner_organisation.csv', ['name']);
  inSet('hub/partner_organisation.csv', 'kind', KIND);
  inSet('hub/partner_organisation.csv', 'sector', SECTOR);
  dates('hub/partner_organisation.csv', ['valid_from', 'valid_to']);
  fk('hub/partner_organisation.csv', 'successor_id', orgIds, 'partner_organisation.id');
  for (const c of ['ods_code', 'gss_code', 'charity_number']) {
    const vals = orgs.map((r) => r[c]).filter((v) => v);
    if (new Set(vals).size !== vals.length) err(`hub/partner_organisation.csv: ${c} not unique`);
  }
  orgs.forEach((r, i) => {
    const where = `hub/partner_organisation.csv row ${i + 2}`;
    if (r.kind === 'COUNCIL' && !RE.lad.test(r.gss_code ?? '')) err(`${where}: council gss_code "${r.gss_code}" is not a LAD/county GSS code`);
    if (r.kind === 'CCG' && (!/^[0-9A-Z]{3}$/.test(r.ods_code ?? '') || !RE.ccgGss.test(r.gss_code ?? ''))) err(`${where}: CCG codes invalid`);
    if (r.kind === 'NHS_TRUST' && !RE.trust.test(r.ods_code ?? '')) err(`${where}: trust ods_code invalid`);
    if (r.successor_id && !r.valid_to) err(`${where}: successor without valid_to`);
    if (r.valid_from && r.valid_to && r.valid_from > r.valid_to) err(`${where}: valid_from after valid_to`);
    if (r.charity_number) err(`${where}: charity_number must stay empty (not in any source)`);
  });
  const orgOds = col('hub/partner_organisation.csv', 'ods_code');
  const orgGss = col('hub/partner_organisation.csv', 'gss_code');

  const partnershipIds = col('hub/partnership.csv', 'id');
  fmt('hub/partnership.csv', 'id', RE.slug, false);
  jsonArray('hub/partnership.csv', 'reports_to');
  fk('hub/partnership_member.csv', 'partnership_id', partnershipIds, 'partnership.id');
  fk('hub/partnership_member.csv', 'organisation_id', orgIds, 'partner_organisation.id');

  const agreementIds = col('hub/agreement.csv', 'id');
  fk('hub/agreement.csv', 'partnership_id', partnershipIds, 'partnership.id');
  inSet('hub/agreement.csv', 'kind', AGREEMENT_KIND);
  inSet('hub/agreement.csv', 'status', AGREEMENT_STATUS);
  bool('hub/agreement.csv', 'legally_binding', false);
  dates('hub/agreement.csv', ['agreed_on', 'first_review_on']);
  jsonArray('hub/agreement.csv', 'principles');
  jsonArray('hub/agreement.csv', 'objectives');
  fk('hub/agreement_party.csv', 'agreement_id', agreementIds, 'agreement.id');
  fk('hub/agreement_party.csv', 'organisation_id', orgIds, 'partner_organisation.id');
  int('hub/agreement_party.csv', 'position', false);
  fk('hub/agreement_signatory.csv', 'agreement_id', agreementIds, 'agreement.id');
  fk('hub/agreement_signatory.csv', 'organisation_id', orgIds, 'partner_organisation.id');
  int('hub/agreement_signatory.csv', 'position', false);
  required('hub/agreement_signatory.csv', ['organisation_id']);

  const localityIds = col('hub/locality.csv', 'id');
  fmt('hub/locality.csv', 'id', RE.slug, false);
  fmt('hub/locality.csv', 'place_gss', RE.lad, false);
  fk('hub/locality.csv', 'partnership_id', partnershipIds, 'partnership.id');
  if (col('hub/locality.csv', 'code').size !== t['hub/locality.csv'].length) err('hub/locality.csv: code not unique');

  const wardCodes = col('council/ward.csv', 'gss_code');
  fk('hub/locality_ward.csv', 'locality_id', localityIds, 'locality.id');
  fk('hub/locality_ward.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');
  // each locality's wards lie in its place, and no ward is in two localities
  const placeOf = new Map(t['hub/locality.csv'].map((r) => [r.id ?? '', r.place_gss ?? '']));
  const ladOf = new Map(t['council/ward.csv'].map((r) => [r.gss_code ?? '', r.lad_gss ?? '']));
  const wardSeen = new Map<string, string>();
  t['hub/locality_ward.csv'].forEach((r, i) => {
    if (ladOf.get(r.ward_gss ?? '') !== placeOf.get(r.locality_id ?? '')) err(`hub/locality_ward.csv row ${i + 2}: ward ${r.ward_gss} is not in ${placeOf.get(r.locality_id ?? '')}`);
    const prev = wardSeen.get(r.ward_gss ?? '');
    if (prev) err(`hub/locality_ward.csv row ${i + 2}: ward ${r.ward_gss} already in ${prev}`);
    wardSeen.set(r.ward_gss ?? '', r.locality_id ?? '');
  });
  for (const l of t['hub/locality.csv']) if (![...wardSeen.values()].includes(l.id ?? '')) err(`hub/locality.csv: locality ${l.id} has no wards`);

  const postcodes = col('hub/postcode_ward.csv', 'postcode');
  fmt('hub/postcode_ward.csv', 'postcode', RE.postcode, false);
  fmt('hub/postcode_ward.csv', 'ward_gss', RE.ward, false);
  fk('hub/postcode_ward.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');

  inSet('hub/crosswalk.csv', 'kind', CROSSWALK_KIND);
  inSet('hub/crosswalk.csv', 'source', CROSSWALK_SOURCE);
  fmt('hub/crosswalk.csv', 'entity_id', RE.slug, false);
  const nativeTables: Record<string, { file: FileName; key: string; kinds: string[] }> = {
    'ccg:gp_hub': { file: 'ccg/gp_hub.csv', key: 'hub_code', kinds: ['HUB'] },
    'ccg:commissioned_service': { file: 'ccg/commissioned_service.csv', key: 'service_code', kinds: ['SERVICE'] },
    'council:community_hub': { file: 'council/community_hub.csv', key: 'hub_ref', kinds: ['HUB'] },
    'council:property': { file: 'council/property.csv', key: 'asset_ref', kinds: ['ESTATE'] },
    'council:care_service': { file: 'council/care_service.csv', key: 'service_ref', kinds: ['SERVICE'] },
    'trust:site': { file: 'trust/site.csv', key: 'site_code', kinds: ['ESTATE'] },
    'trust:service_line': { file: 'trust/service_line.csv', key: 'service_line_id', kinds: ['SERVICE'] },
  };
  const entitySources = new Map<string, string[]>();
  t['hub/crosswalk.csv'].forEach((r, i) => {
    const nt = nativeTables[`${r.source}:${r.native_table}`];
    if (!nt) {
      err(`hub/crosswalk.csv row ${i + 2}: unknown native table ${r.source}:${r.native_table}`);
      return;
    }
    if (!nt.kinds.includes(r.kind ?? '')) err(`hub/crosswalk.csv row ${i + 2}: kind ${r.kind} does not fit ${r.native_table}`);
    if (!col(nt.file, nt.key).has(r.native_key ?? '')) err(`hub/crosswalk.csv row ${i + 2}: native_key ${r.native_key} not in ${nt.file}`);
    const k = `${r.kind}:${r.entity_id}`;
    entitySources.set(k, [...(entitySources.get(k) ?? []), `${r.source}:${r.native_table}:${r.native_key}`]);
  });
  for (const [k, links] of entitySources) if (links.length < 2) err(`hub/crosswalk.csv: ${k} links only one record`);
  const estateBoth = [...entitySources].some(([k, l]) => k.startsWith('ESTATE:') && l.some((x) => x.startsWith('council:property:')) && l.some((x) => x.startsWith('trust:site:')));
  if (!estateBoth) err('hub/crosswalk.csv: no ESTATE links a council property and a trust site');
  const orsett = entitySources.get('ESTATE:orsett-hospital') ?? [];
  if (!orsett.includes('trust:site:RDDH1') || !orsett.includes('trust:site:RATPH')) err('hub/crosswalk.csv: Orsett Hospital RDDH1 + RATPH are not one estate');

  // -- ccg ---------------------------------------------------------------------------------
  const practiceCodes = col('ccg/practice.csv', 'ods_code');
  fmt('ccg/practice.csv', 'ods_code', RE.practice, false);
  inSet('ccg/practice.csv', 'status', ['A', 'C', 'D', 'P']);
  required('ccg/practice.csv', ['name', 'ccg_code']);
  fk('ccg/practice.csv', 'ccg_code', orgOds, 'partner_organisation.ods_code');
  fmt('ccg/practice.csv', 'postcode', RE.postcode);
  fk('ccg/practice.csv', 'postcode', postcodes, 'hub/postcode_ward.postcode');
  dates('ccg/practice.csv', ['open_date', 'close_date']);

  const gpHubCodes = col('ccg/gp_hub.csv', 'hub_code');
  required('ccg/gp_hub.csv', ['name', 'ccg_code']);
  fk('ccg/gp_hub.csv', 'ccg_code', orgOds, 'partner_organisation.ods_code');
  fk('ccg/gp_hub.csv', 'host_practice_ods', practiceCodes, 'ccg/practice.ods_code');
  inSet('ccg/gp_hub.csv', 'status', HUB_STATUS);
  dates('ccg/gp_hub.csv', ['opened_on']);
  bool('ccg/gp_hub.csv', 'seven_day_access', true);
  fk('ccg/gp_hub.csv', 'postcode', postcodes, 'hub/postcode_ward.postcode');

  required('ccg/commissioned_service.csv', ['name', 'ccg_code']);
  fk('ccg/commissioned_service.csv', 'ccg_code', orgOds, 'partner_organisation.ods_code');
  inSet('ccg/commissioned_service.csv', 'care_setting', CARE_SETTING);
  fk('ccg/commissioned_service.csv', 'gp_hub_code', gpHubCodes, 'ccg/gp_hub.hub_code');
  fk('ccg/commissioned_service.csv', 'postcode', postcodes, 'hub/postcode_ward.postcode');
  fk('ccg/commissioned_service.csv', 'provider_ods', new Set([...orgOds, ...practiceCodes]), 'partner_organisation.ods_code or ccg/practice');

  // -- council -----------------------------------------------------------------------------
  fmt('council/ward.csv', 'gss_code', RE.ward, false);
  fmt('council/ward.csv', 'lad_gss', /^E0[6-9][0-9]{6}$/, false);
  int('council/ward.csv', 'population', true);
  required('council/ward.csv', ['name']);

  const communityHubRefs = col('council/community_hub.csv', 'hub_ref');
  fk('council/community_hub.csv', 'council_gss', orgGss, 'partner_organisation.gss_code');
  fk('council/community_hub.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');
  inSet('council/community_hub.csv', 'status', HUB_STATUS);
  dates('council/community_hub.csv', ['opened_on']);

  fk('council/property.csv', 'council_gss', orgGss, 'partner_organisation.gss_code');
  fk('council/property.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');
  fk('council/property.csv', 'postcode', postcodes, 'hub/postcode_ward.postcode');
  inSet('council/property.csv', 'status', ESTATE_STATUS);
  fk('council/property.csv', 'owner_code', new Set([...orgOds, ...orgGss]), 'partner_organisation code');
  t['council/property.csv'].forEach((r, i) => {
    if (r.uprn) err(`council/property.csv row ${i + 2}: uprn must be empty (no UPRNs in the reference data)`);
    if (!RE.synthetic.test(r.asset_ref ?? '')) err(`council/property.csv row ${i + 2}: asset_ref ${r.asset_ref} should be an obvious SYNTH- key`);
  });

  fk('council/care_service.csv', 'council_gss', orgGss, 'partner_organisation.gss_code');
  fk('council/care_service.csv', 'hub_ref', communityHubRefs, 'council/community_hub.hub_ref');
  fk('council/care_service.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');
  inSet('council/care_service.csv', 'care_setting', CARE_SETTING);
  fk('council/care_service.csv', 'provider_code', new Set([...orgOds, ...orgGss, ...practiceCodes]), 'partner_organisation code or ccg/practice');

  // -- trust -------------------------------------------------------------------------------
  const siteCodes = col('trust/site.csv', 'site_code');
  const trustOds = new Set(orgs.filter((r) => r.kind === 'NHS_TRUST').map((r) => r.ods_code ?? ''));
  fmt('trust/site.csv', 'site_code', RE.site, false);
  fmt('trust/site.csv', 'trust_ods', RE.trust, false);
  fk('trust/site.csv', 'trust_ods', trustOds, 'an NHS_TRUST partner_organisation.ods_code');
  fk('trust/site.csv', 'postcode', postcodes, 'hub/postcode_ward.postcode');
  inSet('trust/site.csv', 'status', SITE_STATUS);
  fmt('trust/service_line.csv', 'trust_ods', RE.trust, false);
  fk('trust/service_line.csv', 'trust_ods', trustOds, 'an NHS_TRUST partner_organisation.ods_code');
  fk('trust/service_line.csv', 'site_code', siteCodes, 'trust/site.site_code');
  inSet('trust/service_line.csv', 'care_setting', CARE_SETTING);
  t['trust/service_line.csv'].forEach((r, i) => {
    const site = t['trust/site.csv'].find((s) => s.site_code === r.site_code);
    if (site && site.trust_ods !== r.trust_ods) err(`trust/service_line.csv row ${i + 2}: site ${r.site_code} belongs to ${site.trust_ods}, not ${r.trust_ods}`);
  });

  // -- quotes against the seeds ------------------------------------------------------------
  if (seedsDir && fs.existsSync(seedsDir)) errors.push(...checkQuotes(seedsDir));
  return errors;
}

/** Normalises text for comparison: no markdown emphasis/HTML tags, single spaces. */
function flat(s: string): string {
  return s.replace(/<[^>]+>/g, ' ').replace(/\*/g, '').replace(/\s+/g, ' ').trim();
}
/** Word-level form: letters and digits only, lower case. */
function words(s: string): string {
  return flat(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function checkQuotes(seedsDir: string): string[] {
  const errors: string[] = [];
  const seed = {} as Record<SeedId, { flat: string; words: string }>;
  for (const [id, file] of Object.entries(SEED_FILES) as [SeedId, string][]) {
    const text = fs.readFileSync(path.join(seedsDir, file), 'utf8');
    seed[id] = { flat: flat(text), words: words(text) };
  }
  const quote = (id: SeedId, q: string, what: string, exact: boolean) => {
    const s = seed[id];
    if (exact ? s.flat.includes(flat(q)) : s.words.includes(words(q))) return;
    errors.push(`quote not found in seed ${id} (${what}): "${q.slice(0, 80)}…"`);
  };
  for (const a of AGREEMENTS) {
    // principles and objectives are verbatim apart from the joining of sub-bullets (word check)
    a.principles.forEach((p) => quote(a.seed, p, `${a.id} principle`, false));
    a.objectives.forEach((o) => quote(a.seed, o, `${a.id} objective`, false));
    a.parties.forEach((p) => { if (p.namedAs) quote(a.seed, p.namedAs, `${a.id} named_as`, true); });
    a.signatories.forEach((s) => {
      if (s.personName) quote(a.seed, s.personName, `${a.id} signatory`, true);
      if (s.role) quote(a.seed, s.role, `${a.id} signatory role`, true);
    });
  }
  for (const s of [...COMMISSIONED_SERVICES, ...CARE_SERVICES, ...COMMUNITY_HUBS]) quote(s.source.seed, s.source.text, 'service/hub source', false);
  for (const s of SERVICE_LINES) if ('seed' in s.source) quote(s.source.seed, s.source.text, s.serviceLineId, false);
  for (const p of PROPERTIES) quote(p.why.seed, p.why.text, p.assetRef, false);
  return errors;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const seeds = path.resolve(root, '..', 'shared', 'seeds');
  const problems = runChecks(path.join(root, 'data', 'demo'), seeds);
  for (const p of problems) console.error(`CHECK FAILED: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('all checks passed');
}
