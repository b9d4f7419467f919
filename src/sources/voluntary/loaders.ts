import type { Sql } from '../../db/sql';
import { manyByKey, oneByKey } from '../../loaders/batch';
import { inAreaSql, type Placed, type PostcodeArea } from '../shared/postcodeArea';
import type { ServiceRow } from './rows';

/** A service found by its service area, with the area (ward or council GSS code) it was found under. */
export type ServiceInArea = ServiceRow & { placed_in_area: string };

/** Loaders over a voluntary body's directory, keyed by its own service ids and by ONS area codes. */
export function createVoluntaryLoaders(sql: Sql) {
  return {
    serviceById: oneByKey(
      'voluntary.serviceById',
      (keys) => sql.query<ServiceRow>(`SELECT * FROM service_record WHERE id = ANY($1)`, [keys]),
      (r) => r.id,
    ),
    /** The live services available in each area (a ward's or a council's GSS code). */
    servicesByArea: manyByKey(
      'voluntary.servicesByArea',
      (codes) =>
        sql.query<ServiceInArea>(
          `SELECT a.area_gss AS placed_in_area, r.* FROM service_area a JOIN service_record r ON r.id = a.service_id
            WHERE a.withdrawn_at IS NULL AND a.area_gss = ANY($1)`,
          [codes],
        ),
      (r) => r.placed_in_area,
    ),
    /** The live services delivered at a location whose postcode is in the area, once per ward. */
    servicesAtLocationsInArea: (area: PostcodeArea) =>
      sql.query<Placed<ServiceRow>>(
        // Open Referral names the column postal_code; the shared area join reads `postcode`.
        `WITH placed AS (${inAreaSql('(SELECT *, postal_code AS postcode FROM location)', 'l', area)})
         SELECT DISTINCT p.placed_in_ward, r.* FROM placed p
           JOIN service_at_location sl ON sl.location_id = p.id AND sl.withdrawn_at IS NULL
           JOIN service_record r ON r.id = sl.service_id`,
        [area],
      ),
  };
}

export type VoluntaryLoaders = ReturnType<typeof createVoluntaryLoaders>;
