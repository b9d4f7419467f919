import { CcgPrimaryCare1732280000000 } from './1732280000000-CcgPrimaryCare';
import { CcgWithdrawnRows1732290000000 } from './1732290000000-CcgWithdrawnRows';
import { CcgMeasuresAndLedger1732300000000 } from './1732300000000-CcgMeasuresAndLedger';
import { CcgAuditLog1732310000000 } from './1732310000000-CcgAuditLog';
import { CcgLoaderKeyIndexes1732320000001 } from './1732320000001-CcgLoaderKeyIndexes';
import { CcgSyntheticFlags1740017000000 } from './1740017000000-CcgSyntheticFlags';
import { CcgGpHubCodes1740017000001 } from './1740017000001-CcgGpHubCodes';
import { CcgLedgerFundingStream1740020000003 } from './1740020000003-CcgLedgerFundingStream';
import { CcgLedgerQuarters1740020000004 } from './1740020000004-CcgLedgerQuarters';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [
  CcgPrimaryCare1732280000000,
  CcgWithdrawnRows1732290000000,
  CcgMeasuresAndLedger1732300000000,
  CcgAuditLog1732310000000,
  CcgLoaderKeyIndexes1732320000001,
  CcgSyntheticFlags1740017000000,
  CcgGpHubCodes1740017000001,
  CcgLedgerFundingStream1740020000003,
  CcgLedgerQuarters1740020000004,
];
