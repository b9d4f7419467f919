/**
 * The voluntary bodies' service directories, one per body that the seed documents say runs
 * something, in the shape of Open Referral UK (openreferraluk.org): `organization`,
 * `service`, `service_area`, `location` and `service_at_location`. Called once by build.ts
 * after the rest of the demo is written: it writes `data/demo/<body>/*.csv`, appends its
 * provenance to PROVENANCE.md and README.md, and checks what it wrote (and, when the seed
 * papers are at hand, every quote against the lines it cites).
 *
 * Only what a seed attributes to a voluntary body is recorded. Nothing in the papers gives
 * a body's own identifiers, addresses, e-mail or web address, so each row's `id` is
 * invented (`SYNTH-…`) and the row is marked `synthetic` as the council's invented asset
 * reference is; its other values are the papers'. No seed gives an address for anything a
 * voluntary body runs, so the demo's `location` and `service_at_location` are empty and
 * every service is placed by its `service_area` (the area's ONS code in `uri`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsv, stringifyCsv, type Cell } from './csv';
import { ORGANISATIONS, SEED_FILES, type SeedId } from './documents';
import { KEYS, compareKeys } from './schema';
import { validatorFor } from '../../src/ingestion/columns';
import type { SERVICE_STATUS } from '../../src/sources/voluntary/rows';
import { ONS_GEOGRAPHY_URI, TABLES } from '../../src/sources/voluntary/tables';

/** The kind's tables (src/sources/voluntary/tables.ts): one file each, its columns in its order. */
const FILES = Object.fromEntries(TABLES.map((t) => [t.file, t])) as Record<VoluntaryFile, (typeof TABLES)[number]>;
export type VoluntaryFile = 'organization.csv' | 'service.csv' | 'service_area.csv' | 'location.csv' | 'service_at_location.csv';
const header = (file: VoluntaryFile) => FILES[file].columns.map((c) => c.name);

/** Lines `from`–`to` of a seed file hold `text` (HTML tags and line breaks aside). */
interface Cited {
  seed: SeedId;
  from: number;
  to?: number;
  text: string;
}

interface ServiceFact {
  name: string;
  /** The papers' words, verbatim: the service's description. */
  description: Cited;
  /** Further passages that attribute it (shown in PROVENANCE.md, checked like the description). */
  alsoIn: Cited[];
  status: (typeof SERVICE_STATUS)[number];
  /** The local authority it is for, by the registry id of its council (its GSS code comes from there). */
  areaCouncil: string;
  areaName: string;
  why: string;
  /** The same service recorded elsewhere: an explicit crosswalk link joins the records into one entity. */
  sameAs?: SameService;
}

interface SameService {
  /** The shared entity's id in hub/crosswalk.csv. */
  entityId: string;
  why: string;
  /** Other partner sources' records of it, by table and key (the source is whichever demo folder holds the row). */
  elsewhere: { table: string; key: string }[];
}

interface DirectoryFact {
  /** The registry's id of the body (hub/partner_organisation.csv); also the demo folder's name. */
  organisationId: string;
  /** The letters of its invented keys. */
  keyPrefix: string;
  services: ServiceFact[];
}

// Seed 004, lines 31–37: the four Thurrock bodies agreed to this together with the Council and
// the CCG; each of the three registered voluntary bodies lists it (the hub links the three).
const CO_PRODUCTION: ServiceFact = {
  name: 'Co-production of integrated health and social care in Thurrock',
  description: {
    seed: '004',
    from: 31,
    to: 37,
    text:
      'Thurrock CVS, Thurrock Healthwatch, Thurrock CRG and Thurrock Coalition have also agreed to work with Thurrock Council and the CCG in a process by which: ' +
      'a) citizens will be involved, at the earliest stage, in conversations to refine and confirm the vision and the high level principles for integrated health and social care services, and ' +
      'b) the manner in which the principles should be applied across the whole health and social care system to ensure better care for the people of Thurrock will be jointly determined - with the initial focus being the health and well being of older adults. ' +
      'This process is known as co-production.',
  },
  alsoIn: [],
  status: 'active',
  areaCouncil: 'thurrock-council',
  areaName: 'Thurrock',
  why: 'agreed in the July 2014 engagement plan ("have also agreed to work with"); "the people of Thurrock"',
  sameAs: {
    entityId: 'thurrock-co-production',
    why: 'seed 004 lines 31–37: one process the bodies agreed to together, listed in each directory',
    elsewhere: [],
  },
};

export const DIRECTORIES: readonly DirectoryFact[] = [
  {
    organisationId: 'thurrock-cvs',
    keyPrefix: 'TCVS',
    services: [
      {
        name: 'Grant funding for community wellbeing (pilot)',
        description: {
          seed: '001',
          from: 173,
          text: 'A grant funding process was piloted with CVS from Dec 14 –for community wellbeing which has incorporated various projects and initiatives impacting on Healthy weight.',
        },
        alsoIn: [{ seed: '001', from: 145, text: 'A grant funding process was piloted with CVS from Dec 14 – for community wellbeing.' }],
        status: 'active',
        areaCouncil: 'thurrock-council',
        areaName: 'Thurrock',
        why: 'piloted from December 2014 and reported in the 2014/15 end-of-year plan of Thurrock',
      },
      {
        name: 'Grant funding for preventative mental health and wellbeing (pilot)',
        description: {
          seed: '001',
          from: 165,
          text: 'A grant funding project for preventative MH and wellbeing is being piloted in partnership with Community Voluntary Service (CVS), this was set up and projects awarded during quarter 4 of 2014/15 and will be reviewed and evaluated in 2015/16.',
        },
        alsoIn: [],
        status: 'active',
        areaCouncil: 'thurrock-council',
        areaName: 'Thurrock',
        why: '"is being piloted" in the 2014/15 end-of-year plan of Thurrock',
        sameAs: {
          entityId: 'thurrock-preventative-mh-grant-pilot',
          why: "seed 001 line 165: the pilot Thurrock Council's register records as THR-SVC-011 (the same passage)",
          elsewhere: [{ table: 'care_service', key: 'THR-SVC-011' }],
        },
      },
      CO_PRODUCTION,
    ],
  },
  { organisationId: 'healthwatch-thurrock', keyPrefix: 'HWT', services: [CO_PRODUCTION] },
  { organisationId: 'thurrock-coalition', keyPrefix: 'TCOAL', services: [CO_PRODUCTION] },
];

/** The registered voluntary bodies with nothing in the papers to list, and why. */
const NOT_LISTED: Record<string, string> = {
  'castle-point-avs':
    'seed 002 names it only as a party to the South East Essex MoU and a signatory (Janis Gibson); no seed attributes a service, activity or place to it',
  'southend-avs':
    'seed 002 names it only as a party to the South East Essex MoU and a signatory (Kristina Jackson, Chief Executive); no seed attributes a service, activity or place to it',
};

type Out = Record<string, Cell>;
type Tables = Record<VoluntaryFile, Out[]>;

const key = (d: DirectoryFact, table: string, n: number) => `SYNTH-${d.keyPrefix}-${table}-${String(n).padStart(4, '0')}`;

function organisation(id: string) {
  const o = ORGANISATIONS.find((x) => x.id === id);
  if (!o) throw new Error(`voluntary: no registered organisation ${id}`);
  return o;
}

/** One body's directory as rows of its five tables. */
export function directoryTables(d: DirectoryFact): Tables {
  const body = organisation(d.organisationId);
  if (body.kind !== 'VOLUNTARY') throw new Error(`voluntary: ${d.organisationId} is not a voluntary body`);
  const orgId = key(d, 'ORG', 1);
  const tables: Tables = {
    'organization.csv': [{ id: orgId, name: body.name, description: null, email: null, url: null, synthetic: true }],
    'service.csv': [],
    'service_area.csv': [],
    'location.csv': [],
    'service_at_location.csv': [],
  };
  d.services.forEach((s, i) => {
    const serviceId = key(d, 'SVC', i + 1);
    const gss = organisation(s.areaCouncil).gss;
    if (!gss) throw new Error(`voluntary: ${s.areaCouncil} has no GSS code`);
    tables['service.csv'].push({
      id: serviceId,
      organization_id: orgId,
      name: s.name,
      description: s.description.text,
      url: null,
      email: null,
      status: s.status,
      synthetic: true,
    });
    tables['service_area.csv'].push({
      id: key(d, 'AREA', i + 1),
      service_id: serviceId,
      name: s.areaName,
      uri: `${ONS_GEOGRAPHY_URI}${gss}`,
      synthetic: true,
    });
  });
  return tables;
}

/** Writes every directory, its provenance and its checks; called once by build.ts. */
export function writeVoluntaryDirectories(outDir: string, seedsDir: string): void {
  for (const d of DIRECTORIES) {
    const tables = directoryTables(d);
    for (const [file, rows] of Object.entries(tables) as [VoluntaryFile, Out[]][]) {
      rows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
      const target = path.join(outDir, d.organisationId, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, stringifyCsv(header(file), rows), 'utf8');
      console.log(`${String(rows.length).padStart(6)}  ${d.organisationId}/${file}`);
    }
  }
  const links = writeCrosswalkLinks(outDir);
  fs.appendFileSync(path.join(outDir, 'PROVENANCE.md'), renderVoluntaryProvenance(links), 'utf8');
  fs.appendFileSync(path.join(outDir, 'README.md'), README_PARAGRAPH, 'utf8');
  const problems = [...checkVoluntaryDirectories(outDir), ...(fs.existsSync(seedsDir) ? checkCitations(seedsDir) : [])];
  for (const p of problems) console.error(`CHECK FAILED: ${p}`);
  if (problems.length > 0) process.exitCode = 1;
}

/** The demo folder (a source id) whose `<table>.csv` holds the row keyed `key` (its first column). */
function holderOf(outDir: string, table: string, key: string): string {
  const holders = fs
    .readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(outDir, e.name, `${table}.csv`)))
    .map((e) => e.name)
    .filter((folder) => readCsv(path.join(outDir, folder, `${table}.csv`)).rows.some((r) => Object.values(r)[0] === key));
  if (holders.length !== 1) throw new Error(`voluntary: ${table} ${key} is held by ${holders.length} demo sources (${holders.join(', ')})`);
  return holders[0]!;
}

/**
 * The explicit links that make one service of the directories' records of it (and of another
 * partner's), appended to the registry's crosswalk once the partners' folders are split by source.
 */
function writeCrosswalkLinks(outDir: string): Out[] {
  const links: Out[] = [];
  const link = (entityId: string, source: string, table: string, key: string) =>
    links.push({ kind: 'SERVICE', entity_id: entityId, source, native_table: table, native_key: key });
  const elsewhereDone = new Set<string>();
  for (const d of DIRECTORIES) {
    d.services.forEach((s, i) => {
      if (!s.sameAs) return;
      link(s.sameAs.entityId, d.organisationId, 'service', key(d, 'SVC', i + 1));
      if (elsewhereDone.has(s.sameAs.entityId)) return;
      elsewhereDone.add(s.sameAs.entityId);
      for (const other of s.sameAs.elsewhere) link(s.sameAs.entityId, holderOf(outDir, other.table, other.key), other.table, other.key);
    });
  }
  const file = path.join(outDir, 'hub', 'crosswalk.csv');
  const crosswalk = readCsv(file);
  const rows: Out[] = [...crosswalk.rows, ...links].sort((a, b) => compareKeys(KEYS['hub/crosswalk.csv'], a, b));
  fs.writeFileSync(file, stringifyCsv(crosswalk.header, rows), 'utf8');
  return links;
}

// ---- checks ---------------------------------------------------------------------------

/** What `ingest` and the kind rely on: headers, unique ids, references, statuses, area codes, synthetic markers. */
export function checkVoluntaryDirectories(outDir: string): string[] {
  const errors: string[] = [];
  const registry = new Map(readCsv(path.join(outDir, 'hub', 'partner_organisation.csv')).rows.map((r) => [r.id, r]));
  for (const d of DIRECTORIES) {
    const read = (file: VoluntaryFile) => {
      const { header: columns, rows } = readCsv(path.join(outDir, d.organisationId, file));
      if (columns.join(',') !== header(file).join(',')) errors.push(`${d.organisationId}/${file}: header ${columns.join(',')}`);
      // Every cell as \`ingest\` validates it, so the demo loads with no row rejected.
      const validators = FILES[file].columns.map((c) => ({ name: c.name, check: validatorFor(c) }));
      rows.forEach((r, i) =>
        validators.forEach((v) => {
          const result = v.check(r[v.name] ?? '');
          if (!result.ok) errors.push(`${d.organisationId}/${file} line ${i + 2}: ${result.reason}`);
        }),
      );
      const ids = rows.map((r) => r.id ?? '');
      if (new Set(ids).size !== ids.length) errors.push(`${d.organisationId}/${file}: duplicate id`);
      if (ids.join('\n') !== [...ids].sort().join('\n')) errors.push(`${d.organisationId}/${file}: rows not sorted by id`);
      for (const r of rows) {
        if (!/^SYNTH-[A-Z]+-[A-Z]+-\d{4}$/.test(r.id ?? '') || r.synthetic !== 'true')
          errors.push(`${d.organisationId}/${file} ${r.id}: an invented id must be SYNTH-… and the row marked synthetic`);
      }
      return rows;
    };
    const orgs = read('organization.csv');
    const services = read('service.csv');
    const areas = read('service_area.csv');
    const locations = read('location.csv');
    const at = read('service_at_location.csv');
    const body = registry.get(d.organisationId);
    if (!body || body.kind !== 'VOLUNTARY') errors.push(`${d.organisationId}: not a voluntary body in hub/partner_organisation.csv`);
    if (orgs.length !== 1 || orgs[0]?.name !== body?.name)
      errors.push(`${d.organisationId}/organization.csv: one row, named as the registry names it`);
    const serviceIds = new Set(services.map((s) => s.id));
    for (const s of services) {
      if (!orgs.some((o) => o.id === s.organization_id)) errors.push(`${d.organisationId}/service.csv ${s.id}: unknown organization_id`);
      if (!areas.some((a) => a.service_id === s.id) && !at.some((a) => a.service_id === s.id))
        errors.push(`${d.organisationId}/service.csv ${s.id}: neither a service area nor a location, so no locality can show it`);
    }
    for (const a of areas) {
      if (!serviceIds.has(a.service_id)) errors.push(`${d.organisationId}/service_area.csv ${a.id}: unknown service_id`);
      const gss = (a.uri ?? '').slice(ONS_GEOGRAPHY_URI.length);
      if (!a.uri?.startsWith(ONS_GEOGRAPHY_URI) || !/^E0[5-9]\d{6}$/.test(gss))
        errors.push(`${d.organisationId}/service_area.csv ${a.id}: uri must name a ward or local authority by GSS code`);
    }
    for (const a of at) {
      if (!serviceIds.has(a.service_id) || !locations.some((l) => l.id === a.location_id))
        errors.push(`${d.organisationId}/service_at_location.csv ${a.id}: unknown service or location`);
    }
  }
  return errors;
}

/** Each cited passage is on the lines it cites (tags, emphasis and line breaks aside). */
function checkCitations(seedsDir: string): string[] {
  const plain = (s: string) =>
    s
      .replace(/<[^>]+>/g, ' ')
      .replace(/\*/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const lines = new Map<SeedId, string[]>();
  const errors: string[] = [];
  for (const d of DIRECTORIES) {
    for (const s of d.services) {
      for (const c of [s.description, ...s.alsoIn]) {
        if (!lines.has(c.seed)) lines.set(c.seed, fs.readFileSync(path.join(seedsDir, SEED_FILES[c.seed]), 'utf8').split('\n'));
        const cited = plain(
          lines
            .get(c.seed)!
            .slice(c.from - 1, c.to ?? c.from)
            .join(' '),
        );
        if (!cited.includes(plain(c.text)))
          errors.push(`voluntary: "${c.text.slice(0, 60)}…" is not on seed ${c.seed} line${lineRange(c)}`);
      }
    }
  }
  return errors;
}

// ---- provenance -----------------------------------------------------------------------

const lineRange = (c: Cited) => (c.to ? `s ${c.from}–${c.to}` : ` ${c.from}`);

function renderVoluntaryProvenance(links: readonly Out[]): string {
  const out: string[] = [
    '',
    "## Voluntary bodies' service directories (`thurrock-cvs/`, `healthwatch-thurrock/`, `thurrock-coalition/`)",
    '',
    "Written by `scripts/demo-data/voluntary.ts`. Each registered voluntary body (hub/partner_organisation.csv, kind VOLUNTARY) that a seed says runs something keeps its own service directory, in the shape of Open Referral UK: `organization.csv` (the body itself), `service.csv`, `service_area.csv` (where a service is available), `location.csv` and `service_at_location.csv` (where it is delivered). Columns are Open Referral UK's (`location` also holds the one physical address Open Referral keeps in its `address` table), limited to what the seeds could fill, plus the demo's `synthetic` flag.",
    '',
    "- **SYNTHETIC keys**: every `id` (`SYNTH-<body>-ORG|SVC|AREA-nnnn`) is invented — the bodies' own directory identifiers are in no source — so **every row of these files is marked `synthetic` = true**, as `council/property.csv`'s invented `SYNTH-PROP-0001` is. The other values of each row are the seeds' (or the registry's, below).",
    "- `organization.name`: the registry's name of the body (hub/partner_organisation.csv). `description`, `email`, `url`: empty (no seed gives them).",
    '- `service.name`: a short label for what the passage describes (the papers give these activities no names); `service.description`: the passage itself, verbatim (checked against the seed lines cited below when the seeds are at hand). `url`, `email`: empty.',
    '- `service.status`: `active` — each passage reports the service as running or agreed in its document (2014/15); no source says what became of it.',
    `- \`service_area\`: the local authority the passage says the service is for; \`name\` as the seed writes the place, \`uri\` = \`${ONS_GEOGRAPHY_URI}\` + the council's GSS code from the registry (mySociety, see hub/partner_organisation.csv). The hub places a service in every locality of that area.`,
    '- `location.csv`, `service_at_location.csv`: **header only**. No seed gives an address, postcode, UPRN or coordinates for anything a voluntary body runs, so none is recorded.',
    '',
    '| body | file | id | service | cited | status, area |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const d of DIRECTORIES) {
    d.services.forEach((s, i) => {
      const cites = [s.description, ...s.alsoIn].map((c) => `seed ${c.seed} (\`${SEED_FILES[c.seed]}\`) line${lineRange(c)}`).join('; ');
      out.push(
        `| ${d.organisationId} | service.csv | ${key(d, 'SVC', i + 1)} | ${s.name} | ${cites} | ${s.status}: ${s.why}; area ${s.areaName} |`,
      );
    });
  }
  out.push(
    '',
    '- The three co-production rows are one activity: seed 004 line 31 says Thurrock CVS, Thurrock Healthwatch, Thurrock CRG and Thurrock Coalition "have also agreed to work with Thurrock Council and the CCG" in it. Each registered body\'s directory lists it (the Commissioning Reference Group is not a registered organisation), and the crosswalk joins the three records into one service (below). Seed 004 line 120 also makes the same four bodies members of the Health and Social Care Transformation Engagement Group, which oversees the engagement activities of `thurrock-council/engagement_activity.csv`; those are executed "as a work stream within the programme" of the Council and the CCG (line 88), so they are not listed as the voluntary bodies\' services.',
    "- The two Thurrock CVS grant pilots are recorded as the plan reports them, under two objectives (community wellbeing and healthy weight, line 145 and the summary at line 173; preventative mental health and wellbeing, line 165). The plan does not say whether they are one grant process; they are not merged. The mental-health pilot is the one Thurrock Council's register records as THR-SVC-011 (the same passage); the crosswalk joins the two records (below).",
    '',
    `**hub/crosswalk.csv**: ${links.length} rows appended by \`voluntary.ts\` (after the partners' folders are split by source), joining records that are one service:`,
    '',
    '| entity | source | table | key | why |',
    '| --- | --- | --- | --- | --- |',
    ...links.map((l) => {
      const why = DIRECTORIES.flatMap((d) => d.services).find((s) => s.sameAs?.entityId === l.entity_id)?.sameAs?.why ?? '';
      return `| ${String(l.entity_id)} | ${String(l.source)} | ${String(l.native_table)} | ${String(l.native_key)} | ${why} |`;
    }),
    '',
    'Registered voluntary bodies without a directory (nothing to list):',
    '',
    '| body | why |',
    '| --- | --- |',
    ...Object.entries(NOT_LISTED).map(([id, why]) => `| ${id} | ${why} |`),
    '',
    'Voluntary organisations the seeds name that are not registered partners have no directory: Mind ("day opportunities within Mental Health (Mind Contract)", seed 001), Community Catalysts and ASH (seed 001, consulted or facilitating) — see "Named in the seeds but **not** included as partner organisations" above. Seed 003 objective 1 speaks of "wider public and voluntary sector community based interventions" in the Purbeck single hub but names no voluntary body.',
    '',
  );
  return out.join('\n');
}

const README_PARAGRAPH = [
  '',
  "The voluntary bodies' service directories (`thurrock-cvs/`, `healthwatch-thurrock/`, `thurrock-coalition/`: Open Referral UK's `organization`, `service`, `service_area`, `location`, `service_at_location`) are built by `scripts/demo-data/voluntary.ts` from what the seeds say each body runs; their keys are synthetic (the bodies' own identifiers are in no source), and their provenance is at the end of `PROVENANCE.md`.",
  '',
].join('\n');
