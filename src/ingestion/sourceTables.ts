import { HUB_KIND_ID } from '../config/sources';
import { kindById } from '../sources/kinds';
import { ExtractError } from './readExtract';
import { HUB_TABLES, type TableSpec } from './tables';

/** A table of one configured source: what `ingest` loads a file into. */
export type SourceTableSpec = TableSpec & { source: string };

export interface DeclaredSource {
  id: string;
  kind: string;
}

/** A source's extract tables, by its kind; undefined for a kind no adapter declares. */
export const tablesOfKind = (kind: string): readonly TableSpec[] | undefined =>
  kind === HUB_KIND_ID ? HUB_TABLES : kindById(kind)?.tables;

/** The table `table` of the configured source `source`, or an error naming what there is. */
export function resolveTableSpec(sources: readonly DeclaredSource[], source: string, table: string): SourceTableSpec {
  const declared = sources.find((s) => s.id === source);
  if (!declared) {
    throw new ExtractError(table, `unknown source "${source}": expected one of ${sources.map((s) => s.id).join(', ')}`);
  }
  const tables = tablesOfKind(declared.kind) ?? [];
  const spec = tables.find((t) => t.table === table);
  if (!spec) {
    const known = tables.map((t) => t.table).join(', ');
    throw new ExtractError(table, `unknown table "${table}" for source ${source} (${declared.kind}): expected one of ${known}`);
  }
  return { ...spec, source };
}
