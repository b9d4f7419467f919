import { z } from 'zod';
import { isCalendarDate } from '../calendarDate';

/**
 * The value types a partner extract may hold, each with the real-world format it must
 * match. A cell is validated as text exactly as it stands in the file; the parsed value is
 * what goes to PostgreSQL (via COPY, as text).
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');

/** `2014/15`: April 2014 to March 2015, the second year the first plus one. */
const financialYear = z
  .string()
  .regex(/^\d{4}\/\d{2}$/, 'must be a financial year written YYYY/YY (e.g. 2014/15)')
  .refine((v) => (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5)), 'must name consecutive years (e.g. 2014/15)');

/** Money as decimal pounds (`1234.56`) or whole pence with a `p` suffix (`123456p`); stored as pounds. */
const money = z
  .string()
  .regex(/^-?(\d+(\.\d{1,2})?|\d+p)$/, 'must be money in decimal pounds (1234.56) or pence (123456p)')
  .transform((v) => (v.endsWith('p') ? penceToPounds(v.slice(0, -1)) : v));

function penceToPounds(pence: string): string {
  const negative = pence.startsWith('-');
  const digits = (negative ? pence.slice(1) : pence).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A JSON array of strings in the cell, written out as a PostgreSQL array literal. */
const textArray = z
  .string()
  .transform((v, ctx) => {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array of strings, e.g. ["a","b"]' });
    return z.NEVER;
  })
  .transform((items) => `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`);

const code = (pattern: RegExp, what: string) => z.string().regex(pattern, `must be ${what}`);

/** A reporting period: a financial year `2014/15`, a quarter of one `2014/15 Q3`, or a month `2014-07`. */
export const PERIOD_PATTERN = /^(\d{4}\/\d{2}( Q[1-4])?|\d{4}-(0[1-9]|1[0-2]))$/;
const period = z
  .string()
  .regex(PERIOD_PATTERN, 'must be a period: a financial year 2014/15, a quarter 2014/15 Q3, or a month 2014-07')
  .refine(
    (v) => !v.includes('/') || (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5, 7)),
    'must name consecutive years (e.g. 2014/15)',
  );

export const COLUMN_TYPES = {
  text: z.string().max(10_000, 'is longer than 10,000 characters'),
  integer: code(/^-?\d{1,9}$/, 'a whole number'),
  boolean: z.enum(['true', 'false'], { message: 'must be true or false' }),
  date: isoDate,
  financialYear,
  money,
  rag: z.enum(['R', 'A', 'G'], { message: 'must be a RAG status: R, A or G' }),
  period,
  decimal: code(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal number (e.g. 12.5)'),
  textArray,
  /** CCG / trust organisation codes: 3 characters (07G, R1L). */
  odsOrg: code(/^[A-Z0-9]{3}$/, 'a 3-character ODS organisation code (e.g. 07G, R1L)'),
  odsPractice: code(/^[A-Z][0-9]{5}$/, 'an ODS practice code: a letter and 5 digits (e.g. F81001)'),
  odsSite: code(/^[A-Z0-9]{5}$/, 'a 5-character ODS site code (e.g. RDDH1)'),
  gss: code(/^[EWSN][0-9]{8}$/, 'an ONS GSS code: a letter and 8 digits (e.g. E06000034)'),
  gssWard: code(/^E05[0-9]{6}$/, 'an ONS ward GSS code: E05 and 6 digits'),
  gssLocalAuthority: code(/^E(0[6-9]|10)[0-9]{6}$/, 'an ONS local authority GSS code (E06…, E07…, E08…, E09… or E10…)'),
  uprn: code(/^[0-9]{1,12}$/, 'a UPRN: up to 12 digits'),
  postcode: code(/^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/, 'a UK postcode in capitals with one space (e.g. RM16 3EU)'),
  /** Any code a provider may be known by: ODS organisation or practice, GSS, or a charity number. */
  /** A configured source's id (SOURCES_FILE): lower-case letters, digits and hyphens. */
  sourceId: code(/^[a-z][a-z0-9-]{0,62}$/, 'a source id: lower-case letters, digits and hyphens (e.g. thurrock-council)'),
  /** An adapter kind's id (src/sources/kinds.ts), e.g. council-registers. */
  sourceKind: code(/^[a-z][a-z0-9-]{0,62}$/, 'a source kind: lower-case letters, digits and hyphens (e.g. council-registers)'),
  organisationCode: code(/^([A-Z0-9]{3}|[A-Z][0-9]{5}|[EWSN][0-9]{8}|[0-9]{6,8})$/, 'an ODS code, GSS code or charity number'),
} as const;

export type ColumnType = keyof typeof COLUMN_TYPES | { oneOf: readonly string[] };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
}

export type CellResult = { ok: true; value: string | null } | { ok: false; reason: string };

export function validatorFor(column: ColumnSpec): (cell: string) => CellResult {
  const schema: z.ZodType<string, string> =
    typeof column.type === 'string'
      ? (COLUMN_TYPES[column.type] as z.ZodType<string, string>)
      : z.enum(column.type.oneOf as [string, ...string[]], { message: `must be one of ${column.type.oneOf.join(', ')}` });
  return (cell) => {
    if (cell === '') {
      return column.required ? { ok: false, reason: `${column.name} is required` } : { ok: true, value: null };
    }
    const parsed = schema.safeParse(cell);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, reason: `${column.name} "${truncate(cell)}" ${parsed.error.issues[0]?.message ?? 'is invalid'}` };
  };
}

const truncate = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
