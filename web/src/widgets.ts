import type { IndicatorValue, Rag, SourceRecord } from './api';
import { el, svg } from './dom';

/** Pieces used across the dashboard's sections: provenance, synthetic marks, RAG badges, sparklines. */

/** A mark for something the API says was generated (demo data), not recorded by a partner. */
export function synthetic(text = 'synthetic', title = 'Generated for the demo, not recorded by a partner'): HTMLElement {
  return el('span', { class: 'badge synthetic', title }, text);
}

/** Marks an item any of whose source records the API flags as synthetic. */
export function syntheticMark(sources: readonly SourceRecord[]): HTMLElement | null {
  return sources.some((s) => s.synthetic)
    ? synthetic('includes synthetic', 'Part of this was generated for the demo, not recorded by a partner: see its sources')
    : null;
}

/** "Which partner said what, when", behind a native disclosure so it is keyboard-operable. */
export function provenance(sources: readonly SourceRecord[], label = 'Sources'): HTMLElement {
  const list = el('ul', { class: 'sources' });
  for (const s of sources) {
    const when = new Date(s.lastChangedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
    list.append(
      el(
        'li',
        {},
        el('strong', {}, s.source),
        ` ${s.table} `,
        el('code', {}, s.nativeKey),
        ` · changed ${when}`,
        s.synthetic ? synthetic() : null,
      ),
    );
  }
  return el('details', { class: 'provenance' }, el('summary', {}, `${label} (${sources.length})`), list);
}

export function ragBadge(status: Rag | null | undefined): HTMLElement {
  const text = status ?? 'no RAG';
  return el('span', { class: `badge rag rag-${(status ?? 'none').toLowerCase()}` }, text);
}

export function formatValue(value: Pick<IndicatorValue, 'suppressed' | 'value'> | null, unit = ''): string {
  if (!value) return '—';
  if (value.suppressed) return 'withheld';
  if (value.value === null) return 'not recorded';
  return unit.startsWith('percent') ? `${value.value}%` : value.value;
}

/** The series as a small line; withheld and missing values are gaps with a hollow mark below the line. */
export function sparkline(values: readonly IndicatorValue[], label: string): SVGElement {
  const width = 160;
  const height = 36;
  const numbers = values.map((v) => (v.suppressed || v.value === null ? null : Number(v.value)));
  const known = numbers.filter((n): n is number => n !== null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => (values.length === 1 ? width / 2 : 4 + (i * (width - 8)) / (values.length - 1));
  const y = (n: number) => (max === min ? height / 2 : height - 4 - ((n - min) * (height - 8)) / (max - min));
  const description = values.map((v) => `${v.period}: ${formatValue(v)}`).join('; ');
  const chart = svg('svg', {
    class: 'sparkline',
    viewBox: `0 0 ${width} ${height}`,
    width: String(width),
    height: String(height),
    role: 'img',
    'aria-label': `${label}: ${description}`,
  });
  let segment: string[] = [];
  const flush = () => {
    if (segment.length > 1) chart.append(svg('polyline', { points: segment.join(' ') }));
    segment = [];
  };
  numbers.forEach((n, i) => {
    if (n === null) {
      flush();
      chart.append(svg('circle', { class: 'withheld', cx: String(x(i)), cy: String(height - 3), r: '2' }));
      return;
    }
    segment.push(`${x(i).toFixed(1)},${y(n).toFixed(1)}`);
    chart.append(svg('circle', { cx: String(x(i)), cy: String(y(n)), r: '1.8' }));
  });
  flush();
  return chart;
}

export function money(amount: string | null): string {
  if (amount === null) return '—';
  const [pounds, pence = '00'] = amount.replace('-', '').split('.');
  const grouped = pounds!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '−' : ''}£${grouped}.${pence}`;
}
