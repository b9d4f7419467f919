import type { ExplicitLink } from '../../src/crosswalk/link';
import { codes, ESTATE_USES, names, postcode, SERVICE_KINDS } from './names';
import type { Council, Trust } from './national';
import type { Rng } from './random';
import type { RowObject, TableKey } from './tables';

/**
 * One locality's rows in every source, with England-like fan-out: ~5 wards (each with its
 * postcodes), ~5 practices, 1–2 hubs, ~15 estates (about 1 in 5 in both the council's and
 * a trust's register, joined by an explicit crosswalk link) and ~50 services over the CCG,
 * the council and the trusts. Every locality has at least one two-register estate and one
 * trust site, so every loader path is exercised in every locality.
 */

export type Output = Record<TableKey, RowObject[]> & { explicitLinks: ExplicitLink[] };

/** Running numbers shared by all localities, so codes are unique across the dataset. */
export interface Counters {
  ward: number;
  practice: number;
  gpHub: number;
  communityHub: number;
  estate: number;
  property: number;
  uprn: number;
  ccgService: number;
  careService: number;
  serviceLine: number;
}

interface Ward {
  no: number;
  gss: string;
  postcodes: number;
}

interface Place {
  postcode: string;
  wardGss: string;
}

interface LocalityState {
  no: number;
  rng: Rng;
  council: Council;
  out: Output;
  counters: Counters;
  wards: Ward[];
  practices: { ods: string; postcode: string }[];
  gpHub: { code: string; postcode: string } | null;
  communityHub: { ref: string; wardGss: string } | null;
  sites: { code: string; trust: Trust }[];
}

const next = (counters: Counters, key: keyof Counters): number => ++counters[key];
const maybe = <T>(rng: Rng, p: number, value: T): T | null => (rng.chance(p) ? value : null);

function randomPlace(s: LocalityState): Place {
  const ward = s.rng.pick(s.wards);
  return { postcode: postcode(ward.no, s.rng.int(0, ward.postcodes - 1)), wardGss: ward.gss };
}

function addWards(s: LocalityState, localityId: string, postcodesPerWard: number): void {
  const count = s.rng.int(4, 6);
  for (let i = 0; i < count; i++) {
    const no = next(s.counters, 'ward');
    const ward = {
      no,
      gss: codes.ward(no),
      postcodes: Math.max(1, s.rng.int(Math.round(postcodesPerWard * 0.75), Math.round(postcodesPerWard * 1.25))),
    };
    s.wards.push(ward);
    s.out['council.ward'].push({
      gss_code: ward.gss,
      name: names.ward(no),
      lad_gss: s.council.gss,
      population: s.rng.int(4000, 16000),
      updated_at: s.rng.instant2024(),
    });
    s.out['hub.locality_ward'].push({ locality_id: localityId, ward_gss: ward.gss, updated_at: s.rng.instant2024() });
  }
}

function addPractices(s: LocalityState): void {
  const count = s.rng.int(4, 6);
  for (let i = 0; i < count; i++) {
    const ods = codes.practice(next(s.counters, 'practice'));
    const place = randomPlace(s);
    const status = s.rng.weighted({ A: 94, C: 3, D: 2, P: 1 });
    s.practices.push({ ods, postcode: place.postcode });
    s.out['ccg.practice'].push({
      ods_code: ods,
      name: names.practice(ods),
      ccg_code: s.council.ccg.ods,
      pcn_code: codes.pcn(s.no),
      postcode: place.postcode,
      status,
      open_date: s.rng.date(1974, 2015),
      close_date: status === 'C' ? s.rng.date(2016, 2023) : null,
      updated_at: s.rng.instant2024(),
    });
  }
}

const hubStatus = (rng: Rng) => rng.weighted({ OPEN: 85, PLANNED: 10, CLOSED: 5 });

function addGpHub(s: LocalityState, k: number): void {
  const host = s.rng.pick(s.practices);
  const code = codes.gpHub(s.council.ccg.ods, next(s.counters, 'gpHub'));
  s.gpHub = { code, postcode: host.postcode };
  s.out['ccg.gp_hub'].push({
    hub_code: code,
    name: names.gpHub(s.no, k),
    ccg_code: s.council.ccg.ods,
    host_practice_ods: host.ods,
    postcode: host.postcode,
    status: hubStatus(s.rng),
    opened_on: s.rng.date(2015, 2023),
    opened_text: null,
    opening_hours: s.rng.pick(['08:00-20:00 weekdays', '08:00-20:00 weekdays, 09:00-13:00 Saturdays']),
    seven_day_access: s.rng.chance(0.5),
    updated_at: s.rng.instant2024(),
  });
}

function addCommunityHub(s: LocalityState, k: number): void {
  const ref = codes.communityHub(next(s.counters, 'communityHub'));
  const wardGss = s.rng.pick(s.wards).gss;
  s.communityHub = { ref, wardGss };
  s.out['council.community_hub'].push({
    hub_ref: ref,
    council_gss: s.council.gss,
    name: names.communityHub(s.no, k),
    ward_gss: wardGss,
    status: hubStatus(s.rng),
    opened_on: s.rng.date(2014, 2023),
    opened_text: null,
    updated_at: s.rng.instant2024(),
  });
}

/**
 * Which hubs each locality gets. `cycle` (the default): 1–2 hubs, 1.5 on average, in a fixed
 * cycle over the localities: a council community hub only, a CCG GP hub only, both, both;
 * any three consecutive localities hold every shape, so a small run has the same mix as the
 * full one. `both`: every locality has one of each, so every locality has the same shape.
 */
export type HubPattern = 'cycle' | 'both';

const HUB_CYCLE = [[addCommunityHub], [addGpHub], [addCommunityHub, addGpHub], [addGpHub, addCommunityHub]] as const;

function addHubs(s: LocalityState, pattern: HubPattern): void {
  const hubs = pattern === 'both' ? HUB_CYCLE[2] : HUB_CYCLE[(s.no - 1) % HUB_CYCLE.length]!;
  hubs.forEach((add, i) => add(s, i + 1));
}

const estateStatus = (rng: Rng) => rng.weighted({ IN_USE: 70, VACANT: 8, SURPLUS: 8, PLANNED_DISPOSAL: 5, LAND_SWAP: 3, PLANNED: 6 });

interface Estate {
  use: string;
  name: string;
  place: Place;
  owner: Trust | null;
}

function addProperty(s: LocalityState, estate: Estate): string {
  const assetRef = codes.property(next(s.counters, 'property'));
  const status = estateStatus(s.rng);
  s.out['council.property'].push({
    asset_ref: assetRef,
    uprn: maybe(s.rng, 0.8, codes.uprn(next(s.counters, 'uprn'))),
    council_gss: s.council.gss,
    name: estate.name,
    address: names.address(s.rng.int(1, 250), s.no),
    postcode: maybe(s.rng, 0.9, estate.place.postcode),
    ward_gss: estate.place.wardGss,
    owner_name: estate.owner?.name ?? s.council.name,
    owner_code: estate.owner?.ods ?? s.council.gss,
    tenure: s.rng.pick(['Freehold', 'Leasehold', null]),
    current_use: estate.use,
    status,
    proposed_reuse: status === 'SURPLUS' || status === 'PLANNED_DISPOSAL' ? s.rng.pick(['Housing', 'Health and care', null]) : null,
    updated_at: s.rng.instant2024(),
  });
  return assetRef;
}

function addSite(s: LocalityState, estate: Estate & { owner: Trust }): string {
  const trust = estate.owner;
  const code = codes.site(trust.ods, trust.sites++);
  s.sites.push({ code, trust });
  s.out['trust.site'].push({
    site_code: code,
    trust_ods: trust.ods,
    name: estate.name,
    address: names.address(s.rng.int(1, 250), s.no),
    postcode: estate.place.postcode,
    site_type: s.rng.pick(['Hospital', 'Clinic', 'Health Centre', null]),
    status: s.rng.weighted({ IN_USE: 75, VACANT: 6, SURPLUS: 6, PLANNED_DISPOSAL: 4, LAND_SWAP: 2, PLANNED: 5, CLOSED: 2 }),
    updated_at: s.rng.instant2024(),
  });
  return code;
}

function addEstate(s: LocalityState, registers: 'COUNCIL' | 'TRUST' | 'BOTH'): void {
  const no = next(s.counters, 'estate');
  const owner = registers === 'COUNCIL' ? null : s.rng.pick(s.council.trusts);
  const use = s.rng.pick(ESTATE_USES);
  const estate: Estate = { use, name: names.estate(use, no), place: randomPlace(s), owner };
  const assetRef = registers === 'TRUST' ? null : addProperty(s, estate);
  const siteCode = owner ? addSite(s, { ...estate, owner }) : null;
  if (assetRef && siteCode) {
    const entity = codes.estateEntity(no);
    s.out.explicitLinks.push(
      { kind: 'ESTATE', entity_id: entity, source: 'council', native_table: 'property', native_key: assetRef },
      { kind: 'ESTATE', entity_id: entity, source: 'trust', native_table: 'site', native_key: siteCode },
    );
  }
}

function addEstates(s: LocalityState): void {
  const count = s.rng.int(12, 18);
  addEstate(s, 'BOTH');
  for (let i = 1; i < count; i++) addEstate(s, s.rng.weighted({ COUNCIL: 42, TRUST: 42, BOTH: 16 }));
}

const COHORTS = ['adults', 'older people', 'children and young people', 'people with long-term conditions', null];
const DAYS = ['Monday to Friday', 'seven days', 'weekends', null];
const FUNDING = ['core contract', 'Better Care Fund', 'CQUIN', null];

function serviceBasics(s: LocalityState, setting: string, counter: keyof Counters): { no: number; name: string } {
  const no = next(s.counters, counter);
  return { no, name: names.service(s.rng.pick(SERVICE_KINDS[setting] ?? ['Service']), no) };
}

function providerFor(s: LocalityState, setting: string): string | null {
  if (setting === 'PRIMARY') return s.rng.pick(s.practices).ods;
  if (setting === 'VOLUNTARY') return s.council.charityNumber;
  if (setting === 'SOCIAL_CARE') return maybe(s.rng, 0.5, s.council.gss);
  return s.rng.pick(s.council.trusts).ods;
}

function addCcgService(s: LocalityState): void {
  const setting = s.rng.weighted({ PRIMARY: 50, COMMUNITY: 25, MENTAL_HEALTH: 15, ACUTE: 5, VOLUNTARY: 5 });
  const { no, name } = serviceBasics(s, setting, 'ccgService');
  const hub = s.gpHub && s.rng.chance(0.4) ? s.gpHub : null;
  s.out['ccg.commissioned_service'].push({
    service_code: codes.ccgService(s.council.ccg.ods, no),
    name,
    ccg_code: s.council.ccg.ods,
    provider_ods: providerFor(s, setting),
    care_setting: setting,
    gp_hub_code: hub?.code ?? null,
    postcode: hub?.postcode ?? randomPlace(s).postcode,
    cohort: s.rng.pick(COHORTS),
    days_of_operation: s.rng.pick(DAYS),
    funding_stream: s.rng.pick(FUNDING),
    updated_at: s.rng.instant2024(),
  });
}

function addCareService(s: LocalityState): void {
  const setting = s.rng.weighted({ SOCIAL_CARE: 60, VOLUNTARY: 20, COMMUNITY: 20 });
  const { no, name } = serviceBasics(s, setting, 'careService');
  const hub = s.communityHub && s.rng.chance(0.4) ? s.communityHub : null;
  s.out['council.care_service'].push({
    service_ref: codes.careService(no),
    council_gss: s.council.gss,
    name,
    provider_code: providerFor(s, setting),
    care_setting: setting,
    hub_ref: hub?.ref ?? null,
    ward_gss: hub ? maybe(s.rng, 0.5, hub.wardGss) : s.rng.pick(s.wards).gss,
    cohort: s.rng.pick(COHORTS),
    days_of_operation: s.rng.pick(DAYS),
    funding_stream: s.rng.pick(FUNDING),
    updated_at: s.rng.instant2024(),
  });
}

function addServiceLine(s: LocalityState): void {
  const setting = s.rng.weighted({ COMMUNITY: 50, MENTAL_HEALTH: 30, ACUTE: 20 });
  const { no, name } = serviceBasics(s, setting, 'serviceLine');
  const site = s.rng.pick(s.sites);
  s.out['trust.service_line'].push({
    service_line_id: codes.serviceLine(site.trust.ods, no),
    trust_ods: site.trust.ods,
    name,
    care_setting: setting,
    site_code: site.code,
    cohort: s.rng.pick(COHORTS),
    days_of_operation: s.rng.pick(DAYS),
    updated_at: s.rng.instant2024(),
  });
}

function addServices(s: LocalityState): void {
  const repeat = (count: number, add: (state: LocalityState) => void) => {
    for (let i = 0; i < count; i++) add(s);
  };
  repeat(s.rng.int(12, 18), addCcgService);
  repeat(s.rng.int(14, 20), addCareService);
  repeat(s.rng.int(15, 21), addServiceLine);
}

export interface LocalityInput {
  no: number;
  seed: number;
  rng: Rng;
  council: Council;
  counters: Counters;
  postcodesPerWard: number;
  hubPattern: HubPattern;
}

/** Appends one locality's rows to `out`; returns its wards (for the postcode lookup). */
export function addLocality(out: Output, input: LocalityInput): { no: number; gss: string; postcodes: number }[] {
  const { no, rng, council } = input;
  const s: LocalityState = {
    no,
    rng,
    council,
    out,
    counters: input.counters,
    wards: [],
    practices: [],
    gpHub: null,
    communityHub: null,
    sites: [],
  };
  const id = codes.localityId(no);
  out['hub.locality'].push({
    id,
    code: codes.localityCode(no),
    name: names.locality(no),
    place_gss: council.gss,
    partnership_id: council.partnershipId,
    description: `Synthetic locality for load tests (scripts/scale/generate.ts, seed ${input.seed}); not a real place.`,
    updated_at: rng.instant2024(),
  });
  addWards(s, id, input.postcodesPerWard);
  addPractices(s);
  addHubs(s, input.hubPattern);
  addEstates(s);
  addServices(s);
  return s.wards;
}
