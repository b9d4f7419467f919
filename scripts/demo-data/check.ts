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
 * ward and LAD GSS); postcode format; every foreign key listed in the brief; every cell of every
 * file against the loader's own column validators (src/ingestion/tables.ts + columns.ts), so a
 * file that passes here loads with zero rejected rows; the SYNTHETIC markers (SYNTH- keys, wholly
 * synthetic files); the pooled fund's contributions and allocations reconcile per year. With the
 * seeds present, also the delivery-plan rebuild against seed 001 (check-plan.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CAPACITIES,
  ENGAGEMENT_PLAN,
  ENGAGEMENT_PLAN_PARTIES,
  ENGAGEMENT_PLAN_STAKEHOLDERS,
  MILESTONES,
  OBJECTIVE_ITEMS,
  PROSPECTIVE_PARTIES,
  REPRESENTATIONS,
  SOURCE_DOCUMENTS,
} from './document-facts';
import { readCsv, parseCsvRecords, type Row } from './csv';
import {
  AGREEMENT_KIND,
  AGREEMENT_STATUS,
  CARE_SETTING,
  CROSSWALK_KIND,
  CROSSWALK_SOURCE,
  ESTATE_STATUS,
  FILES,
  HUB_STATUS,
  KEYS,
  KIND,
  SECTOR,
  SITE_STATUS,
  compareKeys,
  type FileName,
} from './schema';
import {
  AGREEMENTS,
  CARE_SERVICES,
  COMMISSIONED_SERVICES,
  COMMUNITY_HUBS,
  ENGAGEMENT_ACTIVITIES,
  FUNDS,
  OUTCOME_DOMAINS,
  PROPERTIES,
  SCHEMES,
  SEED_FILES,
  SERVICE_LINES,
  YOU_SAID_WE_DID_METHOD,
  type SeedId,
} from './documents';
import { deadlineDate } from './plan';
import { runPlanChecks } from './check-plan';
import { legacySources } from '../../src/config/sources';
import { tablesOfKind } from '../../src/ingestion/sourceTables';
import { validatorFor } from '../../src/ingestion/columns';

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
    t[file].forEach((r, i) =>
      cols.forEach((c) => {
        if (!r[c]) err(`${file} row ${i + 2}: ${c} is empty`);
      }),
    );
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
        if (!RE.date.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
          err(`${file} row ${i + 2}: ${c}="${v}" is not a valid YYYY-MM-DD date`);
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
    if (r.kind === 'COUNCIL' && !RE.lad.test(r.gss_code ?? ''))
      err(`${where}: council gss_code "${r.gss_code}" is not a LAD/county GSS code`);
    if (r.kind === 'CCG' && (!/^[0-9A-Z]{3}$/.test(r.ods_code ?? '') || !RE.ccgGss.test(r.gss_code ?? '')))
      err(`${where}: CCG codes invalid`);
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
  fk('hub/data_sharing.csv', 'partnership_id', partnershipIds, 'partnership.id');

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
    if (ladOf.get(r.ward_gss ?? '') !== placeOf.get(r.locality_id ?? ''))
      err(`hub/locality_ward.csv row ${i + 2}: ward ${r.ward_gss} is not in ${placeOf.get(r.locality_id ?? '')}`);
    const prev = wardSeen.get(r.ward_gss ?? '');
    if (prev) err(`hub/locality_ward.csv row ${i + 2}: ward ${r.ward_gss} already in ${prev}`);
    wardSeen.set(r.ward_gss ?? '', r.locality_id ?? '');
  });
  for (const l of t['hub/locality.csv'])
    if (![...wardSeen.values()].includes(l.id ?? '')) err(`hub/locality.csv: locality ${l.id} has no wards`);

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
  const estateBoth = [...entitySources].some(
    ([k, l]) => k.startsWith('ESTATE:') && l.some((x) => x.startsWith('council:property:')) && l.some((x) => x.startsWith('trust:site:')),
  );
  if (!estateBoth) err('hub/crosswalk.csv: no ESTATE links a council property and a trust site');
  const orsett = entitySources.get('ESTATE:orsett-hospital') ?? [];
  if (!orsett.includes('trust:site:RDDH1') || !orsett.includes('trust:site:RATPH'))
    err('hub/crosswalk.csv: Orsett Hospital RDDH1 + RATPH are not one estate');

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
  fk(
    'ccg/commissioned_service.csv',
    'provider_ods',
    new Set([...orgOds, ...practiceCodes]),
    'partner_organisation.ods_code or ccg/practice',
  );

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
    if (!RE.synthetic.test(r.asset_ref ?? ''))
      err(`council/property.csv row ${i + 2}: asset_ref ${r.asset_ref} should be an obvious SYNTH- key`);
  });

  fk('council/care_service.csv', 'council_gss', orgGss, 'partner_organisation.gss_code');
  fk('council/care_service.csv', 'hub_ref', communityHubRefs, 'council/community_hub.hub_ref');
  fk('council/care_service.csv', 'ward_gss', wardCodes, 'council/ward.gss_code');
  inSet('council/care_service.csv', 'care_setting', CARE_SETTING);
  fk(
    'council/care_service.csv',
    'provider_code',
    new Set([...orgOds, ...orgGss, ...practiceCodes]),
    'partner_organisation code or ccg/practice',
  );

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
    if (site && site.trust_ods !== r.trust_ods)
      err(`trust/service_line.csv row ${i + 2}: site ${r.site_code} belongs to ${site.trust_ods}, not ${r.trust_ods}`);
  });

  // -- hub: outcomes framework, indicators, targets ------------------------------------------
  const domainIds = col('hub/outcome_domain.csv', 'id');
  fk('hub/outcome_domain.csv', 'partnership_id', partnershipIds, 'partnership.id');
  int('hub/outcome_domain.csv', 'position', false);
  const outcomeIds = col('hub/outcome.csv', 'id');
  fk('hub/outcome.csv', 'domain_id', domainIds, 'outcome_domain.id');
  const indicators = t['hub/indicator.csv'];
  const indicatorIds = col('hub/indicator.csv', 'id');
  fk('hub/indicator.csv', 'outcome_id', outcomeIds, 'outcome.id');
  inSet('hub/indicator.csv', 'polarity', ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER']);
  inSet('hub/indicator.csv', 'measured_by', ['ccg-primary-care', 'council-registers', 'trust-sites']);
  bool('hub/indicator.csv', 'counts_people', false);
  bool('hub/indicator.csv', 'published', false);
  const sourceCodes = new Set(indicators.map((r) => `${r.measured_by}:${r.source_code}`));
  if (sourceCodes.size !== indicators.length) err('hub/indicator.csv: (measured_by, source_code) not unique');
  // SYNTHETIC markers: a synthetic indicator has a SYNTH- id, source code and name prefix
  indicators.forEach((r, i) => {
    const synth = [r.id, r.source_code].map((v) => (v ?? '').startsWith('SYNTH-'));
    if (synth[0] !== synth[1] || synth[0] !== (r.name ?? '').startsWith('Synthetic demo indicator:'))
      err(`hub/indicator.csv row ${i + 2}: SYNTH- id, SYNTH- source_code and "Synthetic demo indicator:" name must go together`);
  });
  t['hub/outcome.csv'].forEach((r, i) => {
    if ((r.id ?? '').startsWith('SYNTH-') !== (r.name ?? '').startsWith('Synthetic demo outcome:'))
      err(`hub/outcome.csv row ${i + 2}: SYNTH- id and "Synthetic demo outcome:" name must go together`);
  });
  const localityCodes = col('hub/locality.csv', 'code');
  const laGss = new Set(orgs.filter((r) => r.kind === 'COUNCIL').map((r) => r.gss_code ?? ''));
  const indicatorById = new Map(indicators.map((r) => [r.id ?? '', r]));
  fk('hub/indicator_target.csv', 'indicator_id', indicatorIds, 'indicator.id');
  t['hub/indicator_target.csv'].forEach((r, i) => {
    const ind = indicatorById.get(r.indicator_id ?? '');
    const area = r.area_code ?? '';
    if (!localityCodes.has(area) && !laGss.has(area))
      err(`hub/indicator_target.csv row ${i + 2}: area_code ${area} is neither a locality code nor a council GSS code`);
    if (ind && !(ind.id ?? '').startsWith('SYNTH-') && !laGss.has(area))
      err(`hub/indicator_target.csv row ${i + 2}: real indicator target for a non-LA area`);
    if (Number(r.amber_tolerance) < 0) err(`hub/indicator_target.csv row ${i + 2}: negative amber_tolerance`);
  });

  // -- measures: indicator_value (council = real DToC, ccg = wholly SYNTHETIC) -----------------
  for (const source of ['ccg', 'council'] as const) {
    const file = `${source}/indicator_value.csv` as FileName;
    const kind = { ccg: 'ccg-primary-care', council: 'council-registers' }[source];
    const codes = new Set(indicators.filter((r) => r.measured_by === kind).map((r) => r.source_code ?? ''));
    fk(file, 'indicator_code', codes, `an indicator measured_by ${source}`);
    t[file].forEach((r, i) => {
      const area = r.area_code ?? '';
      if (!localityCodes.has(area) && !laGss.has(area) && !wardCodes.has(area))
        err(`${file} row ${i + 2}: area_code ${area} is not a locality, council or ward code`);
      if (r.numerator && r.denominator && Number(r.numerator) > Number(r.denominator)) err(`${file} row ${i + 2}: numerator > denominator`);
      const synth = (r.indicator_code ?? '').startsWith('SYNTH-');
      if (source === 'ccg' && !synth)
        err(`${file} row ${i + 2}: ccg/indicator_value.csv is documented as wholly SYNTHETIC; ${r.indicator_code} is not a SYNTH- code`);
      if (source === 'council' && synth)
        err(`${file} row ${i + 2}: council/indicator_value.csv is documented as real data; ${r.indicator_code} is synthetic`);
      if (synth && r.numerator && r.denominator && r.value !== ((Number(r.numerator) / Number(r.denominator)) * 100).toFixed(1))
        err(`${file} row ${i + 2}: value != numerator/denominator %`);
    });
  }
  const peopleCodes = new Set(indicators.filter((r) => r.counts_people === 'true').map((r) => r.source_code ?? ''));
  const small = t['ccg/indicator_value.csv'].filter(
    (r) => peopleCodes.has(r.indicator_code ?? '') && r.numerator !== '' && Number(r.numerator) < 5,
  );
  if (small.length < 2)
    err('ccg/indicator_value.csv: want at least two counts_people rows with a numerator below 5 (disclosure-control demo)');

  // -- hub: fund and schemes; SYNTHETIC ledgers -----------------------------------------------
  const fundIds = col('hub/fund.csv', 'id');
  fk('hub/fund.csv', 'partnership_id', partnershipIds, 'partnership.id');
  fk('hub/fund.csv', 'agreement_id', agreementIds, 'agreement.id');
  fk('hub/fund.csv', 'host_organisation_id', orgIds, 'partner_organisation.id');
  fk('hub/scheme.csv', 'fund_id', fundIds, 'fund.id');
  const schemeFund = new Map(t['hub/scheme.csv'].map((r) => [r.id ?? '', r.fund_id ?? '']));
  const balance = new Map<string, { contributed: [number, number]; allocated: [number, number] }>();
  const pence = (v: string | undefined) => Math.round(Number(v ?? '0') * 100);
  const serviceRefs = { ccg: col('ccg/commissioned_service.csv', 'service_code'), council: col('council/care_service.csv', 'service_ref') };
  for (const source of ['ccg', 'council'] as const) {
    const file = `${source}/ledger_line.csv` as FileName;
    fk(file, 'fund_code', fundIds, 'hub fund.id');
    fk(file, 'scheme_code', new Set(schemeFund.keys()), 'hub scheme.id');
    fk(file, 'locality_code', localityCodes, 'hub locality.code');
    fk(file, 'service_ref', serviceRefs[source], `${source} service`);
    fk(file, 'org_code', new Set([...orgOds, ...orgGss]), 'partner_organisation code');
    inSet(file, 'line_kind', ['CONTRIBUTION', 'ALLOCATION']);
    t[file].forEach((r, i) => {
      if (!RE.synthetic.test(r.line_ref ?? ''))
        err(`${file} row ${i + 2}: line_ref ${r.line_ref} is not a SYNTH- key (the ledgers are wholly synthetic)`);
      if (r.scheme_code && schemeFund.get(r.scheme_code) !== r.fund_code)
        err(`${file} row ${i + 2}: scheme ${r.scheme_code} is not in fund ${r.fund_code}`);
      if (r.line_kind === 'CONTRIBUTION' && (r.scheme_code || r.locality_code))
        err(`${file} row ${i + 2}: a contribution has a scheme or locality`);
      if (r.line_kind === 'ALLOCATION' && !r.scheme_code) err(`${file} row ${i + 2}: an allocation has no scheme`);
      const k = `${r.fund_code} ${r.financial_year}`;
      const b = balance.get(k) ?? { contributed: [0, 0], allocated: [0, 0] };
      const side = r.line_kind === 'CONTRIBUTION' ? b.contributed : b.allocated;
      side[0] += pence(r.planned);
      side[1] += pence(r.actual);
      balance.set(k, b);
    });
  }
  for (const [k, b] of balance) {
    if (b.contributed[0] !== b.allocated[0])
      err(`ledgers: ${k} planned contributions ${b.contributed[0] / 100} != planned allocations ${b.allocated[0] / 100}`);
    if (b.contributed[1] !== b.allocated[1])
      err(`ledgers: ${k} actual contributions ${b.contributed[1] / 100} != actual allocations ${b.allocated[1] / 100}`);
  }

  // -- council: delivery-plan tracker and engagement -----------------------------------------
  const strategyRefs = col('council/plan_strategy.csv', 'strategy_ref');
  fk('council/plan_strategy.csv', 'partnership_code', partnershipIds, 'partnership.id');
  const objectiveRefs = col('council/plan_objective.csv', 'objective_ref');
  fk('council/plan_objective.csv', 'strategy_ref', strategyRefs, 'plan_strategy.strategy_ref');
  fk('council/plan_ambition.csv', 'objective_ref', objectiveRefs, 'plan_objective.objective_ref');
  int('council/plan_ambition.csv', 'number', false);
  const actionRefs = col('council/plan_action.csv', 'action_ref');
  fk('council/plan_action.csv', 'objective_ref', objectiveRefs, 'plan_objective.objective_ref');
  fk('council/plan_action.csv', 'lead_org_code', new Set([...orgOds, ...orgGss]), 'partner_organisation code');
  dates('council/plan_action.csv', ['deadline_date']);
  t['council/plan_action.csv'].forEach((r, i) => {
    if ((r.deadline_date || null) !== deadlineDate(r.deadline_text ?? ''))
      err(
        `council/plan_action.csv row ${i + 2}: deadline_date "${r.deadline_date}" does not follow the documented rule for "${r.deadline_text}"`,
      );
    if (!(r.action_ref ?? '').startsWith(`${r.objective_ref}-X`))
      err(`council/plan_action.csv row ${i + 2}: action_ref does not extend objective_ref`);
  });
  t['council/plan_ambition.csv'].forEach((r, i) => {
    if (!(r.ambition_ref ?? '').startsWith(`${r.objective_ref}-A`))
      err(`council/plan_ambition.csv row ${i + 2}: ambition_ref does not extend objective_ref`);
  });
  fk('council/action_status.csv', 'action_ref', actionRefs, 'plan_action.action_ref');
  inSet('council/action_status.csv', 'rag', ['R', 'A', 'G']);
  const activityRefs = col('council/engagement_activity.csv', 'activity_ref');
  fk('council/engagement_activity.csv', 'locality_code', localityCodes, 'hub locality.code');
  dates('council/engagement_activity.csv', ['held_on']);
  fk('council/you_said_we_did.csv', 'activity_ref', activityRefs, 'engagement_activity.activity_ref');
  fk('council/you_said_we_did.csv', 'action_ref', actionRefs, 'plan_action.action_ref');
  if (t['council/you_said_we_did.csv'].length > 0)
    err('council/you_said_we_did.csv: no seed records "you said, we did" feedback; the file must stay empty');

  // -- every cell against the loader's own validators ---------------------------------------
  errors.push(...checkAgainstLoader(outDir));

  // -- quotes against the seeds ------------------------------------------------------------
  if (seedsDir && fs.existsSync(seedsDir)) {
    errors.push(...checkQuotes(seedsDir));
    errors.push(...runPlanChecks(outDir, seedsDir));
  }
  return errors;
}

/**
 * Each file must be the extract of a declared table (src/ingestion/tables.ts), with the declared
 * columns in the declared order, every cell valid for its column type, and no duplicate keys:
 * exactly what `ingest` would reject a row for. Every declared table of a source must have a file.
 */
function checkAgainstLoader(outDir: string): string[] {
  const errors: string[] = [];
  const files = new Set(Object.keys(FILES));
  for (const { id: source, kind } of legacySources({})) {
    for (const spec of tablesOfKind(kind) ?? []) {
      const file = `${source}/${spec.file}`;
      if (!files.has(file)) {
        if (source !== 'trust' || !['indicator_value.csv', 'ledger_line.csv', 'ledger_quarter.csv'].includes(spec.file))
          errors.push(`loader: ${source}.${spec.table} has no demo file ${file}`);
        continue;
      }
      files.delete(file);
      const full = path.join(outDir, file);
      if (!fs.existsSync(full)) continue; // reported as missing above
      const { header, rows } = readCsv(full);
      const declared = spec.columns.map((c) => c.name);
      if (header.join(',') !== declared.join(','))
        errors.push(`loader: ${file} header ${header.join(',')} != declared ${declared.join(',')}`);
      const validators = spec.columns.map((c) => ({ name: c.name, check: validatorFor(c) }));
      const keys = new Set<string>();
      rows.forEach((r, i) => {
        for (const v of validators) {
          const res = v.check(r[v.name] ?? '');
          if (!res.ok) errors.push(`loader: ${file} line ${i + 2}: ${res.reason}`);
        }
        const key = spec.key.map((k) => r[k] ?? '').join('\u0000');
        if (keys.has(key)) errors.push(`loader: ${file} line ${i + 2}: duplicate key`);
        keys.add(key);
      });
    }
  }
  for (const f of files) errors.push(`loader: ${f} is not the extract of any declared table`);
  return errors;
}

/** Normalises text for comparison: no markdown emphasis/HTML tags, single spaces. */
function flat(s: string): string {
  return s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
/** Word-level form: letters and digits only, lower case. */
function words(s: string): string {
  return flat(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
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
    a.parties.forEach((p) => {
      if (p.namedAs) quote(a.seed, p.namedAs, `${a.id} named_as`, true);
    });
    a.signatories.forEach((s) => {
      if (s.personName) quote(a.seed, s.personName, `${a.id} signatory`, true);
      if (s.role) quote(a.seed, s.role, `${a.id} signatory role`, true);
    });
  }
  for (const s of [...COMMISSIONED_SERVICES, ...CARE_SERVICES, ...COMMUNITY_HUBS])
    quote(s.source.seed, s.source.text, 'service/hub source', false);
  for (const s of SERVICE_LINES) if ('seed' in s.source) quote(s.source.seed, s.source.text, s.serviceLineId, false);
  for (const p of PROPERTIES) quote(p.why.seed, p.why.text, p.assetRef, false);
  for (const d of OUTCOME_DOMAINS) quote(d.source.seed, d.source.text, d.id, true);
  for (const f of FUNDS) f.sources.forEach((q) => quote(q.seed, q.text, f.id, false));
  for (const sc of SCHEMES) quote(sc.source.seed, sc.source.text, sc.id, false);
  for (const a of ENGAGEMENT_ACTIVITIES) {
    quote(a.source.seed, a.source.text, a.activityRef, true);
    quote(a.source.seed, a.kind, `${a.activityRef} kind`, true);
    if (a.audience) quote(a.source.seed, a.audience, `${a.activityRef} audience`, true);
  }
  quote(YOU_SAID_WE_DID_METHOD.seed, YOU_SAID_WE_DID_METHOD.text, 'you said, we did method', true);
  errors.push(...checkDocumentFactQuotes(quote));
  return errors;
}

/** The quotes of document-facts.ts (the documents' facts as objects), each in its seed. */
function checkDocumentFactQuotes(quote: (id: SeedId, q: string, what: string, exact: boolean) => void): string[] {
  const p = ENGAGEMENT_PLAN;
  for (const q of [
    p.title,
    p.subtitle,
    p.versionText,
    p.issuedText,
    p.initialFocus,
    p.partOf,
    p.overseenBy,
    p.reportsTo,
    p.engagementGroup,
    p.reviewText,
    ...p.guidedBy,
    ...p.visionPrinciples,
    ...p.engagementPrinciples,
    ...p.communicationPrinciples,
    ...p.keyQuestions,
  ]) {
    quote('004', q, 'engagement plan', true);
  }
  ENGAGEMENT_PLAN_PARTIES.forEach((x) => quote('004', x.namedAs, 'engagement plan party', true));
  ENGAGEMENT_PLAN_STAKEHOLDERS.forEach((x) => quote('004', x.stakeholder, 'engagement plan stakeholder', true));
  CAPACITIES.forEach((c) => quote('001', c.quote, `${c.actionRef} capacity`, true));
  Object.entries(OBJECTIVE_ITEMS).forEach(([, byNumber]) =>
    Object.values(byNumber)
      .flat()
      .forEach((item) => quote('003', item, 'objective item', true)),
  );
  REPRESENTATIONS.forEach((r) => {
    quote('002', r.represented, 'represented', true);
    if (r.basis) quote('002', r.basis, 'representation basis', true);
  });
  PROSPECTIVE_PARTIES.forEach((x) => quote('002', x.namedAs, 'prospective party', true));
  MILESTONES.forEach((m) => {
    const seedOf = SOURCE_DOCUMENTS.find((d) => d.id === m.documentId)!.seed;
    quote(seedOf, m.event, `milestone ${m.partnershipId}/${m.position}`, true);
    quote(seedOf, m.occurredText, `milestone ${m.partnershipId}/${m.position} date`, true);
  });
  for (const d of SOURCE_DOCUMENTS) {
    quote(d.seed, d.title, `${d.id} title`, true);
    if (d.recommendation) quote(d.seed, d.recommendation, `${d.id} recommendation`, true);
    d.people.forEach((x) => {
      quote(d.seed, x.personName, `${d.id} person`, true);
      if (x.role) quote(d.seed, x.role, `${d.id} role`, true);
    });
  }
  return [];
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const seeds = path.resolve(root, '..', 'shared', 'seeds');
  const problems = runChecks(path.join(root, 'data', 'demo'), seeds);
  for (const p of problems) console.error(`CHECK FAILED: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('all checks passed');
}
