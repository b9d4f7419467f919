import type { IndicatorValue, Rag, SourceRecord } from './api';
import { el } from './dom';

/** Pieces used across the dashboard's sections: provenance, synthetic marks, RAG badges, amounts. */

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

/** Who holds a source's data, by name (the sources file declares it); the source's id where it declares no one. */
export function sourceName(s: SourceRecord): string {
  return s.holders.length ? s.holders.map((h) => h.name).join(' and ') : s.source === 'hub' ? "the hub's registry" : s.source;
}

/** The distinct holders of some records' sources, by name. */
export function sourceNames(sources: readonly SourceRecord[]): string[] {
  return [...new Set(sources.map(sourceName))];
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
        el('strong', {}, sourceName(s)),
        s.holders.length ? ` (source ${s.source})` : '',
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

export function money(amount: string | null): string {
  if (amount === null) return '—';
  const [pounds, pence = '00'] = amount.replace('-', '').split('.');
  const grouped = pounds!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '−' : ''}£${grouped}.${pence}`;
}
