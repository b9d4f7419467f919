import { CouncilRegisters1732280000000 } from './1732280000000-CouncilRegisters';
import { CouncilWithdrawnRows1732290000000 } from './1732290000000-CouncilWithdrawnRows';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [CouncilRegisters1732280000000, CouncilWithdrawnRows1732290000000];
