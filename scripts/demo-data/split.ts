/**
 * The demo as real places run: each partner organisation keeps its own system. The build
 * writes one folder per kind of system (`ccg/`, `council/`, `trust/`); this step splits each
 * into one folder per organisation's source (`<source id>/<table>.csv`), as `sources.json`
 * declares them, and rewrites the source ids the registry's crosswalk and the councils'
 * "you said, we did" records name. Every row goes to exactly one source, or the build fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv, stringifyCsv, type Row } from './csv';

interface DemoSource {
  id: string;
  kind: string;
  /** The organisation's code (GSS or ODS) its rows carry. */
  organisations: string[];
  /** The organisation it is, in the hub's registry. */
  description: string;
}

const KIND_FOLDERS = { ccg: 'ccg-primary-care', council: 'council-registers', trust: 'trust-sites' } as const;
type KindFolder = keyof typeof KIND_FOLDERS;

/** One source per partner organisation whose data the documents or the reference data give. */
export const DEMO_SOURCES: readonly DemoSource[] = [
  { id: 'thurrock-council', kind: 'council-registers', organisations: ['E06000034'], description: 'Thurrock Council' },
  {
    id: 'southend-on-sea-borough-council',
    kind: 'council-registers',
    organisations: ['E06000033'],
    description: 'Southend-on-Sea Borough Council',
  },
  { id: 'essex-county-council', kind: 'council-registers', organisations: ['E10000012'], description: 'Essex County Council' },
  {
    id: 'castle-point-borough-council',
    kind: 'council-registers',
    organisations: ['E07000069'],
    description: 'Castle Point Borough Council',
  },
  { id: 'rochford-district-council', kind: 'council-registers', organisations: ['E07000075'], description: 'Rochford District Council' },
  { id: 'purbeck-district-council', kind: 'council-registers', organisations: ['E07000051'], description: 'Purbeck District Council' },
  { id: 'nhs-thurrock-ccg', kind: 'ccg-primary-care', organisations: ['07G'], description: 'NHS Thurrock CCG' },
  { id: 'nhs-southend-ccg', kind: 'ccg-primary-care', organisations: ['99G'], description: 'NHS Southend CCG' },
  {
    id: 'nhs-castle-point-and-rochford-ccg',
    kind: 'ccg-primary-care',
    organisations: ['99F'],
    description: 'NHS Castle Point and Rochford CCG',
  },
  { id: 'nhs-dorset-ccg', kind: 'ccg-primary-care', organisations: ['11J'], description: 'NHS Dorset CCG' },
  { id: 'btuh', kind: 'trust-sites', organisations: ['RDD'], description: 'Basildon and Thurrock University Hospitals NHS FT' },
  { id: 'suhft', kind: 'trust-sites', organisations: ['RAJ'], description: 'Southend University Hospital NHS FT' },
  { id: 'eput', kind: 'trust-sites', organisations: ['R1L'], description: 'Essex Partnership University NHS FT' },
  { id: 'sept', kind: 'trust-sites', organisations: ['RWN'], description: 'South Essex Partnership University NHS FT' },
  { id: 'nelft', kind: 'trust-sites', organisations: ['RAT'], description: 'North East London NHS FT' },
  { id: 'dorset-healthcare', kind: 'trust-sites', organisations: ['RDY'], description: 'Dorset HealthCare University NHS FT' },
  // Voluntary bodies' directories (scripts/demo-data/voluntary.ts); the bodies have no ODS or GSS code.
  { id: 'thurrock-cvs', kind: 'voluntary-directory', organisations: [], description: 'Thurrock Council for Voluntary Services' },
  { id: 'healthwatch-thurrock', kind: 'voluntary-directory', organisations: [], description: 'Healthwatch Thurrock' },
  { id: 'thurrock-coalition', kind: 'voluntary-directory', organisations: [], description: 'Thurrock Coalition' },
];

// The CCG's indicator values are per locality; a locality is in one CCG's area.
const CCG_OF_LOCALITY_PREFIX: readonly [string, string][] = [
  ['THR-', '07G'],
  ['SEE-SOUTHEND-ON-SEA', '99G'],
  ['SEE-CASTLE-POINT', '99F'],
  ['SEE-ROCHFORD', '99F'],
  ['PUR-', '11J'],
];
// The council's plans and engagement are Thurrock's: their references say so.
const COUNCIL_OF_REF_PREFIX: readonly [string, string][] = [['THR-', 'E06000034']];

const byPrefix = (table: readonly [string, string][], value: string): string | undefined =>
  table.find(([prefix]) => value.startsWith(prefix))?.[1];

type Owner = (row: Row, ledgerOwner: Map<string, string>) => string | undefined;

/** Whose row it is, per table of each kind's folder: the organisation code the row carries or implies. */
const OWNERS: Record<KindFolder, Record<string, Owner>> = {
  ccg: {
    practice: (r) => r.ccg_code,
    gp_hub: (r) => r.ccg_code,
    commissioned_service: (r) => r.ccg_code,
    indicator_value: (r) => byPrefix(CCG_OF_LOCALITY_PREFIX, r.area_code ?? ''),
    ledger_line: (r) => r.org_code,
    ledger_quarter: (r, ledger) => ledger.get(r.line_ref ?? ''),
  },
  council: {
    ward: (r) => r.lad_gss,
    community_hub: (r) => r.council_gss,
    property: (r) => r.council_gss,
    care_service: (r) => r.council_gss,
    indicator_value: (r) => r.area_code,
    ledger_line: (r) => r.org_code,
    ledger_quarter: (r, ledger) => ledger.get(r.line_ref ?? ''),
    plan_strategy: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.strategy_ref ?? ''),
    plan_objective: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.objective_ref ?? ''),
    plan_ambition: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.ambition_ref ?? ''),
    plan_action: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.action_ref ?? ''),
    action_status: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.action_ref ?? ''),
    engagement_activity: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.activity_ref ?? ''),
    you_said_we_did: (r) => byPrefix(COUNCIL_OF_REF_PREFIX, r.activity_ref ?? r.action_ref ?? ''),
  },
  trust: {
    site: (r) => r.trust_ods,
    service_line: (r) => r.trust_ods,
  },
};

const read = (file: string) => parseCsv(fs.readFileSync(file, 'utf8'), file);

/** Splits `<out>/{ccg,council,trust}/` into one folder per demo source; returns the problems found. */
export function splitBySource(out: string): string[] {
  const problems: string[] = [];
  // A source's folder is remade whole: a table it no longer has leaves no file behind.
  for (const { id } of DEMO_SOURCES) fs.rmSync(path.join(out, id), { recursive: true, force: true });
  const sourceOf = new Map<string, string>(); // `${folder}/${table}/${key}` → source id
  const written: Record<string, Record<string, { header: string[]; rows: Row[] }>> = {};
  for (const [folder, kind] of Object.entries(KIND_FOLDERS) as [KindFolder, string][]) {
    const sources = DEMO_SOURCES.filter((s) => s.kind === kind);
    const ledgerOwner = new Map<string, string>();
    const files = fs.readdirSync(path.join(out, folder)).sort((a, b) => (a === 'ledger_line.csv' ? -1 : b === 'ledger_line.csv' ? 1 : 0));
    for (const file of files) {
      const table = file.replace(/\.csv$/, '');
      const owner = OWNERS[folder][table];
      const { header, rows } = read(path.join(out, folder, file));
      if (!owner) {
        problems.push(`split: no owner rule for ${folder}/${file}`);
        continue;
      }
      for (const row of rows) {
        const code = owner(row, ledgerOwner);
        const source = sources.find((s) => code !== undefined && s.organisations.includes(code));
        if (!source) {
          problems.push(
            `split: ${folder}/${file} row ${JSON.stringify(Object.values(row).slice(0, 2))} belongs to no demo source (${code})`,
          );
          continue;
        }
        if (table === 'ledger_line') ledgerOwner.set(row.line_ref ?? '', code!);
        sourceOf.set(`${folder}/${table}/${Object.values(row)[0]}`, source.id);
        ((written[source.id] ??= {})[file] ??= { header, rows: [] }).rows.push(row);
      }
    }
    fs.rmSync(path.join(out, folder), { recursive: true });
  }
  const renamed = (folder: string, table: string, key: string, where: string): string => {
    const id = sourceOf.get(`${folder}/${table}/${key}`);
    if (!id) problems.push(`split: ${where} names ${folder}.${table} ${key}, which no demo source holds`);
    return id ?? folder;
  };
  for (const row of written['thurrock-council']?.['you_said_we_did.csv']?.rows ?? []) {
    if (!row.service_source || !row.service_key) continue;
    const table = { ccg: 'commissioned_service', council: 'care_service', trust: 'service_line' }[row.service_source as KindFolder];
    row.service_source = renamed(row.service_source, table ?? '', row.service_key, 'you_said_we_did');
  }
  for (const [id, files] of Object.entries(written)) {
    for (const [file, { header, rows }] of Object.entries(files)) {
      fs.mkdirSync(path.join(out, id), { recursive: true });
      fs.writeFileSync(path.join(out, id, file), stringifyCsv(header, rows), 'utf8');
    }
  }
  const crosswalkFile = path.join(out, 'hub', 'crosswalk.csv');
  const crosswalk = read(crosswalkFile);
  for (const row of crosswalk.rows)
    row.source = renamed(row.source ?? '', row.native_table ?? '', row.native_key ?? '', 'hub/crosswalk.csv');
  fs.writeFileSync(crosswalkFile, stringifyCsv(crosswalk.header, crosswalk.rows), 'utf8');
  const declared = [
    { id: 'hub', kind: 'hub-registry' },
    ...DEMO_SOURCES.map(({ id, kind, organisations }) => ({ id, kind, organisations })),
  ];
  fs.writeFileSync(path.join(out, 'sources.json'), `${JSON.stringify({ sources: declared }, null, 2)}\n`, 'utf8');
  return problems;
}
