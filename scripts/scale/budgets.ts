import { FINANCIAL_YEARS, yearEnd } from './calendar';
import { SYNTHETIC } from './names';
import type { Partner, Programme } from './programme';
import type { Rng } from './random';
import type { RowObject } from './tables';

/**
 * Each partnership's pooled funds and schemes (hub) and every partner's ledger of them in
 * its own source: per fund, partner and year a contribution line; per scheme, funding
 * partner, locality and year an allocation line. Amounts are synthetic, in pence; actuals
 * are mostly missing for the latest year (not yet closed) and now and then for earlier ones.
 */

const SCHEMES = [
  'Reablement and rehabilitation',
  'Carers support',
  'Disabled facilities grants',
  'Integrated neighbourhood teams',
  'Hospital discharge support',
  'Assistive technology',
  'Care home support',
  'Social prescribing',
] as const;

const FUNDS = [
  { key: 'bcf', name: 'Better Care Fund', always: true },
  { key: 'ibcf', name: 'Improved Better Care Fund', always: false },
] as const;

interface FundPlan {
  id: string;
  schemes: { id: string; partners: Partner[] }[];
}

/** Pence as a decimal string with two places. */
const pounds = (pence: number): string => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

function addFundRows(p: Programme, rng: Rng, out: Record<'hub.fund' | 'hub.scheme', RowObject[]>): FundPlan[] {
  const funds: FundPlan[] = [];
  for (const fund of FUNDS) {
    if (!fund.always && !rng.chance(0.5)) continue;
    const id = `${p.idPrefix}-fund-${fund.key}`;
    out['hub.fund'].push({
      id,
      name: `${SYNTHETIC} ${fund.name} ${p.code}`,
      partnership_id: p.council.partnershipId,
      agreement_id: null,
      host_organisation_id: p.council.id,
      description: 'Synthetic pooled fund for load tests; not a real budget.',
      updated_at: rng.instant2024(),
    });
    const names = SCHEMES.filter(() => rng.chance(0.7));
    const schemes = (names.length > 0 ? names : [SCHEMES[0]]).map((name, k) => {
      const schemeId = `${id}-scheme-${k + 1}`;
      out['hub.scheme'].push({ id: schemeId, fund_id: id, name: `${SYNTHETIC} ${name}`, description: null, updated_at: rng.instant2024() });
      const partners = p.partners.filter(() => rng.chance(0.5));
      return { id: schemeId, partners: partners.length > 0 ? partners : [rng.pick(p.partners)] };
    });
    funds.push({ id, schemes });
  }
  return funds;
}

interface Line {
  partner: Partner;
  fundId: string;
  schemeId: string | null;
  year: string;
  localityCode: string | null;
  kind: 'CONTRIBUTION' | 'ALLOCATION';
  planned: number;
}

function ledgerRow(rng: Rng, line: Line, lineRef: string): RowObject {
  const latest = line.year === FINANCIAL_YEARS[FINANCIAL_YEARS.length - 1];
  const missing = rng.chance(latest ? 0.6 : 0.03);
  const actual = missing ? null : Math.round(line.planned * (0.85 + 0.27 * rng.float()));
  const closed = new Date(`${yearEnd(line.year)}T00:00:00Z`);
  return {
    line_ref: lineRef,
    org_code: line.partner.code,
    fund_code: line.fundId,
    scheme_code: line.schemeId,
    financial_year: line.year,
    locality_code: line.localityCode,
    service_ref: null,
    line_kind: line.kind,
    planned: pounds(line.planned),
    actual: actual === null ? null : pounds(actual),
    updated_at: new Date(closed.getTime() + rng.int(-200, 60) * 86_400_000 + rng.int(0, 86_399) * 1000),
  };
}

/** Line references are unique within a partner source: `SYN-<SOURCE>-LL-<n>`. */
export type LineCounters = Record<Partner['source'], number>;

export function addBudgets(
  p: Programme,
  rng: Rng,
  counters: LineCounters,
  out: Record<'hub.fund' | 'hub.scheme' | 'ccg.ledger_line' | 'council.ledger_line' | 'trust.ledger_line', RowObject[]>,
): void {
  const push = (line: Line) => {
    const n = ++counters[line.partner.source];
    out[`${line.partner.source}.ledger_line`].push(
      ledgerRow(rng, line, `SYN-${line.partner.source.toUpperCase()}-LL-${String(n).padStart(7, '0')}`),
    );
  };
  for (const fund of addFundRows(p, rng, out)) {
    for (const year of FINANCIAL_YEARS) {
      for (const partner of p.partners) {
        const size = partner.source === 'ccg' ? 600_000_000 : partner.source === 'council' ? 200_000_000 : 40_000_000;
        push({
          partner,
          fundId: fund.id,
          schemeId: null,
          year,
          localityCode: null,
          kind: 'CONTRIBUTION',
          planned: rng.int(size / 2, size),
        });
      }
      for (const scheme of fund.schemes) {
        for (const partner of scheme.partners) {
          for (const locality of p.localities) {
            push({
              partner,
              fundId: fund.id,
              schemeId: scheme.id,
              year,
              localityCode: locality.code,
              kind: 'ALLOCATION',
              planned: rng.int(2_000_000, 60_000_000),
            });
          }
        }
      }
    }
  }
}
