/**
 * What each column of the fixed CSV exports holds: its name, CSV on the Web datatype, unit and
 * description. The exports take their column lists from here, and the CSV-W metadata document
 * beside each export (`<export>.csv-metadata.json`) is written from it, so a column is
 * described once. An empty cell is null: not reported, withheld or not applicable, never 0
 * (the status columns say which).
 */

/** The CSV-W built-in datatypes the exports use (https://www.w3.org/TR/tabular-data-primer/#datatypes). */
export type CsvwDatatype = 'string' | 'integer' | 'decimal' | 'boolean' | 'date';

export interface ColumnDoc {
  name: string;
  datatype: CsvwDatatype;
  description: string;
  /** The unit of a number (e.g. 'GBP'); absent where it has none or the row's unit column says. */
  unit?: string;
}

const col = (name: string, datatype: CsvwDatatype, description: string, unit?: string): ColumnDoc => ({
  name,
  datatype,
  description,
  ...(unit ? { unit } : {}),
});

const PROVENANCE = col('provenance', 'string', 'Where the row came from: source:table:native key@last changed, "; " between several.');

export const INDICATOR_VALUE_COLUMNS: readonly ColumnDoc[] = [
  col('indicator_code', 'string', "The measuring partner's own code for the indicator."),
  col('indicator_name', 'string', 'The indicator’s name.'),
  col('unit', 'string', 'The unit of value and target (e.g. "delayed days", "percent of people").'),
  col('area_code', 'string', 'The area measured: a locality code, a GSS code or an ODS code.'),
  col('period', 'string', 'The reporting period: a financial year 2014/15, a quarter 2014/15 Q3 or a month 2014-07.'),
  col('period_kind', 'string', 'MONTH, QUARTER or YEAR (financial, April to March).'),
  col('period_start', 'date', 'First day of the period.'),
  col('period_end', 'date', 'Last day of the period.'),
  col('value', 'decimal', 'The value as the source states it, with its precision; empty when withheld or not recorded (see value_status).'),
  col('numerator', 'integer', 'The count the value is of; empty when withheld or not given.'),
  col('denominator', 'integer', 'The count the value is out of; empty when withheld or not given.'),
  col(
    'ci95_lower',
    'decimal',
    'Lower 95% confidence limit, in the unit, from the numerator and denominator shown; empty when they are not.',
  ),
  col('ci95_upper', 'decimal', 'Upper 95% confidence limit, in the unit.'),
  col('ci_method', 'string', 'WILSON_SCORE (a percentage) or BYAR (a rate per N people).'),
  col('england_value', 'decimal', 'England’s value of the same measure and period, where the reference data has it.'),
  col('england_rate_per_population', 'decimal', 'England’s value as the declared rate per population (e.g. per 100,000 adults).'),
  col(
    'compared_to_england',
    'string',
    "BETTER, SIMILAR, WORSE (Fingertips' convention: the 95% interval against England's value), HIGHER, LOWER or NOT_COMPARED (no interval).",
  ),
  col('suppressed', 'boolean', 'True when the numbers are withheld from this caller under the disclosure rule (rag_reason says why).'),
  col('value_status', 'string', 'PUBLISHED, WITHHELD (disclosure control) or NOT_RECORDED (the source records no value).'),
  col('target', 'decimal', 'The partnership’s target for the period, in the indicator’s unit; empty where none is set.'),
  col('target_synthetic', 'boolean', 'True when the target was generated (demo data), not set by the partnership.'),
  col('rag', 'string', 'RED, AMBER or GREEN against the target; empty when there is no target or value to judge.'),
  col('rag_reason', 'string', 'Why the RAG status is what it is (or why the value is withheld), in numbers.'),
  col('rag_synthetic', 'boolean', 'True when the value or target judged was generated (demo data): the RAG is then not a real assessment.'),
  col('synthetic', 'boolean', 'True when the value was generated (demo data), not measured.'),
  col(
    'flags',
    'string',
    'How the value was made, space-separated (SUMMED_OVER_LATER_MAP: summed over parts not yet parts then; GAP_BEFORE: the period before has no value).',
  ),
  col('rate_per_day', 'decimal', 'The value divided by the days in its period, where the indicator declares it.'),
  col('rate_per_population', 'decimal', 'The rate per day per the declared number of people of the declared cohort.'),
  col('rate_population_denominator', 'string', 'The population the rate divides by: basis, age band, sex, date = count (areas).'),
  col('rate_reason', 'string', 'Why a declared rate is empty.'),
  col('rolled_up_from', 'string', 'The areas summed (space-separated) where the source does not measure this area itself.'),
  PROVENANCE,
];

export const BUDGET_COLUMNS: readonly ColumnDoc[] = [
  col('line_kind', 'string', 'CONTRIBUTION (money into the fund) or ALLOCATION (money out of it); never added together.'),
  col('fund_code', 'string', 'The pooled fund’s id.'),
  col('fund_name', 'string', 'The pooled fund’s name.'),
  col('scheme_code', 'string', 'The scheme’s id (allocations only).'),
  col('scheme_name', 'string', 'The scheme’s name.'),
  col('partner_code', 'string', 'The partner’s ODS or GSS code.'),
  col('partner_name', 'string', 'The partner’s name.'),
  col('locality_code', 'string', 'The locality’s code (allocations only; contributions carry none).'),
  col('locality_name', 'string', 'The locality’s name.'),
  col('place_code', 'string', 'GSS code of the locality’s local authority district.'),
  col('scheme_type', 'string', 'The scheme’s type as a Better Care Fund return names it.'),
  col('area_of_spend', 'string', 'The scheme’s area of spend as a Better Care Fund return records it.'),
  col(
    'scheme_classification_synthetic',
    'boolean',
    'True when scheme_type and area_of_spend are the hub’s demo classification, not a document’s; empty without a scheme.',
  ),
  col('funding_stream', 'string', 'The Better Care Fund funding stream.'),
  col('financial_year', 'string', 'The financial year, YYYY/YY (April to March).'),
  col('planned', 'decimal', 'Sum of the planned amounts.', 'GBP'),
  col('actual', 'decimal', 'Sum of the actual amounts recorded; empty where no line has one (not reported, not zero).', 'GBP'),
  col('variance', 'decimal', 'actual − planned; empty where actual is.', 'GBP'),
  col('lines', 'integer', 'Ledger lines summed.'),
  col('lines_without_actual', 'integer', 'Lines with no actual recorded yet.'),
  col('actual_to_date', 'decimal', 'With a quarter: spend to date at its end, over the lines reported; empty when none is.', 'GBP'),
  col('forecast_outturn', 'decimal', 'With a quarter: forecast outturn for the year, over the lines reported; empty when none is.', 'GBP'),
  col('forecast_variance', 'decimal', 'forecast_outturn − the planned amounts of the lines reported; empty when none is.', 'GBP'),
  col(
    'lines_reported',
    'integer',
    'With a quarter: lines with that quarter’s monitoring (contributions have none); empty without a quarter.',
  ),
  col('forecast_status', 'string', 'Why the forecast columns are empty (not reported) or partial; empty when every line reports.'),
  col('synthetic_lines', 'integer', 'Lines whose amounts were generated (demo data): the figures are not real when above zero.'),
  col('provenance', 'string', 'The configured sources whose ledgers were read.'),
];

export const STRUCTURE_COLUMNS: readonly ColumnDoc[] = [
  col('code', 'string', 'The body’s ODS or GSS code.'),
  col('kind', 'string', 'What the body is (CCG, PCN, UNITARY_AUTHORITY, ...).'),
  col('name', 'string', 'The body’s name in that span.'),
  col('gss_code', 'string', 'Its ONS GSS code, where it has one.'),
  col('valid_from', 'date', 'First day of the span; empty where the reference data gives none.'),
  col('valid_to', 'date', 'Last day of the span; empty while it is in force or where the reference data gives none.'),
  col('observed_on', 'date', 'The day a source observed it, where the source gives no dates.'),
  col('relationship', 'string', 'The link to the parent (MEMBER_OF_PCN, IN_NHS_REGION, ...); empty for a body with no parent.'),
  col('parent_code', 'string', 'The parent’s code.'),
  col('parent_kind', 'string', 'The parent’s kind.'),
  col('parent_name', 'string', 'The parent’s name.'),
  col('link_valid_from', 'date', 'First day the link held.'),
  col('link_valid_to', 'date', 'Last day the link held.'),
  col('link_observed_on', 'date', 'The day a source observed the link, where it gives no dates.'),
  col('link_provenance', 'string', 'The reference file (or documented fact) the link to the parent comes from.'),
  col('provenance', 'string', 'The reference file (or documented fact) the body’s row comes from.'),
];

export const POPULATION_COLUMNS: readonly ColumnDoc[] = [
  col('area_code', 'string', 'The area asked for.'),
  col('basis', 'string', 'RESIDENT (ONS mid-year estimates) or GP_REGISTERED (practice list sizes).'),
  col('reference_date', 'date', 'The estimate’s date (2017-06-30 for mid-2017).'),
  col('age_band', 'string', 'The ages counted ("ALL", "18+", "65+", "0-17", ...).'),
  col('sex', 'string', 'ALL, MALE or FEMALE.'),
  col('population', 'integer', 'The estimate: the sum of the summed areas’ estimates.', 'people'),
  col('summed_areas', 'string', 'The areas whose estimates were summed (space-separated).'),
  col('provenance', 'string', 'The reference files the estimates come from.'),
];

export const INDICATOR_DICTIONARY_COLUMNS: readonly ColumnDoc[] = [
  col('indicator_id', 'string', 'The indicator’s global id (for /export/indicator-values.csv and indicator(id:)).'),
  col('indicator_code', 'string', "The measuring partner's own code for the indicator."),
  col('indicator_name', 'string', 'The indicator’s name.'),
  col('unit', 'string', 'The unit of its values.'),
  col('polarity', 'string', 'HIGHER_IS_BETTER or LOWER_IS_BETTER.'),
  col('measured_by', 'string', 'The kind of partner system that measures it.'),
  col('frequency', 'string', 'How often a value is given.'),
  col('definition', 'string', 'What it measures; empty where its publisher does not state it.'),
  col('numerator_definition', 'string', 'What the numerator counts.'),
  col('denominator_definition', 'string', 'What the denominator counts.'),
  col('method', 'string', 'How the value is worked out.'),
  col('source', 'string', 'Where the values come from.'),
  col('publisher', 'string', 'Who publishes them.'),
  col('caveats', 'string', 'What a reader must know, " | " between several.'),
  col('disclosure_rule', 'string', 'The disclosure control its values are under.'),
  col('collection_ended', 'string', 'The last period collected, where the collection has ended.'),
  col('metadata_synthetic', 'boolean', 'True when the indicator and its metadata are generated (demo data).'),
];

export const namesOf = (columns: readonly ColumnDoc[]): string[] => columns.map((c) => c.name);

/** The datatype of a column of the caller's own query, from the values it holds. */
export function inferredColumn(name: string, values: readonly unknown[]): ColumnDoc {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  const all = (test: (v: unknown) => boolean) => present.length > 0 && present.every(test);
  const datatype: CsvwDatatype = all((v) => typeof v === 'boolean')
    ? 'boolean'
    : all((v) => typeof v === 'number' && Number.isInteger(v))
      ? 'integer'
      : all((v) => typeof v === 'number')
        ? 'decimal'
        : 'string';
  return col(name, datatype, `The answer's field ${name} (nested fields joined by ".").`);
}

/**
 * The CSV-W metadata document for one export (W3C Metadata Vocabulary for Tabular Data): the
 * table's URL relative to the document, its columns, and that an empty cell is null.
 */
export function csvwMetadata(csvUrl: string, title: string, columns: readonly ColumnDoc[]): Record<string, unknown> {
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'en' }],
    url: csvUrl,
    'dc:title': title,
    'dc:publisher': 'The integrated care hub',
    dialect: { header: true, encoding: 'utf-8' },
    tableSchema: {
      columns: columns.map((c) => ({
        name: c.name,
        titles: c.name,
        datatype: c.datatype === 'boolean' ? { base: 'boolean', format: 'true|false' } : c.datatype,
        null: '',
        'dc:description': c.description,
        ...(c.unit ? { 'schema:unitText': c.unit } : {}),
      })),
    },
  };
}
