import { HUB_SOURCE_ID } from '../config/sources';
import type { DataCategory } from '../generated/graphql';
import type { HubContext } from '../server/context';
import type { IndicatorModel } from '../sources/hub/outcomeLoaders';
import { mayReadHeld, type Caller } from './caller';

/**
 * The access rules that depend on the row rather than on the field, stated once. Field,
 * type and enum-value rules are declared in the schema with `@access` and enforced by
 * src/auth/accessDirective.ts, which also applies `ROW_RULES`, and the data-category rule
 * for the types in `HELD_BY`, to every field answering the type; `node(id:)` applies both.
 * docs/access.md is the table of all of them.
 */

/** What a row rule may look at: who is calling, and which configured sources there are. */
export type AccessContext = Pick<HubContext, 'caller' | 'loaders'>;

/** Rows a caller below partner level may not see, by GraphQL type name. */
export const ROW_RULES: Record<string, (caller: Caller, row: unknown) => boolean> = {
  // Unpublished indicators are for partners only.
  Indicator: (caller, row) => (row as IndicatorModel).published || caller.role !== 'PUBLIC',
};

/**
 * The sources that hold a row, for each type with fields or rows of a data category
 * (`@access(category:)`). An estate is not here: its records come from several holders and
 * are withheld record by record before they are merged (src/model/merge.ts, `withheldFor`).
 */
export const HELD_BY: Record<string, (row: unknown) => readonly string[]> = {
  PlanAction: (row) => (row as Provenanced).sources.map((s) => s.source),
  ActionStatus: (row) => [(row as FromSource).source],
  IngestRun: (row) => [(row as FromSource).source],
  DataQuality: (row) => [(row as FromSource).source],
};

// The shapes the rows share, not the models of any source kind: the policy names no kind.
type Provenanced = { sources: readonly { source: string }[] };
type FromSource = { source: string };

/**
 * May the caller read a category of the data these sources hold: the one question every path
 * asks. A source holds the data of the organisations it declares (`organisations` in the
 * sources file); the hub's own registry is shared by every partner.
 */
export function mayReadFrom(ctx: AccessContext, category: DataCategory, sources: readonly string[]): boolean {
  if (ctx.caller.role === 'PUBLIC') return false;
  return sources.some(
    (id) => id === HUB_SOURCE_ID || mayReadHeld(ctx.caller, category, ctx.loaders.partners.find((p) => p.id === id)?.organisations ?? []),
  );
}

/** The configured sources (the registry among them) whose data of a category the caller reads. */
export const sourcesReadable = (ctx: AccessContext, category: DataCategory): string[] =>
  [HUB_SOURCE_ID, ...ctx.loaders.partners.map((p) => p.id)].filter((id) => mayReadFrom(ctx, category, [id]));

// Small-number disclosure control is a rule on the numbers, written once in src/model/disclosure.ts
// (who reads exact values: src/model/areas.ts `viewerOf`) and applied as an indicator's values are loaded.
