import type { ExplicitLink } from '../../src/crosswalk/link';
import { addLocality, type Counters, type HubPattern, type Output } from './locality';
import { postcode } from './names';
import { buildNational, type Council } from './national';
import { indicatorValueCount, indicatorValueRows, type MeasuredArea } from './outcomes';
import { addProgrammes } from './programme';
import { Rng } from './random';
import { TABLE_SPECS, tableKey, type RowObject, type TableKey, type TableSpec } from './tables';

/**
 * The whole synthetic dataset for a number of localities and a seed, built in memory
 * except the two biggest tables, which are produced row by row while they are copied: the
 * postcode lookup (about 160 postcodes per ward, like the demo's Code-Point extract) and
 * the partners' monthly indicator values. Same options, same rows.
 */

export interface DatasetOptions {
  localities: number;
  seed: number;
  /** Mean postcodes per ward in `postcode_ward` (each ward gets ±25%). */
  postcodesPerWard: number;
  /** 1–2 hubs per locality in a cycle of shapes (default), or one of each kind everywhere. */
  hubPattern: HubPattern;
}

export interface TableData {
  spec: TableSpec;
  count: number;
  rows(): Iterable<RowObject>;
}

export interface Dataset {
  tables: TableData[];
  explicitLinks: ExplicitLink[];
}

export const DEFAULT_POSTCODES_PER_WARD = 160;

function emptyOutput(): Output {
  const tables = Object.fromEntries(TABLE_SPECS.map((spec) => [tableKey(spec), [] as RowObject[]])) as Record<TableKey, RowObject[]>;
  return { ...tables, explicitLinks: [] };
}

const zeroCounters = (): Counters => ({
  ward: 0,
  practice: 0,
  gpHub: 0,
  communityHub: 0,
  estate: 0,
  property: 0,
  uprn: 0,
  ccgService: 0,
  careService: 0,
  serviceLine: 0,
});

function* postcodeRows(wards: readonly WardRows[]): Iterable<RowObject> {
  for (const ward of wards) {
    for (let k = 0; k < ward.postcodes; k++) yield { postcode: postcode(ward.no, k), ward_gss: ward.gss };
  }
}

/** Tables produced while they are copied, with their row counts known in advance (for the progress bar). */
function streamedTable(spec: TableSpec, seed: number, wards: readonly WardRows[], areas: readonly MeasuredArea[]): TableData | null {
  if (spec.table === 'postcode_ward') {
    return { spec, count: wards.reduce((sum, w) => sum + w.postcodes, 0), rows: () => postcodeRows(wards) };
  }
  if (spec.table === 'indicator_value' && spec.source !== 'hub') {
    const source = spec.source;
    return { spec, count: indicatorValueCount(areas, source), rows: () => indicatorValueRows(seed, areas, source) };
  }
  return null;
}

type WardRows = { no: number; gss: string; postcodes: number };

export function buildDataset(options: DatasetOptions): Dataset {
  const { localities, seed } = options;
  const national = buildNational(seed, localities);
  const out = emptyOutput();
  out['hub.partner_organisation'].push(...national.rows.partner_organisation);
  out['hub.partnership'].push(...national.rows.partnership);
  out['hub.partnership_member'].push(...national.rows.partnership_member);
  const counters = zeroCounters();
  const wards: WardRows[] = [];
  const localitiesOf = new Map<Council, { no: number; code: string }[]>();
  for (let no = 1; no <= localities; no++) {
    const council = national.councils[Math.floor(((no - 1) * national.councils.length) / localities)]!;
    const rng = new Rng(seed, `locality:${no}`);
    wards.push(
      ...addLocality(out, { no, seed, rng, council, counters, postcodesPerWard: options.postcodesPerWard, hubPattern: options.hubPattern }),
    );
    localitiesOf.set(council, [...(localitiesOf.get(council) ?? []), { no, code: String(out['hub.locality'].at(-1)!.code) }]);
  }
  const areas = addProgrammes(seed, national.councils, (council) => localitiesOf.get(council) ?? [], out);
  const tables = TABLE_SPECS.map((spec): TableData => {
    const streamed = streamedTable(spec, seed, wards, areas);
    if (streamed) return streamed;
    const rows = out[tableKey(spec)];
    return { spec, count: rows.length, rows: () => rows };
  });
  return { tables, explicitLinks: out.explicitLinks };
}
