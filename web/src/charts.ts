import * as Plot from '@observablehq/plot';
import type { Series } from './api';
import { el } from './dom';
import { money } from './widgets';

/**
 * The dashboard's pictures, drawn with Observable Plot (bundled into the page by
 * `npm run build:web`, nothing from a CDN). Every chart comes with the numbers it draws: a
 * table behind a disclosure, and that same table as a CSV file.
 */

export interface Column<R> {
  label: string;
  value: (row: R) => string;
}

export interface ChartParts<R> {
  id: string;
  /** Classes besides `chart`. */
  className?: string;
  title: string;
  chart: Element;
  columns: Column<R>[];
  rows: readonly R[];
  fileName: string;
  notes?: (HTMLElement | string)[];
}

/** A chart, a table of exactly the numbers drawn, and a button saving that table as CSV. */
export function chartFigure<R>(parts: ChartParts<R>): HTMLElement {
  const table = el(
    'table',
    {},
    el('caption', {}, parts.title),
    el('thead', {}, el('tr', {}, ...parts.columns.map((c) => el('th', { scope: 'col' }, c.label)))),
    el('tbody', {}, ...parts.rows.map((r) => el('tr', {}, ...parts.columns.map((c) => el('td', {}, c.value(r)))))),
  );
  const download = el('button', { type: 'button', class: 'link' }, 'Download these numbers as CSV');
  download.addEventListener('click', () => saveText(parts.fileName, toCsv(parts.columns, parts.rows)));
  return el(
    'figure',
    { class: parts.className ? `chart ${parts.className}` : 'chart', id: parts.id },
    el('figcaption', {}, parts.title),
    parts.chart,
    ...(parts.notes ?? []).map((n) => (typeof n === 'string' ? el('p', { class: 'reason' }, n) : n)),
    el(
      'details',
      { class: 'numbers' },
      el('summary', {}, 'The numbers as a table'),
      el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${parts.title}: table` }, table),
    ),
    download,
  );
}

/** RFC 4180 CSV; a text cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cell = (text: string) => {
    const safe = /^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return (
    [columns.map((c) => cell(c.label)), ...rows.map((r) => columns.map((c) => cell(c.value(r))))].map((l) => l.join(',')).join('\r\n') +
    '\r\n'
  );
}

function saveText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A chart as one image to assistive technology, described by its label (its numbers are in
 * the table beside it). Plot labels each mark's group, which axe rightly flags on an empty
 * group without a role; inside an image they would not be read anyway.
 */
export function asImage(chart: Element, label: string): HTMLElement {
  for (const part of chart.querySelectorAll('[aria-label], [aria-description]')) {
    // Kept as data for whoever reads the drawing (tests count a mark's shapes by it).
    if (part.getAttribute('aria-label')) part.setAttribute('data-mark', part.getAttribute('aria-label')!);
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  chart.removeAttribute('aria-label');
  const wrapper = el('div', { role: 'img', 'aria-label': label, class: 'plot' });
  wrapper.append(chart);
  return wrapper;
}

/** The chart's width: the space it is given, no wider than a comfortable reading width. */
export function chartWidth(): number {
  return Math.max(280, Math.min(720, document.getElementById('main')!.clientWidth - 32));
}

export interface SeriesPoint {
  date: Date;
  period: string;
  /** Null when withheld or not recorded (`state` says which): never drawn as zero. */
  value: number | null;
  state: 'recorded' | 'withheld' | 'not recorded';
  /** The value's 95% confidence interval, where the hub gives one (from the counts shown). */
  lower: number | null;
  upper: number | null;
  target: number | null;
  /** The edge of the amber band, from the RAG's rule (e.g. 'green ≤ 164; amber ≤ 180; red > 180'). */
  amberEdge: number | null;
  rag: string | null;
  reason: string;
}

export function seriesPoints(series: Series): SeriesPoint[] {
  return series.values.map((v) => ({
    date: new Date(`${v.periodStart}T00:00:00Z`),
    period: v.period,
    value: v.suppressed || v.value === null ? null : Number(v.value),
    state: v.suppressed ? 'withheld' : v.value === null ? 'not recorded' : 'recorded',
    lower: v.confidenceInterval ? Number(v.confidenceInterval.lower) : null,
    upper: v.confidenceInterval ? Number(v.confidenceInterval.upper) : null,
    target: v.target === null ? null : Number(v.target),
    amberEdge: amberEdge(v.rag?.threshold ?? null),
    rag: v.rag?.status ?? null,
    reason: v.rag?.reason ?? '',
  }));
}

function amberEdge(threshold: string | null): number | null {
  const match = threshold ? /amber [≤≥] (-?[\d.]+)/.exec(threshold) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The series as a line; withheld values are gaps in the line, each marked by a hollow
 * triangle on the axis and "withheld" in the chart's title, never plotted as zero. The
 * target is a dashed line, its amber tolerance a shaded band, each value's 95% confidence
 * interval (where the hub gives one) a vertical bar through it.
 */
export function seriesChart(series: Series, points: readonly SeriesPoint[]): Element {
  const recorded = points.filter((p) => p.value !== null);
  const withheld = points.filter((p) => p.state === 'withheld');
  const banded = points.filter((p) => p.target !== null && p.amberEdge !== null);
  const intervals = points.filter((p) => p.lower !== null && p.upper !== null);
  const label = series.indicator.unit;
  const chart = Plot.plot({
    width: chartWidth(),
    height: 240,
    marginLeft: 48,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null },
    y: { label, grid: true, zero: false },
    marks: [
      Plot.areaY(banded, { x: 'date', y1: 'target', y2: 'amberEdge', fill: '#ffdd57', fillOpacity: 0.35 }),
      Plot.line(
        points.filter((p) => p.target !== null),
        { x: 'date', y: 'target', stroke: '#4a4a4a', strokeDasharray: '5,4', strokeWidth: 1.5 },
      ),
      Plot.ruleX(intervals, { x: 'date', y1: 'lower', y2: 'upper', stroke: '#1d4f91', strokeOpacity: 0.45, strokeWidth: 3 }),
      // The line breaks where a value is missing: Plot draws no segment to a null y.
      Plot.line(points, { x: 'date', y: 'value', stroke: '#1d4f91', strokeWidth: 2 }),
      Plot.dot(recorded, { x: 'date', y: 'value', fill: '#1d4f91', r: 2.5, title: (p: SeriesPoint) => `${p.period}: ${p.value}` }),
      Plot.dot(withheld, {
        x: 'date',
        frameAnchor: 'bottom',
        symbol: 'triangle',
        stroke: '#6b4400',
        fill: 'white',
        r: 4,
        title: (p: SeriesPoint) => `${p.period}: withheld`,
        className: 'withheld-mark',
      }),
    ],
  });
  return asImage(
    chart,
    `${series.indicator.name}: ${points.map((p) => `${p.period} ${p.value ?? p.state}`).join('; ')}. Target dashed${banded.length ? ', amber tolerance shaded' : ''}${intervals.length ? ', 95% confidence intervals as bars' : ''}.`,
  );
}

export interface BudgetBar {
  year: string;
  measure: 'planned' | 'actual';
  amount: number;
}

export interface BudgetYear {
  year: string;
  /** Actual − planned (Money, exact); null where no actual is recorded. */
  variance: string | null;
}

const signed = (amount: string) => `${amount.startsWith('-') || Number(amount) === 0 ? '' : '+'}${money(amount)}`;
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
/** A variance as short as it must be to fit above its year: exact where there is room, else e.g. "−£159.5K". */
const shortSigned = (amount: string) =>
  `${amount.startsWith('-') ? '−' : Number(amount) === 0 ? '' : '+'}£${compact.format(Math.abs(Number(amount)))}`;

/** Planned and actual side by side for each financial year, the variance written above each pair. */
export function budgetChart(bars: readonly BudgetBar[], years: readonly BudgetYear[], unit = '£'): Element {
  const width = chartWidth();
  const roomy = (width - 64) / Math.max(1, years.length) >= 110;
  const chart = Plot.plot({
    width,
    height: 280,
    marginLeft: 64,
    marginTop: 28,
    style: { fontSize: '12px', background: 'transparent' },
    fx: { label: 'Financial year', axis: 'bottom', padding: 0.2 },
    x: { axis: null, domain: ['planned', 'actual'] },
    y: { label: unit, grid: true, tickFormat: '~s' },
    color: { domain: ['planned', 'actual'], range: ['#7fa4d3', '#1d4f91'], legend: true },
    marks: [
      Plot.barY(bars, {
        fx: 'year',
        x: 'measure',
        y: 'amount',
        fill: 'measure',
        title: (b: BudgetBar) => `${b.year} ${b.measure}: ${unit}${b.amount}`,
      }),
      Plot.text(years, {
        fx: 'year',
        frameAnchor: 'top',
        dy: -14,
        text: (y: BudgetYear) => (y.variance === null ? 'no actual' : roomy ? signed(y.variance) : shortSigned(y.variance)),
        title: (y: BudgetYear) => `${y.year}: ${y.variance === null ? 'no actual recorded' : `variance ${signed(y.variance)}`}`,
        fontSize: roomy ? 12 : 10,
        fill: (y: BudgetYear) => (y.variance === null ? '#4a4a4a' : Number(y.variance) > 0 ? '#b10e1e' : '#00703c'),
        className: 'variance',
      }),
      Plot.ruleY([0]),
    ],
  });
  const variances = years.map((y) => `${y.year} variance ${y.variance === null ? 'not available' : signed(y.variance)}`).join('; ');
  return asImage(
    chart,
    `Planned and actual ${unit === '£' ? 'spend' : 'spend per head'} by year: ${bars.map((b) => `${b.year} ${b.measure} ${unit}${b.amount}`).join('; ')}. ${variances}.`,
  );
}

export interface RagBar {
  period: string;
  status: 'Red' | 'Amber' | 'Green' | 'Not recorded';
  count: number;
}

const RAG_COLOURS = { Red: '#b10e1e', Amber: '#ffdd57', Green: '#00703c', 'Not recorded': '#b1b4b6' };

/** The delivery plan's actions by RAG, one stacked bar per reporting period. */
export function ragMixChart(bars: readonly RagBar[]): Element {
  const chart = Plot.plot({
    width: chartWidth(),
    height: 240,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: 'Reporting period', type: 'band' },
    y: { label: 'Actions', grid: true },
    color: { domain: Object.keys(RAG_COLOURS), range: Object.values(RAG_COLOURS), legend: true },
    marks: [
      Plot.barY(bars, { x: 'period', y: 'count', fill: 'status', title: (b: RagBar) => `${b.period}: ${b.count} ${b.status}` }),
      Plot.ruleY([0]),
    ],
  });
  return asImage(chart, `Actions by RAG per period: ${bars.map((b) => `${b.period} ${b.status} ${b.count}`).join('; ')}`);
}

export interface RankedBar {
  code: string;
  name: string;
  value: number;
  /** The 95% confidence interval, where the hub gives one. */
  lower: number | null;
  upper: number | null;
  /** England's value of the same measure and period, where the hub has one. */
  england: number | null;
}

/**
 * Localities ranked by their latest value of one indicator: each value a bar, its 95%
 * confidence interval a line across it, England's value of the same period a red tick.
 */
export function rankingChart(bars: readonly RankedBar[], unit: string): Element {
  const withInterval = bars.filter((b) => b.lower !== null && b.upper !== null);
  const withEngland = bars.filter((b) => b.england !== null);
  const width = chartWidth() > 600 ? 500 : chartWidth();
  // Names get the room they need up to 40% of the width; a longer one is cut (the table has it whole).
  const fits = Math.floor((width * 0.4 - 12) / 7);
  const longest = Math.max(...bars.map((b) => b.name.length));
  const chart = Plot.plot({
    width,
    height: 40 + bars.length * 32,
    marginLeft: Math.ceil(Math.min(longest, fits) * 7 + 12),
    marginRight: 36,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: unit, grid: true },
    y: {
      label: null,
      domain: bars.map((b) => b.name),
      tickFormat: (name: string) => (name.length > fits ? `${name.slice(0, fits - 1)}…` : name),
    },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'name', fill: '#7fa4d3', title: (b: RankedBar) => `${b.name}: ${b.value}` }),
      Plot.ruleY(withInterval, { y: 'name', x1: 'lower', x2: 'upper', stroke: '#0b0c0c', strokeWidth: 1.5, className: 'interval' }),
      Plot.tickX(withInterval, { x: 'lower', y: 'name', stroke: '#0b0c0c', inset: 8 }),
      Plot.tickX(withInterval, { x: 'upper', y: 'name', stroke: '#0b0c0c', inset: 8 }),
      Plot.tickX(withEngland, { x: 'england', y: 'name', stroke: '#b10e1e', strokeWidth: 3, className: 'england' }),
      Plot.text(bars, {
        x: (b: RankedBar) => b.upper ?? b.value,
        y: 'name',
        text: (b: RankedBar) => String(b.value),
        dx: 4,
        textAnchor: 'start',
        fill: '#1b1b1b',
      }),
      Plot.ruleX([0]),
    ],
  });
  const describe = (b: RankedBar) =>
    `${b.name} ${b.value}${b.lower !== null ? ` (95% CI ${b.lower} to ${b.upper})` : ''}${b.england !== null ? `, England ${b.england}` : ''}`;
  return asImage(chart, `Ranking: ${bars.map(describe).join('; ')}`);
}
