/**
 * Where a plan's own printed RAG counts differ from the actions the hub holds, the document's
 * count and why, so a summary that differs from the paper says so. The plan source has no
 * place for these facts (its tables hold actions and statuses), so they are declared here,
 * each with where it is stated: the demo build's record of what it did not rebuild
 * (scripts/demo-data/plan.ts, PLAN_NOT_REBUILT, and data/demo/PROVENANCE.md).
 */

export interface PrintedRag {
  red: number;
  amber: number;
  green: number;
  reasons: string[];
}

const PRINTED: Record<string, PrintedRag> = {
  // Seed 001, Thurrock's Joint Health and Wellbeing Strategy End of Year Delivery Plan 2014/15.
  'THR-JHWS-2014-15|2014/15': {
    red: 3,
    amber: 24,
    green: 20,
    reasons: [
      'One R is printed on a row whose beginning is missing (a page is missing: objective, action and lead are not in the document), so no action holds it.',
      'One G is printed twice for THR-JHWS-O10-X01 (its continuation row repeats it); the action has one status.',
      'Three actions have an empty RAG cell: they are counted as not recorded, which the printed letters do not show.',
    ],
  },
};

/** The document's printed counts for a plan's period, where they differ from the hub's; null where none are declared. */
export const printedRagOf = (strategyRef: string, period: string | null): PrintedRag | null =>
  period === null ? null : (PRINTED[`${strategyRef}|${period}`] ?? null);
