import { ccgPrimaryCare } from './ccg/kind';
import { councilRegisters } from './council/kind';
import type { SourceKind } from './kind';
import { trustSites } from './trust/kind';
import { voluntaryDirectory } from './voluntary/kind';

/** Kinds kept outside src/sources/ (an embedding program's, a test's), added before the hub starts. */
const added: SourceKind[] = [];

/**
 * Every adapter kind the hub can run sources of: one line each. A function, not a constant:
 * the kinds' modules and the model import each other, and a list made while one of them is
 * still loading would hold a hole.
 */
export const sourceKinds = (): readonly SourceKind[] => [ccgPrimaryCare, councilRegisters, trustSites, voluntaryDirectory, ...added];

/**
 * Adds a kind whose folder is not under src/sources/: the sources file may then name it, as
 * it names the kinds above. Call it before the hub reads its configuration.
 */
export function addSourceKind(kind: SourceKind): void {
  if (sourceKinds().some((k) => k.id === kind.id)) throw new Error(`A source kind "${kind.id}" is already registered`);
  added.push(kind);
}

export const kindById = (id: string): SourceKind | undefined => sourceKinds().find((k) => k.id === id);
