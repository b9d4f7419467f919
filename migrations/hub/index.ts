import { HubRegistry1732280000000 } from './1732280000000-HubRegistry';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [HubRegistry1732280000000];
