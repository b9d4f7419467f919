import { ccgPrimaryCare } from './ccg/kind';
import { councilRegisters } from './council/kind';
import type { SourceKind } from './kind';
import { trustSites } from './trust/kind';
import { voluntaryDirectory } from './voluntary/kind';

/**
 * Every adapter kind the hub can run sources of: one line each. A function, not a constant:
 * the kinds' modules and the model import each other, and a list made while one of them is
 * still loading would hold a hole.
 */
export const sourceKinds = (): readonly SourceKind[] => [ccgPrimaryCare, councilRegisters, trustSites, voluntaryDirectory];

export const kindById = (id: string): SourceKind | undefined => sourceKinds().find((k) => k.id === id);
