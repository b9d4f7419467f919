import type { Sql } from '../../db/sql';
import type { ServiceCriteria } from '../../model/search';
import { pageServiceTable, searchServiceTable, type ServicePageQuery, type ServiceTable } from '../serviceSearch';
import type { CommissionedServiceRow } from './rows';

const COMMISSIONED_SERVICES: ServiceTable = { table: 'commissioned_service', key: 'service_code', provider: 'provider_ods' };

/** Commissioned services matching pushed-down criteria, in one statement. */
export const searchCommissionedServices = (sql: Sql, c: ServiceCriteria) => searchServiceTable(sql, COMMISSIONED_SERVICES, c);

/** A page of them in name order, with what the hub needs to know the page is exact (../serviceSearch.ts). */
export const pageCommissionedServices = (sql: Sql, q: ServicePageQuery) =>
  pageServiceTable<CommissionedServiceRow>(sql, COMMISSIONED_SERVICES, q);
