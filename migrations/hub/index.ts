import { HubRegistry1732280000000 } from './1732280000000-HubRegistry';
import { IngestRuns1732290000000 } from './1732290000000-IngestRuns';
import { OutcomesAndFunds1732300000000 } from './1732300000000-OutcomesAndFunds';
import { ApiKeys1732310000000 } from './1732310000000-ApiKeys';
import { KeysetPagingIndexes1732320000000 } from './1732320000000-KeysetPagingIndexes';
import { HubLoaderKeyIndexes1732320000001 } from './1732320000001-HubLoaderKeyIndexes';
import { SharedEntityLinks1732330000000 } from './1732330000000-SharedEntityLinks';
import { HubSyntheticFlags1740017000000 } from './1740017000000-HubSyntheticFlags';
import { HubLocalityPcnCodes1740017000001 } from './1740017000001-HubLocalityPcnCodes';
import { HubOrganisationsInTime1740017000002 } from './1740017000002-HubOrganisationsInTime';
import { HubDocumentFacts1740017000003 } from './1740017000003-HubDocumentFacts';
import { IngestRunsRunning1740014000000 } from './1740014000000-IngestRunsRunning';
import { IndicatorPeriodicityAndDisclosure1740020000000 } from './1740020000000-IndicatorPeriodicityAndDisclosure';
import { Structures1740020000001 } from './1740020000001-Structures';
import { PopulationEstimates1740020000002 } from './1740020000002-PopulationEstimates';
import { SchemeClassification1740020000003 } from './1740020000003-SchemeClassification';
import { ConfiguredSources1740030000000 } from './1740030000000-ConfiguredSources';
import { PlacedLinks1740040000000 } from './1740040000000-PlacedLinks';
import { PopulationEstimatesByArea1740050000000 } from './1740050000000-PopulationEstimatesByArea';
import { ComparatorValues1740050000001 } from './1740050000001-ComparatorValues';
import { DataSharing1740060000000 } from './1740060000000-DataSharing';
import { IngestRunsAbandoned1740060000001 } from './1740060000001-IngestRunsAbandoned';

/** Every migration of this database, in order. Append; never edit a migration that has landed. */
export const migrations = [
  HubRegistry1732280000000,
  IngestRuns1732290000000,
  OutcomesAndFunds1732300000000,
  ApiKeys1732310000000,
  KeysetPagingIndexes1732320000000,
  HubLoaderKeyIndexes1732320000001,
  SharedEntityLinks1732330000000,
  IngestRunsRunning1740014000000,
  HubSyntheticFlags1740017000000,
  HubLocalityPcnCodes1740017000001,
  HubOrganisationsInTime1740017000002,
  HubDocumentFacts1740017000003,
  IndicatorPeriodicityAndDisclosure1740020000000,
  Structures1740020000001,
  PopulationEstimates1740020000002,
  SchemeClassification1740020000003,
  ConfiguredSources1740030000000,
  PlacedLinks1740040000000,
  PopulationEstimatesByArea1740050000000,
  ComparatorValues1740050000001,
  DataSharing1740060000000,
  IngestRunsAbandoned1740060000001,
];
