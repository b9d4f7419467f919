import { ApiError, BUDGET, LOCALITY, PARTNERSHIPS, PLANS, RAG_SUMMARY, run, saveKey, savedKey } from './api';
import type { BudgetData, LocalityData, PartnershipsData, PlansData, RagCounts, RagSummaryData } from './api';
import { el, section } from './dom';
import { csvLink } from './download';
import { drawMap } from './map';
import { formatValue, money, provenance, ragBadge, sparkline, synthetic, syntheticMark } from './widgets';

/**
 * The locality dashboard: `/` picks a partnership and a locality, `/localities/<code>` shows
 * one. Every fact comes from the hub's GraphQL API; the map's shapes from web/geo.
 */

type Locality = NonNullable<LocalityData['locality']>;

const main = document.getElementById('main')!;

function show(...children: HTMLElement[]): void {
  main.replaceChildren(...children);
  main.setAttribute('aria-busy', 'false');
}

function problem(error: unknown): HTMLElement {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return el('p', { class: 'problem', role: 'alert' }, `The hub could not answer: ${message}`);
}

/** Field errors the hub returned beside its data (e.g. a source that is down): shown, never hidden. */
function partialNotice(errors: readonly { message: string; code: string | undefined }[]): HTMLElement | null {
  if (errors.length === 0) return null;
  const list = el('ul', {});
  for (const e of errors) list.append(el('li', {}, `${e.code ?? 'ERROR'}: ${e.message}`));
  return el('div', { class: 'problem', role: 'status' }, el('p', {}, 'Part of this page is missing:'), list);
}

async function pickerPage(): Promise<void> {
  document.title = 'Locality dashboard · integrated care hub';
  const { data } = await run<PartnershipsData>(PARTNERSHIPS);
  const partnershipSelect = el('select', { id: 'partnership', name: 'partnership' });
  const localitySelect = el('select', { id: 'locality', name: 'locality', required: '' });
  for (const p of data.partnerships.nodes) partnershipSelect.append(el('option', { value: p.id }, p.name));
  const fillLocalities = () => {
    const chosen = data.partnerships.nodes.find((p) => p.id === partnershipSelect.value);
    localitySelect.replaceChildren(...(chosen?.localities.nodes ?? []).map((l) => el('option', { value: l.code }, l.name)));
  };
  partnershipSelect.addEventListener('change', fillLocalities);
  fillLocalities();
  const form = el(
    'form',
    { class: 'picker' },
    el('div', {}, el('label', { for: 'partnership' }, 'Partnership'), partnershipSelect),
    el('div', {}, el('label', { for: 'locality' }, 'Locality'), localitySelect),
    el('button', { type: 'submit' }, 'Show the locality'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (localitySelect.value) window.location.assign(`/localities/${encodeURIComponent(localitySelect.value)}`);
  });
  show(el('h1', {}, 'Locality dashboard'), el('p', {}, 'Choose a partnership, then one of its localities.'), form);
}

async function localityPage(code: string): Promise<void> {
  const { data, errors } = await run<LocalityData>(LOCALITY, { code });
  const locality = data.locality;
  if (!locality) {
    show(
      el('h1', {}, 'No such locality'),
      el('p', {}, `The hub knows no locality with the code ${code}. `, el('a', { href: '/' }, 'Choose one.')),
    );
    return;
  }
  document.title = `${locality.name} · locality dashboard`;
  const heading = el('h1', {}, locality.name);
  const facts = el(
    'p',
    { class: 'facts' },
    `${locality.code} · ${locality.partnership?.name ?? 'no partnership'} · council: ${locality.council?.name ?? 'unknown'} · population ${locality.population?.toLocaleString('en-GB') ?? 'not recorded'} · ${locality.wards ? `${locality.wards.totalCount} wards` : 'wards unavailable'}`,
  );
  const mapSection = section('map', 'Wards, hubs and estates', el('p', {}, 'Drawing the map…'));
  show(
    el('nav', { 'aria-label': 'Breadcrumb' }, el('a', { href: '/' }, 'All localities')),
    heading,
    facts,
    partialNotice(errors) ?? el('span', {}),
    mapSection,
    indicatorsSection(locality),
    hubsSection(locality),
    estatesSection(locality),
    servicesSection(locality),
    plansPlaceholder(locality),
    await budgetSection(locality.code),
  );
  const places = [
    ...locality.hubs.nodes.map((h) => ({ kind: 'hub' as const, name: h.name, postcode: h.postcode, wardGss: h.ward?.gssCode ?? null })),
    ...locality.estates.nodes.map((e) => ({
      kind: 'estate' as const,
      name: e.name,
      postcode: e.postcode,
      wardGss: e.ward?.gssCode ?? null,
    })),
  ];
  try {
    mapSection.replaceChildren(
      mapSection.firstChild!,
      await drawMap(locality.placeGssCode, locality.wards?.nodes ?? [], places),
      wardList(locality),
    );
  } catch (error) {
    mapSection.replaceChildren(mapSection.firstChild!, problem(error), wardList(locality));
  }
  if (locality.partnership) await fillPlans(locality.partnership.id);
}

/** The wards as text; null when the council's register (their source) did not answer. */
function wardList(locality: Locality): HTMLElement {
  if (!locality.wards) return el('p', {}, "The wards are unavailable: the council's register did not answer (see above).");
  const list = el('ul', { class: 'wards' });
  for (const w of locality.wards.nodes)
    list.append(el('li', {}, `${w.name} (${w.gssCode})${w.population ? `, ${w.population.toLocaleString('en-GB')} people` : ''}`));
  return el('details', {}, el('summary', {}, `The ${locality.wards.totalCount} wards`), list);
}

function indicatorsSection(locality: Locality): HTMLElement {
  if (locality.indicators.length === 0)
    return section('indicators', 'Indicators', el('p', {}, 'No indicator is measured for this locality.'));
  const table = el(
    'table',
    {},
    el('caption', {}, 'Latest value of each indicator measured here, against its target'),
    el('thead', {}, el('tr', {}, ...['Indicator', 'Latest', 'Target', 'RAG', 'Trend', 'Series'].map((h) => el('th', { scope: 'col' }, h)))),
  );
  const body = el('tbody', {});
  for (const series of locality.indicators) {
    const { indicator, latest } = series;
    const sources = [...indicator.sources, ...(latest?.sources ?? [])];
    body.append(
      el(
        'tr',
        { class: 'indicator' },
        el(
          'th',
          { scope: 'row' },
          indicator.name,
          ' ',
          series.includesSynthetic ? synthetic('includes synthetic', 'A value or target of this series was generated for the demo') : '',
          provenance(sources),
        ),
        el(
          'td',
          {},
          latest ? `${formatValue(latest, indicator.unit)} (${latest.period})` : '—',
          latest?.suppressed ? el('span', { class: 'badge withheld' }, 'small number withheld') : '',
          latest?.synthetic ? synthetic() : '',
        ),
        el(
          'td',
          {},
          latest?.target ?? 'no target',
          latest?.targetSynthetic ? synthetic('synthetic target', 'The target was generated for the demo, not set by the partnership') : '',
        ),
        el(
          'td',
          {},
          ragBadge(latest?.rag?.status),
          latest?.rag?.synthetic ? synthetic('not a real assessment', 'The value or target judged was generated for the demo') : '',
          el('div', { class: 'reason' }, latest?.rag?.reason ?? ''),
        ),
        el('td', {}, series.trend.toLowerCase().replaceAll('_', ' ')),
        el(
          'td',
          {},
          sparkline(series.values, indicator.name),
          csvLink('indicator-values', { indicator: indicator.id, area: locality.code }, `Download ${indicator.name} values as CSV`),
        ),
      ),
    );
  }
  table.append(body);
  return section('indicators', 'Indicators', el('div', { class: 'scroll' }, table));
}

function hubsSection(locality: Locality): HTMLElement {
  if (locality.hubs.nodes.length === 0) return section('hubs', 'Hubs', el('p', {}, "No hub is recorded in this locality's wards."));
  const list = el('ul', { class: 'cards' });
  for (const hub of locality.hubs.nodes) {
    const services = el('ul', {});
    for (const s of hub.services.nodes)
      services.append(
        el('li', {}, `${s.name} · ${s.careSetting.toLowerCase().replaceAll('_', ' ')} · ${s.provider?.name ?? 'provider not recorded'}`),
      );
    list.append(
      el(
        'li',
        { class: 'card hub' },
        el('h3', {}, hub.name, ' ', syntheticMark(hub.sources) ?? ''),
        el(
          'p',
          {},
          `${hub.kinds.map((k) => k.toLowerCase().replaceAll('_', ' ')).join(', ')} · ${hub.status.toLowerCase()}${hub.openedText ? ` · ${hub.openedText}` : ''}${hub.postcode ? ` · ${hub.postcode}` : ''}`,
        ),
        hub.services.totalCount > 0
          ? el('details', {}, el('summary', {}, `Services at this hub (${hub.services.totalCount})`), services)
          : el('p', {}, 'No services recorded at this hub.'),
        provenance(hub.sources),
      ),
    );
  }
  return section('hubs', `Hubs (${locality.hubs.totalCount})`, list);
}

function estatesSection(locality: Locality): HTMLElement {
  if (locality.estates.nodes.length === 0) return section('estates', 'Estates', el('p', {}, 'No estate is recorded in this locality.'));
  const list = el('ul', { class: 'cards' });
  for (const estate of locality.estates.nodes) {
    const codes = [estate.uprn ? `UPRN ${estate.uprn}` : '', ...estate.odsSiteCodes.map((c) => `ODS site ${c}`)].filter(Boolean).join(', ');
    list.append(
      el(
        'li',
        { class: 'card estate' },
        el('h3', {}, estate.name, ' ', syntheticMark(estate.sources) ?? ''),
        el(
          'p',
          {},
          [
            estate.currentUse,
            estate.status?.toLowerCase().replaceAll('_', ' '),
            estate.owner?.name ?? estate.ownerName,
            estate.postcode,
            codes,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        el(
          'p',
          { class: 'source-count' },
          `Known to ${new Set(estate.sources.map((s) => s.source)).size} source(s): ${[...new Set(estate.sources.map((s) => s.source))].join(' and ')}`,
        ),
        provenance(estate.sources),
      ),
    );
  }
  return section('estates', `Estates (${locality.estates.totalCount})`, list);
}

function servicesSection(locality: Locality): HTMLElement {
  const bySetting = new Map<string, typeof locality.services.nodes>();
  for (const s of locality.services.nodes) bySetting.set(s.careSetting, [...(bySetting.get(s.careSetting) ?? []), s]);
  const groups = el('div', {});
  for (const [setting, services] of [...bySetting].sort(([a], [b]) => a.localeCompare(b))) {
    const list = el('ul', {});
    for (const s of services)
      list.append(
        el(
          'li',
          {},
          s.name,
          ` · ${s.provider?.name ?? s.providerCode ?? 'provider not recorded'}`,
          s.hub ? ` · at ${s.hub.name}` : '',
          ' ',
          syntheticMark(s.sources) ?? '',
          provenance(s.sources),
        ),
      );
    groups.append(el('h3', {}, `${setting.toLowerCase().replaceAll('_', ' ')} (${services.length})`), list);
  }
  const shown =
    locality.services.nodes.length < locality.services.totalCount
      ? el('p', {}, `The first ${locality.services.nodes.length} of ${locality.services.totalCount} services.`)
      : null;
  if (locality.services.totalCount === 0)
    return section('services', 'Services by setting and provider', el('p', {}, 'No service is recorded in this locality.'));
  return section('services', `Services by setting and provider (${locality.services.totalCount})`, shown ?? el('span', {}), groups);
}

function plansPlaceholder(locality: Locality): HTMLElement {
  return section('plans', 'Delivery plan', el('p', {}, locality.partnership ? 'Loading the plan…' : 'This locality has no partnership.'));
}

function ragRow(label: string, now: RagCounts, before: RagCounts | undefined): HTMLElement {
  const change = (key: 'red' | 'amber' | 'green' | 'notRecorded') => {
    if (!before) return '';
    const delta = now[key] - before[key];
    return delta === 0 ? ' (no change)' : ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
  };
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, label),
    el('td', {}, `${now.red}${change('red')}`),
    el('td', {}, `${now.amber}${change('amber')}`),
    el('td', {}, `${now.green}${change('green')}`),
    el('td', {}, `${now.notRecorded}${change('notRecorded')}`),
    el('td', {}, String(now.total)),
  );
}

async function fillPlans(partnershipId: string): Promise<void> {
  const target = document.getElementById('plans')!;
  const { data, errors } = await run<PlansData>(PLANS, { partnershipId });
  // Null when the council's plan tracker did not answer; the hub then says so in its errors.
  const plans = (data.node && 'deliveryPlans' in data.node ? data.node.deliveryPlans : []) ?? [];
  const heading = target.firstChild!;
  if (errors.length > 0 && plans.length === 0) {
    target.replaceChildren(heading, partialNotice(errors)!);
    return;
  }
  if (plans.length === 0) {
    target.replaceChildren(heading, el('p', {}, 'No delivery plan is recorded for this partnership.'));
    return;
  }
  const blocks: HTMLElement[] = [];
  for (const plan of plans) {
    const periods = [...new Set(plan.actions.nodes.flatMap((a) => a.statusHistory.map((s) => s.period)))].sort();
    const select = el('select', { id: `period-${plan.id}` });
    for (const p of periods) select.append(el('option', { value: p }, p));
    select.value = periods.at(-1) ?? '';
    const output = el('div', { 'aria-live': 'polite' });
    const render = async () => {
      const index = periods.indexOf(select.value);
      const previous = index > 0 ? periods[index - 1]! : '';
      const { data: summary } = await run<RagSummaryData>(RAG_SUMMARY, {
        planId: plan.id,
        period: select.value,
        previous,
        withPrevious: previous !== '',
      });
      const counts = summary.deliveryPlan;
      if (!counts) return;
      output.replaceChildren(
        el(
          'div',
          { class: 'scroll' },
          el(
            'table',
            {},
            el(
              'caption',
              {},
              `Actions by RAG in ${counts.now.period}${counts.before ? `, change since ${counts.before.period}` : ' (no earlier period recorded)'}`,
            ),
            el(
              'thead',
              {},
              el('tr', {}, ...['', 'Red', 'Amber', 'Green', 'Not recorded', 'Total'].map((h) => el('th', { scope: 'col' }, h))),
            ),
            el('tbody', {}, ragRow(plan.title, counts.now, counts.before)),
          ),
        ),
      );
    };
    select.addEventListener('change', () => void render());
    blocks.push(
      el(
        'div',
        { class: 'plan' },
        el('h3', {}, plan.title),
        periods.length > 0
          ? el('div', {}, el('label', { for: `period-${plan.id}` }, 'Reporting period '), select)
          : el('p', {}, 'No status is recorded for any period.'),
        output,
        provenance(plan.sources),
      ),
    );
    if (periods.length > 0) await render();
  }
  target.replaceChildren(heading, ...blocks);
}

async function budgetSection(code: string): Promise<HTMLElement> {
  if (!savedKey()) {
    return section(
      'budget',
      'Budget',
      el('p', {}, "Budgets are shared between partners: enter a partner API key above to see this locality's planned and actual spend."),
    );
  }
  try {
    const { data, errors } = await run<BudgetData>(BUDGET, { code });
    const summary = data.budgetSummary;
    if (!summary) return section('budget', 'Budget', el('p', {}, errors[0]?.message ?? 'No budget is visible to this key.'));
    const head = el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Financial year', 'Planned', 'Actual', 'Variance', 'Planned per head', 'Actual per head'].map((h) =>
          el('th', { scope: 'col' }, h),
        ),
      ),
    );
    type Figures = NonNullable<typeof summary.total>;
    const row = (label: string, f: Figures | null, header = false) =>
      !f
        ? el('tr', {}, el('th', { scope: 'row' }, label), el('td', { colspan: '5' }, 'not available'))
        : el(
            'tr',
            {},
            el(header ? 'th' : 'td', header ? { scope: 'row' } : {}, label),
            ...[f.planned, f.actual, f.variance, f.plannedPerHead, f.actualPerHead].map((v) => el('td', { class: 'num' }, money(v))),
          );
    const body = el(
      'tbody',
      {},
      ...summary.groups.map((g) => row(g.key.financialYear ?? 'year not recorded', g.figures, true)),
      row('Total', summary.total, true),
    );
    const syntheticNote = summary.includesSynthetic
      ? el(
          'p',
          {},
          synthetic(),
          ` ${summary.total?.syntheticLines ?? 'some'} of ${summary.total?.lines ?? 'the'} ledger lines summed here were generated for the demo, not recorded: these figures are not real.`,
        )
      : el('span', {});
    return section(
      'budget',
      'Budget',
      el('p', {}, `Ledgers read: ${summary.sources.join(', ')}.`),
      syntheticNote,
      el('div', { class: 'scroll' }, el('table', {}, el('caption', {}, 'Planned and actual spend by financial year'), head, body)),
      el(
        'p',
        {},
        csvLink(
          'budget',
          { groupBy: 'FINANCIAL_YEAR,PARTNER,SCHEME', localityCode: code },
          "Download the locality's budget by year, partner and scheme as CSV",
        ),
      ),
    );
  } catch (error) {
    return section('budget', 'Budget', problem(error));
  }
}

function keyForm(): void {
  const form = document.getElementById('key-form') as HTMLFormElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  input.value = savedKey() ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveKey(input.value.trim() || null);
    window.location.reload();
  });
  document.getElementById('forget-key')!.addEventListener('click', () => {
    saveKey(null);
    window.location.reload();
  });
}

async function start(): Promise<void> {
  keyForm();
  const match = /^\/localities\/([^/]+)\/?$/.exec(window.location.pathname);
  try {
    if (match) await localityPage(decodeURIComponent(match[1]!));
    else await pickerPage();
  } catch (error) {
    show(problem(error));
  }
}

void start();
