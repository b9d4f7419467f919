import { CcgPrimaryCare1732280000000 } from './1732280000000-CcgPrimaryCare';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [CcgPrimaryCare1732280000000];
