import { declaredSchema } from '../graphql/typeDefs';
import type { EstateRecord } from '../model/types';
import { categoryFieldsOf, type CategoryField } from './accessDirective';
import { mayReadFrom, type AccessContext } from './policy';

/**
 * Data-sharing for entities that several partners' records make up (an estate in a council's
 * register and a trust's site list): each record's fields of a category are withheld before
 * the records are merged, where its holder does not share the category with the caller. The
 * merged answer is then what the shared records say (the trust's IN_USE, where the council's
 * SURPLUS is not shared; else the council record's last public status), so neither a field
 * nor a filter nor a count can tell that a disposal plan was recorded.
 */

let estateFields: CategoryField[] | undefined;
const withheld = new WeakMap<AccessContext, (record: EstateRecord) => EstateRecord>();

/** The caller's view of estate records: one function per request, so the merge of each estate is made once. */
export function estateRecordsFor(ctx: AccessContext): (record: EstateRecord) => EstateRecord {
  let view = withheld.get(ctx);
  if (!view) {
    const fields = (estateFields ??= categoryFieldsOf(declaredSchema(), 'Estate'));
    view = (record) => withhold(ctx, fields, record);
    withheld.set(ctx, view);
  }
  return view;
}

/**
 * The record with each field of a category its holder does not share with the caller
 * withheld: null, or for an enum value of a category, the record's last public value
 * (`public<Field>`, kept by the partner's database), so recording a disposal plan changes
 * nothing the caller sees or counts.
 */
function withhold<R extends EstateRecord>(ctx: AccessContext, fields: readonly CategoryField[], record: R): R {
  let copy: Record<string, unknown> | null = null;
  for (const { field, category, values } of fields) {
    const value = (record as unknown as Record<string, unknown>)[field];
    if (value == null || (values && !values.has(String(value)))) continue;
    if (mayReadFrom(ctx, category, [record.provenance.source])) continue;
    copy ??= { ...(record as unknown as Record<string, unknown>) };
    copy[field] = values ? (copy[publicOf(field)] ?? null) : null;
  }
  return (copy as unknown as R | null) ?? record;
}

const publicOf = (field: string): string => `public${field[0]!.toUpperCase()}${field.slice(1)}`;
