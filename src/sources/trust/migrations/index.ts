import { TrustSites1732280000000 } from './1732280000000-TrustSites';
import { TrustWithdrawnRows1732290000000 } from './1732290000000-TrustWithdrawnRows';
import { TrustMeasuresAndLedger1732300000000 } from './1732300000000-TrustMeasuresAndLedger';
import { TrustAuditLog1732310000000 } from './1732310000000-TrustAuditLog';
import { TrustLoaderKeyIndexes1732320000001 } from './1732320000001-TrustLoaderKeyIndexes';
import { TrustSyntheticFlags1740017000000 } from './1740017000000-TrustSyntheticFlags';
import { TrustLedgerFundingStream1740020000003 } from './1740020000003-TrustLedgerFundingStream';
import { TrustLedgerQuarters1740020000004 } from './1740020000004-TrustLedgerQuarters';
import { TrustPublicStatus1740050000000 } from './1740050000000-TrustPublicStatus';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [
  TrustSites1732280000000,
  TrustWithdrawnRows1732290000000,
  TrustMeasuresAndLedger1732300000000,
  TrustAuditLog1732310000000,
  TrustLoaderKeyIndexes1732320000001,
  TrustSyntheticFlags1740017000000,
  TrustLedgerFundingStream1740020000003,
  TrustLedgerQuarters1740020000004,
  TrustPublicStatus1740050000000,
];
