import { HubRegistry1732280000000 } from './1732280000000-HubRegistry';
import { IngestRuns1732290000000 } from './1732290000000-IngestRuns';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [HubRegistry1732280000000, IngestRuns1732290000000];
