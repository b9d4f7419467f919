import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { OVERVIEW, POSTCODE_LOCALITY, run } from './api';
import type { OverviewData, OverviewLocality, PostcodeLocalityData } from './api';
import { asImage, chartFigure, chartWidth, rankingChart, type RankedBar } from './charts';
import { el, section } from './dom';
import { getJson, type WardShape } from './map';
import { partialNotice, show } from './page';

/**
 * The landing page (`/`): every locality of the chosen partnership (or all) on a map shaded
 * by the chosen indicator's latest value, ranked beside it; a search for a locality, ward or
 * postcode; and the way into the compare view.
 */

interface Choice {
  partnership: string;
  indicator: string;
}

interface Latest {
  locality: OverviewLocality;
  value: number | null;
  state: string;
  period: string;
  lower: number | null;
  upper: number | null;
  /** England's value for the same period, where the hub has one, and how the locality compares. */
  england: number | null;
  comparison: string;
}

interface WardProperties extends WardShape {
  locality: string;
  localityName: string;
  ward: string;
  value: number | null;
  state: string;
  label: string;
}

type WardFeature = Feature<Polygon | MultiPolygon, WardProperties>;

const ENGLAND = 'E92000001';

export async function landingPage(): Promise<void> {
  document.title = 'Locality dashboard · integrated care hub';
  const { data, errors } = await run<OverviewData>(OVERVIEW);
  const localities = data.localities.nodes;
  const partnerships = [
    ...new Map(localities.flatMap((l) => (l.partnership ? [[l.partnership.id, l.partnership.name] as const] : []))).entries(),
  ];
  const indicators = [...new Map(localities.flatMap((l) => l.indicators.map((s) => [s.indicator.id, s.indicator] as const))).values()];
  const params = new URLSearchParams(window.location.search);
  const choice: Choice = {
    // By default the partnership with the most localities to rank (a partnership of one withheld value shows little).
    partnership:
      params.get('partnership') ??
      mostRanked(
        localities,
        partnerships.map(([id]) => id),
      ) ??
      '',
    indicator: params.get('indicator') ?? indicators[0]?.id ?? '',
  };
  const partnershipSelect = el('select', { id: 'partnership', name: 'partnership' }, el('option', { value: 'all' }, 'All partnerships'));
  for (const [id, name] of partnerships) partnershipSelect.append(el('option', { value: id }, name));
  partnershipSelect.value = choice.partnership;
  const indicatorSelect = el('select', { id: 'indicator', name: 'indicator' });
  for (const i of indicators) indicatorSelect.append(el('option', { value: i.id }, i.name));
  indicatorSelect.value = choice.indicator;
  const localitySelect = el('select', { id: 'locality', name: 'locality', required: '' });
  const output = el('div', { id: 'overview', 'aria-live': 'polite' });
  const render = async () => {
    choice.partnership = partnershipSelect.value;
    choice.indicator = indicatorSelect.value;
    const chosen = localities.filter((l) => choice.partnership === 'all' || l.partnership?.id === choice.partnership);
    localitySelect.replaceChildren(...chosen.map((l) => el('option', { value: l.code }, l.name)));
    output.replaceChildren(...(await overview(chosen, choice.indicator)));
  };
  partnershipSelect.addEventListener('change', () => void render());
  indicatorSelect.addEventListener('change', () => void render());
  const picker = el(
    'form',
    { class: 'picker' },
    el('div', {}, el('label', { for: 'partnership' }, 'Partnership'), partnershipSelect),
    el('div', {}, el('label', { for: 'locality' }, 'Locality'), localitySelect),
    el('button', { type: 'submit' }, 'Show the locality'),
  );
  picker.addEventListener('submit', (event) => {
    event.preventDefault();
    if (localitySelect.value) window.location.assign(`/localities/${encodeURIComponent(localitySelect.value)}`);
  });
  show(
    el('h1', {}, 'Locality dashboard'),
    el(
      'p',
      {},
      'Every locality on a map and ranked by an indicator; search for a place, or choose a partnership and one of its localities.',
    ),
    searchForm(localities),
    picker,
    partialNotice(errors),
    section(
      'map-overview',
      'Localities by indicator',
      el('div', { class: 'picker' }, el('div', {}, el('label', { for: 'indicator' }, 'Shade by'), indicatorSelect)),
      output,
    ),
    el(
      'p',
      {},
      el(
        'a',
        {
          href: `/compare?codes=${localities
            .slice(0, 2)
            .map((l) => l.code)
            .join(',')}`,
        },
        'Compare localities side by side',
      ),
    ),
  );
  await render();
}

function mostRanked(localities: OverviewLocality[], partnershipIds: string[]): string | undefined {
  const ranked = (id: string) =>
    localities.filter(
      (l) => l.partnership?.id === id && l.indicators.some((s) => s.latest && !s.latest.suppressed && s.latest.value !== null),
    ).length;
  return [...partnershipIds].sort((a, b) => ranked(b) - ranked(a))[0];
}

function latestOf(locality: OverviewLocality, indicatorId: string): Latest {
  const series = locality.indicators.find((s) => s.indicator.id === indicatorId);
  const latest = series?.latest;
  const recorded = latest && !latest.suppressed && latest.value !== null;
  const interval = latest?.confidenceInterval;
  const england = latest?.comparators.find((c) => c.areaCode === ENGLAND);
  return {
    locality,
    value: recorded ? Number(latest.value) : null,
    state: !latest ? 'not measured' : latest.suppressed ? 'withheld' : latest.value === null ? 'not recorded' : 'recorded',
    period: latest?.period ?? '',
    lower: interval ? Number(interval.lower) : null,
    upper: interval ? Number(interval.upper) : null,
    england: england?.value != null ? Number(england.value) : null,
    comparison: england ? `${england.comparison.toLowerCase().replaceAll('_', ' ')}: ${england.comparisonNote}` : '',
  };
}

async function overview(localities: OverviewLocality[], indicatorId: string): Promise<HTMLElement[]> {
  const indicator = localities.flatMap((l) => l.indicators).find((s) => s.indicator.id === indicatorId)?.indicator;
  if (!indicator) return [el('p', {}, 'No indicator is measured for these localities.')];
  const latest = localities.map((l) => latestOf(l, indicatorId));
  const ranked = latest
    .filter((l) => l.value !== null)
    .sort((a, b) => (indicator.polarity === 'HIGHER_IS_BETTER' ? b.value! - a.value! : a.value! - b.value!));
  const unranked = latest.filter((l) => l.value === null);
  const bars: RankedBar[] = ranked.map((l) => ({
    code: l.locality.code,
    name: l.locality.name,
    value: l.value!,
    lower: l.lower,
    upper: l.upper,
    england: l.england,
  }));
  const text = (n: number | null) => (n === null ? '' : String(n));
  const ranking = chartFigure({
    id: 'chart-ranking',
    title: `Latest value of ${indicator.name}, best first (${indicator.polarity === 'HIGHER_IS_BETTER' ? 'higher is better' : 'lower is better'})`,
    chart: bars.length ? rankingChart(bars, indicator.unit) : el('p', {}, 'No locality here has a value to rank.'),
    columns: [
      { label: 'Rank', value: (l: Latest) => (l.value === null ? '' : String(ranked.indexOf(l) + 1)) },
      { label: 'Locality', value: (l: Latest) => l.locality.name },
      { label: 'Code', value: (l: Latest) => l.locality.code },
      { label: 'Period', value: (l: Latest) => l.period },
      { label: 'Value', value: (l: Latest) => (l.value === null ? l.state : String(l.value)) },
      { label: '95% CI lower', value: (l: Latest) => text(l.lower) },
      { label: '95% CI upper', value: (l: Latest) => text(l.upper) },
      { label: 'England', value: (l: Latest) => text(l.england) },
      { label: 'Compared with England', value: (l: Latest) => l.comparison },
    ],
    rows: [...ranked, ...unranked],
    fileName: 'localities-ranked.csv',
    notes: [
      unranked.length
        ? `Not ranked: ${unranked.map((l) => `${l.locality.name} (${l.state})`).join(', ')}.`
        : 'Every locality shown has a latest value.',
      intervalNote(latest),
      englandNote(ranked),
    ],
  });
  return [el('div', { class: 'side-by-side' }, await localityMap(latest, indicator.name), ranking)];
}

function intervalNote(latest: Latest[]): string {
  const without = latest.filter((l) => l.value !== null && l.lower === null);
  if (without.length === 0) return 'Each line across a bar is its 95% confidence interval, from the counts the hub shows.';
  return `Each line across a bar is its 95% confidence interval; none is given for ${without.map((l) => l.locality.name).join(', ')} (the hub gives one only for a percentage or a rate per N people with both its counts).`;
}

function englandNote(ranked: Latest[]): string {
  const with_ = ranked.filter((l) => l.england !== null);
  if (with_.length === 0) return 'The hub holds no England value of this indicator for these periods, so none is drawn.';
  const periods = [...new Set(with_.map((l) => `${l.england} in ${l.period}`))];
  return `Red tick: England's value of the same period (${periods.join('; ')}).`;
}

/** The localities' wards, each shaded by its locality's value; withheld and missing values grey. */
async function localityMap(latest: Latest[], indicatorName: string): Promise<HTMLElement> {
  const features = await wardFeatures(latest);
  const known = features.filter((f) => f.properties.value !== null);
  const chart = Plot.plot({
    width: Math.min(chartWidth(), 480),
    height: Math.min(chartWidth(), 480),
    projection: { type: 'mercator', domain: { type: 'FeatureCollection', features } as FeatureCollection },
    color: { type: 'linear', scheme: 'blues', legend: true, label: indicatorName.slice(0, 60) },
    marks: [
      Plot.geo(
        features.filter((f) => f.properties.value === null),
        { fill: '#d8d8d8', stroke: 'white', strokeWidth: 0.5, title: (f: WardFeature) => f.properties.label },
      ),
      Plot.geo(known, {
        fill: (f: WardFeature) => f.properties.value,
        stroke: 'white',
        strokeWidth: 0.5,
        title: (f: WardFeature) => f.properties.label,
      }),
    ],
  });
  const label = `Map of ${latest.length} localities shaded by ${indicatorName}: ${latest.map((l) => `${l.locality.name} ${l.value ?? l.state}`).join('; ')}`;
  const figure = chartFigure({
    id: 'chart-map',
    className: 'locality-map',
    title: `The localities' wards, shaded by their locality's latest value; grey: withheld or not recorded`,
    chart: asImage(chart, label),
    columns: [
      { label: 'Ward', value: (f: WardFeature) => f.properties.ward },
      { label: 'Ward code', value: (f: WardFeature) => f.properties.gss },
      { label: 'Locality', value: (f: WardFeature) => f.properties.localityName },
      { label: 'Value', value: (f: WardFeature) => (f.properties.value === null ? f.properties.state : String(f.properties.value)) },
    ],
    rows: features,
    fileName: 'localities-map.csv',
  });
  figure.dataset.localities = String(new Set(features.map((f) => f.properties.locality)).size);
  return figure;
}

async function wardFeatures(latest: Latest[]): Promise<WardFeature[]> {
  const places = [...new Set(latest.map((l) => l.locality.placeGssCode))];
  const collections = await Promise.all(
    places.map((gss) => getJson<FeatureCollection<Polygon | MultiPolygon, WardShape>>(`/geo/${gss}.json`).catch(() => null)),
  );
  const byWard = new Map(latest.flatMap((l) => (l.locality.wards?.nodes ?? []).map((w) => [w.gssCode, { l, ward: w.name }] as const)));
  return collections.flatMap((c) =>
    (c?.features ?? []).flatMap((f) => {
      const owner = byWard.get(f.properties.gss);
      if (!owner) return [];
      const { l, ward } = owner;
      const label = `${ward}, ${l.locality.name}: ${l.value ?? l.state}`;
      const properties: WardProperties = {
        ...f.properties,
        locality: l.locality.code,
        localityName: l.locality.name,
        ward,
        value: l.value,
        state: l.state,
        label,
      };
      return [{ ...f, properties }];
    }),
  );
}

/** A locality, ward or postcode typed by the user, taken to its locality's page. */
function searchForm(localities: OverviewLocality[]): HTMLElement {
  const input = el('input', { id: 'search', name: 'search', type: 'search', autocomplete: 'off' });
  const result = el('p', { class: 'reason', role: 'status' });
  const form = el(
    'form',
    { class: 'search', role: 'search' },
    el('label', { for: 'search' }, 'Find a locality, ward or postcode'),
    el('div', { class: 'row' }, input, el('button', { type: 'submit' }, 'Find')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    void find(text, localities).then((found) => {
      if (found.code) window.location.assign(`/localities/${encodeURIComponent(found.code)}`);
      else result.textContent = found.reason;
    });
  });
  return form;
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

/** A locality by its name or code, a ward's name or code, or a postcode (placed by the hub). */
async function find(text: string, localities: OverviewLocality[]): Promise<{ code: string | null; reason: string }> {
  const wanted = text.toLowerCase();
  if (!wanted) return { code: null, reason: 'Type a locality, a ward or a postcode.' };
  const byName = localities.find((l) => l.code.toLowerCase() === wanted || l.name.toLowerCase().includes(wanted));
  if (byName) return { code: byName.code, reason: '' };
  const byWard = localities.find((l) =>
    (l.wards?.nodes ?? []).some((w) => w.gssCode.toLowerCase() === wanted || w.name.toLowerCase().includes(wanted)),
  );
  if (byWard) return { code: byWard.code, reason: '' };
  if (!POSTCODE.test(text)) return { code: null, reason: `No locality or ward matches "${text}", and it is not a postcode.` };
  // The hub places a postcode in its ward (its postcode-to-ward lookup) and so in a locality.
  const { data, errors } = await run<PostcodeLocalityData>(POSTCODE_LOCALITY, { postcode: text });
  if (data.locality) return { code: data.locality.code, reason: '' };
  return { code: null, reason: errors[0]?.message ?? `No locality contains the postcode ${text}.` };
}
