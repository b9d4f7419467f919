import * as Plot from '@observablehq/plot';
import { COMPARED, OVERVIEW, run } from './api';
import type { ComparedData, OverviewData } from './api';
import { asImage, chartFigure, chartWidth, seriesPoints, type SeriesPoint } from './charts';
import { el, section } from './dom';
import { partialNotice, show } from './page';

/** `/compare?codes=A,B`: two to four localities side by side, their indicators on one chart each. */

type Compared = NonNullable<ComparedData['locality']>;
type Point = SeriesPoint & { locality: string };

const MAX = 4;

export async function comparePage(): Promise<void> {
  document.title = 'Compare localities · locality dashboard';
  const wanted = [...new Set((new URLSearchParams(window.location.search).get('codes') ?? '').split(',').filter(Boolean))].slice(0, MAX);
  const [{ data: all }, ...answers] = await Promise.all([
    run<OverviewData>(OVERVIEW),
    ...wanted.map((code) => run<ComparedData>(COMPARED, { code })),
  ]);
  const found = answers.flatMap((a) => (a.data.locality ? [a.data.locality] : []));
  const missing = wanted.filter((code) => !found.some((l) => l.code === code));
  const picker = el(
    'form',
    { class: 'compare-picker', method: 'get', action: '/compare' },
    el(
      'fieldset',
      {},
      el('legend', {}, `Choose two to ${MAX} localities`),
      ...all.localities.nodes.map((l) =>
        el(
          'label',
          { class: 'check' },
          el('input', { type: 'checkbox', name: 'pick', value: l.code, ...(wanted.includes(l.code) ? { checked: '' } : {}) }),
          ` ${l.name}`,
        ),
      ),
    ),
    el('p', { class: 'reason', role: 'status', id: 'compare-status' }),
    el('button', { type: 'submit' }, 'Compare'),
  );
  picker.addEventListener('submit', (event) => {
    event.preventDefault();
    const codes = [...picker.querySelectorAll<HTMLInputElement>('input[name=pick]:checked')].map((i) => i.value);
    if (codes.length < 2 || codes.length > MAX) {
      document.getElementById('compare-status')!.textContent = `Choose between two and ${MAX} localities (${codes.length} chosen).`;
      return;
    }
    window.location.assign(`/compare?codes=${codes.map(encodeURIComponent).join(',')}`);
  });
  show(
    el('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' }, el('a', { href: '/' }, 'All localities')),
    el('h1', {}, found.length ? `Comparing ${found.map((l) => l.name).join(', ')}` : 'Compare localities'),
    missing.length ? el('p', { class: 'problem', role: 'alert' }, `No locality has the code ${missing.join(', ')}.`) : null,
    partialNotice(answers.flatMap((a) => a.errors)),
    picker,
    found.length ? section('compared', 'Side by side', el('div', { class: 'compare-grid' }, ...found.map(summaryCard))) : null,
    found.length ? section('compare-indicators', 'Indicators', ...indicatorCharts(found)) : null,
  );
}

function summaryCard(l: Compared): HTMLElement {
  const latest = l.indicators.map(
    (s) =>
      `${s.indicator.name.slice(0, 60)}: ${s.latest ? (s.latest.suppressed ? 'withheld' : (s.latest.value ?? 'not recorded')) : 'none'}`,
  );
  return el(
    'article',
    { class: 'card compared', 'data-code': l.code },
    el('h3', {}, el('a', { href: `/localities/${encodeURIComponent(l.code)}` }, l.name)),
    el(
      'dl',
      {},
      ...[
        ['Partnership', l.partnership?.name ?? 'none'],
        ['Council', l.council?.name ?? 'unknown'],
        ['Population', l.population?.toLocaleString('en-GB') ?? 'not recorded'],
        ['Hubs', String(l.hubs.totalCount)],
        ['Estates', String(l.estates.totalCount)],
        ['Services', String(l.services.totalCount)],
      ].flatMap(([k, v]) => [el('dt', {}, k!), el('dd', {}, v!)]),
    ),
    el('ul', { class: 'reason' }, ...latest.map((t) => el('li', {}, t))),
  );
}

/** One chart per indicator, a line per locality; withheld values are gaps, marked on the axis. */
function indicatorCharts(localities: Compared[]): HTMLElement[] {
  const ids = [...new Set(localities.flatMap((l) => l.indicators.map((s) => s.indicator.id)))];
  return ids.map((id, index) => {
    const series = localities.flatMap((l) => l.indicators.filter((s) => s.indicator.id === id).map((s) => ({ l, s })));
    const indicator = series[0]!.s.indicator;
    const points: Point[] = series.flatMap(({ l, s }) => seriesPoints(s).map((p) => ({ ...p, locality: l.name })));
    const chart = Plot.plot({
      width: chartWidth(),
      height: 260,
      marginLeft: 48,
      style: { fontSize: '12px', background: 'transparent' },
      x: { type: 'utc', label: null },
      y: { label: indicator.unit, grid: true, zero: false },
      color: { legend: true, domain: localities.map((l) => l.name) },
      marks: [
        Plot.line(points, { x: 'date', y: 'value', z: 'locality', stroke: 'locality', strokeWidth: 2 }),
        Plot.dot(
          points.filter((p) => p.value !== null),
          { x: 'date', y: 'value', fill: 'locality', r: 2.5 },
        ),
        Plot.dot(
          points.filter((p) => p.state === 'withheld'),
          {
            x: 'date',
            frameAnchor: 'bottom',
            symbol: 'triangle',
            stroke: 'locality',
            fill: 'white',
            r: 4,
            className: 'withheld-mark',
          },
        ),
      ],
    });
    const wrapper = asImage(chart, `${indicator.name}: ${points.map((p) => `${p.locality} ${p.period} ${p.value ?? p.state}`).join('; ')}`);
    return chartFigure({
      id: `chart-compare-${index}`,
      title: `${indicator.name} (${indicator.unit})`,
      chart: wrapper,
      columns: [
        { label: 'Locality', value: (p: Point) => p.locality },
        { label: 'Period', value: (p: Point) => p.period },
        { label: 'Value', value: (p: Point) => (p.value === null ? p.state : String(p.value)) },
        { label: 'Target', value: (p: Point) => (p.target === null ? 'no target' : String(p.target)) },
        { label: 'RAG', value: (p: Point) => p.rag ?? 'none' },
      ],
      rows: points,
      fileName: `compare-${index + 1}.csv`,
      notes: ['▽ on the axis: a value withheld to protect small numbers, not drawn as zero.'],
    });
  });
}
