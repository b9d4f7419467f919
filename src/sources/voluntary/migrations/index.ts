import { VoluntaryDirectory1740030000000 } from './1740030000000-VoluntaryDirectory';

/** Every migration of a voluntary-sector directory's database, in order. Append; never edit a migration that has landed. */
export const migrations = [VoluntaryDirectory1740030000000];
