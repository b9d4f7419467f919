import * as Plot from '@observablehq/plot';
import type { Series } from './api';
import { el } from './dom';

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
    { class: 'chart', id: parts.id },
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
 * target is a dashed line, its amber tolerance a shaded band.
 */
export function seriesChart(series: Series, points: readonly SeriesPoint[]): Element {
  const recorded = points.filter((p) => p.value !== null);
  const withheld = points.filter((p) => p.state === 'withheld');
  const banded = points.filter((p) => p.target !== null && p.amberEdge !== null);
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
    `${series.indicator.name}: ${points.map((p) => `${p.period} ${p.value ?? p.state}`).join('; ')}. Target dashed${banded.length ? ', amber tolerance shaded' : ''}.`,
  );
}

export interface BudgetBar {
  year: string;
  measure: 'planned' | 'actual';
  amount: number;
}

/** Planned and actual side by side for each financial year. */
export function budgetChart(bars: readonly BudgetBar[]): Element {
  const chart = Plot.plot({
    width: chartWidth(),
    height: 260,
    marginLeft: 64,
    style: { fontSize: '12px', background: 'transparent' },
    fx: { label: 'Financial year' },
    x: { axis: null, domain: ['planned', 'actual'] },
    y: { label: '£', grid: true, tickFormat: '~s' },
    color: { domain: ['planned', 'actual'], range: ['#7fa4d3', '#1d4f91'], legend: true },
    marks: [
      Plot.barY(bars, {
        fx: 'year',
        x: 'measure',
        y: 'amount',
        fill: 'measure',
        title: (b: BudgetBar) => `${b.year} ${b.measure}: £${b.amount}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  return asImage(chart, `Planned and actual spend by year: ${bars.map((b) => `${b.year} ${b.measure} £${b.amount}`).join('; ')}`);
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
}

/** Localities ranked by their latest value of one indicator. */
export function rankingChart(bars: readonly RankedBar[], unit: string): Element {
  const chart = Plot.plot({
    width: chartWidth() > 600 ? 420 : chartWidth(),
    height: 40 + bars.length * 28,
    marginLeft: 150,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: unit, grid: true },
    y: { label: null, domain: bars.map((b) => b.name) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'name', fill: '#1d4f91', title: (b: RankedBar) => `${b.name}: ${b.value}` }),
      Plot.text(bars, { x: 'value', y: 'name', text: (b: RankedBar) => String(b.value), dx: -4, textAnchor: 'end', fill: 'white' }),
      Plot.ruleX([0]),
    ],
  });
  return asImage(chart, `Ranking: ${bars.map((b) => `${b.name} ${b.value}`).join('; ')}`);
}
