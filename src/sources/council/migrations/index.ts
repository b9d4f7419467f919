import { CouncilRegisters1732280000000 } from './1732280000000-CouncilRegisters';
import { CouncilWithdrawnRows1732290000000 } from './1732290000000-CouncilWithdrawnRows';
import { CouncilMeasuresAndLedger1732300000000 } from './1732300000000-CouncilMeasuresAndLedger';
import { CouncilPlansAndEngagement1732300000001 } from './1732300000001-CouncilPlansAndEngagement';
import { CouncilAuditLog1732310000000 } from './1732310000000-CouncilAuditLog';
import { CouncilLoaderKeyIndexes1732320000001 } from './1732320000001-CouncilLoaderKeyIndexes';
import { CouncilSyntheticFlags1740017000000 } from './1740017000000-CouncilSyntheticFlags';
import { CouncilPlanCapacities1740017000001 } from './1740017000001-CouncilPlanCapacities';
import { CouncilHubCreditedPeriod1740017000002 } from './1740017000002-CouncilHubCreditedPeriod';
import { CouncilLedgerFundingStream1740020000003 } from './1740020000003-CouncilLedgerFundingStream';
import { CouncilLedgerQuarters1740020000004 } from './1740020000004-CouncilLedgerQuarters';
import { CouncilPublicStatus1740050000000 } from './1740050000000-CouncilPublicStatus';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [
  CouncilRegisters1732280000000,
  CouncilWithdrawnRows1732290000000,
  CouncilMeasuresAndLedger1732300000000,
  CouncilPlansAndEngagement1732300000001,
  CouncilAuditLog1732310000000,
  CouncilLoaderKeyIndexes1732320000001,
  CouncilSyntheticFlags1740017000000,
  CouncilPlanCapacities1740017000001,
  CouncilHubCreditedPeriod1740017000002,
  CouncilLedgerFundingStream1740020000003,
  CouncilLedgerQuarters1740020000004,
  CouncilPublicStatus1740050000000,
];
