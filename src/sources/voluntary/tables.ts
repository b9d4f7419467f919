import { SYNTHETIC, opt, partnerTables, req } from '../../ingestion/tables';
import { SERVICE_STATUS } from './rows';

/** ONS's linked-data address of a statistical geography (a ward, a council's area) by its GSS code: what `service_area.uri` holds. */
export const ONS_GEOGRAPHY_URI = 'http://statistics.data.gov.uk/id/statistical-geography/';

/**
 * A voluntary body's service directory in the shape of Open Referral UK (openreferraluk.org):
 * the organisation, its services, where each is available (`service_area`, an area by its
 * ONS URI) and delivered (`location`, `service_at_location`). Columns are Open Referral's,
 * limited to what the hub reads or shows; the one physical address Open Referral keeps in
 * `address` is held by `location`. In dependency order; `organization` always has a row.
 */
export const TABLES = partnerTables([
  {
    table: 'organization',
    key: ['id'],
    columns: [req('id', 'text'), req('name', 'text'), opt('description', 'text'), opt('email', 'text'), opt('url', 'text'), SYNTHETIC],
  },
  {
    table: 'service',
    key: ['id'],
    columns: [
      req('id', 'text'),
      req('organization_id', 'text'),
      req('name', 'text'),
      opt('description', 'text'),
      opt('url', 'text'),
      opt('email', 'text'),
      req('status', { oneOf: SERVICE_STATUS }),
      SYNTHETIC,
    ],
  },
  {
    table: 'service_area',
    key: ['id'],
    columns: [req('id', 'text'), req('service_id', 'text'), opt('name', 'text'), opt('uri', 'text'), SYNTHETIC],
  },
  {
    table: 'location',
    key: ['id'],
    columns: [
      req('id', 'text'),
      opt('name', 'text'),
      opt('description', 'text'),
      opt('address_1', 'text'),
      opt('city', 'text'),
      opt('postal_code', 'postcode'),
      opt('external_identifier', 'text'),
      opt('external_identifier_type', 'text'),
      opt('latitude', 'decimal'),
      opt('longitude', 'decimal'),
      SYNTHETIC,
    ],
  },
  {
    table: 'service_at_location',
    key: ['id'],
    columns: [req('id', 'text'), req('service_id', 'text'), req('location_id', 'text'), SYNTHETIC],
  },
]);
