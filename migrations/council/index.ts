import { CouncilRegisters1732280000000 } from './1732280000000-CouncilRegisters';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [CouncilRegisters1732280000000];
