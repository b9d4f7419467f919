import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify';
import { documentTooDeep } from './storableInput';
import type { RequestHandler, Request, Response } from 'express';
import { GraphQLError, Kind, parse, type GraphQLFormattedError } from 'graphql';
import { badUserInput, ErrorCode, statusOf } from './errors';
import { inParameterTerms } from './exportParameters';
import type { HubContext } from './context';
import type { IndicatorMetadataModel } from '../model/indicatorMetadata';
import {
  BUDGET_COLUMNS,
  csvwMetadata,
  INDICATOR_DICTIONARY_COLUMNS,
  INDICATOR_VALUE_COLUMNS,
  inferredColumn,
  namesOf,
  POPULATION_COLUMNS,
  STRUCTURE_COLUMNS,
  type ColumnDoc,
} from './exportColumns';

/**
 * CSV exports for BI tools (Power BI, Qlik, Excel): one row per fact, stable codes beside
 * names, and a provenance column. Each export is a GraphQL operation run through the same
 * server as `/graphql` (same authentication, access directives, disclosure control and
 * error codes), so no rule is written twice; its answer is flattened and streamed out.
 */

type Row = Record<string, string | number | boolean | null>;

interface ExportSpec {
  /** The GraphQL operation, with the query string's parameters as its variables. */
  query: string | ((params: Record<string, string>) => string);
  variables(params: Record<string, string>): Record<string, unknown>;
  /** Which operation of a document of several to run (the caller's own query). */
  operationName?(params: Record<string, string>): string | undefined;
  /** Fixed (described in exportColumns.ts), or (for the caller's own query) the keys of the rows in the order first seen. */
  columns: readonly ColumnDoc[] | ((rows: Row[]) => string[]);
  /** The title of its CSV-W metadata. */
  title: string;
  rows(data: Record<string, unknown>, params: Record<string, string>): Row[];
  /** The URL parameter each variable comes from, so an error names what the caller typed. */
  parameters?: Readonly<Record<string, string>>;
}

interface SourceRef {
  source: string;
  table: string;
  nativeKey: string;
  lastChangedAt: string | null;
}

const provenanceOf = (sources: SourceRef[]): string =>
  sources.map((s) => `${s.source}:${s.table}:${s.nativeKey}${s.lastChangedAt ? `@${s.lastChangedAt}` : ''}`).join('; ');

const list = (text: string | undefined): string[] | undefined =>
  text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

interface ValueOut {
  period: string;
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  value: string | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  target: string | null;
  targetSynthetic: boolean;
  flags: string[];
  confidenceInterval: { lower: string; upper: string; method: string } | null;
  comparators: { areaCode: string; value: string | null; rate: { perPopulation: string | null } | null; comparison: string }[];
  rag: { status: string | null; reason: string; synthetic: boolean } | null;
  synthetic: boolean;
  rate: {
    perDay: string | null;
    perPopulation: string | null;
    per: number | null;
    reason: string | null;
    denominator: DenominatorOut | null;
  } | null;
  sources: SourceRef[];
}

interface DenominatorOut {
  basis: string;
  population: number;
  referenceDate: string;
  ageBand: string;
  sex: string;
  areaCodes: string[];
}

const DENOMINATOR_FIELDS = 'basis population referenceDate ageBand sex areaCodes';

/** A denominator in one cell: "RESIDENT 18+ ALL 2017-06-30 = 140000 (E06000033)". */
const denominatorText = (d: DenominatorOut | null): string | null =>
  d && `${d.basis} ${d.ageBand} ${d.sex} ${d.referenceDate} = ${d.population} (${d.areaCodes.join(' ')})`;

const ENGLAND = 'E92000001';

/** England's value beside the area's, where the reference data has it. */
const englandColumns = (c: ValueOut['comparators'][number] | undefined): Row => ({
  england_value: c?.value ?? null,
  england_rate_per_population: c?.rate?.perPopulation ?? null,
  compared_to_england: c?.comparison ?? null,
});

const INDICATOR_VALUES: ExportSpec = {
  query: `query Export($id: ID!, $area: String!, $from: String, $to: String) {
    indicator(id: $id) { sourceCode name unit measuredBy
      series(area: $area, from: $from, to: $to) { areaCode rolledUpFrom
        values { period periodKind periodStart periodEnd value numerator denominator suppressed target targetSynthetic flags
                 confidenceInterval { lower upper method }
                 comparators { areaCode value rate { perPopulation } comparison }
                 rag { status reason synthetic } synthetic
                 rate { perDay perPopulation per reason denominator { ${DENOMINATOR_FIELDS} } }
                 sources { source table nativeKey lastChangedAt } } } } }`,
  variables: (p) => ({ id: p.indicator, area: p.area, from: p.from, to: p.to }),
  parameters: { id: 'indicator', area: 'area', from: 'from', to: 'to' },
  columns: INDICATOR_VALUE_COLUMNS,
  title: 'Indicator values of one area, with disclosure status, targets, RAG and flags',
  rows: (data) => {
    const indicator = data.indicator as {
      sourceCode: string;
      name: string;
      unit: string;
      series: { areaCode: string; rolledUpFrom: string[] | null; values: ValueOut[] };
    };
    return indicator.series.values.map((v) => ({
      indicator_code: indicator.sourceCode,
      indicator_name: indicator.name,
      unit: indicator.unit,
      area_code: indicator.series.areaCode,
      period: v.period,
      period_kind: v.periodKind,
      period_start: v.periodStart,
      period_end: v.periodEnd,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      suppressed: v.suppressed,
      value_status: v.suppressed ? 'WITHHELD' : v.value === null ? 'NOT_RECORDED' : 'PUBLISHED',
      target: v.target,
      target_synthetic: v.targetSynthetic,
      rag: v.rag?.status ?? null,
      rag_reason: v.rag?.reason ?? null,
      rag_synthetic: v.rag?.synthetic ?? null,
      flags: v.flags.join(' '),
      ci95_lower: v.confidenceInterval?.lower ?? null,
      ci95_upper: v.confidenceInterval?.upper ?? null,
      ci_method: v.confidenceInterval?.method ?? null,
      ...englandColumns(v.comparators.find((c) => c.areaCode === ENGLAND)),
      synthetic: v.synthetic,
      rate_per_day: v.rate?.perDay ?? null,
      rate_per_population: v.rate?.perPopulation ?? null,
      rate_population_denominator: v.rate ? denominatorText(v.rate.denominator) : null,
      rate_reason: v.rate?.reason ?? null,
      rolled_up_from: indicator.series.rolledUpFrom?.join(' ') ?? null,
      provenance: provenanceOf(v.sources),
    }));
  },
};

interface IndicatorOut {
  id: string;
  sourceCode: string;
  name: string;
  unit: string;
  polarity: string;
  measuredBy: string;
  metadata: Omit<IndicatorMetadataModel, 'collectionEnded'> & { collectionEnded: { lastPeriod: string } | null };
}

/** A data dictionary: every indicator the caller may see, once, with its metadata. */
const INDICATOR_DICTIONARY: ExportSpec = {
  query: `query Export { partnerships { nodes { outcomeDomains { outcomes { indicators { id sourceCode name unit polarity measuredBy
    metadata { definition numeratorDefinition denominatorDefinition method source publisher frequency caveats disclosureRule collectionEnded { lastPeriod } synthetic } } } } } } }`,
  variables: () => ({}),
  columns: INDICATOR_DICTIONARY_COLUMNS,
  title: 'Data dictionary: every indicator with its definition, method, source and disclosure rule',
  rows: (data) => {
    const partnerships = data.partnerships as { nodes: { outcomeDomains: { outcomes: { indicators: IndicatorOut[] }[] }[] }[] };
    const byId = new Map<string, IndicatorOut>();
    for (const p of partnerships.nodes)
      for (const d of p.outcomeDomains) for (const o of d.outcomes) for (const i of o.indicators) byId.set(i.id, i);
    return [...byId.values()]
      .sort((a, b) => (a.sourceCode < b.sourceCode ? -1 : 1))
      .map(({ metadata: m, ...i }) => ({
        indicator_id: i.id,
        indicator_code: i.sourceCode,
        indicator_name: i.name,
        unit: i.unit,
        polarity: i.polarity,
        measured_by: i.measuredBy,
        frequency: m.frequency,
        definition: m.definition,
        numerator_definition: m.numeratorDefinition,
        denominator_definition: m.denominatorDefinition,
        method: m.method,
        source: m.source,
        publisher: m.publisher,
        caveats: m.caveats.join(' | ') || null,
        disclosure_rule: m.disclosureRule,
        collection_ended: m.collectionEnded?.lastPeriod ?? null,
        metadata_synthetic: m.synthetic,
      }));
  },
};

interface GroupOut {
  key: Record<string, string | null> & {
    partner: { name: string } | null;
    fund: { name: string } | null;
    scheme: { name: string; classificationSynthetic: boolean } | null;
    locality: { name: string } | null;
  };
  figures: {
    planned: string;
    actual: string | null;
    variance: string | null;
    lines: number;
    linesWithoutActual: number;
    actualToDate: string | null;
    forecastOutturn: string | null;
    forecastVariance: string | null;
    linesReported: number | null;
    forecastReason: string | null;
    syntheticLines: number;
  };
}

const BUDGET: ExportSpec = {
  query: `query Export($groupBy: [BudgetDimension!]!, $filter: BudgetFilter) {
    budgetSummary(groupBy: $groupBy, filter: $filter) { sources
      groups { key { fundCode fund { name } schemeCode scheme { name classificationSynthetic } partnerCode partner { name } localityCode locality { name } placeCode schemeType areaOfSpend fundingStream financialYear lineKind }
               figures { planned actual variance lines linesWithoutActual actualToDate forecastOutturn forecastVariance linesReported forecastReason syntheticLines } } } }`,
  variables: (p) => ({
    groupBy: list(p.groupBy) ?? ['FUND', 'FINANCIAL_YEAR'],
    filter: {
      fundId: p.fundId,
      partnershipId: p.partnershipId,
      fromYear: p.fromYear,
      toYear: p.toYear,
      localityCode: p.localityCode,
      lineKind: p.lineKind,
      fundingStreams: list(p.fundingStreams),
      quarter: p.quarter,
    },
  }),
  parameters: { groupBy: 'groupBy' },
  columns: BUDGET_COLUMNS,
  title: 'Pooled-fund budget figures by the dimensions asked for',
  rows: (data) => {
    const summary = data.budgetSummary as { sources: string[]; groups: GroupOut[] };
    const provenance = summary.sources.map((s) => `${s}:ledger_line`).join('; ');
    return summary.groups.map(({ key, figures }) => ({
      line_kind: key.lineKind ?? null,
      fund_code: key.fundCode ?? null,
      fund_name: key.fund?.name ?? null,
      scheme_code: key.schemeCode ?? null,
      scheme_name: key.scheme?.name ?? null,
      partner_code: key.partnerCode ?? null,
      partner_name: key.partner?.name ?? null,
      locality_code: key.localityCode ?? null,
      locality_name: key.locality?.name ?? null,
      place_code: key.placeCode ?? null,
      scheme_type: key.schemeType ?? null,
      area_of_spend: key.areaOfSpend ?? null,
      scheme_classification_synthetic: key.scheme ? key.scheme.classificationSynthetic : null,
      funding_stream: key.fundingStream ?? null,
      financial_year: key.financialYear ?? null,
      planned: figures.planned,
      actual: figures.actual,
      variance: figures.variance,
      lines: figures.lines,
      lines_without_actual: figures.linesWithoutActual,
      actual_to_date: figures.actualToDate,
      forecast_outturn: figures.forecastOutturn,
      forecast_variance: figures.forecastVariance,
      lines_reported: figures.linesReported,
      forecast_status: figures.forecastReason,
      synthetic_lines: figures.syntheticLines,
      provenance,
    }));
  },
};

/**
 * A fund in the shape of a Better Care Fund planning return: income by partner and funding
 * stream, expenditure by scheme, scheme type, area of spend, commissioner and funding
 * stream, per financial year: the budget export with the return's grouping.
 */
const BCF_RETURN: ExportSpec = {
  ...BUDGET,
  title: 'A pooled fund in the shape of a Better Care Fund planning return',
  variables: (p) => ({
    ...BUDGET.variables(p),
    groupBy: ['LINE_KIND', 'FUND', 'FINANCIAL_YEAR', 'FUNDING_STREAM', 'PARTNER', 'SCHEME', 'SCHEME_TYPE', 'AREA_OF_SPEND'],
  }),
};

interface StructureOut {
  code: string;
  kind: string;
  name: string;
  gssCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  observedOn: string | null;
  source: string;
  parents: {
    relationship: string;
    validFrom: string | null;
    validTo: string | null;
    observedOn: string | null;
    source: string;
    structure: { code: string; kind: string; name: string };
  }[];
}

/**
 * The NHS and local-government lookups (practice → PCN → sub-ICB → ICB, district → county,
 * …): one row per body and link to its parent (a body with no parent has one row), each
 * with its dates and the reference file it comes from.
 */
const STRUCTURES: ExportSpec = {
  query: `query Export($kinds: [StructureKind!]!, $asAt: String) {
    structures(kinds: $kinds, asAt: $asAt) { code kind name gssCode validFrom validTo observedOn source
      parents(asAt: $asAt) { relationship validFrom validTo observedOn source structure { code kind name } } } }`,
  variables: (p) => ({ kinds: list(p.kinds) ?? [], asAt: p.asAt }),
  parameters: { kinds: 'kinds', asAt: 'asAt' },
  columns: STRUCTURE_COLUMNS,
  title: 'NHS and local-government structures and their links, with dates',
  rows: (data) =>
    (data.structures as StructureOut[]).flatMap((s) => {
      const body = {
        code: s.code,
        kind: s.kind,
        name: s.name,
        gss_code: s.gssCode,
        valid_from: s.validFrom,
        valid_to: s.validTo,
        observed_on: s.observedOn,
      };
      if (s.parents.length === 0) return [{ ...body, provenance: s.source }];
      return s.parents.map((l) => ({
        ...body,
        relationship: l.relationship,
        parent_code: l.structure.code,
        parent_kind: l.structure.kind,
        parent_name: l.structure.name,
        link_valid_from: l.validFrom,
        link_valid_to: l.validTo,
        link_observed_on: l.observedOn,
        link_provenance: l.source,
        provenance: s.source,
      }));
    }),
};

/** An area's population estimates: one row per basis, date, age band and sex. */
const POPULATIONS: ExportSpec = {
  query: `query Export($area: String!) { populationEstimates(area: $area) { areaCode estimates { ${DENOMINATOR_FIELDS} sources } } }`,
  variables: (p) => ({ area: p.area }),
  parameters: { area: 'area' },
  columns: POPULATION_COLUMNS,
  title: 'Population estimates of an area, by basis, date, age band and sex',
  rows: (data) => {
    const answer = data.populationEstimates as { areaCode: string; estimates: (DenominatorOut & { sources: string[] })[] };
    return answer.estimates.map((e) => ({
      area_code: answer.areaCode,
      basis: e.basis,
      reference_date: e.referenceDate,
      age_band: e.ageBand,
      sex: e.sex,
      population: e.population,
      summed_areas: e.areaCodes.join(' '),
      provenance: e.sources.join('; '),
    }));
  },
};

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet opens as text, never as a formula: one starting with =, +, -, @, TAB
 * or CR gets a leading apostrophe (OWASP's CSV-injection advice), so a partner's comment
 * "=HYPERLINK(…)" cannot run in another partner's Excel. Numbers (money is sent as text,
 * "-64403.05") stay numbers, which is why csv-stringify's own `escape_formulas` is not used:
 * it would quote them too.
 */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A row of the caller's query as one CSV line: nested fields as `a.b`, lists of values joined by "; ", other lists as JSON. */
function flatten(value: unknown, prefix: string, into: Row): Row {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (Array.isArray(value)) {
    into[prefix] = value.every((v) => v === null || typeof v !== 'object') ? value.join('; ') : JSON.stringify(value);
  } else {
    into[prefix] = (value as string | number | boolean | null | undefined) ?? null;
  }
  return into;
}

/** The list at a dotted path (`localities.nodes`), or, with none given, the first list in the answer. */
function listAt(data: unknown, path: string | undefined): unknown[] {
  if (path) {
    const found = path
      .split('.')
      .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), data);
    if (!Array.isArray(found)) throw badUserInput('rows', `"${path}" is not a list in the answer.`);
    return found;
  }
  const queue: unknown[] = [data];
  while (queue.length > 0) {
    const at = queue.shift();
    if (Array.isArray(at)) return at;
    if (at && typeof at === 'object') queue.push(...Object.values(at as Record<string, unknown>));
  }
  return [];
}

/**
 * Any query the caller may run, as CSV: one row per item of a list in the answer (`rows`,
 * e.g. `localities.nodes`; by default the first list), under the same access and disclosure
 * control, since it is that query run through the same server. Queries only: a mutation
 * is refused here as on `GET /graphql`.
 */
const QUERY: ExportSpec = {
  query: (p) => {
    if (!p.query) throw badUserInput('query', 'Give the GraphQL query to export as "query".');
    const tooDeep = documentTooDeep(p.query);
    if (tooDeep) throw badUserInput(tooDeep.argumentName, tooDeep.message);
    let document;
    try {
      document = parse(p.query);
    } catch {
      return p.query; // Apollo answers the syntax error with its code.
    }
    if (document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== 'query'))
      throw badUserInput('query', 'Only queries can be exported; mutations and subscriptions cannot.');
    return p.query;
  },
  variables: (p) => {
    if (!p.variables) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(p.variables);
    } catch {
      throw badUserInput('variables', '"variables" must be a JSON object; it is not JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw badUserInput(
        'variables',
        `"variables" must be a JSON object, not ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}.`,
      );
    return parsed as Record<string, unknown>;
  },
  operationName: (p) => p.operationName || undefined,
  columns: (rows) => [...new Set(rows.flatMap((r) => Object.keys(r)))],
  title: 'The answer to a GraphQL query, one row per item of a list',
  rows: (data, p) => listAt(data, p.rows).map((item) => flatten(item, item !== null && typeof item === 'object' ? '' : 'value', {})),
};

export const EXPORTS: Record<string, ExportSpec> = {
  query: QUERY,
  'indicator-values': INDICATOR_VALUES,
  'indicator-dictionary': INDICATOR_DICTIONARY,
  budget: BUDGET,
  'bcf-return': BCF_RETURN,
  structures: STRUCTURES,
  populations: POPULATIONS,
};

function stringParams(req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) if (typeof value === 'string') params[name] = value;
  return params;
}

type Answer = { rows: Row[] } | { errors: readonly GraphQLFormattedError[] };

/** The export's operation run through the same server as /graphql, flattened to rows (or its errors). */
async function runExport(
  apollo: ApolloServer<HubContext>,
  spec: ExportSpec,
  params: Record<string, string>,
  contextValue: HubContext,
): Promise<Answer> {
  try {
    const query = typeof spec.query === 'function' ? spec.query(params) : spec.query;
    const variables = spec.variables(params);
    const operationName = spec.operationName?.(params);
    const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('An export answered incrementally');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) return { errors: errors ?? [] };
    return { rows: spec.rows(data, params) };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
    throw error;
  }
}

/** The export a request names, or a 404 naming the exports there are. */
function specFor(req: Request, res: Response): ExportSpec | null {
  const spec = EXPORTS[String(req.params.name)];
  if (!spec) {
    res.status(404).json({
      errors: [
        {
          message: `No export is called "${req.params.name}". Exports: ${Object.keys(EXPORTS).join(', ')}.`,
          extensions: { code: ErrorCode.NOT_FOUND },
        },
      ],
    });
  }
  return spec ?? null;
}

/** `GET /export/<name>.csv?…`: the export, streamed as CSV, or the GraphQL errors as JSON with a 4xx. `bom=true` starts it with a UTF-8 byte-order mark, for Excel. */
export function exportHandler(apollo: ApolloServer<HubContext>, contextFor: (res: Response) => HubContext): RequestHandler {
  return async (req, res, next) => {
    try {
      const spec = specFor(req, res);
      if (!spec) return;
      const params = stringParams(req);
      const answer = await runExport(apollo, spec, params, contextFor(res));
      if ('errors' in answer) return refuse(res, inParameterTerms(String(req.params.name), answer.errors, spec.parameters));
      const { rows } = answer;
      const columns = typeof spec.columns === 'function' ? spec.columns(rows) : namesOf(spec.columns);
      res.status(200).type('text/csv; charset=utf-8').set('content-disposition', `attachment; filename="${req.params.name}.csv"`);
      const csv = stringify({
        header: true,
        columns,
        bom: params.bom === 'true',
        cast: { boolean: (b) => (b ? 'true' : 'false'), string: safeCell },
      });
      csv.pipe(res);
      for (const row of rows) {
        // Respect back-pressure: a slow BI client must not make the hub buffer the whole file.
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
      csv.end();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * `GET /export/<name>.csv-metadata.json?…`: the CSV on the Web metadata of the export with the
 * same parameters (its columns, datatypes, units and descriptions; an empty cell is null). The
 * caller's own query is run to learn its columns, under the same rules as the CSV.
 */
export function exportMetadataHandler(apollo: ApolloServer<HubContext>, contextFor: (res: Response) => HubContext): RequestHandler {
  return async (req, res, next) => {
    try {
      const spec = specFor(req, res);
      if (!spec) return;
      const params = stringParams(req);
      let columns: readonly ColumnDoc[];
      if (typeof spec.columns === 'function') {
        const answer = await runExport(apollo, spec, params, contextFor(res));
        if ('errors' in answer) return refuse(res, answer.errors);
        columns = spec.columns(answer.rows).map((name) =>
          inferredColumn(
            name,
            answer.rows.map((r) => r[name]),
          ),
        );
      } else columns = spec.columns;
      const search = new URL(req.originalUrl, 'http://hub').search;
      // Indented: the document is read by people as well as by CSV-W tools.
      const document = csvwMetadata(`${String(req.params.name)}.csv${search}`, spec.title, columns);
      res
        .status(200)
        .type('application/csvm+json')
        .send(`${JSON.stringify(document, null, 2)}\n`);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Any error refuses the export, as JSON with its status: a file a BI tool loads has no place
 * for "this source was down", so a partial CSV would pass for a whole one (503 names the source).
 */
function refuse(res: Response, errors: readonly GraphQLFormattedError[]): void {
  const code = String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  res.status(statusOf(code)).json({ errors });
}
