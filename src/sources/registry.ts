import type { SourceLoaders } from '../loaders';
import type { SourceAdapter } from './adapter';
import type { SourceKind } from './kind';
import { kindById } from './kinds';

/** A configured partner source as a request sees it: its kind and the shared model's view of it. */
export interface PartnerSource {
  readonly id: string;
  readonly kind: SourceKind;
  /** The codes of the organisations whose data it holds (empty: not declared). */
  readonly organisations: readonly string[];
  readonly adapter: SourceAdapter;
}

export interface PartnerDeclaration {
  id: string;
  kind: string;
  organisations?: readonly string[];
}

/** The configured partner sources (the sources file's entries other than the hub's registry), each with its adapter. */
export function partnerSources(declared: readonly PartnerDeclaration[]): PartnerSource[] {
  return declared.map(({ id, kind: kindId, organisations = [] }) => {
    const kind = kindById(kindId);
    if (!kind) throw new Error(`Source "${id}" is of kind "${kindId}", which no adapter in src/sources/kinds.ts declares`);
    const own = (loaders: SourceLoaders) => loaders.of(kind, id);
    return { id, kind, organisations, adapter: kind.adapter(id, own) };
  });
}
