import type { IndicatorValueModel } from '../model/indicators';
import type { Policy } from '../server/context';
import type { IndicatorModel } from '../sources/hub/outcomeLoaders';
import type { Caller } from './caller';

/**
 * The access rules that depend on the row rather than on the field, stated once. Field,
 * type and enum-value rules are declared in the schema with `@access` and enforced by
 * src/auth/accessDirective.ts, which also applies `ROW_RULES` to every field answering the
 * type; `node(id:)` applies both. docs/access.md is the table of all of them.
 */

/** Rows a caller below partner level may not see, by GraphQL type name. */
export const ROW_RULES: Record<string, (caller: Caller, row: unknown) => boolean> = {
  // Unpublished indicators are for partners only.
  Indicator: (caller, row) => (row as IndicatorModel).published || caller.role !== 'PUBLIC',
};

// Small-number disclosure control is a rule on the numbers, written once in src/model/disclosure.ts
// (who reads exact values: src/model/areas.ts `viewerOf`) and applied as an indicator's values are loaded.
