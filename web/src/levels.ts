import { AREA_SERIES, INDICATOR_IDS, PCN_PARENTS, run } from './api';
import type { AreaSeriesData, IndicatorIdsData, LocalityData, PcnParentsData, Series } from './api';

/**
 * The areas that cover a locality, each at its level: the locality itself, its council (both
 * tiers where the area has two), the CCG its PCN was part of, and the region. An indicator
 * measured for any of them covers the place, so the page shows each with its level named.
 * Every area comes from the hub's structures (Locality.councils, Structure.parents).
 */

type Locality = NonNullable<LocalityData['locality']>;

export interface Area {
  code: string;
  /** As a reader would say it: "County council", "CCG", "Region"… */
  level: string;
  name: string;
}

export interface Measured {
  area: Area;
  series: Series;
}

export interface Coverage {
  measured: Measured[];
  /** Areas where no indicator the hub knows has a value, each said, so an absence is not silent. */
  notMeasured: string[];
  /** Field errors of the hub's answers (a source that is down). */
  errors: readonly { message: string; code: string | undefined }[];
}

const TIERS: Record<string, string> = { UNITARY: 'Council', COUNTY: 'County council', DISTRICT: 'District council' };

/** The link of a relationship in force longest (open-ended first, else the latest end). */
function latest<L extends { relationship: string; validTo: string | null }>(links: readonly L[], relationship: string): L | undefined {
  return [...links]
    .filter((l) => l.relationship === relationship)
    .sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999'))[0];
}

async function nhsAreas(pcnCode: string | null): Promise<{ areas: Area[]; missing: string[] }> {
  if (!pcnCode) return { areas: [], missing: ['CCG: the hub records no PCN for this locality, so not which CCG it is in.'] };
  const { data } = await run<PcnParentsData>(PCN_PARENTS, { pcn: pcnCode });
  const parents = data.structure?.parents ?? [];
  // A CCG kept its code as a sub-ICB location from July 2022: measures name it by that code either way.
  const ccg = latest(parents, 'PART_OF_CCG') ?? latest(parents, 'PART_OF_SUB_ICB_LOCATION');
  if (!ccg) return { areas: [], missing: [`CCG: the hub records none for the PCN ${pcnCode}.`] };
  const areas: Area[] = [
    { code: ccg.structure.code, level: ccg.relationship === 'PART_OF_CCG' ? 'CCG' : 'Sub-ICB location', name: ccg.structure.name },
  ];
  const region = latest(ccg.structure.parents, 'IN_NHS_REGION');
  if (region) areas.push({ code: region.structure.code, level: 'NHS region', name: region.structure.name });
  return { areas, missing: [] };
}

/** The locality, then its councils, CCG and regions, each once. */
export async function coveringAreas(locality: Locality): Promise<{ areas: Area[]; missing: string[] }> {
  const areas: Area[] = [{ code: locality.code, level: 'Locality', name: locality.name }];
  for (const { tier, council } of locality.councils) areas.push({ code: council.code, level: TIERS[tier] ?? tier, name: council.name });
  const nhs = await nhsAreas(locality.pcnCode);
  areas.push(...nhs.areas);
  const region = locality.councils.map((c) => latest(c.council.parents, 'IN_REGION')).find((l) => l !== undefined);
  if (region) areas.push({ code: region.structure.code, level: 'Region', name: region.structure.name });
  const seen = new Set<string>();
  return { areas: areas.filter((a) => !seen.has(a.code) && seen.add(a.code)), missing: nhs.missing };
}

/** Every indicator of the partnerships' outcomes, each once. */
async function indicatorIds(): Promise<string[]> {
  const { data } = await run<IndicatorIdsData>(INDICATOR_IDS);
  const ids = data.partnerships.nodes.flatMap((p) =>
    p.outcomeDomains.flatMap((d) => d.outcomes.flatMap((o) => o.indicators.map((i) => i.id))),
  );
  return [...new Set(ids)];
}

/**
 * Every indicator with values for one area. One small query per indicator: asking for all
 * of them through the partnerships' outcomes in one would cost more than the hub's query
 * cost limit allows (each unpaged list counts at its declared size).
 */
async function seriesFor(area: Area, ids: readonly string[]): Promise<{ series: Series[]; errors: Coverage['errors'] }> {
  const answers = await Promise.all(ids.map((indicator) => run<AreaSeriesData>(AREA_SERIES, { indicator, area: area.code })));
  const series = answers.flatMap((a) => (a.data.indicator && a.data.indicator.series.values.length > 0 ? [a.data.indicator.series] : []));
  return { series, errors: answers.flatMap((a) => a.errors) };
}

export const describeArea = (area: Area): string => `${area.level}: ${area.name} (${area.code})`;

/**
 * Each indicator covering the locality, at every level it is measured. The locality's own
 * series come with the locality; a wider area summed from this locality alone repeats them,
 * so it is named as such rather than drawn twice.
 */
export async function coverage(locality: Locality): Promise<Coverage> {
  const [{ areas, missing }, ids] = await Promise.all([coveringAreas(locality), indicatorIds()]);
  const [own, ...wider] = areas;
  const answers = await Promise.all(wider.map((area) => seriesFor(area, ids)));
  const measured: Measured[] = locality.indicators.map((series) => ({ area: own!, series }));
  const notMeasured = [...missing];
  const errors = answers.flatMap((a) => a.errors);
  wider.forEach((area, i) => {
    const series = answers[i]!.series;
    const repeats = series.filter((s) => s.rolledUpFrom?.length === 1 && s.rolledUpFrom[0] === locality.code);
    const distinct = series.filter((s) => !repeats.includes(s));
    measured.push(...distinct.map((s) => ({ area, series: s })));
    if (repeats.length > 0)
      notMeasured.push(
        `${describeArea(area)}: ${repeats.map((s) => s.indicator.name).join(', ')} summed from this locality alone, so the same as the locality's own.`,
      );
    else if (distinct.length === 0) notMeasured.push(`${describeArea(area)}: no indicator is measured.`);
  });
  return { measured, notMeasured, errors };
}
